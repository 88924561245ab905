"""Facts on the shared samples and the dev gold, with the gold's entity names found in the text.

The entity source is the gold itself (names and aliases located by string search), so that these
tests measure the fact stage alone, whatever the entity stages do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from veille.api import build_pipeline, read
from veille.doc import Doc, Entity, Span
from veille.evaluate import load_gold, score_records
from veille.evaluate.gold import resolve_input
from veille.evaluate.match import SCORED_FACT_TYPES
from veille.record import to_record
from veille.relate.facts import FactExtractor

#: The issue's acceptance floor for fact F1 on the dev gold.
DEV_FACT_F1_FLOOR = 0.55


def _with_gold_entities(doc: Doc, gold: dict[str, Any]) -> Doc:
    forms = sorted(
        ((f, e) for e in gold["entities"] for f in [e["name"], *e.get("aliases", [])]),
        key=lambda x: -len(x[0]),
    )
    taken: list[tuple[int, int]] = []
    spans: dict[str, list[Span]] = {}
    for form, entity in forms:
        for match in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", doc.text):
            if not any(match.start() < end and match.end() > start for start, end in taken):
                taken.append((match.start(), match.end()))
                spans.setdefault(entity["name"], []).append(Span(match.start(), match.end()))
    doc.entities = [
        Entity(
            f"x:{e['name']}",
            e["name"],
            e["type"],
            list(e.get("aliases", [])),
            sorted(spans[e["name"]], key=lambda s: s.start),
        )
        for e in gold["entities"]
        if e["name"] in spans
    ]
    return doc


def _records(shared: Path, docs: set[str] | None = None) -> tuple[list[Any], list[dict[str, Any]]]:
    gold_path, entries = load_gold(shared / "eval" / "dev" / "gold.json")
    raw = {g["doc"]: g for g in json.loads(gold_path.read_text(encoding="utf-8"))}
    entries = [e for e in entries if docs is None or e.doc in docs]
    pipeline, facts = build_pipeline(), FactExtractor()
    records = []
    for entry in entries:
        path = resolve_input(gold_path, entry.path)
        assert path is not None, entry.path
        doc = pipeline(next(d for d in read([str(path)]) if isinstance(d, Doc)))
        doc = facts.process(_with_gold_entities(doc, raw[entry.doc]))
        records.append(to_record(doc))
    return entries, records


def test_sample_facts_are_all_found_with_offsets_that_hold(shared: Path) -> None:
    samples = {p.name for p in (shared / "samples").glob("*.txt")}
    entries, records = _records(shared, samples)
    assert entries
    for entry, record in zip(entries, records, strict=True):
        for fact in record["facts"]:
            evidence = fact["evidence"]
            assert record["text"][evidence["start"] : evidence["end"]] == evidence["text"]
        scores = score_records([entry], [record])["scores"]["facts"]
        required = [f for f in entry.facts if f.type in SCORED_FACT_TYPES]
        assert scores["gold_matched"] == len(required), (entry.doc, record["facts"])


def test_dev_gold_fact_f1_is_above_the_floor(shared: Path) -> None:
    entries, records = _records(shared)
    scores = score_records(entries, records)["scores"]["facts"]
    assert scores["f1"] >= DEV_FACT_F1_FLOOR, scores
