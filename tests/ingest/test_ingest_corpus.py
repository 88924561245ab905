"""Real pages from ../shared (read there, never copied): skipped when ../shared is absent."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from ingest_support import as_doc, read_all, read_one

from veille.doc import Doc


def test_orangesum_page_is_one_utf8_html_doc(shared: Path) -> None:
    path = shared / "corpus" / "orangesum-fr" / "html" / "2302.html.gz"
    if not path.exists():
        pytest.skip(f"{path} not found")
    doc = as_doc(read_one(path))
    assert doc.media_type == "html"
    assert doc.encoding == "utf-8"  # the page says <meta charset="utf-8"/>
    assert doc.warnings == []
    assert doc.raw == gzip.decompress(path.read_bytes())
    assert doc.markup.startswith("<!DOCTYPE html>")
    assert "é" in doc.markup and "Ã©" not in doc.markup


@pytest.mark.slow
def test_all_corpus_html_pages_are_read(shared: Path) -> None:
    """Every gzipped HTML page of ../shared/corpus is a Doc; legacy charsets decode cleanly."""
    paths = sorted((shared / "corpus").glob("*/**/*.html.gz"))
    if not paths:
        pytest.skip("no corpus pages")
    items = read_all(*paths)
    docs = [item for item in items if isinstance(item, Doc)]
    assert len(docs) == len(paths)
    legacy = [doc for doc in docs if doc.encoding != "utf-8"]
    assert legacy, "the corpus has Latin-1 pages"
    # decoding UTF-8 bytes as Latin-1 would turn é, ü... into "Ã©", "Ã¼": a few may come from the
    # page itself (mix1.de has one UTF-8 "ü" among its cp1252 text), never most of its accents
    for doc in legacy:
        mojibake = len(re.findall("Ã[\u00a0-\u00bf]", doc.markup))
        accents = len(re.findall("[àâäçéèêëîïôöùûüÀÉÈßñ]", doc.markup))
        assert mojibake * 10 <= accents, doc.source.path
