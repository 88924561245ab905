"""Schema creation and named migrations, each applied once."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from veille.errors import StoreError
from veille.store import Store
from veille.store.schema import MIGRATIONS, migrate

TABLES = {
    "story_members",
    "migrations",
    "documents",
    "rejects",
    "entities",
    "aliases",
    "mentions",
    "relations",
    "facts",
}


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $1", [table]
    ).fetchall()
    return dict(rows)


def test_new_store_has_every_table_and_column_type() -> None:
    with Store(":memory:") as store:
        con = store.connection
        assert _tables(con) == TABLES
        documents = _columns(con, "documents")
        assert documents["record"] == "JSON"
        assert documents["warnings"] == "VARCHAR[]"
        assert documents["ingested_at"] == "TIMESTAMP"
        assert documents["published"] == "VARCHAR"
        assert set(_columns(con, "mentions")) == {"doc_id", "entity_id", "start", "end", "text", "label"}
        assert _columns(con, "facts")["value"] == "DOUBLE"
        assert _columns(con, "relations")["attributes"] == "JSON"


def test_migrations_recorded_once_across_reopens(tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    with Store(db) as store:
        first = store.connection.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
    with Store(db) as store:
        second = store.connection.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()
    assert [name for name, _ in first] == [name for name, _ in MIGRATIONS]
    assert second == first  # nothing re-applied: same rows, same timestamps


def test_new_migration_applied_once_in_order() -> None:
    extra = (*MIGRATIONS, ("999_test_column", "ALTER TABLE documents ADD COLUMN note VARCHAR"))
    with Store(":memory:") as store:
        con = store.connection
        assert migrate(con, extra) == ["999_test_column"]
        assert migrate(con, extra) == []
        assert "note" in _columns(con, "documents")
        assert store.migrations() == [*(name for name, _ in MIGRATIONS), "999_test_column"]


def test_failed_migration_rolls_back_and_is_not_recorded() -> None:
    bad = (*MIGRATIONS, ("999_bad", "CREATE TABLE half (a INT); SELECT * FROM no_such_table"))
    with Store(":memory:") as store:
        with pytest.raises(StoreError, match="migration 999_bad failed"):
            migrate(store.connection, bad)
        assert "half" not in _tables(store.connection)
        assert "999_bad" not in store.migrations()


def test_store_from_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "v.duckdb"
    with Store(db) as store:
        migrate(store.connection, (*MIGRATIONS, ("999_future", "SELECT 1")))
    with pytest.raises(StoreError, match="newer version"):
        Store(db)
