"""The output folder of a run, atomic writes, and Parquet read and written through DuckDB.

    OUT/manifest.json                 the shard plan: inputs, shards, stage names (shards.py)
    OUT/shards/00003.parquet          the shard's documents, one row each (raw-free Doc as JSON)
    OUT/shards/rejects-00003.parquet  the shard's unreadable inputs
    OUT/shards/stats-00003.json       reader and per-stage counters, time, peak memory
    OUT/shards/attempts-00003         one line per start of the shard (crash accounting)
    OUT/completions/00003             written last: the shard is complete

The completion marker is the only proof a shard is done: a shard without one is run again and
its files are overwritten, whatever they hold. Every file goes through a temporary name and
`os.replace`, so a reader never sees half a file. Parquet is written and read with DuckDB (a
core dependency), so the local executor needs no pyarrow.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

Row = tuple[Any, ...]
Columns = Sequence[tuple[str, str]]

#: Rows fetched at a time when streaming a shard back (the merge holds one such batch).
READ_BATCH_ROWS = 256


def shard_name(rank: int) -> str:
    return f"{rank:05d}"


@dataclass(frozen=True, slots=True)
class RunLayout:
    """The paths of one run's output folder."""

    root: Path

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"

    @property
    def shards_dir(self) -> Path:
        return self.root / "shards"

    @property
    def completions_dir(self) -> Path:
        return self.root / "completions"

    def documents(self, rank: int) -> Path:
        return self.shards_dir / f"{shard_name(rank)}.parquet"

    def rejects(self, rank: int) -> Path:
        return self.shards_dir / f"rejects-{shard_name(rank)}.parquet"

    def stats(self, rank: int) -> Path:
        return self.shards_dir / f"stats-{shard_name(rank)}.json"

    def attempts(self, rank: int) -> Path:
        return self.shards_dir / f"attempts-{shard_name(rank)}"

    def marker(self, rank: int) -> Path:
        return self.completions_dir / shard_name(rank)

    def is_complete(self, rank: int) -> bool:
        return self.marker(rank).is_file()

    def make_dirs(self) -> None:
        self.shards_dir.mkdir(parents=True, exist_ok=True)
        self.completions_dir.mkdir(parents=True, exist_ok=True)


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` under a temporary name, flush it to disk, then rename it."""
    tmp = _tmp(path)
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def read_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def count_attempt(path: Path, note: str) -> int:
    """Append one line to an attempt log; return how many attempts it now records."""
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(note.rstrip("\n") + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return len(path.read_text("utf-8").splitlines())


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def write_parquet(path: Path, columns: Columns, rows: Sequence[Row]) -> None:
    """Write `rows` (tuples in `columns` order) as one Parquet file, atomically."""
    con = duckdb.connect()
    try:
        con.execute(f"CREATE TABLE t ({', '.join(f'{name} {kind}' for name, kind in columns)})")
        if rows:
            selects = ", ".join(f"unnest(${i}::{kind}[])" for i, (_, kind) in enumerate(columns, 1))
            values = [list(column) for column in zip(*rows, strict=True)]
            con.execute(f"INSERT INTO t SELECT {selects}", values)
        tmp = _tmp(path)
        con.execute(f"COPY t TO {_sql_path(tmp)} (FORMAT parquet, COMPRESSION zstd)")
    finally:
        con.close()
    os.replace(tmp, path)


def read_parquet(path: Path, order_by: str) -> Iterator[dict[str, Any]]:
    """Stream the rows of a Parquet file as dicts, sorted by `order_by` (a column name)."""
    con = duckdb.connect()
    try:
        cursor = con.execute(f"SELECT * FROM read_parquet({_sql_path(path)}) ORDER BY {order_by}")
        names = [item[0] for item in cursor.description or []]
        while batch := cursor.fetchmany(READ_BATCH_ROWS):
            for row in batch:
                yield dict(zip(names, row, strict=True))
    finally:
        con.close()
