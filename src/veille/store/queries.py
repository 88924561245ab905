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


# -- the knowledge base and entity profiles (veille.link) ------------------------------------


def kb_entities(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, int]]:
    """Every entity as (id, name, type, number of documents mentioning it), by id."""
    rows = con.execute(
        """
        SELECT e.id, e.name, e.type, coalesce(m.n, 0)
        FROM entities e
        LEFT JOIN (SELECT entity_id, count(DISTINCT doc_id) AS n FROM mentions GROUP BY entity_id) m
          ON m.entity_id = e.id
        ORDER BY e.id
        """
    ).fetchall()
    return [(str(i), str(name), str(kind), int(n)) for i, name, kind, n in rows]


def kb_aliases(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Every alias as (alias, entity_id), in a stable order."""
    rows = con.execute("SELECT alias, entity_id FROM aliases ORDER BY entity_id, norm, alias").fetchall()
    return [(str(alias), str(entity_id)) for alias, entity_id in rows]


def entity_row(con: duckdb.DuckDBPyConnection, entity_id: str) -> tuple[str, str, str] | None:
    """(id, name, type) of one entity; None when no entity has this id."""
    row = con.execute("SELECT id, name, type FROM entities WHERE id = $1", [entity_id]).fetchone()
    return None if row is None else (str(row[0]), str(row[1]), str(row[2]))


def entity_ids_by_norm(con: duckdb.DuckDBPyConnection, norm: str) -> list[tuple[str, int]]:
    """Ids of the entities with an alias of this norm (`rows.alias_norm`), most documents first."""
    rows = con.execute(
        """
        SELECT a.entity_id, count(DISTINCT m.doc_id) AS n
        FROM aliases a LEFT JOIN mentions m ON m.entity_id = a.entity_id
        WHERE a.norm = $1
        GROUP BY a.entity_id
        ORDER BY n DESC, a.entity_id
        """,
        [norm],
    ).fetchall()
    return [(str(entity_id), int(n)) for entity_id, n in rows]


def alias_norms(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """Every (norm, entity_id) pair, for fuzzy lookup of a name."""
    rows = con.execute("SELECT norm, entity_id FROM aliases ORDER BY norm, entity_id").fetchall()
    return [(str(norm), str(entity_id)) for norm, entity_id in rows]


def entity_aliases(con: duckdb.DuckDBPyConnection, entity_id: str) -> list[str]:
    """The aliases stored for one entity, by norm."""
    rows = con.execute(
        "SELECT alias FROM aliases WHERE entity_id = $1 ORDER BY norm, alias", [entity_id]
    ).fetchall()
    return [str(alias) for (alias,) in rows]


def entity_documents(con: duckdb.DuckDBPyConnection, entity_id: str) -> list[dict[str, Any]]:
    """Documents mentioning one entity: id, title, published, path, mentions; newest first."""
    rows = con.execute(
        """
        SELECT d.id, d.title, d.published, d.path, count(*) AS n
        FROM mentions m JOIN documents d ON d.id = m.doc_id
        WHERE m.entity_id = $1
        GROUP BY d.id, d.title, d.published, d.path
        ORDER BY d.published DESC NULLS LAST, d.path, d.id
        """,
        [entity_id],
    ).fetchall()
    return [
        {"id": str(i), "title": title, "published": published, "path": path, "mentions": int(n)}
        for i, title, published, path, n in rows
    ]


def kb_relations(
    con: duckdb.DuckDBPyConnection,
    *,
    types: list[str] | None = None,
    entity_id: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """Relations merged across articles, with names, sources, first/last seen and all evidence."""
    rows = con.execute(
        """
        SELECT k.type, k.subject, coalesce(s.name, k.subject), k.object, coalesce(o.name, k.object),
            k.sources, k.confidence, k.first_seen, k.last_seen, k.evidence
        FROM kb_relations k
        LEFT JOIN entities s ON s.id = k.subject LEFT JOIN entities o ON o.id = k.object
        WHERE (len($1::VARCHAR[]) = 0 OR list_contains($1, k.type))
          AND ($2::VARCHAR IS NULL OR k.subject = $2 OR k.object = $2)
          AND k.confidence >= $3
        ORDER BY k.sources DESC, k.confidence DESC, k.type, k.subject, k.object
        LIMIT $4
        """,
        [types or [], entity_id, min_confidence, limit],
    ).fetchall()
    keys = (
        "type",
        "subject",
        "subject_name",
        "object",
        "object_name",
        "sources",
        "confidence",
        "first_seen",
        "last_seen",
        "evidence",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


def kb_facts(
    con: duckdb.DuckDBPyConnection,
    *,
    entity_id: str | None = None,
    types: list[str] | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Facts merged across articles (same value, unit, period, scope), with sources and evidence."""
    rows = con.execute(
        """
        SELECT k.type, k.subject, coalesce(e.name, k.subject), k.value, k.unit, k.qualifier, k.period,
            k.scope, k.is_target, k.sources, k.confidence, k.first_seen, k.last_seen, k.evidence
        FROM kb_facts k LEFT JOIN entities e ON e.id = k.subject
        WHERE ($1::VARCHAR IS NULL OR k.subject = $1)
          AND (len($2::VARCHAR[]) = 0 OR list_contains($2, k.type))
        ORDER BY k.first_seen, k.type, k.value
        LIMIT $3
        """,
        [entity_id, types or [], limit],
    ).fetchall()
    keys = (
        "type",
        "subject",
        "subject_name",
        "value",
        "unit",
        "qualifier",
        "period",
        "scope",
        "is_target",
        "sources",
        "confidence",
        "first_seen",
        "last_seen",
        "evidence",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]
