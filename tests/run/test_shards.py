"""Sharding: the reading order of a single run, contiguous shards, a plan that only the inputs decide."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from veille.doc import Reject
from veille.errors import ConfigError, RunError
from veille.ingest import read_inputs
from veille.run.layout import RunLayout
from veille.run.shards import (
    MIN_SHARDS,
    cut,
    default_shard_count,
    list_inputs,
    load_or_create_plan,
    make_plan,
)


def test_cut_is_contiguous_balanced_and_never_empty() -> None:
    sizes = [100, 1, 1, 1, 100, 50, 50, 0, 100]
    bounds = cut(sizes, 3)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(sizes)
    assert all(start < end for start, end in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(len(bounds) - 1))
    weights = [sum(size + 1 for size in sizes[start:end]) for start, end in bounds]
    assert max(weights) <= 2 * min(weights)
    assert cut(sizes, 3) == bounds  # the same sizes, the same cut
    assert cut([5, 5], 10) == [(0, 1), (1, 2)]  # never more shards than files
    assert cut([0, 0, 0, 0], 2) == [(0, 2), (2, 4)]


def test_inputs_listed_in_the_order_a_single_run_reads_them(crawl: Path, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "z.txt").write_text("Un texte assez long pour être une page.", "utf-8")
    (tmp_path / ".hidden.txt").write_text("caché", "utf-8")
    (tmp_path / "a.txt").write_text("Une autre page de texte.", "utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    inputs, rejects = list_inputs([str(tmp_path), str(crawl), "missing.html"])
    paths = [item.path for item in inputs]
    assert paths[:2] == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "z.txt")]
    assert paths[-1] == "missing.html"  # named explicitly: the worker's reader rejects it
    assert [(r.path, r.reason) for r in rejects] == [(str(tmp_path / "pipe.txt"), "unreadable")]
    single = [item for item in read_inputs([str(crawl)])]
    sharded = [item for path in list_inputs([str(crawl)])[0] for item in read_inputs([path.path])]
    key = lambda item: item.path if isinstance(item, Reject) else item.source.path  # noqa: E731
    assert [key(item) for item in sharded] == [key(item) for item in single]


def test_stdin_cannot_be_sharded() -> None:
    with pytest.raises(ConfigError, match="standard input"):
        list_inputs(["-"])


def test_plan_depends_on_inputs_only_and_is_reused(crawl: Path, tmp_path: Path) -> None:
    layout = RunLayout(tmp_path / "out")
    plan = load_or_create_plan(layout, [str(crawl)], ["a.v1", "b.v1"])
    assert default_shard_count(plan.inputs) == MIN_SHARDS  # wanted; small files are never cut, so:
    assert plan.world_size == len(plan.inputs) < MIN_SHARDS
    files = [path for spec in plan.specs() for path in spec.files]
    assert files == [item.path for item in plan.inputs]  # shards in rank order = reading order
    again = load_or_create_plan(layout, [str(crawl)], ["a.v1", "b.v1"])
    assert again.as_dict() == plan.as_dict() == make_plan([str(crawl)], ["a.v1", "b.v1"]).as_dict()
    with pytest.raises(RunError, match="stages"):
        load_or_create_plan(layout, [str(crawl)], ["a.v1", "c.v1"])
    with pytest.raises(RunError, match="other inputs"):
        load_or_create_plan(layout, [str(crawl / "d-note.txt")], ["a.v1", "b.v1"])
