"""Second audit of French articles the rules were not written on, and POPCORN role constructions:
one invented sentence per cause; the wrong reading stays silent, the right one next to it is found."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Relations = Callable[..., list[dict[str, Any]]]


def _found(relations_of: Relations, marked: str, **kwargs: Any) -> set[tuple[str, str, str]]:
    return {(r["type"], r["subject"], r["object"]) for r in relations_of(marked, **kwargs)}


# ---- "A, la maison mère de B, et C, ...": the comma before "et" closes the apposition ----------------
def test_parent_apposition_stops_at_a_comma_before_et(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "Le décret vise [Norvia|ORG], la maison mère de [Pixo|ORG], et [Calder|ORG], "
        "propriétaire de la messagerie Zap.",
    )
    assert ("subsidiary", "Pixo", "Norvia") in found
    assert ("subsidiary", "Calder", "Norvia") not in found


def test_parent_apposition_keeps_a_plain_list(relations_of: Relations) -> None:
    found = _found(
        relations_of, "[Norvia|ORG], la maison mère de [Pixo|ORG] et [Lumo|ORG], a publié ses comptes."
    )
    assert {("subsidiary", "Pixo", "Norvia"), ("subsidiary", "Lumo", "Norvia")} <= found


# ---- "sa maison mère X": the possessor is the subsidiary, X the parent --------------------------------
def test_possessive_parent_points_from_the_possessor(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "La marque [Biscuits Lune|ORG] versera un million. "
        "Sa maison mère [Gravel Foods|ORG] a annoncé un plan.",
    )
    assert ("subsidiary", "Biscuits Lune", "Gravel Foods") in found
    assert ("subsidiary", "Gravel Foods", "Biscuits Lune") not in found


def test_possessive_unit_still_points_to_the_possessor(relations_of: Relations) -> None:
    found = _found(relations_of, "[Gravel Foods|ORG] a cédé sa marque [Biscuits Lune|ORG] l'an dernier.")
    assert ("subsidiary", "Biscuits Lune", "Gravel Foods") in found


# ---- a title without its organisation: the company named nearest before it, not the clause subject ----
def test_bare_title_takes_the_nearer_company_description(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "[Radio Bleue|ORG] a présenté son plan. Selon le cabinet [Orvo|ORG], l'année a été calme "
        "du fait d'une vacance à la tête du groupe après le départ de l'ex-PDG [Marc Dutel|PER].",
    )
    assert ("role", "Marc Dutel", "Orvo") not in found


def test_bare_title_skips_an_unresolved_company_description(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "Le cabinet [Orvo|ORG] a noté une vacance à la tête de l'entreprise après le départ "
        "de l'ex-PDG [Marc Dutel|PER].",
    )
    assert ("role", "Marc Dutel", "Orvo") not in found


def test_bare_title_still_takes_the_clause_subject(relations_of: Relations) -> None:
    found = _found(
        relations_of, "[Orvo|ORG] a vu ses ventes reculer sous la direction du PDG [Marc Dutel|PER]."
    )
    assert ("role", "Marc Dutel", "Orvo") in found


# ---- a trigger complementing a negated noun is negated: "n'a pas l'intention de céder X" -------------
def test_no_intention_to_sell_is_no_divestment(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "[Orbis|ORG] n'a pas l'intention de céder [Kelvo|ORG], malgré la concurrence de [Zéta|ORG].",
    )
    assert not {t for t in found if t[0] in ("divestment", "subsidiary")}, found


def test_an_intention_to_sell_is_still_a_divestment(relations_of: Relations) -> None:
    found = _found(relations_of, "[Orbis|ORG] a l'intention de céder [Kelvo|ORG] d'ici la fin de l'année.")
    assert ("divestment", "Orbis", "Kelvo") in found


# ---- "le groupe" is the company the article introduced as "le groupe X" ------------------------------
def test_le_groupe_is_the_company_introduced_as_a_group(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "Le groupe [Orbis|ORG] a publié ses résultats. [Orbis Pro|ORG], la filiale dédiée aux entreprises, "
        "va recruter. Le groupe confirme être entré en négociations pour acquérir [Kelvo|ORG].",
    )
    assert ("acquisition", "Orbis", "Kelvo") in found
    assert ("acquisition", "Orbis Pro", "Kelvo") not in found


def test_le_groupe_without_a_label_is_the_recent_subject(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "[Orbis|ORG] a publié ses résultats. Le groupe confirme être entré en négociations pour "
        "acquérir [Kelvo|ORG].",
    )
    assert ("acquisition", "Orbis", "Kelvo") in found


# ---- a verb's fallback subject is never a name inside a complement -----------------------------------
def test_a_complement_name_is_not_the_subject_of_a_later_verb(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "L'opération permettrait de servir les clients du [Consortium Nord|ORG] et de concurrencer "
        "directement [Kelvo|ORG] sur les grands comptes.",
    )
    assert ("competition", "Consortium Nord", "Kelvo") not in found
    assert ("competition", "Kelvo", "Consortium Nord") not in found


# ---- POPCORN role constructions ---------------------------------------------------------------------
def test_person_of_a_named_kind_of_organisation(relations_of: Relations) -> None:
    found = _found(
        relations_of, "La réunion entre [Paul Roux|PER] de la société [Kelvo|ORG] et les élus a duré."
    )
    assert ("role", "Paul Roux", "Kelvo") in found


def test_person_of_a_place_is_no_role(relations_of: Relations) -> None:
    found = _found(
        relations_of, "La réunion entre [Paul Roux|PER] de la ville de [Kelvo|ORG] et les élus a duré."
    )
    assert ("role", "Paul Roux", "Kelvo") not in found


def test_person_with_fellow_members(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "[Léa Fabre|PER] et deux membres de l'association « [Lire Ensemble|ORG] » ont apporté des livres.",
    )
    assert ("role", "Léa Fabre", "Lire Ensemble") in found


def test_person_beside_members_of_another_group_is_no_member(relations_of: Relations) -> None:
    found = _found(
        relations_of, "[Léa Fabre|PER] a reçu deux membres de l'association [Lire Ensemble|ORG] hier."
    )
    assert ("role", "Léa Fabre", "Lire Ensemble") not in found


def test_organisation_to_which_a_person_belonged(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "L'accident a fait réagir la « [Cellule des Forestiers|ORG] » "
        "à laquelle appartenait [Paul Roux|PER].",
    )
    assert ("role", "Paul Roux", "Cellule des Forestiers") in found


def test_title_before_a_capitalised_kind_of_organisation(relations_of: Relations) -> None:
    found = _found(relations_of, "[Paul Roux|PER], Président de la Fondation [Kelvo|ORG], a été blessé.")
    assert ("role", "Paul Roux", "Kelvo") in found


def test_title_of_a_described_association(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "Les membres de l'[Union des Lecteurs|ORG] se sont réunis à Lyon. [Paul Roux|PER], le président "
        "de l'association, a remercié les donateurs.",
    )
    assert ("role", "Paul Roux", "Union des Lecteurs") in found


def test_person_who_created_a_quoted_organisation(relations_of: Relations) -> None:
    found = _found(
        relations_of, "Pour prévenir ces crues, [Paul Roux|PER] a créé l'ONG « [Digue Verte|ORG] »."
    )
    assert ("role", "Paul Roux", "Digue Verte") in found


def test_a_group_named_in_passing_is_not_le_groupe(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "[Kelvo|ORG] vise les grandes entreprises, où la filiale du groupe [Orbis|ORG] domine. "
        "[Kelvo|ORG] a publié ses comptes. Le groupe a confirmé vouloir céder [Zéta|ORG].",
    )
    assert ("divestment", "Orbis", "Zéta") not in found


def test_a_description_before_an_unrecognised_quoted_name_is_not_resolved(relations_of: Relations) -> None:
    found = _found(
        relations_of,
        "L'[Union Verte|ORG] a réuni ses adhérents hier soir. [Léa Fabre|PER], présidente de "
        "l'organisation \"Solv\", n'a pas pu ramener le calme.",
    )
    assert ("role", "Léa Fabre", "Union Verte") not in found
