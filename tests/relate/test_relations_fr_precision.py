"""False alarms found by auditing French articles the rules were not written on, one invented
sentence per cause: the wrong reading must stay silent, and the right reading next to it must not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Relations = Callable[..., list[dict[str, Any]]]


def _found(relations_of: Relations, marked: str, **kwargs: Any) -> set[tuple[str, str, str]]:
    return {(r["type"], r["subject"], r["object"]) for r in relations_of(marked, **kwargs)}


# ---- a reflexive transaction verb is a middle voice: what is sold, not who sells ---------------------
def test_se_vendre_is_a_price_not_a_sale(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "[Le Quotidien Neuf|ORG] se vend 3 euros, [La Gazette Bleue|ORG] 2,50 euros "
        "et [Le Matin Vert|ORG] un euro.",
    )
    assert not {t for t in found if t[0] in ("divestment", "subsidiary")}, found


def test_a_plain_sale_is_still_a_divestment(relations_of: Relations) -> None:
    found = _found(relations_of, "[Orbis|ORG] vend sa filiale [Kelvo|ORG] à [Zéphyr Télécom|ORG].")
    assert ("divestment", "Orbis", "Kelvo") in found


# ---- a preposition ends a list of organisations ------------------------------------------------------
def test_role_stops_at_a_venue_after_its_organisation(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "[Paul Martin|PER], président de l'[Union des Boulangers|ORG], sur [Radio Neuf|ORG], "
        "a confirmé la date.",
    )
    assert ("role", "Paul Martin", "Union des Boulangers") in found
    assert ("role", "Paul Martin", "Radio Neuf") not in found


# ---- a possessive inside a bracket belongs to the name the bracket was opened on ---------------------
def test_possessive_in_brackets_is_the_bracketed_company(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "Les deux constructeurs, [Verdi|ORG] ([Alto|ORG], [Basso|ORG]) et [Zéphyr|ORG] "
        "(avec sa propre marque, [Brio|ORG] et [Celer|ORG]) ont progressé en mai.",
    )
    assert ("subsidiary", "Brio", "Zéphyr") in found
    assert ("subsidiary", "Brio", "Verdi") not in found


# ---- "actionnaire du constructeur au Trèfle": the words between hold their own complement ----------
def test_shareholder_of_a_description_is_not_of_the_next_name(relations_of: Relations) -> None:
    found = _found(relations_of, "[Orbis|ORG] est le principal actionnaire du constructeur au [Trèfle|ORG].")
    assert not {t for t in found if t[0] == "stake"}, found


def test_shareholder_of_a_name_is_a_stake(relations_of: Relations) -> None:
    found = _found(relations_of, "[Orbis|ORG] est le principal actionnaire de [Trèfle|ORG].")
    assert ("stake", "Orbis", "Trèfle") in found


# ---- "l'offre d'Oracle" is Oracle's bid, not a bid for Oracle ------------------------------------------
def test_offer_of_a_company_names_the_bidder(relations_of: Relations) -> None:
    found = _found(relations_of, "Le régulateur [Cfax|ORG] examinait toujours l'offre d'[Orbis|ORG] jeudi.")
    assert not {t for t in found if t[0] == "acquisition"}, found


def test_takeover_of_a_company_names_the_target(relations_of: Relations) -> None:
    found = _found(relations_of, "[Zéphyr|ORG] a finalisé jeudi le rachat de [Kelvo|ORG].")
    assert ("acquisition", "Zéphyr", "Kelvo") in found


# ---- a product named after a company ---------------------------------------------------------------
def test_name_with_a_complement_is_not_a_product_of_its_first_word(relations_of: Relations) -> None:
    found = _found(relations_of, "La [Ligue|ORG] a reporté le tirage de la [Ligue des Étoiles|MISC] à mardi.")
    assert ("product", "Ligue", "Ligue des Étoiles") not in found


def test_company_seen_only_inside_the_product_name_is_no_maker(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        'La frise s\'appelle "[Savoir|ORG] graph". Son entrée [Savoir Graph|MISC] a disparu mardi.',
    )
    assert ("product", "Savoir", "Savoir Graph") not in found


def test_product_named_after_its_maker(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "[Molo|ORG] a présenté mardi son bouquet. L'offre [Molo extended|PRODUCT] arrive en mai.",
    )
    assert ("product", "Molo", "Molo extended") in found


# ---- "avocat de X": X is a client ------------------------------------------------------------------
def test_lawyer_of_an_association_is_counsel_not_staff(relations_of: Relations) -> None:
    found = _found(relations_of, "[Paul Martin|PER], avocat de [SOS Entraide|ORG], a plaidé la relaxe.")
    assert ("role", "Paul Martin", "SOS Entraide") not in found


def test_lawyer_at_a_firm_holds_a_post(relations_of: Relations) -> None:
    found = _found(relations_of, "[Paul Martin|PER], avocat chez [Darrois Frères|ORG], a plaidé la relaxe.")
    assert ("role", "Paul Martin", "Darrois Frères") in found


# ---- a description does not fall back on the main company when the sentence before is about another --
def test_description_after_a_sentence_about_another_name_is_not_the_main_company(
    relations_of: Relations,
) -> None:
    found = _found(
        relations_of,
        "[Orbis|ORG] a signé un accord. [Orbis|ORG] investira 30 millions. Le patron d'[Orbis|ORG] est ravi. "
        "Pour [Armor Câble|PER], l'alliance change d'échelle. L'entreprise, fondée en 2011 par "
        "[Yann Kerr|PER], emploie 640 salariés.",
    )
    assert ("role", "Yann Kerr", "Orbis") not in found


# ---- a direct object never follows a place preposition ------------------------------------------------
def test_launch_in_a_country_is_no_product(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "The offer, run by [Orbis|ORG], will launch in [Belgia|MISC] and [Hispania|MISC] in early 2025.",
        language="en",
    )
    assert not {t for t in found if t[0] == "product"}, found


# ---- the organisation after a title may be in quotes, behind a describing noun -----------------------
def test_role_reaches_a_quoted_name_behind_a_describing_noun(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "Madame [Léa Fabre|PER], présidente de l'association « [Lire Ensemble|ORG] », a ouvert la séance.",
    )
    assert ("role", "Léa Fabre", "Lire Ensemble") in found


def test_role_reaches_a_name_behind_an_acronym_noun(relations_of: Relations) -> None:
    found = _found(
        relations_of, "[Léa Fabre|PER], la responsable de l'ONG [Terre Claire|ORG], a salué les secours."
    )
    assert ("role", "Léa Fabre", "Terre Claire") in found


def test_role_reaches_a_name_in_paired_single_quotes(relations_of: Relations) -> None:
    found = _found(
        relations_of, "[Paul Roux|PER], membre de l'association ‘’[Vote Libre|ORG]’’, a été convié."
    )
    assert ("role", "Paul Roux", "Vote Libre") in found
