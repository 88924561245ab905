"""Reading one byte range of a WARC or JSONL file: the items, paths and ids of a whole-file read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_support import make_warc, read_all

from veille.doc import Doc, Reject
from veille.ingest import read_inputs
from veille.ingest.ranges import ByteRange

PAGES = [
    (
        "response",
        f"https://example.com/{index}",
        f"<html><body><p>Article {index}.</p></body></html>".encode(),
        "text/html",
    )
    for index in range(4)
]


def _key(item: Doc | Reject) -> tuple[str, str]:
    return (item.path, item.reason) if isinstance(item, Reject) else (item.source.path, item.id)


def _record_starts(path: Path) -> list[int]:
    """Where each record starts, as warcio sees it (independent of the run planner's scan)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        return [records.get_record_offset() for _ in records]


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_ranges_read_like_the_whole_file(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(make_warc(PAGES, gzip=gzipped))
    starts = _record_starts(path)  # warcinfo, then (request, response) per page: 9 records
    assert len(starts) == 9
    cuts = [(0, 0), (starts[4], 4), (starts[7], 7)]
    ends = [offset for offset, _ in cuts[1:]] + [path.stat().st_size]
    ranges = [
        ByteRange(str(path), start, end, "warc", first)
        for (start, first), end in zip(cuts, ends, strict=True)
    ]
    split = [_key(item) for item in read_inputs(ranges)]
    assert split == [_key(item) for item in read_all(path)]
    assert [name for name, _ in split] == [f"{path}#{index}" for index in (2, 4, 6, 8)]
    middle = [_key(item) for item in read_inputs([ranges[1]])]
    assert middle == [(f"{path}#4", split[1][1]), (f"{path}#6", split[2][1])]


def test_jsonl_range_keeps_the_line_numbers_of_the_file(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": f"https://example.com/{index}", "text": f"Texte {index}."}) for index in range(5)
    ]
    lines[2] = "pas du JSON"
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    start = len("\n".join(lines[:2])) + 1
    items = list(read_inputs([ByteRange(str(path), start, path.stat().st_size, "jsonl", 3)]))
    assert [_key(item)[0] for item in items] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert isinstance(items[0], Reject) and items[0].reason == "bad_jsonl_line"
    assert [_key(item) for item in items] == [_key(item) for item in read_all(path)][2:]


def test_range_beyond_the_end_of_a_file_that_shrank_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(make_warc(PAGES, gzip=True))
    size = path.stat().st_size
    (item,) = list(read_inputs([ByteRange(str(path), 0, size + 100, "warc", 0)]))
    assert isinstance(item, Reject) and item.reason == "unreadable" and "changed since" in item.detail
