"""Which reader an input needs: by file name first, by its first bytes when the name says nothing."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Literal

from veille.doc import MediaType

#: "page": one HTML or text document; "sniff": look at the bytes; "unsupported": not an input.
Kind = Literal["html", "text", "warc", "jsonl", "page", "sniff", "unsupported"]

_SUFFIX_KINDS: dict[str, Kind] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".arc": "warc",
}

#: Extensions of files that are clearly not pages: rejected as unsupported_format without reading.
NON_INPUT_SUFFIXES = frozenset(
    {
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff",
        ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx",
        ".zip", ".tar", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar",
        ".mp3", ".mp4", ".m4a", ".avi", ".mov", ".mkv", ".wav", ".ogg", ".webm",
        ".exe", ".dll", ".so", ".bin", ".pyc", ".class", ".jar",
        ".woff", ".woff2", ".ttf", ".otf", ".css", ".js",
        ".json", ".csv", ".tsv", ".xml", ".parquet", ".duckdb", ".db", ".sqlite",
    }
)  # fmt: skip

#: Start of an HTML document (after leading whitespace, lower-cased).
_HTML_STARTS = ("<!doctype html", "<html", "<?xml", "<head", "<body", "<!--")
#: Tags seen in the sniffed head before an untyped input counts as HTML: scraped text may quote
#: a tag or two ("<br>"), a page has dozens in its first 4 KB.
MIN_TAGS_FOR_HTML = 5
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[\s/>]")
_JSONL_PAGE_KEY = re.compile(rb'"(?:html|text)"\s*:')


def kind_for_name(name: str) -> tuple[Kind, str]:
    """The reader a file name asks for, and the extension that decided it (for messages)."""
    path = PurePath(name.lower())
    suffix = path.suffix
    if suffix == ".gz":
        suffix = path.with_suffix("").suffix
    if suffix in NON_INPUT_SUFFIXES:
        return "unsupported", suffix
    return _SUFFIX_KINDS.get(suffix, "sniff"), suffix


def sniff_container(head: bytes) -> Kind:
    """WARC, JSONL or a single page, from the first (inflated) bytes of an input."""
    start = head.lstrip()
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if start.startswith(b"{") and _JSONL_PAGE_KEY.search(start):
        return "jsonl"
    return "page"


def sniff_media(head: str) -> MediaType:
    """HTML or plain text, from the start of a decoded page."""
    start = head.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(_HTML_STARTS):
        return "html"
    for count, _ in enumerate(_TAG.finditer(head), start=1):
        if count >= MIN_TAGS_FOR_HTML:
            return "html"
    return "text"
