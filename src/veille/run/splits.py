"""Where a big WARC or JSONL file can be cut into byte ranges: a cheap scan of its records.

A crawl comes as a few big WARC files; to spread one over several workers, the plan cuts it at
record boundaries (`ingest.ranges.ByteRange`). Finding them needs no HTML parsing and no warcio:

- `.warc.gz`: in a standard file each record is its own gzip member. The scan inflates member
  after member with zlib (the end of a deflate stream is only known by inflating it) and follows
  the WARC framing inside (header, `Content-Length` bytes, CRLF CRLF) to count the records, so
  that a cut at a member's first byte knows the index of its first record. A file that is one
  single gzip stream (or holds more than `MAX_RECORDS_PER_MEMBER` records in one member) cannot
  be cut there: the rest of it stays one piece, and the plan says why (`Cuts.note`).
- `.warc`: the same framing over the plain bytes; any record start is a cut.
- `.jsonl`: the first byte after a newline; the line number is the count of newlines before it.
  A gzipped JSONL is one gzip stream: not cut.

Only cuts at least `grain` bytes apart are kept, so the list stays short for a 5 GB file.

Damage: the scan stops at the first thing it does not understand (a gzip error, a member or a
record cut short, a record that does not end where its Content-Length says, an ARC record). The
reader decides what damage means (one `corrupt_warc` Reject for the rest of the file); for the
split run to give exactly the records and Reject of a whole-file read, the damaged part and the
whole segment before it are left in the file's last piece, whose reader then meets the damage
in the same state as a whole-file read would.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import BinaryIO

from veille.ingest.formats import kind_for_name, sniff_container
from veille.ingest.gz import gunzip_head, is_gzip
from veille.ingest.limits import READ_CHUNK_BYTES, SNIFF_BYTES
from veille.ingest.ranges import RangeKind

#: zlib window bits for "one gzip member, header and trailer expected".
_GZIP_WBITS = 16 + zlib.MAX_WBITS
#: Inflated bytes produced per zlib call: bounds the scan's memory whatever a member holds.
INFLATE_STEP_BYTES = 4 * 1024 * 1024
#: Compressed bytes fed to zlib at a time: at each member's end zlib copies what is left of the
#: input (`unused_data`), so a big read would be copied once per member (~16 KB each).
GZ_READ_BYTES = 64 * 1024
#: A WARC record header longer than this is taken for damage (real ones are under 2 KB).
MAX_HEADER_BYTES = 64 * 1024
#: Records in one gzip member before the file is taken for one gzip stream. Writers that group
#: records put a request, its response and a metadata record together: a handful, never more.
MAX_RECORDS_PER_MEMBER = 16
_RECORD_END = b"\r\n\r\n"
_CONTENT_LENGTH = b"content-length:"


@dataclass(frozen=True, slots=True)
class CutPoint:
    """A byte offset where a piece may start, and its first record index (WARC) or line number."""

    offset: int
    first: int


@dataclass(slots=True)
class Cuts:
    """The cut points of one file (the first is always its start), or none if it is not a container."""

    kind: RangeKind | None
    points: list[CutPoint] = field(default_factory=list)
    note: str | None = None  # why the file, or its end, could not be cut


class _Framer:
    """Follows WARC records through a byte stream: counts them, checks that each ends as declared."""

    def __init__(self) -> None:
        self.records = 0
        self.fed = 0  # bytes fed so far
        self.header = bytearray()
        self.skip = 0  # content bytes of the current record still to pass
        self.trailer = b""  # end-of-record bytes still expected
        self.problem: str | None = None

    @property
    def between(self) -> bool:
        """At a record boundary."""
        return not self.header and not self.skip and not self.trailer

    def feed(self, data: bytes) -> list[int]:
        """Follow `data`; return the stream positions where a record ended in it."""
        ends: list[int] = []
        pos = 0
        while pos < len(data) and self.problem is None:
            if self.skip:
                step = min(self.skip, len(data) - pos)
                self.skip -= step
            elif self.trailer:
                step = min(len(self.trailer), len(data) - pos)
                if data[pos : pos + step] != self.trailer[:step]:
                    self.problem = "a record does not end where its Content-Length says"
                self.trailer = self.trailer[step:]
                if not self.trailer:
                    ends.append(self.fed + pos + step)
            else:
                step = self._header(data, pos)
            pos += step
        self.fed += len(data)
        return ends

    def _header(self, data: bytes, pos: int) -> int:
        """Take header bytes from `data[pos:]`; return how many were taken."""
        before = len(self.header)
        piece = data[pos : pos + MAX_HEADER_BYTES + 1]  # not the whole chunk: the payload follows
        self.header += piece
        found = self.header.find(_RECORD_END, max(0, before - len(_RECORD_END) + 1))
        if found < 0:
            if len(self.header) > MAX_HEADER_BYTES:
                self.problem = f"no record header end in {MAX_HEADER_BYTES} bytes"
            return len(piece)
        taken = found + len(_RECORD_END) - before
        length = _content_length(bytes(self.header[:found]))
        if length is None:
            self.problem = "not a WARC record header with a Content-Length"
        else:
            self.records += 1
            self.skip, self.trailer = length, _RECORD_END
        self.header = bytearray()
        return taken


def _content_length(header: bytes) -> int | None:
    if not header.startswith(b"WARC/"):
        return None
    for line in header.split(b"\r\n")[1:]:
        if line.lower().startswith(_CONTENT_LENGTH):
            value = line[len(_CONTENT_LENGTH) :].strip()
            return int(value) if value.isdigit() else None
    return None


class _Segments:
    """Cut points at segment starts (gzip members, or plain records), kept `grain` bytes apart.

    A segment's start becomes a cut only once the segment ended cleanly; after damage, the cut
    at the start of the last clean segment is dropped too (see the module).
    """

    def __init__(self, grain: int) -> None:
        self.grain = grain
        self.points = [CutPoint(0, 0)]
        self.start = 0  # offset of the current segment
        self.first = 0  # its first record index
        self.last_clean = 0  # start of the last segment that ended cleanly

    def ended(self, end: int, records: int) -> None:
        if self.start > 0 and self.start - self.points[-1].offset >= self.grain:
            self.points.append(CutPoint(self.start, self.first))
        self.last_clean = self.start
        self.start, self.first = end, records

    def damaged(self) -> list[CutPoint]:
        return [point for point in self.points if point.offset < self.last_clean or point.offset == 0]


def _warc_gz_cuts(handle: BinaryIO, grain: int) -> Cuts:
    framer, segments = _Framer(), _Segments(grain)
    inflater = zlib.decompressobj(_GZIP_WBITS)
    read = 0
    started = False  # the current member has received bytes
    try:
        while chunk := handle.read(GZ_READ_BYTES):
            read += len(chunk)
            data = chunk
            while data:
                started = True
                out = inflater.decompress(data, INFLATE_STEP_BYTES)
                framer.feed(out)
                while inflater.unconsumed_tail and not framer.problem:
                    framer.feed(inflater.decompress(inflater.unconsumed_tail, INFLATE_STEP_BYTES))
                if framer.problem:
                    return _stopped(segments, framer.problem)
                if framer.records - segments.first > MAX_RECORDS_PER_MEMBER:
                    note = "records are not gzipped one by one (one gzip stream?): the rest cannot be cut"
                    return _stopped(segments, note, damage=False)
                if not inflater.eof:
                    break
                if not framer.between:
                    return _stopped(segments, "a gzip member ends inside a WARC record")
                data = inflater.unused_data
                segments.ended(read - len(data), framer.records)
                inflater, started = zlib.decompressobj(_GZIP_WBITS), False
    except zlib.error as exc:
        return _stopped(segments, f"gzip data is damaged: {exc}")
    if started:
        return _stopped(segments, "the last gzip member is cut short")
    return Cuts("warc", segments.points)


def _warc_cuts(handle: BinaryIO, grain: int) -> Cuts:
    framer, segments = _Framer(), _Segments(grain)
    while chunk := handle.read(READ_CHUNK_BYTES):
        for end in framer.feed(chunk):
            segments.ended(end, segments.first + 1)  # a segment is one record here
        if framer.problem:
            return _stopped(segments, framer.problem)
    if not framer.between:
        return _stopped(segments, "the last record is cut short")
    return Cuts("warc", segments.points)


def _stopped(segments: _Segments, detail: str, *, damage: bool = True) -> Cuts:
    where = f"from byte {segments.start} on"
    if damage:
        return Cuts("warc", segments.damaged(), f"not cut {where}: {detail}")
    return Cuts("warc", segments.points, f"not cut {where}: {detail}")


def _jsonl_cuts(handle: BinaryIO, grain: int) -> Cuts:
    points = [CutPoint(0, 1)]
    lines = 0  # newlines before `pos`
    pos = 0
    goal = grain
    while chunk := handle.read(READ_CHUNK_BYTES):
        while goal <= pos + len(chunk):
            newline = chunk.find(b"\n", max(0, goal - 1 - pos))
            if newline < 0:
                break
            points.append(CutPoint(pos + newline + 1, lines + chunk.count(b"\n", 0, newline + 1) + 1))
            goal = pos + newline + 1 + grain
        lines += chunk.count(b"\n")
        pos += len(chunk)
    if len(points) > 1 and points[-1].offset >= pos:  # a newline at the very end starts no line
        points.pop()
    return Cuts("jsonl", points)


def find_cuts(path: str, grain: int) -> Cuts:
    """Where `path` can be cut, cuts at least `grain` bytes apart; `Cuts(None)` if it is not a container.

    An unreadable file gives `Cuts(None)` too: its worker's reader rejects it with the reason.
    """
    kind, _ = kind_for_name(path)
    if kind not in ("warc", "jsonl", "sniff"):
        return Cuts(None)
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
            gzipped = is_gzip(head)
            if kind == "sniff":
                kind = sniff_container(gunzip_head(head, SNIFF_BYTES) if gzipped else head)
            handle.seek(0)
            if kind == "jsonl":
                if gzipped:
                    return Cuts("jsonl", [CutPoint(0, 1)], "a gzipped JSONL file is one gzip stream: not cut")
                return _jsonl_cuts(handle, grain)
            if kind == "warc":
                return _warc_gz_cuts(handle, grain) if gzipped else _warc_cuts(handle, grain)
    except OSError:
        return Cuts(None)
    return Cuts(None)
