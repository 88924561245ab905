"""The scorer on hand-built gold entries and records (no pipeline, no ../shared)."""

from __future__ import annotations

from typing import Any

from veille.doc import Reject
from veille.evaluate import parse_entry, score_document
from veille.evaluate.gold import GoldEntry


def gold(**fields: Any) -> GoldEntry:
    base: dict[str, Any] = {
        "doc": "a.html",
        "path": "a.html.gz",
        "language": "fr",
        "title": "BT revient en France",
        "published": "2004-01-15",
        "body_must_contain": [],
        "body_must_not_contain": [],
        "entities": [],
        "relations": [],
        "optional_relations": [],
        "facts": [],
    }
    return parse_entry({**base, **fields})


def ent(entity_id: str, name: str, entity_type: str = "ORG", *aliases: str) -> dict[str, Any]:
    return {"id": entity_id, "name": name, "type": entity_type, "aliases": list(aliases), "mentions": []}


def rel(kind: str, subject: str, obj: str, **attributes: Any) -> dict[str, Any]:
    return {"type": kind, "subject": subject, "object": obj, "attributes": attributes}


def record(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "text": "",
        "title": "BT revient en France",
        "published": "2004-01-15",
        "language": "fr",
        "entities": [],
        "relations": [],
        "facts": [],
    }
    return {**base, **fields}


# -- body and metadata ---------------------------------------------------------------------


def test_body_keep_and_drop_fold_whitespace() -> None:
    entry = gold(
        body_must_contain=["BT Group est désormais libre", "55.000 kilomètres de fibre", "absent"],
        body_must_not_contain=["Recent Posts", "Darktrace"],
    )
    text = "BT Group est\ndésormais   libre.\n\n55.000 kilomètres\u00a0de fibre. Recent Posts"
    score = score_document(entry, record(text=text))
    assert (score.body_keep.hits, score.body_keep.total) == (2, 3)
    assert score.body_missing == ["absent"]
    assert (score.body_drop.hits, score.body_drop.total) == (1, 2)
    assert score.body_leaked == ["Recent Posts"]


def test_title_date_language() -> None:
    entry = gold(title="BT  revient en\nFrance", published=None, language="fr")
    right = score_document(entry, record(title="BT revient en France", published=None, language="FR"))
    assert [right.metadata[k].hits for k in ("title", "date", "language")] == [1, 1, 1]
    wrong = score_document(entry, record(title="BT revient", published="2004-01-15", language=None))
    assert [wrong.metadata[k].hits for k in ("title", "date", "language")] == [0, 0, 0]
    assert wrong.metadata_values["date"] == {"gold": None, "system": "2004-01-15"}


def test_a_reject_scores_as_an_empty_record() -> None:
    entry = gold(body_must_contain=["x"], entities=[{"name": "BT", "type": "ORG"}])
    score = score_document(entry, Reject("a.html", "corrupt_gzip", "bad crc"))
    assert score.rejected == "corrupt_gzip: bad crc"
    assert score.body_keep.value == 0.0 and score.metadata["title"].value == 0.0
    assert score.entities.counts.recall == 0.0 and score.entities.counts.precision is None


# -- entities ------------------------------------------------------------------------------


def test_entity_names_match_across_accents_punctuation_and_aliases() -> None:
    entry = gold(
        entities=[
            {"name": "BT Group", "type": "ORG", "aliases": ["BT", "British Telecom"]},
            {"name": "France Télécom", "type": "ORG"},
            {"name": "Jean-Yves Charlier", "type": "PER"},
        ]
    )
    system = record(
        entities=[
            ent("org:bt", "British-Telecom", "ORG"),  # matches a gold alias
            ent("org:ft", "FRANCE TELECOM", "ORG"),
            ent("per:jyc", "Charlier", "PER", "Jean-Yves Charlier"),  # its alias matches
        ]
    )
    counts = score_document(entry, system).entities.counts
    assert (counts.system_matched, counts.system, counts.gold_matched, counts.gold) == (3, 3, 3, 3)


def test_entity_type_must_agree_product_and_misc_interchangeable() -> None:
    entry = gold(
        entities=[
            {"name": "Pickx", "type": "PRODUCT"},
            {"name": "Molotov", "type": "ORG", "also": ["PRODUCT"]},
            {"name": "Proximus", "type": "ORG"},
        ]
    )
    system = record(
        entities=[
            ent("misc:pickx", "Pickx", "MISC"),  # PRODUCT ~ MISC
            ent("misc:molotov", "Molotov", "MISC"),  # ORG, also PRODUCT ~ MISC
            ent("per:proximus", "Proximus", "PER"),  # wrong type: false alarm and a miss
        ]
    )
    score = score_document(entry, system)
    counts = score.entities.counts
    assert (counts.system_matched, counts.system) == (2, 3)
    assert (counts.gold_matched, counts.gold) == (2, 3)
    assert score.entities.false_alarms == ["PER Proximus (gold type ORG)"]
    assert score.entities.misses == ["ORG Proximus (system type PER)"]
    assert score.entities.by_type["PRODUCT"].system_matched == 2  # MISC counted under PRODUCT


def test_unmatched_places_are_not_false_alarms_but_other_types_are() -> None:
    entry = gold(entities=[{"name": "France", "type": "LOC"}])
    system = record(
        entities=[
            ent("loc:france", "France", "LOC"),
            ent("loc:paris", "Paris", "LOC"),
            ent("org:acme", "Acme", "ORG"),
        ]
    )
    score = score_document(entry, system)
    counts = score.entities.counts
    assert (counts.system_matched, counts.system) == (1, 2)  # Paris left out, Acme counted
    assert score.entities.false_alarms == ["ORG Acme"]
    assert counts.precision == 0.5 and counts.recall == 1.0


# -- relations -----------------------------------------------------------------------------

_ORGS = [
    {"name": "Proximus", "type": "ORG"},
    {"name": "RTBF", "type": "ORG"},
    {"name": "RTL", "type": "ORG", "aliases": ["groupe RTL"]},
    {"name": "Pickx", "type": "PRODUCT"},
    {"name": "Guillaume Boutin", "type": "PER"},
]
_SYSTEM_ORGS = [
    ent("org:proximus", "Proximus"),
    ent("org:rtbf", "RTBF"),
    ent("org:rtl", "groupe RTL"),
    ent("product:pickx", "Pickx", "PRODUCT"),
    ent("per:boutin", "Guillaume Boutin", "PER"),
]


def test_symmetric_relations_match_in_either_order_directed_ones_do_not() -> None:
    entry = gold(
        entities=_ORGS,
        relations=[
            {"type": "partnership", "subject": "Proximus", "object": "RTBF"},
            {"type": "role", "subject": "Guillaume Boutin", "object": "Proximus"},
        ],
    )
    system = record(
        entities=_SYSTEM_ORGS,
        relations=[rel("partnership", "org:rtbf", "org:proximus"), rel("role", "org:proximus", "per:boutin")],
    )
    score = score_document(entry, system).relations
    assert (score.counts.system_matched, score.counts.gold_matched) == (1, 1)
    assert score.misses == ["role(Guillaume Boutin -> Proximus)"]
    assert score.false_alarms == ["role(Proximus -> Guillaume Boutin)"]


def test_subsidiary_and_product_are_one_family() -> None:
    entry = gold(entities=_ORGS, relations=[{"type": "product", "subject": "Proximus", "object": "Pickx"}])
    as_subsidiary = record(
        entities=_SYSTEM_ORGS, relations=[rel("subsidiary", "product:pickx", "org:proximus")]
    )
    assert score_document(entry, as_subsidiary).relations.counts.recall == 1.0
    backwards = record(entities=_SYSTEM_ORGS, relations=[rel("subsidiary", "org:proximus", "product:pickx")])
    assert score_document(entry, backwards).relations.counts.recall == 0.0


def test_optional_relations_are_neither_required_nor_false_alarms() -> None:
    entry = gold(
        entities=_ORGS,
        relations=[{"type": "partnership", "subject": "Proximus", "object": "RTBF"}],
        optional_relations=[{"type": "partnership", "subject": "Proximus", "object": "RTL", "note": "talks"}],
    )
    found_optional = record(
        entities=_SYSTEM_ORGS,
        relations=[
            rel("partnership", "org:proximus", "org:rtbf"),
            rel("partnership", "org:rtl", "org:proximus"),
        ],
    )
    score = score_document(entry, found_optional).relations
    assert (score.counts.system, score.counts.system_matched, score.optional_found) == (1, 1, 1)
    assert score.counts.precision == 1.0 and score.false_alarms == []
    # Missing the optional one costs no recall either.
    assert score.counts.gold == 1 and score.counts.recall == 1.0


def test_relation_attributes_title_status_buyer() -> None:
    entry = gold(
        entities=[*_ORGS, {"name": "Vivendi", "type": "ORG"}, {"name": "Cegetel", "type": "ORG"}],
        relations=[
            {
                "type": "role",
                "subject": "Guillaume Boutin",
                "object": "Proximus",
                "title": "CEO",
                "status": "former",
            },
            {"type": "divestment", "subject": "Proximus", "object": "Cegetel", "buyer": "Vivendi"},
        ],
    )
    system = record(
        entities=[*_SYSTEM_ORGS, ent("org:vivendi", "Vivendi"), ent("org:cegetel", "Cegetel")],
        relations=[
            rel("role", "per:boutin", "org:proximus", title="ceo", status="current"),
            rel("divestment", "org:proximus", "org:cegetel", buyer="org:vivendi"),
        ],
    )
    score = score_document(entry, system).relations
    assert (score.attributes["title"].hits, score.attributes["title"].total) == (1, 1)
    assert (score.attributes["status"].hits, score.attributes["status"].total) == (0, 1)
    assert (score.attributes["buyer"].hits, score.attributes["buyer"].total) == (1, 1)
    assert score.attribute_misses == [
        "role(Guillaume Boutin -> Proximus) status: gold 'former', system ['current']"
    ]


def test_relation_to_an_unknown_id_matches_nothing() -> None:
    entry = gold(entities=_ORGS, relations=[{"type": "partnership", "subject": "Proximus", "object": "RTBF"}])
    system = record(entities=_SYSTEM_ORGS, relations=[rel("partnership", "org:proximus", "org:nowhere")])
    assert score_document(entry, system).relations.counts.precision == 0.0


# -- facts ---------------------------------------------------------------------------------


def fact(kind: str, subject: str | None, value: float, unit: str) -> dict[str, Any]:
    return {"type": kind, "subject": subject, "value": value, "unit": unit, "qualifier": "="}


def test_fact_value_within_one_percent_same_unit_same_subject() -> None:
    entry = gold(
        entities=[{"name": "SNCF", "type": "ORG"}, {"name": "BT Group", "type": "ORG", "aliases": ["BT"]}],
        facts=[
            {"type": "net_income", "subject": "SNCF", "value": -801000000, "unit": "EUR"},
            {"type": "network_length", "subject": "BT", "value": 55000, "unit": "km"},
            {"type": "revenue", "subject": "SNCF", "value": 35100000000, "unit": "EUR"},
        ],
    )
    system = record(
        entities=[ent("org:sncf", "SNCF"), ent("org:bt", "BT Group")],
        facts=[
            fact("net_income", "org:sncf", -8e8, "EUR"),  # 0.12% off: right
            fact("network_length", "org:bt", 55000, "KM"),  # alias subject, unit case: right
            fact("revenue", "org:sncf", 35.1e9, "USD"),  # wrong unit
            fact("revenue", "org:bt", 35.1e9, "EUR"),  # wrong subject
        ],
    )
    score = score_document(entry, system).facts
    assert (score.counts.system_matched, score.counts.system) == (2, 4)
    assert (score.counts.gold_matched, score.counts.gold) == (2, 3)
    assert score.misses == ["revenue(SNCF) = 35100000000 EUR"]


def test_new_fact_types_are_ignored_both_ways() -> None:
    entry = gold(
        entities=[{"name": "SNCF", "type": "ORG"}],
        facts=[{"type": "lost_revenue", "subject": "SNCF", "value": 690000000, "unit": "EUR"}],
    )
    system = record(entities=[ent("org:sncf", "SNCF")], facts=[fact("hours_viewed", "org:sncf", 3, "hours")])
    counts = score_document(entry, system).facts.counts
    assert (counts.system, counts.gold) == (0, 0)
    assert counts.f1 is None
