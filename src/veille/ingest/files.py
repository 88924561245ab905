"""Paths -> inputs: walking directories, opening files and standard input, choosing the reader.

Order: inputs in the order given; inside a directory, entries sorted by name, sub-directories
walked where they sort. Dot-files and dot-directories are skipped; every other file yields a Doc
or a Reject (an image, a PDF, an archive: `unsupported_format`; a broken link, a FIFO or a
device met while walking, a file that cannot be opened: `unreadable`). A FIFO or device named
explicitly (`<(zcat pages.gz)`) is read like standard input.

A single page bigger than `MAX_INPUT_BYTES` is refused from its size on disk (for a gzipped
page, its compressed size, then its inflated size) without being read; WARC and JSONL files are
streamed and have no size limit, only each record or line has.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from veille.doc import Doc, MediaType, Reject
from veille.errors import InputError, Reason
from veille.ingest.formats import Kind, kind_for_name, sniff_container
from veille.ingest.gz import STREAM_ERRORS, gunzip, gunzip_head, is_gzip, stream_error
from veille.ingest.limits import MAX_INPUT_BYTES, SNIFF_BYTES
from veille.ingest.page import page_item
from veille.ingest.ranges import ByteRange, read_range
from veille.ingest.streams import from_start, start_of

LOGGER = logging.getLogger(__name__)

STDIN = "-"


def read_inputs(paths: Sequence[str | ByteRange], *, stdin: BinaryIO | None = None) -> Iterator[Doc | Reject]:
    """One Doc per readable document and one Reject per unreadable input, in input order.

    `"-"` is standard input (`stdin`, default `sys.stdin.buffer`); a `ByteRange` is one piece of
    a big WARC or JSONL file (`ranges.py`). Positions count up from 0 over everything yielded.
    Never raises on a bad input.
    """
    position = 0
    for path in paths:
        for item in _guarded(str(path), _read_path(path, stdin)):
            item.position = position
            position += 1
            yield item


def _guarded(path: str, items: Iterator[Doc | Reject]) -> Iterator[Doc | Reject]:
    """Last safety net: an unexpected error ends this input with a Reject, not the run."""
    try:
        yield from items
    except Exception as exc:
        LOGGER.exception("unexpected error reading %s", path)
        yield Reject(path, Reason.UNREADABLE, f"unexpected error: {type(exc).__name__}: {exc}")


def _read_path(path: str | ByteRange, stdin: BinaryIO | None) -> Iterator[Doc | Reject]:
    if isinstance(path, ByteRange):
        yield from read_range(path)
    elif path == STDIN:
        yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, path, "sniff")
    elif not os.path.lexists(path):
        yield Reject(path, Reason.NOT_FOUND, "no such file or directory")
    elif os.path.isdir(path):
        yield from _walk(path, set())
    else:
        yield from _read_file(path, explicit=True)


def _walk(directory: str, seen: set[tuple[int, int]]) -> Iterator[Doc | Reject]:
    try:
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in seen:  # a symbolic link loop
            LOGGER.warning("skipping %s: directory already walked", directory)
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(directory) as scan:
            names = sorted(entry.name for entry in scan)
    except OSError as exc:
        yield Reject(directory, Reason.UNREADABLE, f"cannot list directory: {exc.strerror or exc}")
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(directory, name)
        if os.path.isdir(path):
            yield from _walk(path, seen)
        else:
            yield from _read_file(path, explicit=False)


def _read_file(path: str, *, explicit: bool) -> Iterator[Doc | Reject]:
    kind, suffix = kind_for_name(path)
    if kind == "unsupported":
        yield Reject(path, Reason.UNSUPPORTED, f"{suffix} files are not pages")
        return
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield Reject(path, Reason.UNREADABLE, "broken symbolic link")
        return
    except OSError as exc:
        yield Reject(path, Reason.UNREADABLE, exc.strerror or str(exc))
        return
    regular = stat.S_ISREG(info.st_mode)
    if not regular and not (explicit and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode))):
        yield Reject(path, Reason.UNREADABLE, "not a regular file (FIFO, socket or device)")
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, the generator may pause
    except OSError as exc:
        yield Reject(path, Reason.UNREADABLE, exc.strerror or str(exc))
        return
    with handle:
        yield from read_stream(handle, path, kind, size=info.st_size if regular else None)


def read_stream(
    stream: BinaryIO, path: str, kind: Kind, *, size: int | None = None
) -> Iterator[Doc | Reject]:
    """Docs and Rejects from one open input; `kind` from its name, or "sniff"."""
    start = start_of(stream)
    try:
        head = stream.read(SNIFF_BYTES)
    except OSError as exc:
        yield Reject(path, Reason.UNREADABLE, exc.strerror or str(exc))
        return
    if not head:  # also for a WARC or JSONL file, which would otherwise yield nothing at all
        yield Reject(path, Reason.EMPTY, "no content")
        return
    gzipped = is_gzip(head)
    if kind == "sniff":
        kind = sniff_container(gunzip_head(head, SNIFF_BYTES) if gzipped else head)
    if kind in ("warc", "jsonl"):
        whole = from_start(stream, start, head)
        if kind == "warc":
            from veille.ingest.warc import read_warc

            yield from read_warc(whole, path, gzipped=gzipped)
        else:
            from veille.ingest.jsonl import read_jsonl

            yield from read_jsonl(_gzip_stream(whole) if gzipped else whole, path)
        return
    yield _read_page(stream, path, head, gzipped, _media(kind), size)


def _read_page(
    stream: BinaryIO, path: str, head: bytes, gzipped: bool, media: MediaType | None, size: int | None
) -> Doc | Reject:
    if size is not None and size > MAX_INPUT_BYTES:
        what = "compressed file" if gzipped else "file"
        return Reject(path, Reason.TOO_LARGE, f"{what} of {size} bytes, over {MAX_INPUT_BYTES}")
    try:
        data = head + stream.read(MAX_INPUT_BYTES + 1 - len(head))
    except STREAM_ERRORS as exc:
        error = stream_error(exc)
        return Reject(path, error.reason, error.detail)
    if len(data) > MAX_INPUT_BYTES:
        return Reject(path, Reason.TOO_LARGE, f"more than {MAX_INPUT_BYTES} bytes")
    if gzipped:
        try:
            data = gunzip(data, MAX_INPUT_BYTES)
        except InputError as exc:
            return Reject(path, exc.reason, exc.detail)
    return page_item(data, path=path, media_type=media)


def _media(kind: Kind) -> MediaType | None:
    if kind == "html":
        return "html"
    if kind == "text":
        return "text"
    return None


def _gzip_stream(stream: BinaryIO) -> BinaryIO:
    import gzip

    return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
