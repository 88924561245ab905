"""JSONL pages: one Doc per good line, one bad_jsonl_line Reject per bad one, reading goes on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from ingest_support import FRENCH, PAGE, as_doc, as_reject, read_all

from veille.doc import Doc, Reject, doc_id
from veille.errors import Reason


def line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def write_lines(path: Path, lines: list[str], *, packed: bool = False) -> Path:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if packed else data)
    return path


def test_each_line_is_a_doc_and_bad_lines_are_rejected(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "pages.jsonl",
        [
            line(url="https://a.fr/1", html=PAGE, fetched_at="2020-07-03T12:53:14Z"),
            "{not json",
            "",
            line(url="https://a.fr/2", text=FRENCH),
            "[1, 2]",
            line(url="https://a.fr/3"),
            line(url=3, text="x"),
            line(url="https://a.fr/4", html="   "),
            line(html=PAGE.replace("Essai", "Dernier")),
        ],
    )
    items = read_all(path)
    assert [item.position for item in items] == list(range(8))
    first = as_doc(items[0])
    assert first.media_type == "html" and first.markup == PAGE
    assert first.id == doc_id(PAGE.encode("utf-8")) and first.raw == PAGE.encode("utf-8")
    assert first.source.url == "https://a.fr/1" and first.source.path == f"{path}:1"
    assert first.fetched_at == "2020-07-03T12:53:14Z" and first.published is None
    assert as_reject(items[1], Reason.BAD_JSONL).path == f"{path}:2"
    text = as_doc(items[2])  # the blank line 3 is skipped, not rejected
    assert (text.media_type, text.markup, text.source.path) == ("text", FRENCH, f"{path}:4")
    assert "object" in as_reject(items[3], Reason.BAD_JSONL).detail
    assert as_reject(items[4], Reason.BAD_JSONL).url == "https://a.fr/3"
    assert "url" in as_reject(items[5], Reason.BAD_JSONL).detail
    assert as_reject(items[6], Reason.EMPTY).path == f"{path}:8"
    assert as_doc(items[7]).source.url is None


def test_same_page_same_id_as_a_file(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    jsonl = write_lines(tmp_path / "p.jsonl", [line(url="u", html=PAGE)])
    from_file, from_line = read_all(page, jsonl)
    assert isinstance(from_file, Doc) and isinstance(from_line, Doc)
    assert from_file.id == from_line.id


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "p.jsonl.gz", [line(text=f"page {i} {FRENCH}") for i in range(3)], packed=True
    )
    assert [as_doc(item).markup[:6] for item in read_all(path)] == ["page 0", "page 1", "page 2"]


def test_truncated_gzipped_jsonl_keeps_the_lines_before(tmp_path: Path) -> None:
    lines = [line(text=f"page {i} " + FRENCH * 30) for i in range(40)]
    packed = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    items = read_all(path)
    docs = [item for item in items if isinstance(item, Doc)]
    assert 0 < len(docs) < 40
    assert len(items) == len(docs) + 1
    assert as_reject(items[-1], Reason.TRUNCATED_GZIP).path == f"{path}:{len(docs) + 1}"


def test_jsonl_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "export", [line(url="u1", html=PAGE), line(url="u2", text=FRENCH)])
    assert [as_doc(item).source.url for item in read_all(path)] == ["u1", "u2"]


@pytest.mark.parametrize("bad", ['{"text": "\\ud800 seul"}', '{"html": "a\\u0000\\u0000\\u0000"}'])
def test_unusable_strings_are_rejected(tmp_path: Path, bad: str) -> None:
    path = write_lines(tmp_path / "bad.jsonl", [bad])
    (item,) = read_all(path)
    assert isinstance(item, Reject)
    assert item.reason in (Reason.UNDECODABLE, Reason.BINARY)
