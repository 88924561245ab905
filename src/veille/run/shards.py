"""Deterministic sharding: the inputs listed in a fixed order, cut into contiguous shards.

Inputs are expanded the way `veille.ingest.read_inputs` walks them (a directory's entries sorted
by name, dot-files skipped, sub-directories walked where they sort), so the concatenation of
the shards, in rank order, is the order a single `veille ingest` would read. Shard `k` holds a
contiguous run of input of about `total bytes / n`; the number of shards depends on the inputs
only, never on the number of workers, so completion markers stay valid when a run is resumed
with more or fewer workers.

A WARC or JSONL file bigger than one shard's share (and than `MIN_SPLIT_BYTES`) is cut into
byte ranges at record boundaries (`splits.py`, read by `ingest.ranges`), so that one 5 GB crawl
file spreads over every worker; a file that cannot be cut (one gzip stream, a gzipped JSONL,
damage: the rest of the file stays one piece) is named with the reason in the plan's `uncut`
and logged. A range's documents keep the paths and ids of a whole-file read.

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
from veille.ingest.ranges import ByteRange, RangeKind
from veille.run.layout import RunLayout, read_json, write_json_atomic
from veille.run.splits import Cuts, find_cuts

LOGGER = logging.getLogger(__name__)

#: Bytes of input per shard. 64 MiB of WARC.gz is a few thousand news pages, a few minutes of
#: one core: small enough that a lost shard costs little, big enough that per-shard overheads
#: (a Parquet file, a marker, a task) stay negligible.
SHARD_TARGET_BYTES = 64 * 1024 * 1024
#: At least this many shards when there are enough files, so that small runs still spread over
#: the cores of one machine (16 = 8 workers x 2, for load balance at the end of the run).
MIN_SHARDS = 16
#: A WARC or JSONL file is cut only above this size: below it, a few hundred pages, the
#: per-shard costs (a task, a Parquet file, a marker) would be a large part of the work.
MIN_SPLIT_BYTES = 4 * 1024 * 1024
#: Candidate cuts per shard's share of a split file: the shards of a split file differ in size
#: by at most about 1/UNITS_PER_SHARD of a share, and a 5 GB file keeps a short list of cuts.
UNITS_PER_SHARD = 16
MANIFEST_VERSION = 2

#: What a shard reads: a whole input file (its path), or one byte range of a big one.
Piece = str | ByteRange


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str
    size: int


@dataclass(frozen=True, slots=True)
class ShardSpec:
    """What one worker processes: shard `rank` of `world_size`, its files and file ranges in order."""

    rank: int
    world_size: int
    files: tuple[Piece, ...]


@dataclass(slots=True)
class ShardPlan:
    """The inputs of a run, their cut into shards, and the stage list the run was made with."""

    inputs: list[InputFile]
    shards: list[tuple[Piece, ...]]
    stages: list[str]
    rejects: list[Reject] = field(default_factory=list)
    uncut: dict[str, str] = field(default_factory=dict)  # path -> why it, or its end, was not cut
    requested: int | None = None  # the shard count asked for (None: from the input size)

    @property
    def world_size(self) -> int:
        return len(self.shards)

    def spec(self, rank: int) -> ShardSpec:
        return ShardSpec(rank, self.world_size, self.shards[rank])

    def specs(self) -> list[ShardSpec]:
        return [self.spec(rank) for rank in range(self.world_size)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": MANIFEST_VERSION,
            "inputs": [[item.path, item.size] for item in self.inputs],
            "shards": [[_piece_dict(piece) for piece in shard] for shard in self.shards],
            "stages": self.stages,
            "rejects": [reject.as_dict() for reject in self.rejects],
            "uncut": self.uncut,
            "requested": self.requested,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShardPlan:
        version = data.get("version")
        if version not in (1, MANIFEST_VERSION):
            raise RunError(f"manifest version {version!r}, expected {MANIFEST_VERSION}")
        inputs = [InputFile(str(path), int(size)) for path, size in data["inputs"]]
        shards: list[tuple[Piece, ...]]
        if version == 1:  # whole files only: [start, end) indexes into the inputs
            shards = [tuple(item.path for item in inputs[start:end]) for start, end in data["shards"]]
        else:
            shards = [tuple(_piece_from(piece) for piece in shard) for shard in data["shards"]]
        return cls(
            inputs=inputs,
            shards=shards,
            stages=[str(name) for name in data["stages"]],
            rejects=[
                Reject(r["path"], r["reason"], r["detail"], id=r["id"], url=r["url"]) for r in data["rejects"]
            ],
            uncut={str(path): str(why) for path, why in data.get("uncut", {}).items()},
            requested=data.get("requested"),
        )


def _piece_dict(piece: Piece) -> dict[str, Any]:
    if isinstance(piece, str):
        return {"path": piece}
    return {
        "path": piece.path,
        "start": piece.start,
        "end": piece.end,
        "kind": piece.kind,
        "first": piece.first,
    }


def _piece_from(data: dict[str, Any]) -> Piece:
    if "start" not in data:
        return str(data["path"])
    kind: RangeKind = "warc" if data["kind"] == "warc" else "jsonl"
    return ByteRange(str(data["path"]), int(data["start"]), int(data["end"]), kind, int(data["first"]))


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
    """Shards wanted for these inputs: one per `SHARD_TARGET_BYTES`, at least `MIN_SHARDS`.

    The plan makes fewer when the inputs cannot be cut that finely (small files are never cut).
    """
    total = sum(item.size for item in inputs)
    return max(MIN_SHARDS, math.ceil(total / SHARD_TARGET_BYTES))


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


@dataclass(frozen=True, slots=True)
class _Unit:
    """The smallest thing a shard boundary can fall between: a whole file, or one span of a split file."""

    path: str
    start: int
    end: int
    file_size: int
    kind: RangeKind | None = None  # None: a whole file
    first: int = 0


def _units(
    inputs: Sequence[InputFile], n_shards: int, min_split_bytes: int
) -> tuple[list[_Unit], dict[str, str]]:
    """The inputs as units: files above one shard's share cut at their record boundaries."""
    share = sum(item.size for item in inputs) / n_shards
    grain = max(1, math.floor(share / UNITS_PER_SHARD))
    units: list[_Unit] = []
    uncut: dict[str, str] = {}
    for item in inputs:
        cuts = (
            find_cuts(item.path, grain) if item.size > share and item.size >= min_split_bytes else Cuts(None)
        )
        if cuts.note is not None:
            uncut[item.path] = cuts.note
            LOGGER.warning("%s: %s", item.path, cuts.note)
        if cuts.kind is None or len(cuts.points) < 2:
            units.append(_Unit(item.path, 0, item.size, item.size))
            continue
        ends = [point.offset for point in cuts.points[1:]] + [item.size]
        for point, end in zip(cuts.points, ends, strict=True):
            units.append(_Unit(item.path, point.offset, end, item.size, cuts.kind, point.first))
    return units, uncut


def _pieces(units: Sequence[_Unit]) -> tuple[Piece, ...]:
    """A shard's units, consecutive spans of one file joined into one range (a whole file: its path)."""
    pieces: list[Piece] = []
    for unit in units:
        last = pieces[-1] if pieces else None
        joined = isinstance(last, ByteRange) and last.path == unit.path and last.end == unit.start
        if unit.kind is not None and isinstance(last, ByteRange) and joined:
            pieces[-1] = ByteRange(unit.path, last.start, unit.end, last.kind, last.first)
        elif unit.kind is not None:
            pieces.append(ByteRange(unit.path, unit.start, unit.end, unit.kind, unit.first))
        else:
            pieces.append(unit.path)
    return tuple(_whole(piece, units) for piece in pieces)


def _whole(piece: Piece, units: Sequence[_Unit]) -> Piece:
    if isinstance(piece, ByteRange) and piece.start == 0:
        size = next(unit.file_size for unit in units if unit.path == piece.path)
        if piece.end == size:
            return piece.path
    return piece


def make_plan(
    paths: Sequence[str],
    stages: Sequence[str],
    n_shards: int | None = None,
    *,
    min_split_bytes: int = MIN_SPLIT_BYTES,
) -> ShardPlan:
    """Cut `paths` into about `n_shards` shards (default: from their size); see the module."""
    inputs, rejects = list_inputs(paths)
    if not inputs:
        raise ConfigError("nothing to read: no input file found")
    n = default_shard_count(inputs) if n_shards is None else n_shards
    if n < 1:
        raise ConfigError(f"the number of shards must be at least 1, not {n}")
    units, uncut = _units(inputs, n, min_split_bytes)
    bounds = cut([unit.end - unit.start for unit in units], n)
    shards = [_pieces(units[start:end]) for start, end in bounds]
    return ShardPlan(inputs, shards, list(stages), rejects, uncut, n_shards)


def load_or_create_plan(
    layout: RunLayout,
    paths: Sequence[str],
    stages: Sequence[str],
    n_shards: int | None = None,
    *,
    min_split_bytes: int = MIN_SPLIT_BYTES,
) -> ShardPlan:
    """The plan of `layout`'s run: reused when the inputs and stages match, else written anew.

    Big files are scanned for their cuts only when the plan is made, not when it is reused.
    """
    if not layout.manifest.is_file():
        plan = make_plan(paths, stages, n_shards, min_split_bytes=min_split_bytes)
        layout.make_dirs()
        write_json_atomic(layout.manifest, plan.as_dict())
        return plan
    old = ShardPlan.from_dict(read_json(layout.manifest))
    inputs, _ = list_inputs(paths)
    if [item.path for item in old.inputs] != [item.path for item in inputs]:
        raise RunError(f"{layout.root} holds a run over other inputs; choose another --out folder")
    if old.stages != list(stages):
        raise RunError(
            f"{layout.root} holds a run made with stages {old.stages}, not {list(stages)}; "
            "choose another --out folder"
        )
    planned = old.requested if old.requested is not None else old.world_size
    if n_shards is not None and n_shards != planned:
        raise RunError(f"{layout.root} holds a run of {planned} shards, not {n_shards}")
    if [item.size for item in old.inputs] != [item.size for item in inputs]:
        LOGGER.warning("input sizes changed since %s was planned; finished shards are kept", layout.root)
    layout.make_dirs()
    return old
