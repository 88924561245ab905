"""The record contract: shape, schema, offsets."""

from __future__ import annotations

import json
from pathlib import Path

from support import make_doc
from veille.doc import Entity, Fact, Relation, Span
from veille.record import check_offsets, schema, to_record, validate


def test_packaged_schema_is_the_shared_contract(shared: Path) -> None:
    assert schema() == json.loads((shared / "spec" / "document.schema.json").read_text("utf-8"))


def _annotated() -> dict:
    doc = make_doc("x")
    doc.text = "BT Group revient. BT vise 30% de croissance."
    doc.entities = [Entity("org:bt-group", "BT Group", "ORG", ["BT"], [Span(0, 8), Span(18, 20)])]
    doc.relations = [Relation("competition", "org:bt-group", "org:equant", Span(0, 17), 0.8)]
    doc.facts = [Fact("growth_target", "org:bt-group", 30, "%", Span(18, 44), 0.9, is_target=True)]
    return to_record(doc)


def test_record_has_every_required_field_and_validates() -> None:
    record = _annotated()
    assert validate(record) == []
    assert record["entities"][0]["mentions"][1]["text"] == "BT"
    assert record["facts"][0]["evidence"]["text"] == "BT vise 30% de croissance."


def test_offsets_that_do_not_quote_the_text_are_reported() -> None:
    record = _annotated()
    record["entities"][0]["mentions"][0]["start"] = 1
    assert check_offsets(record) == ["span 1:8 does not quote 'BT Group'"]
    assert validate(record)


def test_schema_violations_are_reported() -> None:
    record = _annotated()
    record["published"] = "15/01/2004"
    del record["warnings"]
    problems = validate(record)
    assert any("published" in p for p in problems)
    assert any("warnings" in p for p in problems)
