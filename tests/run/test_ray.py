"""The Ray executor in local mode: the same store as a single process, even when a worker is killed."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from run_support import killing_pipeline, knowledge_pipeline, store_contents

from veille.run import merge, run
from veille.run.layout import RunLayout

pytest.importorskip("ray.data", reason="the ray extra is not installed")

Contents = dict[str, list[tuple[object, ...]]]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_ray_local_mode_gives_the_local_store_despite_a_killed_actor(
    crawl: Path, reference: Contents, tmp_path: Path
) -> None:
    marker = tmp_path / "killed"
    factory = killing_pipeline("b-crawl.warc.gz#0", str(marker))
    out = tmp_path / "out"
    report = run([str(crawl)], out, engine="ray", workers=2, factory=factory)
    assert marker.read_text().startswith("killed pid")  # an actor died mid-shard; Ray restarted it
    assert (report.engine, report.shards, report.ran, report.documents, report.rejected) == (
        "ray",
        5,
        5,
        6,
        1,
    )
    assert len(RunLayout(out).attempts(1).read_text().splitlines()) == 2
    assert report.peak_rss_mb and all(mb > 0 for mb in report.peak_rss_mb.values())
    merge(out, tmp_path / "ray.duckdb", factory=factory)
    assert store_contents(tmp_path / "ray.duckdb") == reference  # = the local executor's (test_local)


def test_ray_on_a_warc_cut_into_byte_ranges_gives_the_unsplit_store(
    big_warc: Path, big_reference: Contents, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = run(
        [str(big_warc)], out, engine="ray", workers=2, shards=3, min_split_bytes=0, factory=knowledge_pipeline
    )
    assert (report.engine, report.shards, report.ran, report.documents, report.rejected) == (
        "ray",
        3,
        3,
        22,
        2,
    )
    merge(out, tmp_path / "ray.duckdb", factory=knowledge_pipeline)
    assert store_contents(tmp_path / "ray.duckdb") == big_reference
