"""A big WARC cut into byte ranges over several shards gives the store of one unsplit read."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

from run_support import knowledge_pipeline, store_contents

from veille import api
from veille.ingest.ranges import ByteRange
from veille.run import merge, run
from veille.run.layout import RunLayout, read_json
from veille.run.shards import make_plan

Contents = dict[str, list[tuple[object, ...]]]
STAGES = [stage.name for stage in knowledge_pipeline().stages]


def test_split_warc_gives_the_unsplit_store_and_resumes(
    big_warc: Path, big_reference: Contents, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = run([str(big_warc)], out, workers=2, shards=4, min_split_bytes=0, factory=knowledge_pipeline)
    plan = make_plan([str(big_warc)], STAGES, 4, min_split_bytes=0)
    assert report.shards == plan.world_size == 4 and report.uncut == {}
    pieces = [piece for spec in plan.specs() for piece in spec.files if isinstance(piece, ByteRange)]
    assert len(pieces) == 4 and pieces[0].start == 0 and pieces[-1].end == big_warc.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    assert read_json(RunLayout(out).manifest) == plan.as_dict()  # same file and shard count: same plan
    assert (report.documents, report.rejected) == (22, 2)
    assert report.reasons == {"http_status": 1, "unsupported_format": 1}
    rejects_by_shard = [read_json(RunLayout(out).stats(rank))["rejected"] for rank in range(4)]
    assert sum(1 for count in rejects_by_shard if count) == 2  # the two rejects were read by two workers

    merged = merge(out, tmp_path / "split.duckdb", factory=knowledge_pipeline)
    assert (merged.added, merged.skipped, merged.rejected) == (22, 0, 2)
    contents = store_contents(tmp_path / "split.duckdb")
    assert contents == big_reference
    paths = sorted(row[1] for row in contents["documents"])
    assert f"{big_warc}#23" in paths and f"{big_warc}#3" not in paths  # whole-file record indexes
    assert big_reference["entities"] and big_reference["relations"] and big_reference["facts"]

    again = run([str(big_warc)], out, workers=2, shards=4, min_split_bytes=0, factory=knowledge_pipeline)
    assert (again.ran, again.skipped, again.documents) == (0, 4, 22)


def test_truncated_warc_split_keeps_the_records_before_the_cut_and_one_reject(
    big_warc: Path, tmp_path: Path
) -> None:
    data = big_warc.read_bytes()
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(data[: len(data) * 4 // 5])
    reference = tmp_path / "reference.duckdb"
    api.ingest([str(truncated)], db=reference, pipeline=knowledge_pipeline())

    out = tmp_path / "out"
    report = run([str(truncated)], out, workers=1, shards=4, min_split_bytes=0, factory=knowledge_pipeline)
    assert report.shards == 4
    assert "cut short" in report.uncut[str(truncated)]
    merge(out, tmp_path / "split.duckdb", factory=knowledge_pipeline)
    contents = store_contents(tmp_path / "split.duckdb")
    assert contents == store_contents(reference)
    damaged = [row for row in contents["rejects"] if row[3] == "corrupt_warc"]
    assert len(damaged) == 1 and "rest of the file skipped" in str(damaged[0][4])
    assert 10 < len(contents["documents"]) < 22


def test_single_gzip_stream_stays_one_shard_and_says_why(big_warc: Path, tmp_path: Path) -> None:
    one_stream = tmp_path / "one.warc.gz"
    one_stream.write_bytes(gzip.compress(gzip.decompress(big_warc.read_bytes())))
    plan = make_plan([str(one_stream)], STAGES, 4, min_split_bytes=0)
    assert plan.shards == [(str(one_stream),)]
    assert "one gzip stream" in plan.uncut[str(one_stream)]


def test_small_files_are_not_cut(big_warc: Path) -> None:
    plan = make_plan([str(big_warc)], STAGES, 4)  # under MIN_SPLIT_BYTES
    assert plan.shards == [(str(big_warc),)] and plan.uncut == {}
