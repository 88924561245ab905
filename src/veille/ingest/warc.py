"""WARC and ARC files (plain or gzipped): one Doc per HTML or text response record.

Read with warcio rather than fastwarc: warcio is the `veille[warc]` extra, reads ARC as well as
WARC, undoes chunked transfer and gzip/deflate content encoding, and keeps going on damaged
input where fastwarc stops with a bare error. Speed is not the limit here: cleaning a page costs
far more than parsing its record. Its tolerance has a price: a truncated file or a record
longer or shorter than its Content-Length is *not* reported by warcio, it just yields short or
shifted records. So this reader inflates gzip itself (so a cut gzip stream is seen), checks
that each record was read to its declared length, and watches warcio's error counter; a record
is handed out only once the next one has been reached cleanly. At the first damage, the records
before it are kept and one `corrupt_warc` Reject covers the rest of the file.

Records: `response` (HTTP payload, HTTP headers stripped) and `resource` are documents;
`request`, `warcinfo`, `metadata`, `revisit`... are skipped without a Reject. A response that is
not a 2xx page, or whose type is not HTML or text (images, PDF...), is a Reject
`unsupported_format`, so that nothing is lost silently. `WARC-Date` is the crawl date and goes to
`Doc.fetched_at`, never to `published`. Source path: `<file>#<record index>` (0-based, every
record counted).
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from veille.doc import Doc, MediaType, Reject
from veille.errors import InputError, Reason
from veille.ingest.gz import STREAM_ERRORS, stream_error
from veille.ingest.limits import MAX_INPUT_BYTES, READ_CHUNK_BYTES
from veille.ingest.page import page_item

LOGGER = logging.getLogger(__name__)

DOCUMENT_RECORDS = frozenset({"response", "resource"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
#: Content types that say nothing: the payload is sniffed like a file without an extension.
UNTYPED = frozenset({"", "application/octet-stream", "unknown/unknown", "application/unknown"})


class _GuardedStream:
    """A read-only stream that turns a read error into end-of-data and remembers it.

    warcio takes an EOFError while reading a header for the normal end of the file, so a gzip
    stream cut in the middle would end the iteration silently; this keeps the error for us.
    """

    def __init__(self, stream: BinaryIO | gzip.GzipFile) -> None:
        self._stream = stream
        self._offset = 0
        self.error: InputError | None = None

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes; on a read error, the bytes read before it, then b"" for ever."""
        if self.error is not None:
            return b""
        read1 = getattr(self._stream, "read1", self._stream.read)
        parts: list[bytes] = []
        wanted = size if size >= 0 else None
        while wanted is None or wanted > 0:
            try:
                # read1 hands over what one step inflated, so a cut gzip stream gives up all
                # the bytes before the cut (GzipFile.read(n) would drop them with the error)
                chunk = read1(wanted if wanted is not None else READ_CHUNK_BYTES)
            except STREAM_ERRORS as exc:
                self.error = stream_error(exc)
                break
            if not chunk:
                break
            parts.append(chunk)
            if wanted is not None:
                wanted -= len(chunk)
        data = b"".join(parts)
        self._offset += len(data)
        return data

    def tell(self) -> int:
        return self._offset

    def close(self) -> None:
        """The caller owns the file."""


def read_warc(stream: BinaryIO, path: str, *, gzipped: bool, first_index: int = 0) -> Iterator[Doc | Reject]:
    """Docs and Rejects for the records of one WARC/ARC stream, in file order.

    `first_index`: the index of the stream's first record in its file, when the stream is one
    byte range of it (`ranges.read_range`), so that paths are those of a whole-file read.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield Reject(path, Reason.UNSUPPORTED, "reading WARC needs warcio: pip install 'veille[warc]'")
        return
    source = _GuardedStream(gzip.GzipFile(fileobj=stream, mode="rb") if gzipped else stream)
    records = ArchiveIterator(source, arc2warc=True)
    # warcio writes this warning straight to stderr; we read its err_count and reject instead
    records.INC_RECORD = ""
    yield from _WarcScan(path, source, first_index).items(records)


class _WarcScan:
    def __init__(self, path: str, source: _GuardedStream, first_index: int = 0) -> None:
        self.path = path
        self.source = source
        self.first_index = first_index

    def items(self, records: Any) -> Iterator[Doc | Reject]:
        pending: Doc | Reject | None = None
        index = self.first_index - 1
        while True:
            failure: str | None = None
            try:
                record = next(records, None)
            except Exception as exc:  # warcio raises many types on broken input
                record, failure = None, f"{type(exc).__name__}: {exc}"
            if getattr(records, "err_count", 0):
                # the previous record did not end where its Content-Length said: it is suspect too
                yield self._rest(
                    max(index, self.first_index), "a record does not end where its Content-Length says"
                )
                return
            if pending is not None:
                yield pending
                pending = None
            if record is None and failure is None:
                # reads run ahead of parsing: a stream error only matters once records run out
                if self.source.error is not None:
                    failure = self.source.error.detail
                elif getattr(records, "next_line", None):  # a record began, its header is cut
                    failure = "file ends inside a record header"
            if failure is not None:
                yield self._rest(index + 1, failure)
                return
            if record is None:
                return
            index += 1
            try:
                pending = self._item(record, index)
                problem = self._finish(record)
            except Exception as exc:  # a payload warcio cannot undo (bad chunking, encoding)
                pending, problem = None, f"{type(exc).__name__}: {exc}"
            if problem is not None:
                yield self._rest(index, problem)
                return

    def _rest(self, index: int, detail: str) -> Reject:
        return Reject(
            f"{self.path}#{index}",
            Reason.CORRUPT_WARC,
            f"damaged from record {index} on, rest of the file skipped: {detail}",
        )

    def _finish(self, record: Any) -> str | None:
        """Read what is left of the record; a problem if it was shorter than declared."""
        from warcio.limitreader import LimitReader

        raw = record.raw_stream
        if not isinstance(raw, LimitReader):
            return "record without a valid Content-Length"
        while raw.read(READ_CHUNK_BYTES):
            pass
        if raw.limit > 0:
            cause = f" ({self.source.error.detail})" if self.source.error is not None else ""
            return f"record cut short, {raw.limit} bytes missing{cause}"
        return None

    def _item(self, record: Any, index: int) -> Doc | Reject | None:
        if record.rec_type not in DOCUMENT_RECORDS:
            return None
        where = f"{self.path}#{index}"
        headers = record.rec_headers
        url: str | None = headers.get_header("WARC-Target-URI")
        if record.rec_type == "response":
            http = record.http_headers
            if http is None:  # dns:, whois: ... responses carry no page
                LOGGER.debug("skipping non-HTTP response %s", where)
                return None
            status = http.get_statuscode() or ""
            if not status.startswith("2"):
                return Reject(where, Reason.HTTP_STATUS, f"HTTP status {status}, not a page", url=url)
            content_type = http.get_header("Content-Type")
        else:
            content_type = record.content_type
        mime, charset = _parse_content_type(content_type)
        media: MediaType | None
        if mime in HTML_TYPES:
            media = "html"
        elif mime in TEXT_TYPES:
            media = "text"
        elif mime in UNTYPED:
            media = None
        else:
            return Reject(where, Reason.UNSUPPORTED, f"payload type {mime} is not HTML or text", url=url)
        payload = record.content_stream().read(MAX_INPUT_BYTES + 1)  # bounded: the rest is skipped
        if len(payload) > MAX_INPUT_BYTES:
            return Reject(where, Reason.TOO_LARGE, f"payload over {MAX_INPUT_BYTES} bytes", url=url)
        return page_item(
            payload,
            path=where,
            media_type=media,
            url=url,
            fetched_at=headers.get_header("WARC-Date"),
            http_charset=charset,
        )


def _parse_content_type(value: str | None) -> tuple[str, str | None]:
    """("text/html", "iso-8859-1") from "text/html; charset=ISO-8859-1"."""
    if not value:
        return "", None
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset
