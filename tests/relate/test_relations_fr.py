"""One invented French sentence per construction and per relation type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Triples = Callable[..., set[tuple[str, str, str]]]
Relations = Callable[..., list[dict[str, Any]]]


def _one(relations_of: Relations, marked: str, rel_type: str, **kwargs: Any) -> dict[str, Any]:
    found = [r for r in relations_of(marked, **kwargs) if r["type"] == rel_type]
    assert len(found) == 1, found
    return found[0]


# ---- role --------------------------------------------------------------------------------------------
def test_role_apposition_with_title(relations_of: Relations) -> None:
    rel = _one(
        relations_of,
        "[Marie Dupont|PER], directrice générale de [Zéphyr Télécom|ORG], a présenté ses comptes.",
        "role",
    )
    assert (rel["subject"], rel["object"]) == ("Marie Dupont", "Zéphyr Télécom")
    assert rel["attributes"] == {"title": "directrice générale"}


def test_role_title_before_name(relations_of: Relations) -> None:
    rel = _one(relations_of, "Le patron de [Canal Neuf|ORG] [Paul Martin|PER] a quitté la réunion.", "role")
    assert (rel["subject"], rel["object"], rel["attributes"]["title"]) == (
        "Paul Martin",
        "Canal Neuf",
        "patron",
    )


def test_role_former_status_from_ex(relations_of: Relations) -> None:
    rel = _one(relations_of, "L'ex-PDG de [Verdi|ORG], [Jean Roux|PER], conteste la décision.", "role")
    assert rel["attributes"] == {"title": "PDG", "status": "former"}


def test_role_title_runs_to_its_preposition(relations_of: Relations) -> None:
    rel = _one(
        relations_of,
        "[Léa Fabre|PER], ancienne directrice de la stratégie et de l'innovation chez [Orbis|ORG], "
        "a rejoint le projet.",
        "role",
    )
    assert rel["attributes"] == {"title": "directrice de la stratégie et de l'innovation", "status": "former"}


def test_role_possessive_title(relations_of: Relations) -> None:
    rel = _one(
        relations_of,
        "[Orbis|ORG] a publié ses comptes, a indiqué son directeur financier [Luc Morel|PER].",
        "role",
    )
    assert (rel["subject"], rel["object"], rel["attributes"]["title"]) == (
        "Luc Morel",
        "Orbis",
        "directeur financier",
    )


def test_role_predicate_with_a_list_of_posts(triples: Triples, relations_of: Relations) -> None:
    marked = (
        "[Anne Petit|PER] a été successivement directrice de [Alba|ORG], membre du conseil d'administration "
        "de [Borea|ORG], puis présidente de [Cirrus|ORG]."
    )
    assert triples(marked) == {("role", "Anne Petit", org) for org in ("Alba", "Borea", "Cirrus")}
    assert all(r["attributes"]["status"] == "former" for r in relations_of(marked))


def test_role_appointment_is_incoming(relations_of: Relations) -> None:
    rel = _one(
        relations_of,
        "Le conseil d'administration de [Delta Rail|ORG] a nommé [Sophie Laurent|PER] au poste de "
        "directrice générale.",
        "role",
    )
    assert (rel["subject"], rel["object"]) == ("Sophie Laurent", "Delta Rail")
    assert rel["attributes"] == {"status": "incoming", "title": "directrice générale"}


def test_role_career_verbs_and_coordination(triples: Triples) -> None:
    found = triples(
        "[Hugo Lenoir|PER] a travaillé chez [Alba|ORG], puis [Borea|ORG], avant de diriger les marques "
        "[Cirrus|ORG] et [Dorado|ORG]."
    )
    assert found == {("role", "Hugo Lenoir", org) for org in ("Alba", "Borea", "Cirrus", "Dorado")}


def test_role_fronted_adjunct(triples: Triples) -> None:
    found = triples(
        "Nommé en mars à la tête de [Stratus|ORG], [Omar Haddad|PER] prépare un plan d'économies."
    )
    assert found == {("role", "Omar Haddad", "Stratus")}


def test_role_quote_attributed_to_a_titled_person(triples: Triples) -> None:
    found = triples(
        '"Nous allons accélérer", a déclaré [Nadia Perrin|PER], présidente de [Kappa Énergie|ORG].'
    )
    assert found == {("role", "Nadia Perrin", "Kappa Énergie")}


def test_role_succession_gives_the_predecessor_a_former_role(relations_of: Relations) -> None:
    found = relations_of(
        "[Claire Moreau|PER] est la nouvelle directrice générale de [Sigma|ORG]. "
        "Elle succède à [Henri Blanc|PER], parti à la retraite."
    )
    henri = [r for r in found if r["subject"] == "Henri Blanc"]
    assert len(henri) == 1 and henri[0]["object"] == "Sigma"
    assert henri[0]["attributes"] == {"status": "former", "title": "directrice générale"}


# ---- subsidiary and product ---------------------------------------------------------------------------
def test_subsidiary_apposition(triples: Triples) -> None:
    assert triples("Il affronte [Equinoxe|ORG], filiale de [Soleil Industries|ORG], sur ce marché.") == {
        ("subsidiary", "Equinoxe", "Soleil Industries")
    }


def test_subsidiary_group_in_brackets(triples: Triples) -> None:
    assert triples("Les éditions [Plume|ORG] (groupe [Encre|ORG]) progressent de 12 %.") == {
        ("subsidiary", "Plume", "Encre")
    }


def test_subsidiary_parent_apposition_with_a_list(triples: Triples) -> None:
    found = triples(
        "[Holdex|ORG], la maison mère de [Alpha Soft|ORG] et [Beta Cloud|ORG], a publié ses comptes."
    )
    assert found == {("subsidiary", "Alpha Soft", "Holdex"), ("subsidiary", "Beta Cloud", "Holdex")}


def test_subsidiary_units_in_brackets(triples: Triples) -> None:
    found = triples("Le groupe [Radiox|ORG] ([Fréquence Un|ORG], [Onde Deux|ORG]) a tenu son assemblée.")
    assert found == {("subsidiary", "Fréquence Un", "Radiox"), ("subsidiary", "Onde Deux", "Radiox")}


def test_subsidiary_parent_verb_with_units(triples: Triples) -> None:
    found = triples(
        "[Mosaic|ORG], qui rassemble notamment les marques [Pixa|ORG], [Tessel|ORG] et [Vitro|ORG], "
        "a recruté."
    )
    assert found == {("subsidiary", unit, "Mosaic") for unit in ("Pixa", "Tessel", "Vitro")}


def test_subsidiary_belongs_to(triples: Triples) -> None:
    assert triples("[Pixa|ORG], qui fait partie du groupe [Mosaic|ORG], double ses ventes.") == {
        ("subsidiary", "Pixa", "Mosaic")
    }


def test_product_possessive_with_coordination(triples: Triples) -> None:
    found = triples(
        "[Proxima|ORG] et sa plateforme [Vizio|PRODUCT] ont trouvé un accord avec [Télé Sud|ORG]."
    )
    assert ("product", "Proxima", "Vizio") in found
    assert ("partnership", "Proxima", "Télé Sud") in found
    assert ("partnership", "Proxima", "Vizio") not in found


def test_product_named_after_its_company(triples: Triples) -> None:
    assert triples("Les abonnés de [Orbis Musique|PRODUCT] augmentent, selon [Orbis|ORG].") == {
        ("product", "Orbis", "Orbis Musique")
    }


# ---- partnership, competition ---------------------------------------------------------------------------
def test_partnership_coordination_gives_one_per_partner(triples: Triples) -> None:
    found = triples(
        "[Canal Neuf|ORG] a signé des accords avec les opérateurs [Rezo|ORG], [Fibra|ORG], [Ondine|ORG] "
        "et [Celsa|ORG]."
    )
    assert found == {("partnership", "Canal Neuf", other) for other in ("Rezo", "Fibra", "Ondine", "Celsa")}


def test_partnership_between(triples: Triples) -> None:
    assert triples("Le partenariat entre [Alba|ORG] et [Borea|ORG] porte sur la distribution.") == {
        ("partnership", "Alba", "Borea")
    }


def test_competition_against(triples: Triples) -> None:
    assert triples("[Nimbus|ORG] entre en concurrence frontale avec [Cumulus|ORG] en Europe.") == {
        ("competition", "Cumulus", "Nimbus")
    }


def test_competition_possessive_rivals(triples: Triples) -> None:
    found = triples("Le marché profite à [Strato|ORG] et à ses deux rivaux, [Alto|ORG] et [Cirro|ORG].")
    assert found == {("competition", "Alto", "Strato"), ("competition", "Cirro", "Strato")}


def test_competition_in_a_quote_is_the_speakers_company(triples: Triples) -> None:
    found = triples('"Notre principal concurrent reste [Nimbus|ORG]", explique le patron de [Stratus|ORG].')
    assert found == {("competition", "Nimbus", "Stratus")}


# ---- acquisition, divestment, stake, merger, lawsuit ------------------------------------------------------
def test_acquisition_active_completed(relations_of: Relations) -> None:
    rel = _one(relations_of, "[Vortex|ORG] a racheté [Hélix|ORG] pour 2 milliards d'euros.", "acquisition")
    assert (rel["subject"], rel["object"], rel["attributes"]) == ("Vortex", "Hélix", {"status": "completed"})


def test_acquisition_passive(triples: Triples) -> None:
    assert triples("[Hélix|ORG] a été rachetée par [Vortex|ORG] l'an dernier.") == {
        ("acquisition", "Vortex", "Hélix")
    }


def test_acquisition_noun_with_agent(relations_of: Relations) -> None:
    rel = _one(
        relations_of, "Le rachat de [Hélix|ORG] par [Vortex|ORG] sera examiné par Bruxelles.", "acquisition"
    )
    assert (rel["subject"], rel["object"], rel["attributes"]) == ("Vortex", "Hélix", {"status": "announced"})


def test_acquisition_rumoured_lowers_confidence(relations_of: Relations) -> None:
    plain = _one(relations_of, "[Vortex|ORG] rachète [Hélix|ORG].", "acquisition")
    rumour = _one(
        relations_of, "[Vortex|ORG] pourrait racheter [Hélix|ORG], selon des rumeurs.", "acquisition"
    )
    assert rumour["attributes"]["status"] == "rumoured"
    assert rumour["confidence"] < plain["confidence"]


def test_divestment_with_buyer_and_the_implied_acquisition(relations_of: Relations) -> None:
    found = relations_of("[Orion|ORG] a cédé sa filiale [Vega|ORG] à [Sirius|ORG] en 2021.")
    div = [r for r in found if r["type"] == "divestment"]
    acq = [r for r in found if r["type"] == "acquisition"]
    assert [(r["subject"], r["object"]) for r in div] == [("Orion", "Vega")]
    assert div[0]["attributes"]["buyer"] == "org:sirius"
    assert [(r["subject"], r["object"], r["attributes"]["status"]) for r in acq] == [
        ("Sirius", "Vega", "completed")
    ]


def test_stake_with_percent(relations_of: Relations) -> None:
    rel = _one(relations_of, "[Atlas|ORG] détient 20 % du capital de [Titan|ORG].", "stake")
    assert (rel["subject"], rel["object"], rel["attributes"]) == ("Atlas", "Titan", {"percent": 20.0})


def test_stake_apposition(triples: Triples) -> None:
    assert triples("La décision de [Atlas|ORG] (l'actionnaire principal de [Titan|ORG]) surprend.") == {
        ("stake", "Atlas", "Titan")
    }


def test_lawsuit_complaint(triples: Triples) -> None:
    assert triples("[Nova|ORG] a porté plainte contre [Quasar|ORG] devant le tribunal de commerce.") == {
        ("lawsuit", "Nova", "Quasar")
    }


def test_merger_of_two_subjects(triples: Triples) -> None:
    assert triples("[Alpha Banque|ORG] et [Beta Crédit|ORG] vont fusionner d'ici l'été.") == {
        ("merger", "Alpha Banque", "Beta Crédit")
    }


def test_merger_between(triples: Triples) -> None:
    assert triples("La fusion entre [Alpha Banque|ORG] et [Beta Crédit|ORG] est bouclée.") == {
        ("merger", "Alpha Banque", "Beta Crédit")
    }
