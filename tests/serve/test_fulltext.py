"""The word index beside the store: catching up with new documents, rebuilding on a version change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk_data import build_store, orange_deal

pytest.importorskip("tantivy")

from veille.record import to_record
from veille.serve.desk import Desk
from veille.store import Store
from veille.store.fulltext import KIND_DOC, KIND_EVIDENCE, WordIndex, index_path
from veille.store.snippets import snippet, stems_pattern


def test_stems_match_whatever_the_case_and_accents() -> None:
    pattern = stems_pattern(["societ", "ete"])
    assert pattern is not None
    text = "SOCIÉTÉ Générale, l'été, la Société, l'Etat"
    assert [m.group(0) for m in pattern.finditer(text)] == ["SOCIÉTÉ", "été", "Société"]
    assert stems_pattern(["and", "or"]) is None


def test_snippet_marks_words_starting_with_the_stems() -> None:
    pattern = stems_pattern(["gouvern", "and", "reform"])
    text = "Le Gouvernement présente sa réforme. Les gouvernements voisins réformeront aussi."
    segments = snippet(text, pattern, 200)
    assert "".join(s["text"] for s in segments) == text
    assert [s["text"] for s in segments if s["hit"]] == [
        "Gouvernement",
        "réforme",
        "gouvernements",
        "réformeront",
    ]


def test_snippet_window_starts_near_the_first_match() -> None:
    text = "mot " * 200 + "Armor Fibre " + "fin " * 200
    segments = snippet(text, stems_pattern(["armor"]), 100)
    joined = "".join(s["text"] for s in segments)
    assert joined.startswith("… ") and joined.endswith(" …") and "Armor" in joined
    assert len(joined) <= 110
    assert snippet("court", stems_pattern(["absent"]), 100) == [{"text": "court", "hit": False}]


def test_index_catches_up_with_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db)
    desk = Desk(db)
    assert desk.refresh_index() == 0  # built when the desk opened
    desk.close()
    words = WordIndex(index_path(str(db)))
    assert len(words.indexed_ids()) == 4
    total, hits = words.search("Fibres", kind=KIND_DOC)
    assert total == 2 and {h.kind for h in hits} == {KIND_DOC}
    total, hits = words.search("accord structurant", kind=KIND_EVIDENCE)
    assert total == 1 and hits[0].start is not None


def test_new_documents_are_added_once(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db)
    Desk(db).close()
    doc = orange_deal()
    doc.raw = b"another page"
    doc.id = "f" * 64
    with Store(db) as store:
        store.add_documents([(doc, to_record(doc))])
    desk = Desk(db)
    try:
        assert desk.refresh_index() == 0  # the desk's own start-up refresh added it
        assert desk.search("armor")["hits"]["total"] == 2
    finally:
        desk.close()


def test_index_of_another_version_is_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db)
    Desk(db).close()
    folder = index_path(str(db))
    assert folder is not None
    (folder / "veille-index.json").write_text(json.dumps({"version": -1}))
    desk = Desk(db)
    try:
        assert json.loads((folder / "veille-index.json").read_text())["version"] >= 1
        assert desk.search("orange")["hits"]["total"] == 3
    finally:
        desk.close()


def test_lenient_query_syntax(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    build_store(db)
    desk = Desk(db)
    try:
        for text in ('"unclosed', "AND (", "title:", "*", "orange)"):
            result = desk.search(text)
            assert result["hits"]["total"] >= 0
    finally:
        desk.close()
