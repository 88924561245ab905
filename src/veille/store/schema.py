"""The store's schema as named migrations, each applied once, in order, in its own transaction.

The pattern of sqlite-utils' migrations: `MIGRATIONS` is an append-only list of `(name, sql)`;
the `migrations` table records which names a store has applied and when. Never edit or reorder
a released migration: add a new one at the end.

Column names follow the record (`../shared/spec/OUTPUT.md`). `end` is an SQL keyword: write
`mentions."end"` in queries. Offsets are Python string indices; DuckDB's `substring(text,
start + 1, "end" - start)` counts code points too, so it quotes the same span.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timezone

import duckdb

from veille.errors import StoreError

LOGGER = logging.getLogger(__name__)

Migration = tuple[str, str]

_DOCUMENTS = """
CREATE TABLE documents (
    id          VARCHAR PRIMARY KEY,   -- sha256 hex of the raw input bytes
    path        VARCHAR,
    url         VARCHAR,
    site        VARCHAR,
    language    VARCHAR,
    title       VARCHAR,
    published   VARCHAR,               -- YYYY-MM-DD, YYYY-MM or YYYY, as in the record
    category    VARCHAR,
    text        VARCHAR NOT NULL,
    warnings    VARCHAR[] NOT NULL,
    record      JSON NOT NULL,         -- the full output record
    media_type  VARCHAR NOT NULL,
    encoding    VARCHAR,
    fetched_at  VARCHAR,               -- as the input said it (WARC-Date, JSONL field)
    ingested_at TIMESTAMP NOT NULL,    -- UTC
    n_chars     BIGINT NOT NULL        -- len(text) in code points
);
CREATE TABLE rejects (
    path       VARCHAR,
    url        VARCHAR,
    id         VARCHAR,
    reason     VARCHAR NOT NULL,
    detail     VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,
    last_seen  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX rejects_key ON rejects (coalesce(path, ''), reason, coalesce(id, ''));
"""

_KNOWLEDGE = """
CREATE TABLE entities (
    id         VARCHAR PRIMARY KEY,    -- canonical id, e.g. org:bt-group
    name       VARCHAR NOT NULL,
    type       VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL,     -- ingestion time (UTC) of the first document naming it
    last_seen  TIMESTAMP NOT NULL
);
CREATE TABLE aliases (
    alias     VARCHAR NOT NULL,
    norm      VARCHAR NOT NULL,        -- rows.alias_norm(alias)
    entity_id VARCHAR NOT NULL,
    PRIMARY KEY (norm, entity_id)
);
CREATE TABLE mentions (
    doc_id    VARCHAR NOT NULL,
    entity_id VARCHAR,
    start     BIGINT NOT NULL,
    "end"     BIGINT NOT NULL,
    text      VARCHAR NOT NULL,
    label     VARCHAR NOT NULL
);
CREATE TABLE relations (
    doc_id         VARCHAR NOT NULL,
    type           VARCHAR NOT NULL,
    subject        VARCHAR NOT NULL,
    object         VARCHAR NOT NULL,
    attributes     JSON NOT NULL,
    evidence_start BIGINT NOT NULL,
    evidence_end   BIGINT NOT NULL,
    evidence_text  VARCHAR NOT NULL,
    confidence     DOUBLE NOT NULL
);
CREATE TABLE facts (
    doc_id         VARCHAR NOT NULL,
    type           VARCHAR NOT NULL,
    subject        VARCHAR,
    value          DOUBLE NOT NULL,
    unit           VARCHAR NOT NULL,
    qualifier      VARCHAR NOT NULL,
    period         VARCHAR,
    scope          VARCHAR,
    is_target      BOOLEAN NOT NULL,
    evidence_start BIGINT NOT NULL,
    evidence_end   BIGINT NOT NULL,
    evidence_text  VARCHAR NOT NULL,
    confidence     DOUBLE NOT NULL
);
"""

_STORIES = """
CREATE TABLE story_members (
    doc_id    VARCHAR PRIMARY KEY,    -- documents.id
    story_id  VARCHAR NOT NULL,       -- id of the story's earliest document (veille.run.dedup)
    signature BLOB                    -- MinHash of the text's word 5-shingles; NULL: too short
);
CREATE VIEW stories AS
SELECT m.story_id,
       any_value(r.title) AS title,
       count(*) AS n_documents,
       count(DISTINCT coalesce(d.site, d.id)) AS n_sources,
       list(DISTINCT d.site ORDER BY d.site) FILTER (WHERE d.site IS NOT NULL) AS sites
FROM story_members m
JOIN documents d ON d.id = m.doc_id
JOIN documents r ON r.id = m.story_id
GROUP BY m.story_id;
"""

# The knowledge base merged across articles: one row per (subject, type, object) -- symmetric types
# in id order -- with every article's evidence, its sources and when it was first and last seen
# (publication date when the article says, else the ingest day).
_KB_VIEWS = """
CREATE VIEW kb_relations AS
WITH r AS (
    SELECT rel.*,
        CASE WHEN rel.type IN ('partnership', 'competition', 'merger') AND rel.object < rel.subject
             THEN rel.object ELSE rel.subject END AS a,
        CASE WHEN rel.type IN ('partnership', 'competition', 'merger') AND rel.object < rel.subject
             THEN rel.subject ELSE rel.object END AS b,
        coalesce(d.published, strftime(d.ingested_at, '%Y-%m-%d')) AS seen,
        d.title AS doc_title
    FROM relations rel JOIN documents d ON d.id = rel.doc_id
)
SELECT a AS subject, type, b AS object,
    count(DISTINCT doc_id) AS sources,
    max(confidence) AS confidence,
    min(seen) AS first_seen,
    max(seen) AS last_seen,
    list({'doc_id': doc_id, 'title': doc_title, 'seen': seen, 'start': evidence_start,
          'end': evidence_end, 'text': evidence_text, 'attributes': attributes,
          'confidence': confidence} ORDER BY seen, doc_id) AS evidence
FROM r
GROUP BY a, type, b;

CREATE VIEW kb_facts AS
SELECT f.subject, f.type, f.value, f.unit, f.qualifier, f.period, f.scope, f.is_target,
    count(DISTINCT f.doc_id) AS sources,
    max(f.confidence) AS confidence,
    min(coalesce(d.published, strftime(d.ingested_at, '%Y-%m-%d'))) AS first_seen,
    max(coalesce(d.published, strftime(d.ingested_at, '%Y-%m-%d'))) AS last_seen,
    list({'doc_id': f.doc_id, 'title': d.title, 'start': f.evidence_start, 'end': f.evidence_end,
          'text': f.evidence_text} ORDER BY f.doc_id) AS evidence
FROM facts f JOIN documents d ON d.id = f.doc_id
GROUP BY ALL;
"""

#: Append-only: the store applies each name once, in this order.
MIGRATIONS: tuple[Migration, ...] = (
    ("001_documents_rejects", _DOCUMENTS),
    ("002_knowledge", _KNOWLEDGE),
    ("003_stories", _STORIES),
    ("004_kb_views", _KB_VIEWS),
)

_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    name       VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)
"""


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the migrations this store has applied, in the order applied."""
    rows = con.execute("SELECT name FROM migrations ORDER BY applied_at, name").fetchall()
    return [str(name) for (name,) in rows]


def has_migrations_table(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'migrations' AND schema_name = 'main'"
    ).fetchone()
    return row is not None and row[0] > 0


def pending(con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Names in `migrations` the store has not applied yet."""
    done = set(applied(con)) if has_migrations_table(con) else set()
    return [name for name, _ in migrations if name not in done]


def migrate(con: duckdb.DuckDBPyConnection, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
    """Apply the migrations not yet recorded, each in one transaction; return the names applied."""
    con.execute(_MIGRATIONS_TABLE)
    done = set(applied(con))
    unknown = done - {name for name, _ in migrations}
    if unknown:
        raise StoreError(
            f"the store has migrations this veille does not know ({', '.join(sorted(unknown))}): "
            "it was written by a newer version"
        )
    ran: list[str] = []
    for name, sql in migrations:
        if name in done:
            continue
        con.begin()
        try:
            con.execute(sql)
            now = datetime.now(timezone.utc).replace(tzinfo=None)
            con.execute("INSERT INTO migrations VALUES ($1, $2)", [name, now])
            con.commit()
        except duckdb.Error as exc:
            con.rollback()
            raise StoreError(f"migration {name} failed: {exc}") from exc
        LOGGER.info("store migration %s applied", name)
        ran.append(name)
    return ran
