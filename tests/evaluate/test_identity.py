"""Cross-article identity, and score_records over several documents."""

from __future__ import annotations

from typing import Any

from veille.evaluate import parse_entry, score_records
from veille.evaluate.gold import GoldEntry
from veille.evaluate.identity import gold_groups, score_identity
from veille.evaluate.system import view_record


def entry(doc: str, *entities: dict[str, Any]) -> GoldEntry:
    return parse_entry(
        {
            "doc": doc,
            "path": doc,
            "title": None,
            "published": None,
            "body_must_contain": [],
            "body_must_not_contain": [],
            "entities": list(entities),
        }
    )


def with_entities(*entities: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "text": "",
        "entities": [{"id": i, "name": n, "type": t, "aliases": [], "mentions": []} for i, n, t in entities],
    }


BT = {"name": "BT Group", "type": "ORG", "aliases": ["BT"]}
ENTRIES = [
    entry("a", BT, {"name": "Renault", "type": "ORG"}, {"name": "France", "type": "LOC"}),
    entry(
        "b",
        {"name": "BT", "type": "ORG"},
        {"name": "Renault", "type": "ORG"},
        {"name": "France", "type": "LOC"},
    ),
    entry("c", {"name": "Renault", "type": "ORG"}),
]


def test_gold_entities_are_grouped_by_shared_names_orgs_and_people_only() -> None:
    groups = gold_groups(ENTRIES)
    by_name = {group[0][1].name: sorted(doc for doc, _ in group) for group in groups}
    assert by_name == {"BT Group": [0, 1], "Renault": [0, 1, 2]}  # LOC France not scored


def test_one_id_everywhere_is_consistent_two_ids_or_a_gap_is_not() -> None:
    views = [
        view_record(with_entities(("org:bt", "BT", "ORG"), ("org:renault", "Renault", "ORG"))),
        view_record(with_entities(("org:bt", "bt", "ORG"), ("org:renault-2", "Renault", "ORG"))),
        view_record(with_entities(("org:renault", "Renault", "ORG"))),
    ]
    share, items = score_identity(ENTRIES, views)
    assert (share.hits, share.total) == (1, 2)
    renault = next(item for item in items if item.name == "Renault")
    assert renault.ids == ["org:renault", "org:renault-2"] and not renault.consistent
    views[2] = view_record(with_entities())
    views[1] = view_record(with_entities(("org:bt", "BT", "ORG"), ("org:renault", "Renault", "ORG")))
    share, items = score_identity(ENTRIES, views)
    assert (share.hits, share.total) == (1, 2)
    renault = next(item for item in items if item.name == "Renault")
    assert renault.missing_in == ["c"]


def test_score_records_accepts_a_mapping_by_doc_name() -> None:
    records = {
        "a": with_entities(("org:bt", "BT", "ORG"), ("org:renault", "Renault", "ORG")),
        "b": with_entities(("org:bt", "BT", "ORG"), ("org:renault", "Renault", "ORG")),
        "c": with_entities(("org:renault", "Renault", "ORG")),
    }
    result = score_records(ENTRIES, records)
    assert result["scores"]["identity"]["score"] == 1.0
    assert result["scores"]["entities"]["gold"] == 7
    assert result["scores"]["entities"]["gold_matched"] == 5  # the two LOC France are missed
    missing = score_records(ENTRIES, {"a": records["a"]})
    assert missing["scores"]["identity"]["score"] == 0.0
    assert [d["rejected"] for d in missing["per_document"]] == [None, "no record", "no record"]
