"""One invented English sentence per construction and per relation type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Triples = Callable[..., set[tuple[str, str, str]]]
Relations = Callable[..., list[dict[str, Any]]]


def _en(triples: Triples, marked: str) -> set[tuple[str, str, str]]:
    return triples(marked, "en")


def test_role_apposition(relations_of: Relations) -> None:
    found = relations_of("[Dana Reed|PER], chief executive of [Northwind|ORG], said sales grew.", "en")
    assert [(r["subject"], r["object"], r["attributes"]) for r in found] == [
        ("Dana Reed", "Northwind", {"title": "chief executive"})
    ]


def test_role_company_title_name(relations_of: Relations) -> None:
    found = relations_of("[Northwind|ORG] CEO [Dana Reed|PER] announced the plan.", "en")
    assert [(r["subject"], r["object"], r["attributes"]) for r in found] == [
        ("Dana Reed", "Northwind", {"title": "CEO"})
    ]


def test_role_possessive(triples: Triples) -> None:
    assert _en(triples, "[Northwind|ORG] cut costs, its chief financial officer, [Ali Khan|PER], said.") == {
        ("role", "Ali Khan", "Northwind")
    }


def test_role_former(relations_of: Relations) -> None:
    found = relations_of("[Ben Ortiz|PER], the former president of [Castor|ORG], joined the board.", "en")
    assert found[0]["attributes"] == {"title": "president", "status": "former"}


def test_role_founded_passive(triples: Triples) -> None:
    assert _en(triples, "[Castor|ORG] was founded by [Ben Ortiz|PER] in 1999.") == {
        ("role", "Ben Ortiz", "Castor")
    }


def test_subsidiary_apposition(triples: Triples) -> None:
    assert _en(triples, "[Lumen|ORG], a subsidiary of [Helios Group|ORG], opened an office.") == {
        ("subsidiary", "Lumen", "Helios Group")
    }


def test_subsidiary_parent_apposition(triples: Triples) -> None:
    assert _en(triples, "[Helios Group|ORG], the parent company of [Lumen|ORG], reported results.") == {
        ("subsidiary", "Lumen", "Helios Group")
    }


def test_product_possessive(triples: Triples) -> None:
    assert _en(triples, "[Castor|ORG] launched its new platform [Beamly|PRODUCT] on Monday.") == {
        ("product", "Castor", "Beamly")
    }


def test_acquisition_active_and_passive(triples: Triples) -> None:
    assert _en(triples, "[Vortex|ORG] acquired [Helix|ORG] for $2 billion.") == {
        ("acquisition", "Vortex", "Helix")
    }
    assert _en(triples, "[Helix|ORG] was bought by [Vortex|ORG] last year.") == {
        ("acquisition", "Vortex", "Helix")
    }


def test_divestment_with_buyer(relations_of: Relations) -> None:
    found = relations_of("[Orion|ORG] sold [Vega|ORG] to [Sirius|ORG] in 2021.", "en")
    div = [r for r in found if r["type"] == "divestment"]
    assert [(r["subject"], r["object"], r["attributes"]["buyer"]) for r in div] == [
        ("Orion", "Vega", "org:sirius")
    ]


def test_stake_with_percent(relations_of: Relations) -> None:
    found = relations_of("[Atlas|ORG] holds a 20% stake in [Titan|ORG].", "en")
    assert [(r["type"], r["subject"], r["object"], r["attributes"]) for r in found] == [
        ("stake", "Atlas", "Titan", {"percent": 20.0})
    ]


def test_partnership_with_a_list(triples: Triples) -> None:
    assert _en(triples, "[Canal Nine|ORG] signed a partnership with [Rezo|ORG] and [Fibra|ORG].") == {
        ("partnership", "Canal Nine", "Rezo"),
        ("partnership", "Canal Nine", "Fibra"),
    }


def test_competition_rivals(triples: Triples) -> None:
    assert _en(triples, "[Nimbus|ORG] and [Cumulus|ORG] are rivals in cloud storage.") == {
        ("competition", "Cumulus", "Nimbus")
    }


def test_merger(triples: Triples) -> None:
    assert _en(triples, "[Alpha Bank|ORG] agreed to merge with [Beta Credit|ORG].") == {
        ("merger", "Alpha Bank", "Beta Credit")
    }


def test_lawsuit(triples: Triples) -> None:
    assert _en(triples, "[Nova|ORG] sued [Quasar|ORG] in a federal court.") == {("lawsuit", "Nova", "Quasar")}


def test_negation_drops_the_relation(triples: Triples) -> None:
    assert _en(triples, "[Vortex|ORG] did not acquire [Helix|ORG].") == set()


def test_hedge_sets_rumoured(relations_of: Relations) -> None:
    found = relations_of("[Vortex|ORG] could reportedly buy [Helix|ORG].", "en")
    assert [r["attributes"]["status"] for r in found] == ["rumoured"]


def test_company_description_resolves_to_the_subject(triples: Triples) -> None:
    found = _en(triples, "[Castor|ORG] reported record sales. The company signed a deal with [Lumen|ORG].")
    assert found == {("partnership", "Castor", "Lumen")}
