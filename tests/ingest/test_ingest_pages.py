"""Single pages: HTML, text, sniffing, charsets, empty, binary, size limits, ids."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from ingest_support import FRENCH, PAGE, as_doc, as_reject, read_one

from veille.errors import Reason, Warn
from veille.ingest import MAX_INPUT_BYTES


def test_html_file_is_an_html_doc(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = as_doc(read_one(path))
    assert doc.media_type == "html"
    assert doc.markup == PAGE
    assert doc.encoding == "utf-8"
    assert doc.raw == PAGE.encode("utf-8")
    assert doc.id == hashlib.sha256(PAGE.encode("utf-8")).hexdigest()
    assert doc.source.path == str(path)
    assert doc.source.url is None and doc.fetched_at is None
    assert doc.warnings == []


def test_txt_file_is_a_text_doc_even_with_a_tag(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Titre\n\n<b>Gras</b> " + FRENCH, encoding="utf-8")
    doc = as_doc(read_one(path))
    assert doc.media_type == "text"
    assert FRENCH in doc.markup


@pytest.mark.parametrize(
    ("content", "media"),
    [
        ("<!doctype html><p>court</p>", "html"),
        ("  \n<HTML><body>x</body></HTML>", "html"),
        ("<div><p>a</p><p>b</p><span>c</span></div>", "html"),
        ("Un article en texte brut, où 3 < 4 et <b> reste seul.", "text"),
    ],
)
def test_unknown_extension_is_sniffed(tmp_path: Path, content: str, media: str) -> None:
    path = tmp_path / "page.dat"
    path.write_text(content, encoding="utf-8")
    assert as_doc(read_one(path)).media_type == media


def test_file_without_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "index"
    path.write_text(PAGE, encoding="utf-8")
    assert as_doc(read_one(path)).media_type == "html"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_blank_file_is_rejected(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(content)
    reject = as_reject(read_one(path), Reason.EMPTY)
    assert reject.path == str(path)


@pytest.mark.parametrize("name", ["empty.warc.gz", "empty.jsonl", "empty"])
def test_empty_container_is_rejected_not_silent(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    as_reject(read_one(path), Reason.EMPTY)


def test_bom_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf  \n")
    as_reject(read_one(path), Reason.EMPTY)


def test_random_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.html"
    path.write_bytes(os.urandom(20_000))
    reject = as_reject(read_one(path), Reason.BINARY)
    assert "control" in reject.detail


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"texte" + b"\x00" * 200 + b"suite")
    as_reject(read_one(path), Reason.BINARY)


def test_a_stray_control_byte_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(FRENCH.encode() * 5 + b"\x01")
    assert as_doc(read_one(path)).markup.startswith(FRENCH)


def test_latin1_page_with_meta_decodes_without_warning(tmp_path: Path) -> None:
    page = PAGE.replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    )
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("cp1252"))
    doc = as_doc(read_one(path))
    assert FRENCH in doc.markup  # é, ’ and € all right: iso-8859-1 is read as windows-1252
    assert doc.encoding == "cp1252"
    assert Warn.ENCODING_GUESSED not in doc.warnings
    assert doc.raw == page.encode("cp1252")


def test_latin1_page_without_declaration_is_guessed(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    path.write_bytes(PAGE.encode("cp1252"))
    doc = as_doc(read_one(path))
    assert FRENCH in doc.markup
    assert doc.encoding == "cp1252"
    assert Warn.ENCODING_GUESSED in doc.warnings


@pytest.mark.parametrize("text", ["Café", "Le café coûte cher à Noël, l’opérateur"])
def test_short_latin1_text_is_guessed_as_cp1252(tmp_path: Path, text: str) -> None:
    path = tmp_path / "court.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = as_doc(read_one(path))
    assert doc.markup == text
    assert Warn.ENCODING_GUESSED in doc.warnings


def test_utf8_wins_over_a_wrong_latin1_declaration(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">')
    path = tmp_path / "lying.html"
    path.write_bytes(page.encode("utf-8"))
    doc = as_doc(read_one(path))
    assert FRENCH in doc.markup
    assert doc.encoding == "utf-8"


def test_utf8_with_a_few_stray_cp1252_bytes_stays_utf8(tmp_path: Path) -> None:
    raw = (FRENCH * 3).encode("utf-8") + b" l\x92erreur " + (FRENCH * 3).encode("utf-8")
    path = tmp_path / "mixed.txt"
    path.write_bytes(raw)
    doc = as_doc(read_one(path))
    assert doc.encoding == "utf-8"
    assert doc.markup.startswith(FRENCH) and "\ufffd" in doc.markup
    assert Warn.ENCODING_GUESSED in doc.warnings


@pytest.mark.parametrize(("codec", "bom"), [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")])
def test_byte_order_mark_decides(tmp_path: Path, codec: str, bom: bytes) -> None:
    path = tmp_path / "bom.html"
    path.write_bytes(bom + PAGE.encode(codec))
    doc = as_doc(read_one(path))
    assert doc.markup == PAGE
    assert doc.encoding == codec
    assert doc.media_type == "html"


def test_high_bytes_no_encoding_fits_are_undecodable(tmp_path: Path) -> None:
    # bytes 0x80-0xFF only: no control characters, but no web encoding reads them as text
    rng = __import__("random").Random(1)
    path = tmp_path / "high.txt"
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    as_reject(read_one(path), Reason.UNDECODABLE)


def test_fifty_megabyte_page_is_accepted(tmp_path: Path) -> None:
    paragraph = f"<p>{FRENCH}</p>\n"
    body = paragraph * (50_000_000 // len(paragraph.encode()) + 1)
    page = f"<html><body>{body}</body></html>"
    path = tmp_path / "huge.html"
    path.write_text(page, encoding="utf-8")
    assert path.stat().st_size >= 50_000_000
    doc = as_doc(read_one(path))
    assert len(doc.raw) == path.stat().st_size
    assert doc.markup.endswith("</body></html>")


def test_page_over_the_limit_is_too_large_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "enormous.html"
    with path.open("wb") as handle:  # sparse: nothing to read, the size alone decides
        handle.truncate(MAX_INPUT_BYTES + 1)
    reject = as_reject(read_one(path), Reason.TOO_LARGE)
    assert str(MAX_INPUT_BYTES) in reject.detail
