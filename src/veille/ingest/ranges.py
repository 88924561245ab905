"""One byte range of a WARC or JSONL file: what a worker reads when a big file is split.

A `ByteRange` starts at a record boundary (the first byte of a gzip member holding whole WARC
records, the first byte of a plain WARC record, or the first byte after a newline in a JSONL
file) and ends at the next range's start, or at the end of the file. `first` is the index of
its first WARC record, or the number of its first JSONL line, in the whole file, so that the
documents and rejects read from a range carry the paths (`<file>#<record>`, `<file>:<line>`) a
read of the whole file gives. The records themselves go through the same readers
(`warc.read_warc`, `jsonl.read_jsonl`) as a whole file, on a stream that ends at `end`.

Where the boundaries are is decided by whoever plans the ranges (`veille.run.splits`); this
module only trusts them, and refuses a range of a file that is now shorter than the range.
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Literal, cast

from veille.doc import Doc, Reject
from veille.errors import Reason
from veille.ingest.gz import is_gzip

#: The containers a range can be cut from.
RangeKind = Literal["warc", "jsonl"]
#: Bytes looked at, at the start of a range, to tell gzip from plain data.
_MAGIC_BYTES = 2


@dataclass(frozen=True, slots=True)
class ByteRange:
    """Bytes `[start, end)` of `path`, a `kind` container; `first` record index or line number."""

    path: str
    start: int
    end: int
    kind: RangeKind
    first: int

    def __str__(self) -> str:
        return f"{self.path}[{self.start}:{self.end}]"


class _Window(io.RawIOBase):
    """A raw read-only stream over bytes `[start, end)` of an open file: end-of-data at `end`."""

    def __init__(self, handle: BinaryIO, start: int, end: int) -> None:
        super().__init__()
        self._handle = handle
        self._left = end - start
        handle.seek(start)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), self._left)
        if size <= 0:
            return 0
        data = self._handle.read(size)
        buffer[: len(data)] = data
        self._left -= len(data)
        return len(data)


def read_range(part: ByteRange) -> Iterator[Doc | Reject]:
    """Docs and Rejects of the records (or lines) of one range, named as in a whole-file read."""
    try:
        handle = open(part.path, "rb")  # noqa: SIM115 - closed below, the generator may pause
        size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        yield Reject(part.path, Reason.UNREADABLE, exc.strerror or str(exc))
        return
    with handle:
        if size < part.end:
            yield Reject(
                str(part),
                Reason.UNREADABLE,
                f"file is {size} bytes, shorter than the range planned ({part.end}): "
                "changed since the run began",
            )
            return
        window = io.BufferedReader(_Window(handle, part.start, part.end))
        gzipped = is_gzip(window.peek(_MAGIC_BYTES)[:_MAGIC_BYTES])
        if part.kind == "warc":
            from veille.ingest.warc import read_warc

            yield from read_warc(cast(BinaryIO, window), part.path, gzipped=gzipped, first_index=part.first)
        else:
            from veille.ingest.jsonl import read_jsonl

            stream = gzip.GzipFile(fileobj=window, mode="rb") if gzipped else window
            yield from read_jsonl(cast(BinaryIO, stream), part.path, first_line=part.first)
