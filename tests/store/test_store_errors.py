"""Opening errors: a store held by another process, a missing or foreign file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from veille.errors import StoreError
from veille.store import Store

HOLD = """
import sys, time
from veille.store import Store
store = Store(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parents[2] / "src")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}


def test_second_writer_gets_a_clear_store_error(tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True, env=_env()
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="another veille process holds the store"):
            Store(db)
        with pytest.raises(StoreError, match="another veille process holds the store"):
            Store(db, read_only=True)
    finally:
        holder.kill()
        holder.wait()
    with Store(db) as store:  # the lock goes with the process
        assert store.document_ids() == set()


def test_read_only_missing_file(tmp_path: Path) -> None:
    db = tmp_path / "nothing.duckdb"
    with pytest.raises(StoreError, match=f"no store at {db}; run veille ingest first"):
        Store(db, read_only=True)
    assert not db.exists()  # looking did not create it


def test_read_only_foreign_duckdb_file(tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t (a INT)")
    con.close()
    with pytest.raises(StoreError, match="not a veille store"):
        Store(db, read_only=True)


def test_not_a_duckdb_file(tmp_path: Path) -> None:
    db = tmp_path / "notes.txt"
    db.write_text("not a database, just text " * 200)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(db)


def test_read_only_store_needing_migration(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.connection.execute("DELETE FROM migrations WHERE name = '002_knowledge'")
    with pytest.raises(StoreError, match="needs migrations 002_knowledge"):
        Store(db, read_only=True)
