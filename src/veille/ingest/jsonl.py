"""JSONL pages: one JSON object a line with `url`, `html` or `text`, and optional `fetched_at`.

Each line is one Doc whose raw bytes are the page string encoded as UTF-8 (so its id does not
depend on JSON escaping or key order). A line that is not such an object is a Reject
`bad_jsonl_line` with path `<file>:<line>` (1-based) and reading goes on; blank lines are
skipped. A gzipped JSONL that is cut short keeps the lines read before the cut, then one Reject.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from veille.doc import Doc, MediaType, Reject
from veille.errors import Reason
from veille.ingest.gz import STREAM_ERRORS, stream_error
from veille.ingest.limits import MAX_INPUT_BYTES, READ_CHUNK_BYTES
from veille.ingest.page import page_item


def read_jsonl(stream: IO[bytes], path: str, *, first_line: int = 1) -> Iterator[Doc | Reject]:
    """Docs and Rejects for the lines of one JSONL stream, in order.

    `first_line`: the number of the stream's first line in its file, when the stream is one byte
    range of it (`ranges.read_range`), so that paths are those of a whole-file read.
    """
    number = first_line - 1
    while True:
        where = f"{path}:{number + 1}"
        try:
            line = stream.readline(MAX_INPUT_BYTES + 1)
            too_long = len(line) > MAX_INPUT_BYTES and not line.endswith(b"\n")
            if too_long:
                _skip_line(stream)
        except STREAM_ERRORS as exc:
            error = stream_error(exc)
            yield Reject(where, error.reason, f"{error.detail}; lines before it were kept")
            return
        if not line:
            return
        number += 1
        if too_long:
            yield Reject(where, Reason.TOO_LARGE, f"line longer than {MAX_INPUT_BYTES} bytes")
        elif line.strip():
            yield line_item(line, where)


def _skip_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(READ_CHUNK_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return


def line_item(line: bytes, where: str) -> Doc | Reject:
    """The Doc for one JSONL line, or a `bad_jsonl_line` Reject saying what is wrong with it."""
    try:
        obj: Any = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return Reject(where, Reason.BAD_JSONL, f"not valid JSON: {exc}")
    if not isinstance(obj, dict):
        return Reject(where, Reason.BAD_JSONL, f"a JSON {type(obj).__name__}, not an object")
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    wrong = [
        key for key in ("url", "fetched_at") if obj.get(key) is not None and not isinstance(obj[key], str)
    ]
    if wrong:
        return Reject(where, Reason.BAD_JSONL, f"{' and '.join(wrong)} must be a string")
    media: MediaType
    if isinstance(obj.get("html"), str):
        media, markup = "html", obj["html"]
    elif isinstance(obj.get("text"), str):
        media, markup = "text", obj["text"]
    else:
        return Reject(where, Reason.BAD_JSONL, 'no "html" or "text" string', url=url)
    try:
        raw = markup.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate escaped in the JSON ("\ud800")
        return Reject(where, Reason.UNDECODABLE, f"page is not valid Unicode: {exc}", url=url)
    return page_item(
        raw, path=where, media_type=media, url=url, fetched_at=obj.get("fetched_at"), markup=markup
    )
