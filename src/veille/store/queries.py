"""Read queries over the store: functions of a DuckDB connection that return plain data.

`Store` exposes them as methods; the CLI and the HTTP server reach them through `veille.api`.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from veille.record import Record

#: Key used in count-by-value tables for a NULL value (e.g. a document with no language).
UNKNOWN = "unknown"

#: Tables whose row count `stats()` reports as is.
_COUNTED_TABLES: tuple[str, ...] = ("entities", "mentions", "aliases", "relations", "facts")


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    row = con.execute(sql, params or []).fetchone()
    return None if row is None else row[0]


def _count_by(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, int]:
    """Rows of `(key, n)` as a dict, most frequent first, NULL keys under `UNKNOWN`."""
    rows = con.execute(sql).fetchall()
    ordered = sorted(
        ((UNKNOWN if key is None else str(key), int(n)) for key, n in rows), key=lambda kv: (-kv[1], kv[0])
    )
    return dict(ordered)


def count_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(_scalar(con, f"SELECT count(*) FROM {table}"))


def document_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {str(doc_id) for (doc_id,) in con.execute("SELECT id FROM documents").fetchall()}


def existing_ids(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    """Which of `ids` the store already holds."""
    rows = con.execute(
        "SELECT id FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))", [ids]
    ).fetchall()
    return {str(doc_id) for (doc_id,) in rows}


def get_record(con: duckdb.DuckDBPyConnection, doc_id: str) -> Record | None:
    """The stored output record of one document; None when no document has this id."""
    value = _scalar(con, "SELECT record FROM documents WHERE id = $1", [doc_id])
    if value is None:
        return None
    record: Record = json.loads(value)
    return record


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts of what the store holds."""
    documents = int(_scalar(con, "SELECT count(*) FROM documents"))
    dated = int(_scalar(con, "SELECT count(*) FROM documents WHERE published IS NOT NULL"))
    result: dict[str, Any] = {
        "documents": documents,
        "languages": _count_by(con, "SELECT language, count(*) FROM documents GROUP BY ALL"),
        "dated": dated,
        "undated": documents - dated,
        "warnings": _count_by(
            con, "SELECT w, count(*) FROM (SELECT unnest(warnings) AS w FROM documents) GROUP BY ALL"
        ),
        "rejects": count_rows(con, "rejects"),
        "reject_reasons": _count_by(con, "SELECT reason, count(*) FROM rejects GROUP BY ALL"),
    }
    for table in _COUNTED_TABLES:
        result[table] = count_rows(con, table)
    result["entity_types"] = _count_by(con, "SELECT type, count(*) FROM entities GROUP BY ALL")
    result["relation_types"] = _count_by(con, "SELECT type, count(*) FROM relations GROUP BY ALL")
    result["fact_types"] = _count_by(con, "SELECT type, count(*) FROM facts GROUP BY ALL")
    return result
