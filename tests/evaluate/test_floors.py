"""Floors, flat score names and the readable report, on a hand-built result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from veille.errors import EvalError
from veille.evaluate import check_floors, flat_scores, format_report, load_floors, parse_entry, score_records


def _result() -> dict[str, Any]:
    entry = parse_entry(
        {
            "doc": "a.txt",
            "path": "a.txt",
            "language": "fr",
            "title": "Titre",
            "published": "2020-01-29",
            "body_must_contain": ["un", "deux"],
            "body_must_not_contain": ["Publicité"],
            "entities": [{"name": "Renault", "type": "ORG"}, {"name": "Luca de Meo", "type": "PER"}],
            "relations": [{"type": "role", "subject": "Luca de Meo", "object": "Renault", "title": "DG"}],
        }
    )
    record = {
        "text": "un trois",
        "title": "Titre",
        "published": None,
        "language": "fr",
        "entities": [{"id": "org:renault", "name": "Renault", "type": "ORG", "aliases": []}],
    }
    return score_records([entry], [record])


def test_flat_scores_name_every_overall_score() -> None:
    flat = flat_scores(_result())
    assert flat["body_keep"] == 0.5 and flat["body_drop"] == 1.0
    assert flat["title"] == 1.0 and flat["date"] == 0.0
    assert flat["entities.precision"] == 1.0 and flat["entities.recall"] == 0.5
    assert flat["entities.ORG.f1"] == 1.0 and flat["entities.PER.recall"] == 0.0
    assert flat["relations.recall"] == 0.0 and flat["relations.precision"] is None
    assert flat["facts.f1"] is None and flat["identity"] is None
    assert flat["relations.attributes.title"] is None  # the role was not found


def test_check_floors_reports_every_broken_floor() -> None:
    floors = {
        "_comment": "ignored",
        "body_drop": 0.99,
        "title": 0.95,
        "body_keep": 0.99,
        "date": 0.95,
        "facts.f1": 0.1,
        "no.such.score": 0.5,
    }
    failures = check_floors(_result(), floors)
    assert failures == [
        "body_keep: 0.5000 < floor 0.9900",
        "date: 0.0000 < floor 0.9500",
        "facts.f1: nothing to score (floor 0.1)",
        "no.such.score: no such score (floor 0.5)",
    ]
    assert check_floors(_result(), {"body_drop": 1.0, "title": 1.0}) == []


def test_load_floors_checks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"_why": "text", "title": 0.9}), "utf-8")
    assert load_floors(path) == {"_why": "text", "title": 0.9}
    path.write_text(json.dumps({"title": "high"}), "utf-8")
    with pytest.raises(EvalError, match="non-numeric"):
        load_floors(path)
    with pytest.raises(EvalError, match="cannot be read"):
        load_floors(tmp_path / "absent.json")


def test_report_shows_scores_documents_and_misses() -> None:
    result = _result()
    report = format_report(result)
    assert "body keep" in report and "1/2" in report
    assert "a.txt" in report and "miss" not in report
    detailed = format_report(result, misses=True)
    assert "miss body: deux" in detailed
    assert "date: gold '2020-01-29', system None" in detailed
    assert "miss relations: role(Luca de Meo -> Renault)" in detailed
    assert "miss entities: PER Luca de Meo" in detailed
