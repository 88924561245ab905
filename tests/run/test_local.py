"""The local executor: same store as a single process, markers skip finished work, killed workers."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from run_support import killing_pipeline, knowledge_pipeline, store_contents

from veille.run import RunError, merge, run
from veille.run.layout import RunLayout
from veille.run.progress import ShardProgress
from veille.run.shard import MAX_SHARD_ATTEMPTS

Contents = dict[str, list[tuple[object, ...]]]


def test_local_run_then_merge_gives_the_single_process_store(
    crawl: Path, reference: Contents, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    progress = ShardProgress(enabled=False)
    report = run(
        [str(crawl)],
        out,
        workers=2,
        factory=knowledge_pipeline,
        on_plan=progress.set_total,
        on_result=progress.on_result,
    )
    assert (report.shards, report.ran, report.skipped) == (5, 5, 0)
    assert progress.documents == 6 and progress.shards == 5
    assert (report.documents, report.rejected, report.reasons) == (6, 1, {"empty": 1})
    assert report.stages["test.toy_ner.v1"]["forwarded"] == 6
    assert "veille.link.kb.v1" not in report.stages  # cross-document: run by the merge
    merged = merge(out, tmp_path / "a.duckdb", factory=knowledge_pipeline)
    assert (merged.added, merged.skipped, merged.rejected) == (6, 0, 1)
    assert merged.stages["veille.link.kb.v1"]["forwarded"] == 6
    assert store_contents(tmp_path / "a.duckdb") == reference
    assert reference["entities"] and reference["relations"] and reference["facts"]

    again = run([str(crawl)], out, workers=2, factory=knowledge_pipeline)
    assert (again.ran, again.skipped, again.documents) == (0, 5, 6)
    assert merge(out, tmp_path / "a.duckdb", factory=knowledge_pipeline).added == 0
    assert store_contents(tmp_path / "a.duckdb") == reference


def test_unfinished_shard_is_redone_and_its_partial_output_discarded(
    crawl: Path, reference: Contents, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run([str(crawl)], out, workers=2, factory=knowledge_pipeline)
    layout = RunLayout(out)
    layout.marker(2).unlink()  # as if the worker died after writing part of its files
    layout.documents(2).write_bytes(b"PAR1 half a file")
    with pytest.raises(RunError, match=r"shards \[2\]"):
        merge(out, tmp_path / "partial.duckdb", factory=knowledge_pipeline)
    partial = merge(out, tmp_path / "partial.duckdb", factory=knowledge_pipeline, partial=True)
    assert partial.missing == [2] and partial.added == 5

    report = run([str(crawl)], out, workers=2, factory=knowledge_pipeline)
    assert (report.ran, report.skipped) == (1, 4)
    merge(out, tmp_path / "b.duckdb", factory=knowledge_pipeline)
    assert store_contents(tmp_path / "b.duckdb") == reference


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_worker_killed_mid_run_loses_and_duplicates_nothing(
    crawl: Path, reference: Contents, tmp_path: Path
) -> None:
    marker = tmp_path / "killed"
    factory = killing_pipeline("b-crawl.warc.gz#1", str(marker))
    out = tmp_path / "out"
    report = run([str(crawl)], out, workers=2, factory=factory)
    assert marker.read_text().startswith("killed pid")  # a worker did die, in the middle of a WARC
    assert report.documents == 6
    layout = RunLayout(out)
    attempts = [len(layout.attempts(rank).read_text().splitlines()) for rank in range(report.shards)]
    assert attempts[1] == 2 and max(attempts) <= 2  # the killed shard ran twice
    merge(out, tmp_path / "killed.duckdb", factory=factory)
    contents = store_contents(tmp_path / "killed.duckdb")
    ids = [row[0] for row in contents["documents"]]
    assert len(ids) == len(set(ids)) == 6
    assert contents == reference


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_shard_that_kills_every_worker_stops_the_run(crawl: Path, tmp_path: Path) -> None:
    factory = killing_pipeline("d-note.txt", "")
    with pytest.raises(RunError, match=f"started {MAX_SHARD_ATTEMPTS} times"):
        run([str(crawl / "d-note.txt")], tmp_path / "out", workers=1, factory=factory)
