"""The bundled demo corpus reads as demo/expected.json says: titles, dates, languages, rejects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veille import api
from veille.doc import Reject
from veille.record import validate

DEMO = Path(__file__).resolve().parents[1] / "demo"


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((DEMO / "expected.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def records() -> list:
    return list(api.extract([str(DEMO / "corpus")]))


def _expected_docs(expected: dict) -> list[tuple[str, dict]]:
    return [(name, doc) for name in sorted(expected["documents"]) for doc in expected["documents"][name]]


def test_every_demo_document_gives_a_valid_record(records: list, expected: dict) -> None:
    assert not [r for r in records if isinstance(r, Reject)]
    assert len(records) == len(_expected_docs(expected))
    for record in records:
        assert validate(record) == [], record["source"]["path"]


@pytest.mark.parametrize("field", ["title", "published", "language"])
def test_demo_metadata_matches_expected(records: list, expected: dict, field: str) -> None:
    wrong = [
        (name, want[field], got[field])
        for (name, want), got in zip(_expected_docs(expected), records, strict=True)
        if want[field] != got[field]
    ]
    assert wrong == []


def test_non_article_page_is_flagged(records: list, expected: dict) -> None:
    for (name, want), got in zip(_expected_docs(expected), records, strict=True):
        if want["kind"] == "index":
            assert "no main text found" in got["warnings"], (name, got["text"][:200])


def test_bad_demo_inputs_are_rejects_with_their_reasons(expected: dict) -> None:
    results = list(api.extract([str(DEMO / "bad")]))
    assert all(isinstance(r, Reject) for r in results)
    # A JSONL file gives one reject per bad line, so compare (file, reason) pairs as a set.
    got = {(Path(r.path.split(":")[0]).name, r.reason) for r in results}
    assert got == set(expected["rejects"].items())
