"""The planner's scan for cut points: every kind of file, damaged or not, reads the same once cut."""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from veille.doc import Doc, Reject
from veille.ingest import read_inputs
from veille.ingest.ranges import ByteRange
from veille.run.shards import make_plan
from veille.run.splits import find_cuts

SHARDS = 12


def _key(item: Doc | Reject) -> tuple[str, str]:
    return (item.path, item.reason) if isinstance(item, Reject) else (item.source.path, item.id)


def _plain(big_warc: Path, tmp_path: Path) -> Path:
    path = tmp_path / "plain.warc"
    path.write_bytes(gzip.decompress(big_warc.read_bytes()))
    return path


def _corrupt_member(big_warc: Path, tmp_path: Path) -> Path:
    data = bytearray(big_warc.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8] = b"\x00" * 8
    path = tmp_path / "corrupt.warc.gz"
    path.write_bytes(bytes(data))
    return path


def _wrong_length(big_warc: Path, tmp_path: Path) -> Path:
    data = gzip.decompress(big_warc.read_bytes())
    at = data.index(b"Content-Length: ", len(data) // 2) + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    path = tmp_path / "wrong-length.warc"
    path.write_bytes(data[:at] + str(int(data[at:end]) - 3).encode() + data[end:])
    return path


def _jsonl(big_warc: Path, tmp_path: Path) -> Path:
    lines = [
        json.dumps({"url": f"https://example.org/{i}", "text": f"Texte numéro {i}. " * 30}) for i in range(60)
    ]
    lines[20:20] = ["", "pas du JSON"]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(lines), "utf-8")  # no newline at the end
    return path


CASES: dict[str, tuple[Callable[[Path, Path], Path], str | None]] = {
    "plain WARC": (_plain, None),
    "gzip member damaged in the middle": (_corrupt_member, "gzip data is damaged"),
    "Content-Length wrong in the middle": (_wrong_length, "does not end where its Content-Length says"),
    "JSONL": (_jsonl, None),
}


@pytest.mark.parametrize("case", CASES)
def test_cut_file_reads_like_the_whole_file(case: str, big_warc: Path, tmp_path: Path) -> None:
    make, note = CASES[case]
    path = make(big_warc, tmp_path)
    plan = make_plan([str(path)], ["a.v1"], SHARDS, min_split_bytes=0)
    assert plan.world_size > 1
    assert all(isinstance(piece, ByteRange) for spec in plan.specs() for piece in spec.files)
    if note is None:
        assert plan.uncut == {}
    else:
        assert note in plan.uncut[str(path)]
    whole = [_key(item) for item in read_inputs([str(path)])]
    split = [_key(item) for spec in plan.specs() for item in read_inputs(list(spec.files))]
    assert split == whole and len(whole) > 10


def test_cuts_are_deterministic_and_at_least_a_grain_apart(big_warc: Path) -> None:
    grain = big_warc.stat().st_size // 6
    cuts = find_cuts(str(big_warc), grain)
    assert cuts.kind == "warc" and cuts.note is None
    offsets = [point.offset for point in cuts.points]
    assert offsets[0] == 0 and len(offsets) >= 4
    assert all(b - a >= grain for a, b in itertools.pairwise(offsets))
    assert [point.first for point in cuts.points] == sorted({point.first for point in cuts.points})
    assert find_cuts(str(big_warc), grain) == cuts


def test_pages_and_gzipped_jsonl_are_not_cut(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Une page.</p></body></html>" * 100, "utf-8")
    assert find_cuts(str(page), 10).kind is None
    packed = tmp_path / "pages.jsonl.gz"
    packed.write_bytes(gzip.compress(b'{"text": "Un texte."}\n' * 500))
    plan = make_plan([str(packed)], ["a.v1"], 4, min_split_bytes=0)
    assert plan.shards == [(str(packed),)] and "gzipped JSONL" in plan.uncut[str(packed)]


def test_a_file_named_twice_is_read_twice(big_warc: Path) -> None:
    plan = make_plan([str(big_warc), str(big_warc)], ["a.v1"], 5, min_split_bytes=0)
    whole = [_key(item) for item in read_inputs([str(big_warc)])]
    split = [_key(item) for spec in plan.specs() for item in read_inputs(list(spec.files))]
    assert split == whole + whole
