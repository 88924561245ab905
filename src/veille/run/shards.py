"""Deterministic sharding: the inputs listed in a fixed order, cut into contiguous shards.

Inputs are expanded the way `veille.ingest.read_inputs` walks them (a directory's entries sorted
by name, dot-files skipped, sub-directories walked where they sort), so the concatenation of
the shards, in rank order, is the order a single `veille ingest` would read. Shard `k` holds a
contiguous run of files of about `total bytes / n` (every shard at least one file); the number
of shards depends on the inputs only, never on the number of workers, so completion markers
stay valid when a run is resumed with more or fewer workers.

The plan is written to `OUT/manifest.json` on the first run; a re-run with the same inputs and
the same stage list reuses it (and the finished shards), anything else is refused.

Entries met while walking a directory that are not regular files (a FIFO, a socket, a broken
link) are not handed to a worker, which would block on a FIFO: they become rejects of the plan,
with the reader's reasons, stored by the merge. Standard input cannot be sharded.
"""

from __future__ import annotations

import logging
import math
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from veille.doc import Reject
from veille.errors import ConfigError, Reason, RunError
from veille.run.layout import RunLayout, read_json, write_json_atomic

LOGGER = logging.getLogger(__name__)

#: Bytes of input per shard. 64 MiB of WARC.gz is a few thousand news pages, a few minutes of
#: one core: small enough that a lost shard costs little, big enough that per-shard overheads
#: (a Parquet file, a marker, a task) stay negligible.
SHARD_TARGET_BYTES = 64 * 1024 * 1024
#: At least this many shards when there are enough files, so that small runs still spread over
#: the cores of one machine (16 = 8 workers x 2, for load balance at the end of the run).
MIN_SHARDS = 16
MANIFEST_VERSION = 1


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str
    size: int


@dataclass(frozen=True, slots=True)
class ShardSpec:
    """What one worker processes: shard `rank` of `world_size`, its files in order."""

    rank: int
    world_size: int
    files: tuple[str, ...]


@dataclass(slots=True)
class ShardPlan:
    """The inputs of a run, their cut into shards, and the stage list the run was made with."""

    inputs: list[InputFile]
    bounds: list[tuple[int, int]]  # [start, end) indexes into `inputs`, one pair per shard
    stages: list[str]
    rejects: list[Reject] = field(default_factory=list)

    @property
    def world_size(self) -> int:
        return len(self.bounds)

    def spec(self, rank: int) -> ShardSpec:
        start, end = self.bounds[rank]
        return ShardSpec(rank, self.world_size, tuple(item.path for item in self.inputs[start:end]))

    def specs(self) -> list[ShardSpec]:
        return [self.spec(rank) for rank in range(self.world_size)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": MANIFEST_VERSION,
            "inputs": [[item.path, item.size] for item in self.inputs],
            "shards": [list(pair) for pair in self.bounds],
            "stages": self.stages,
            "rejects": [reject.as_dict() for reject in self.rejects],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShardPlan:
        if data.get("version") != MANIFEST_VERSION:
            raise RunError(f"manifest version {data.get('version')!r}, expected {MANIFEST_VERSION}")
        return cls(
            inputs=[InputFile(str(path), int(size)) for path, size in data["inputs"]],
            bounds=[(int(start), int(end)) for start, end in data["shards"]],
            stages=[str(name) for name in data["stages"]],
            rejects=[
                Reject(r["path"], r["reason"], r["detail"], id=r["id"], url=r["url"]) for r in data["rejects"]
            ],
        )


def _walk(directory: str, inputs: list[InputFile], rejects: list[Reject], seen: set[tuple[int, int]]) -> None:
    try:
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in seen:
            LOGGER.warning("skipping %s: directory already walked", directory)
            return
        seen.add((info.st_dev, info.st_ino))
        names = sorted(os.listdir(directory))
    except OSError as exc:
        rejects.append(Reject(directory, Reason.UNREADABLE, f"cannot list directory: {exc.strerror or exc}"))
        return
    for name in names:
        if name.startswith("."):
            continue
        path = os.path.join(directory, name)
        if os.path.isdir(path):
            _walk(path, inputs, rejects, seen)
            continue
        try:
            info = os.stat(path)
        except FileNotFoundError:
            rejects.append(Reject(path, Reason.UNREADABLE, "broken symbolic link"))
            continue
        except OSError as exc:
            rejects.append(Reject(path, Reason.UNREADABLE, exc.strerror or str(exc)))
            continue
        if not stat.S_ISREG(info.st_mode):
            rejects.append(Reject(path, Reason.UNREADABLE, "not a regular file (FIFO, socket or device)"))
            continue
        inputs.append(InputFile(path, info.st_size))


def list_inputs(paths: Sequence[str]) -> tuple[list[InputFile], list[Reject]]:
    """The files to read, in reading order, and the rejects met while listing them.

    A path named explicitly is kept even when missing or unreadable: its worker's reader turns
    it into the same Reject a single-process run gives.
    """
    inputs: list[InputFile] = []
    rejects: list[Reject] = []
    for path in paths:
        if path == "-":
            raise ConfigError("standard input cannot be split into shards: give files or directories")
        if os.path.isdir(path):
            _walk(path, inputs, rejects, set())
            continue
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0
        inputs.append(InputFile(path, size))
    return inputs, rejects


def default_shard_count(inputs: Sequence[InputFile]) -> int:
    """Shards for these inputs: one per `SHARD_TARGET_BYTES`, at least `MIN_SHARDS`, at most one per file."""
    total = sum(item.size for item in inputs)
    wanted = max(MIN_SHARDS, math.ceil(total / SHARD_TARGET_BYTES))
    return max(1, min(len(inputs), wanted))


def cut(sizes: Sequence[int], n_shards: int) -> list[tuple[int, int]]:
    """Contiguous `[start, end)` ranges over `sizes`, `n_shards` of them, of about equal weight.

    Each file weighs its size plus one byte (an empty file still costs a task). Every range
    holds at least one file; boundaries depend on the sizes only.
    """
    count = len(sizes)
    if count == 0:
        return []
    n_shards = max(1, min(n_shards, count))
    weights = [size + 1 for size in sizes]
    total = sum(weights)
    bounds: list[tuple[int, int]] = []
    start = 0
    done = 0
    for rank in range(n_shards - 1):
        goal = total * (rank + 1) / n_shards
        end = start + 1
        done += weights[start]
        last_end = count - (n_shards - 1 - rank)  # leave one file for each shard after this one
        while end < last_end and done + weights[end] / 2 <= goal:
            done += weights[end]
            end += 1
        bounds.append((start, end))
        start = end
    bounds.append((start, count))
    return bounds


def make_plan(paths: Sequence[str], stages: Sequence[str], n_shards: int | None = None) -> ShardPlan:
    inputs, rejects = list_inputs(paths)
    if not inputs:
        raise ConfigError("nothing to read: no input file found")
    n = default_shard_count(inputs) if n_shards is None else n_shards
    if n < 1:
        raise ConfigError(f"the number of shards must be at least 1, not {n}")
    return ShardPlan(inputs, cut([item.size for item in inputs], n), list(stages), rejects)


def load_or_create_plan(
    layout: RunLayout, paths: Sequence[str], stages: Sequence[str], n_shards: int | None = None
) -> ShardPlan:
    """The plan of `layout`'s run: reused when the inputs and stages match, else written anew."""
    plan = make_plan(paths, stages, n_shards)
    if not layout.manifest.is_file():
        layout.make_dirs()
        write_json_atomic(layout.manifest, plan.as_dict())
        return plan
    old = ShardPlan.from_dict(read_json(layout.manifest))
    if [item.path for item in old.inputs] != [item.path for item in plan.inputs]:
        raise RunError(f"{layout.root} holds a run over other inputs; choose another --out folder")
    if old.stages != plan.stages:
        raise RunError(
            f"{layout.root} holds a run made with stages {old.stages}, not {list(stages)}; "
            "choose another --out folder"
        )
    if n_shards is not None and n_shards != old.world_size:
        raise RunError(f"{layout.root} holds a run of {old.world_size} shards, not {n_shards}")
    if [item.size for item in old.inputs] != [item.size for item in plan.inputs]:
        LOGGER.warning("input sizes changed since %s was planned; finished shards are kept", layout.root)
    layout.make_dirs()
    return old
