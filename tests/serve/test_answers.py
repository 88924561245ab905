"""The desk's answer cache: least recently used first out, nothing kept when off, and never an
answer read from a store the desk has since changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_data import build_store
from veille.serve.answers import AnswerCache
from veille.serve.desk import Desk


def test_keeps_answers_and_drops_the_least_recently_used() -> None:
    cache = AnswerCache(2)
    calls: list[str] = []

    def compute(key: str) -> str:
        calls.append(key)
        return key.upper()

    assert cache.get_or_compute("a", lambda: compute("a")) == "A"
    assert cache.get_or_compute("b", lambda: compute("b")) == "B"
    assert cache.get_or_compute("a", lambda: compute("a")) == "A"  # kept; "b" is now the oldest
    assert cache.get_or_compute("c", lambda: compute("c")) == "C"  # drops "b"
    assert cache.get_or_compute("a", lambda: compute("a")) == "A"
    assert cache.get_or_compute("b", lambda: compute("b")) == "B"
    assert calls == ["a", "b", "c", "b"]
    assert (cache.hits, cache.misses, len(cache)) == (2, 4, 2)


def test_zero_entries_computes_every_time() -> None:
    cache = AnswerCache(0)
    calls: list[int] = []
    for _ in range(3):
        cache.get_or_compute("k", lambda: calls.append(1))
    assert len(calls) == 3 and len(cache) == 0


def test_an_error_is_not_kept() -> None:
    cache = AnswerCache(4)

    def fail() -> str:
        raise LookupError("no such entity")

    with pytest.raises(LookupError):
        cache.get_or_compute("k", fail)
    assert cache.get_or_compute("k", lambda: "found") == "found"


def test_negative_size_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        AnswerCache(-1)


def test_desk_answers_again_from_its_cache(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    build_store(db)
    desk = Desk(db)
    try:
        first = desk.profile("org:orange")
        assert desk.profile("org:orange") is first
        assert desk.profile("org:orange", min_confidence=0.8) is not first
        assert desk._answers.hits == 1
    finally:
        desk.close()


def test_an_ingest_empties_the_cache(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    build_store(db)
    desk = Desk(db, writable=True)
    try:
        assert desk.search("quantique")["hits"]["total"] == 0
        documents = desk.stats()["documents"]
        page = {
            "url": "https://example.org/q",
            "text": "Un article sur la téléphonie quantique.\n\nSatellites.",
        }
        report = desk.ingest_jsonl(json.dumps(page, ensure_ascii=False).encode())
        assert report["added"] == 1
        assert desk.search("quantique")["hits"]["total"] == 1
        assert desk.stats()["documents"] == documents + 1
    finally:
        desk.close()
