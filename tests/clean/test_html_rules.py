"""The line rules applied to trafilatura's text: what is furniture and what is body."""

from __future__ import annotations

import pytest

from veille.clean.html_rules import fold, is_boilerplate, join_paragraphs, paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "Publicité",
        "PUBLICITÉ",
        "Advertisement",
        "Liens commerciaux",
        "© AFP",
        "©ANDREAS SOLARO / AFP",
        "Crédit photo : Reuters",
        "Crédits photos : Bestimage",
        "Photo : AFP / Lionel Bonaventure",
        "Image illustrative",
        "Lire aussi : Bouygues Telecom accélère dans la 5G",
        "À lire aussi » Free lance une offre",
        "Read more: Acme shares jump",
        "Nous utilisons des cookies pour mesurer l'audience de ce site.",
        "This website uses cookies to improve your experience.",
        "Pour gérer vos consentements :",
        "Le Site et ses 80 partenaires utilisent des cookies pour mesurer l'audience.",
        "Chaque matin, l'essentiel de l'actualité dans votre boîte mail.",
        "Abonnez-vous à notre newsletter",
        "Subscribe now to our eNATION edition for the full story.",
        "Sign up for our daily briefing",
        "Mots-clés : Orange, SFR, fibre",
        "Category : Press Releases",
        "Publié le 12 mars 2024 à 10h30",
        "Mis à jour le 13/03/2024",
        "Updated March 3, 2024 at 10:00 a.m. ET",
        "Tous droits réservés",
        "Accueil | Marchés | Télécoms | Médias",
        "| Accueil \\| Marchés \\| Télécoms | |",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Orange a annoncé jeudi un accord avec SFR sur la publicité en ligne.",
        "La publicité représente 40 % du chiffre d'affaires du groupe.",
        "Photographie de la tour Eiffel en 1900, elle fut longtemps contestée.",
        "Le rapport publié le 12 mars 2024 montre une hausse des abonnements.",
        "Le 12 mars 2024, Orange a annoncé la fin du réseau cuivre.",
        "Crédit Agricole a relevé ses prévisions pour l'année, à la surprise des analystes du secteur.",
        "Category killers such as Amazon changed retail for good: the rest followed.",
        "Subscribers grew by 3 % in the quarter, the company said.",
        "La CNIL reproche à Google de ne pas permettre de refuser les cookies aussi facilement.",
        "Image quality matters for streaming services, says the regulator in its report on video.",
        "Привет, мир",
        "서울에서 열린 회의",
        "| Opérateur | Abonnés | Réseau |",
        "| Orange, SFR \\| Free \\| Bouygues | 42 |",
        "Résultats | Orange publie ses comptes et confirme ses objectifs | Marchés",
    ],
)
def test_body_lines_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_long_lines_are_never_dropped() -> None:
    assert not is_boilerplate("Publicité " + "x" * 500)


def test_paragraphs_drop_repeated_title_fold_spaces_and_join() -> None:
    text = "Le titre\n  Premier   paragraphe\u00a0ici.  \n\n\nPublicité\nSecond paragraphe."
    blocks = paragraphs(text, title="Le  titre")
    assert blocks == ["Premier paragraphe ici.", "Second paragraphe."]
    assert join_paragraphs(blocks) == "Premier paragraphe ici.\n\nSecond paragraphe."


def test_title_only_dropped_when_first() -> None:
    blocks = paragraphs("Un paragraphe.\nLe titre", title="Le titre")
    assert blocks == ["Un paragraphe.", "Le titre"]


def test_fold() -> None:
    assert fold("  « À LIRE aussi » : ") == "a lire aussi"
    assert fold("Crédits’ photos") == "credits' photos"
