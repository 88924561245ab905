"""The line classifier of the plain-text cleaner, one scraped line at a time (FR and EN)."""

from __future__ import annotations

import pytest

from veille.clean.text_lexicon import normalise, phrases
from veille.clean.text_quotes import is_attribution, is_whole_quote, repeated_lines
from veille.clean.text_rules import LineKind, classify, tidy

K = LineKind

CASES: list[tuple[str, LineKind]] = [
    # ad labels: exact lines only
    ("Publicité", K.AD_LABEL),
    ("PUBLICITÉ", K.AD_LABEL),
    ("Advertisement", K.AD_LABEL),
    ("Messages sponsorisés", K.AD_LABEL),
    ("Contenus sponsorisés", K.AD_LABEL),
    ("Sponsored", K.AD_LABEL),
    ("La suite après cette publicité", K.AD_LABEL),
    ("La publicité ciblée représente 60 % du marché.", K.BODY),
    # related-article headings and inline link lines
    ("Lire également", K.RELATED_HEADING),
    ("À lire aussi :", K.RELATED_HEADING),
    ("Sur le même sujet", K.RELATED_HEADING),
    ("Recent Posts", K.RELATED_HEADING),
    ("Related articles", K.RELATED_HEADING),
    ("Most popular", K.RELATED_HEADING),
    ("Lire aussi : Orange relève ses objectifs", K.INLINE_RELATED),
    ("» Lire aussi - Orange relève ses objectifs", K.INLINE_RELATED),
    ("À lire aussi Orange relève ses objectifs", K.INLINE_RELATED),
    ("Read more: Acme to cut 500 jobs", K.INLINE_RELATED),
    ("Voir aussi le rapport annuel de l'Arcep publié en juin.", K.BODY),
    ("Read more about the deal in our earlier coverage", K.BODY),
    # end headings
    ("Laisser un commentaire", K.END_HEADING),
    ("Leave a Reply", K.END_HEADING),
    # consent banners
    ("Pour gérer vos consentements :", K.CONSENT),
    ("Nous utilisons des cookies pour améliorer votre expérience.", K.CONSENT),
    ("Accept all cookies", K.CONSENT),
    ("Paramétrer les cookies", K.CONSENT),
    ("Tout accepter", K.CONSENT),
    # photo credits and captions
    ("©Photo News", K.CREDIT),
    ("© AFP", K.CREDIT),
    ("Crédit photo : Jean Dupont", K.CREDIT),
    ("Crédits photos : Bestimage", K.CREDIT),
    ("Photo: Jane Doe/Reuters", K.CREDIT),
    ("(Photo by John Smith/Getty Images)", K.CREDIT),
    ("Le PDG lors de l'assemblée générale, le 3 juin 2024. REUTERS/Benoit Tessier", K.CREDIT),
    ("Image d'illustration", K.CREDIT),
    ("Copyright 2024 Acme Media. All rights reserved.", K.CREDIT),
    ("Crédit Agricole relève ses prévisions", K.BODY),
    ("Copyright law is changing fast in Europe.", K.BODY),
    ("Le protocole repose sur TCP/IP", K.BODY),
    ("Les résultats ont été publiés mardi (AFP)", K.BODY),
    # share and subscribe prompts
    ("Partager", K.SHARE),
    ("Share on Facebook", K.SHARE),
    ("Abonnez-vous à notre newsletter", K.SHARE),
    ("S'inscrire à la newsletter", K.SHARE),
    ("Subscribe", K.SHARE),
    ("Sign up for a Hulu ad-free account for $11.99 a month", K.BODY),
    ("Newsletter publishers such as Postly are raising prices.", K.BODY),
    # dates
    ("2 jours ago", K.RELATIVE_DATE),
    ("il y a 3 heures", K.RELATIVE_DATE),
    ("Il y a une heure", K.RELATIVE_DATE),
    ("3 hours ago", K.RELATIVE_DATE),
    ("hier", K.RELATIVE_DATE),
    ("Hier à 14h32", K.RELATIVE_DATE),
    ("Yesterday", K.RELATIVE_DATE),
    ("Publié le 12 mars 2024 à 10h32", K.DATE_LINE),
    ("Mis à jour le 12/03/2024", K.DATE_LINE),
    ("Tuesday, March 12, 2024", K.DATE_LINE),
    ("Hier, le conseil a validé le plan.", K.BODY),
    # bylines, navigation, debris, labels
    ("Par Claire Dumont", K.BYLINE),
    ("By Jane Doe and John Smith", K.BYLINE),
    ("Par ailleurs, le groupe investit.", K.BODY),
    ("Accueil", K.NAV),
    ("Menu", K.NAV),
    ("Rechercher", K.NAV),
    ("n", K.STRAY),
    ("•", K.STRAY),
    ("———", K.STRAY),
    ("Categories: Régulations", K.CATEGORY),
    ("Catégorie : Télécoms", K.CATEGORY),
    ("Rubrique : Médias", K.CATEGORY),
    ("Tags : 5G, fibre, Arcep", K.TAGS),
    ("Objectif: 30% de croissance par an", K.BODY),
    ("", K.BLANK),
    ("   \t ", K.BLANK),
]


@pytest.mark.parametrize(("line", "kind"), CASES)
def test_classify(line: str, kind: LineKind) -> None:
    assert classify(0, line).kind is kind


def test_category_value_is_kept_verbatim() -> None:
    assert classify(0, "Catégorie\u00a0: Télécoms & Médias").label_value == "Télécoms & Médias"


def test_tidy_trims_and_folds_spaces_but_keeps_characters() -> None:
    assert tidy("\ufeff  Le  titre\u00a0« symbolique »\t a bondi  ") == "Le titre\u00a0« symbolique » a bondi"


def test_normalise_ignores_case_accents_apostrophes_and_decoration() -> None:
    assert normalise("» À LIRE AUSSI :") == "a lire aussi"
    assert normalise("Aujourd’hui") == "aujourd'hui"


def test_lists_are_loaded_normalised() -> None:
    assert "publicite" in phrases("ad_labels")
    assert "lire egalement" in phrases("related_headings")
    assert all(entry == normalise(entry) for entry in phrases("navigation"))


def test_quote_shapes() -> None:
    assert is_whole_quote("« Nous allons trouver un accord. »")
    assert is_whole_quote('"Mais nous allons trouver un accord."')
    assert not is_whole_quote('"Mais nous allons trouver un accord", assure le patron.')
    assert is_attribution("jane doe ceo de acme")
    assert is_attribution("— Jane Doe, CEO d'Acme")
    assert not is_attribution("Jane Doe est la nouvelle CEO d'Acme.")


def test_repeated_lines_keep_the_first_copy_of_a_plain_repeat() -> None:
    texts = [
        "Le groupe emploie 3 000 personnes dans douze pays européens.",
        "Une autre phrase qui n'a rien à voir avec la précédente.",
        "Le groupe emploie 3 000 personnes dans douze pays européens.",
    ]
    assert repeated_lines(texts, [0, 2, 4]) == {2}


def test_a_new_quotation_is_not_a_pull_quote() -> None:
    texts = [
        "Le groupe a présenté ses résultats annuels mardi à Paris devant les analystes.",
        "« Nous visons une croissance de 10 % par an jusqu'en 2030 »",
        "jane doe ceo de acme",
    ]
    assert repeated_lines(texts, [0, 2, 3]) == set()
