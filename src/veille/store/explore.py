"""Every read query behind the analyst's desk: entities, profiles, relations, timeline, graph, exports.

Each function takes a DuckDB connection (or cursor) and returns plain data (dicts, lists), so the
HTTP API, the web pages, the exports and the tests share one code path. All the SQL of these
surfaces lives in this module; `fulltext.py` holds the word index, which is not SQL.

Serving tables. The desk's questions ("everything about Orange") join mentions and relations to
documents on 64-character ids, which made DuckDB scan and compare the id column of every document
for each question: 20-50 ms per query on 19,000 articles (bench/serve_load.py). So the desk
opens an in-memory database, attaches the store as `store` (read-only), and `build_serving_tables`
copies the narrow columns it needs into `memory.x_*` tables keyed by a small integer `k` (the
document's rank, latest first), with per-entity counts computed once. Questions then cost 1-3 ms.
The answers of unfiltered questions that every entity page asks are built there too: each
entity's counterparts ranked per profile section (`x_connections`), its graph neighbours ranked
(`x_neighbours`) and the edges of its largest graph (`x_graph_edges`).
The copies are rebuilt when the desk opens the store and after each ingest it makes itself.
Functions taking `con` read the store's tables unqualified (`USE store`) and the copies as
`memory.x_*`.

Dates: `documents.published` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. A date-range filter compares
the earliest day a partial date can mean (`2020` -> `2020-01-01`) with `until` and the latest
(`2020` -> `2020-12-31`) with `since`, so a document dated only by its year is kept by any range
that touches that year.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from veille.store.rows import alias_norm

Con = duckdb.DuckDBPyConnection
Item = dict[str, Any]

#: Relation types the spec marks symmetric (OUTPUT.md): shown once per pair, whatever the order.
SYMMETRIC_TYPES: tuple[str, ...] = ("partnership", "competition", "merger")

#: Profile sections: (section name, relation type, direction seen from the entity).
#: "out": the entity is the subject; "in": it is the object; "both": a symmetric type.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("people", "role", "in"),
    ("roles", "role", "out"),
    ("partners", "partnership", "both"),
    ("competitors", "competition", "both"),
    ("mergers", "merger", "both"),
    ("acquisitions", "acquisition", "out"),
    ("acquired_by", "acquisition", "in"),
    ("divestments", "divestment", "out"),
    ("sold_by", "divestment", "in"),
    ("subsidiaries", "subsidiary", "in"),
    ("parents", "subsidiary", "out"),
    ("stakes", "stake", "out"),
    ("shareholders", "stake", "in"),
    ("products", "product", "out"),
    ("makers", "product", "in"),
    ("lawsuits_filed", "lawsuit", "out"),
    ("lawsuits_faced", "lawsuit", "in"),
)
#: Section for relation types the table above does not name (types may be added upstream).
OTHER_SECTION = "other"
#: Largest graph a client may ask for (nodes, the centre included), beyond which a drawing is
#: unreadable anyway; `memory.x_graph_edges` holds every unfiltered graph up to this size.
MAX_GRAPH_NODES = 200

_DATE_LO = "CASE length({p}) WHEN 4 THEN {p} || '-01-01' WHEN 7 THEN {p} || '-01' ELSE {p} END"
_DATE_HI = "CASE length({p}) WHEN 4 THEN {p} || '-12-31' WHEN 7 THEN {p} || '-31' ELSE {p} END"
_EVIDENCE = (
    "{'doc_id': {t}.doc_id, 'start': {t}.evidence_start, 'end': {t}.evidence_end, 'text': {t}.evidence_text}"
)

#: The SQL list literal of `SYMMETRIC_TYPES` (constants of this module, not user input).
_SYMMETRIC = "[" + ", ".join(f"'{t}'" for t in SYMMETRIC_TYPES) + "]"
#: Connections of entities, one row per (entity, relation type, direction, counterpart); `{source}`
#: names rows with entity_id, other, direction and the columns of memory.x_relations.
_CONNECTIONS = """
    SELECT r.entity_id, r.type, r.direction, r.other AS id, coalesce(e.name, r.other) AS name,
           coalesce(e.type, 'MISC') AS entity_type, coalesce(e.documents, 0) AS entity_documents,
           count(*) AS relations, count(DISTINCT r.k) AS documents,
           max(r.confidence) AS confidence, min(r.published) AS first_date, max(r.published) AS last_date,
           arg_max(r.attributes, (r.confidence, -r.k)) AS attributes,
           arg_max({{'doc_id': r.doc_id, 'start': r.evidence_start, 'end': r.evidence_end,
                     'text': r.evidence_text}}, (r.confidence, -r.k)) AS evidence
    FROM {source} LEFT JOIN memory.x_entities e ON e.id = r.other
    GROUP BY ALL"""

_SERVING_TABLES = f"""
CREATE OR REPLACE TABLE memory.x_docs AS
    SELECT (row_number() OVER (ORDER BY published DESC NULLS LAST, ingested_at DESC, id))::INTEGER AS k,
           id, title, published, site, url, language, n_chars,
           {_DATE_LO.format(p="published")} AS date_lo, {_DATE_HI.format(p="published")} AS date_hi
    FROM documents ORDER BY k;
CREATE OR REPLACE TABLE memory.x_mentions AS
    SELECT m.entity_id, d.k, count(*)::INTEGER AS n, d.id AS doc_id, d.title, d.published, d.site, d.url,
           d.date_lo, d.date_hi
    FROM mentions m JOIN memory.x_docs d ON d.id = m.doc_id
    WHERE m.entity_id IS NOT NULL GROUP BY ALL ORDER BY m.entity_id, d.k;
CREATE OR REPLACE TABLE memory.x_relations AS
    SELECT d.k, d.id AS doc_id, d.title, d.published, d.date_lo, d.date_hi,
           r.type, r.subject, r.object, r.attributes::VARCHAR AS attributes,
           r.evidence_start, r.evidence_end, r.evidence_text, r.confidence
    FROM relations r JOIN memory.x_docs d ON d.id = r.doc_id ORDER BY d.k, r.evidence_start;
CREATE OR REPLACE TABLE memory.x_facts AS
    SELECT d.k, d.id AS doc_id, d.title, d.published,
           f.type, f.subject, f.value, f.unit, f.qualifier, f.period, f.scope, f.is_target,
           f.evidence_start, f.evidence_end, f.evidence_text, f.confidence
    FROM facts f JOIN memory.x_docs d ON d.id = f.doc_id ORDER BY d.k, f.evidence_start;
CREATE OR REPLACE TABLE memory.x_entities AS
    WITH m AS (
        SELECT entity_id, count(*) AS documents, sum(n) AS mentions,
               min(date_lo) AS first_date, max(date_hi) AS last_date
        FROM memory.x_mentions GROUP BY entity_id),
    months AS (
        SELECT entity_id, substr(published, 1, 7) AS month, count(*) AS documents
        FROM memory.x_mentions WHERE length(published) >= 7 GROUP BY ALL),
    act AS (
        SELECT entity_id, list({{'month': month, 'documents': documents}} ORDER BY month) AS activity
        FROM months GROUP BY entity_id),
    al AS (SELECT entity_id, list(DISTINCT alias ORDER BY alias) AS aliases FROM aliases GROUP BY entity_id),
    rc AS (
        SELECT id, count(*) AS relations
        FROM (SELECT subject AS id FROM memory.x_relations
              UNION ALL SELECT object FROM memory.x_relations WHERE object <> subject) GROUP BY id),
    fc AS (SELECT subject AS id, count(*) AS facts FROM memory.x_facts GROUP BY subject)
    SELECT e.id, e.name, e.type, e.first_seen::VARCHAR AS first_seen, e.last_seen::VARCHAR AS last_seen,
           coalesce(m.documents, 0)::INTEGER AS documents, coalesce(m.mentions, 0)::INTEGER AS mentions,
           m.first_date, m.last_date, coalesce(al.aliases, []) AS aliases,
           coalesce(rc.relations, 0)::INTEGER AS relations, coalesce(fc.facts, 0)::INTEGER AS facts,
           coalesce(act.activity, []) AS activity
    FROM entities e LEFT JOIN m ON m.entity_id = e.id LEFT JOIN act ON act.entity_id = e.id
    LEFT JOIN al ON al.entity_id = e.id LEFT JOIN rc ON rc.id = e.id LEFT JOIN fc ON fc.id = e.id
    ORDER BY documents DESC, e.name, e.id;
CREATE OR REPLACE TABLE memory.x_alias_words AS
    WITH a AS (SELECT DISTINCT norm, entity_id FROM aliases),
    starts AS (
        SELECT norm, entity_id,
               unnest([0] || list_filter(range(1, length(norm) + 1),
                                         lambda i: substr(norm, i::INTEGER, 1) = ' ')) AS pos
        FROM a)
    SELECT substr(s.norm, s.pos + 1) AS word, s.pos = 0 AS whole, s.norm, e.id AS entity_id, e.name, e.type,
           e.documents, e.mentions
    FROM starts s JOIN memory.x_entities e ON e.id = s.entity_id ORDER BY word;
CREATE OR REPLACE TABLE memory.x_connections AS
    WITH sides AS (
        SELECT subject AS entity_id, object AS other,
               CASE WHEN list_contains({_SYMMETRIC}, type) THEN 'both' ELSE 'out' END AS direction, *
        FROM memory.x_relations WHERE subject <> object
        UNION ALL BY NAME
        SELECT object AS entity_id, subject AS other,
               CASE WHEN list_contains({_SYMMETRIC}, type) THEN 'both' ELSE 'in' END AS direction, *
        FROM memory.x_relations WHERE subject <> object),
    grouped AS ({_CONNECTIONS.format(source="sides r")})
    SELECT *, row_number() OVER w AS rank,
           count(*) OVER (PARTITION BY entity_id, type, direction) AS section_total
    FROM grouped
    WINDOW w AS (PARTITION BY entity_id, type, direction ORDER BY documents DESC, confidence DESC, name, id)
    ORDER BY entity_id, documents DESC, confidence DESC, name, id;
CREATE OR REPLACE TABLE memory.x_neighbours AS
    SELECT entity_id, id, any_value(name) AS name, any_value(entity_type) AS type,
           any_value(entity_documents) AS documents, sum(documents) AS weight,
           (row_number() OVER (PARTITION BY entity_id ORDER BY sum(documents) DESC, id))::INTEGER AS nrank
    FROM memory.x_connections GROUP BY entity_id, id ORDER BY entity_id, nrank;
CREATE OR REPLACE TABLE memory.x_graph_edges AS
    WITH members AS (
        SELECT entity_id AS center, id AS member, nrank
        FROM memory.x_neighbours WHERE nrank < {MAX_GRAPH_NODES}
        UNION ALL
        SELECT DISTINCT entity_id, entity_id, 0 FROM memory.x_neighbours)
    SELECT a.center, greatest(a.nrank, b.nrank) AS needed, c.entity_id AS source, c.id AS target, c.type,
           c.direction = 'both' AS "symmetric", c.documents, c.confidence, c.evidence
    FROM members a JOIN memory.x_connections c ON c.entity_id = a.member
    JOIN members b ON b.center = a.center AND b.member = c.id
    WHERE c.direction = 'out' OR (c.direction = 'both' AND c.entity_id < c.id)
    ORDER BY a.center, source, target, type;
CREATE OR REPLACE TABLE memory.x_events AS
    WITH ev AS (
        SELECT subject AS entity_id, 'relation' AS kind, 'out' AS direction, object AS other, k, doc_id,
               title, published, type, attributes, NULL::DOUBLE AS value, NULL AS unit, NULL AS qualifier,
               NULL AS period, NULL::BOOLEAN AS is_target, confidence, evidence_start, evidence_end,
               evidence_text
        FROM memory.x_relations
        UNION ALL
        SELECT object, 'relation', 'in', subject, k, doc_id, title, published, type, attributes, NULL, NULL,
               NULL, NULL, NULL, confidence, evidence_start, evidence_end, evidence_text
        FROM memory.x_relations WHERE object <> subject
        UNION ALL
        SELECT subject, 'fact', 'out', NULL, k, doc_id, title, published, type, NULL, value, unit, qualifier,
               period, is_target, confidence, evidence_start, evidence_end, evidence_text
        FROM memory.x_facts WHERE subject IS NOT NULL)
    SELECT ev.*, coalesce(e.name, ev.other) AS other_name, e.type AS other_type
    FROM ev LEFT JOIN memory.x_entities e ON e.id = ev.other
    ORDER BY ev.entity_id, ev.k, ev.evidence_start, ev.kind, ev.type, ev.other, ev.evidence_end;
CREATE INDEX x_entities_id ON memory.x_entities (id);
CREATE INDEX x_mentions_entity ON memory.x_mentions (entity_id);
CREATE INDEX x_connections_entity ON memory.x_connections (entity_id);
CREATE INDEX x_events_entity ON memory.x_events (entity_id);
CREATE INDEX x_neighbours_entity ON memory.x_neighbours (entity_id);
CREATE INDEX x_graph_edges_center ON memory.x_graph_edges (center);
CREATE INDEX x_facts_subject ON memory.x_facts (subject);
"""
#: Threads per query once the copies are built. The desk's questions are small and many run at
#: once (one per request thread); with DuckDB's default (one thread per core) each query paid for
#: handing its work to the pool: 1-4 ms for a 1-row lookup on a busy 2-core machine, 0.4-1 ms
#: with one thread (measured on the 20,000-article bench store).
SERVING_THREADS = 1


def build_serving_tables(con: Con) -> None:
    """(Re)build the in-memory `memory.x_*` copies the desk's questions read (module docstring).

    Builds with every core, then leaves DuckDB at `SERVING_THREADS` for the questions.
    """
    con.execute("RESET threads")
    con.execute(_SERVING_TABLES)
    con.execute(f"SET threads = {SERVING_THREADS}")


def _limit(limit: int, offset: int = 0) -> str:
    """A LIMIT clause with the numbers written in: DuckDB plans a parameter LIMIT as a full sort
    (2-4 ms more per query on the bench store) where a literal one becomes a top-N."""
    return f"LIMIT {int(limit)} OFFSET {int(offset)}"


def _rows(con: Con, sql: str, params: Sequence[Any] = ()) -> list[Item]:
    """Run `sql` and return its rows as dicts keyed by column name."""
    cursor = con.execute(sql, list(params))
    names = [column[0] for column in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _evidence(table: str) -> str:
    return _EVIDENCE.replace("{t}", table)


def _attrs(value: Any) -> dict[str, Any]:
    """The JSON `attributes` column as a dict (DuckDB hands JSON back as text)."""
    if value is None:
        return {}
    loaded = json.loads(value) if isinstance(value, str) else value
    return loaded if isinstance(loaded, dict) else {}


def _with_attrs(rows: list[Item]) -> list[Item]:
    for row in rows:
        row["attributes"] = _attrs(row["attributes"])
    return rows


@dataclass(slots=True)
class Page:
    """One page of a longer list: the items, how many there are in all, and where this page sits."""

    items: list[Item]
    total: int
    limit: int
    offset: int

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


def _page(rows: list[Item], limit: int, offset: int) -> Page:
    """Rows carrying a `_total` column (count(*) OVER ()) -> a Page without that column."""
    total = int(rows[0]["_total"]) if rows else 0
    for row in rows:
        row.pop("_total", None)
    return Page(rows, total, limit, offset)


# -- entities ----------------------------------------------------------------------------------


def find_entities(
    con: Con, q: str = "", *, type: str | None = None, limit: int = 20, offset: int = 0
) -> Page:
    """Entities with a name or alias word starting with `q` (accents and case ignored), best first.

    A name matches when one of its words starts with `q` ("tele" finds "Bouygues Telecom"); exact
    alias matches come first, then names starting with `q`, then the others; ties go to the
    entity named in the most documents. An empty `q` lists every entity by documents.
    """
    norm = alias_norm(q)
    if not norm:
        rows = _rows(
            con,
            f"""
            SELECT id, name, type, documents, mentions, count(*) OVER () AS _total FROM memory.x_entities
            WHERE $1::VARCHAR IS NULL OR type = $1
            ORDER BY documents DESC, name, id {_limit(limit, offset)}
            """,
            [type],
        )
        return _page(rows, limit, offset)
    rows = _rows(
        con,
        f"""
        SELECT entity_id AS id, any_value(name) AS name, any_value(type) AS type,
               any_value(documents) AS documents, any_value(mentions) AS mentions, count(*) OVER () AS _total
        FROM memory.x_alias_words
        WHERE word >= $1 AND word < $1 || chr(1114111) AND ($2::VARCHAR IS NULL OR type = $2)
        GROUP BY entity_id
        ORDER BY min(CASE WHEN norm = $1 THEN 0 WHEN whole THEN 1 ELSE 2 END), documents DESC, name, id
        {_limit(limit, offset)}
        """,
        [norm, type],
    )
    return _page(rows, limit, offset)


def entity(con: Con, entity_id: str) -> Item | None:
    """One entity with its aliases, counts, first and last dates, and articles per month."""
    rows = _rows(con, "SELECT * FROM memory.x_entities WHERE id = $1", [entity_id])
    if not rows:
        return None
    row = rows[0]
    row["aliases"] = [alias for alias in row["aliases"] if alias != row["name"]]
    return row


def connections(con: Con, entity_id: str, *, min_confidence: float = 0.0, per_section: int = 0) -> list[Item]:
    """The entity's counterparts, one row per (relation type, direction, counterpart), strongest first.

    Each row counts its supporting relations and documents and carries the best evidence (highest
    confidence, then latest) and the attributes said with it (a role's title, a deal's amount);
    `section_total` counts the rows of its (type, direction). `per_section` > 0 keeps that many
    rows of each. Without a confidence floor the rows, their rank in their section and the section
    totals come ready from `memory.x_connections`: ranking them per request read every counterpart
    of a much-cited entity (hundreds of rows) to return a dozen per section.
    """
    if min_confidence <= 0:
        cap = f"AND rank <= {int(per_section)}" if per_section > 0 else ""
        rows = _rows(
            con,
            f"""
            SELECT * EXCLUDE (entity_id, rank) FROM memory.x_connections WHERE entity_id = $1 {cap}
            ORDER BY documents DESC, confidence DESC, name, id
            """,
            [entity_id],
        )
        return _with_attrs(rows)
    source = f"""({
        _CONNECTIONS.format(
            source=f'''(
            SELECT CASE WHEN subject = $1 THEN object ELSE subject END AS other, $1 AS entity_id,
                   CASE WHEN list_contains({_SYMMETRIC}, type) THEN 'both'
                        WHEN subject = $1 THEN 'out' ELSE 'in' END AS direction, *
            FROM memory.x_relations
            WHERE (subject = $1 OR object = $1) AND subject <> object AND confidence >= $2) r'''
        )
    })"""
    cap = f"QUALIFY rank <= {int(per_section)}" if per_section > 0 else ""
    rows = _rows(
        con,
        f"""
        SELECT * EXCLUDE (entity_id, rank) FROM (
            SELECT *, row_number() OVER w AS rank,
                   count(*) OVER (PARTITION BY type, direction) AS section_total
            FROM {source}
            WINDOW w AS (PARTITION BY type, direction ORDER BY documents DESC, confidence DESC, name, id)
            {cap})
        ORDER BY documents DESC, confidence DESC, name, id
        """,
        [entity_id, min_confidence],
    )
    return _with_attrs(rows)


def section_totals(rows: list[Item]) -> dict[str, int]:
    """How many counterparts each profile section has in all (rows may be capped per section)."""
    where = {(kind, direction): name for name, kind, direction in SECTIONS}
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for row in rows:
        key = (row["type"], row["direction"])
        seen[key] = (where.get(key, OTHER_SECTION), int(row["section_total"]))
    totals: dict[str, int] = {}
    for name, total in seen.values():
        totals[name] = totals.get(name, 0) + total
    return totals


def profile_sections(rows: list[Item]) -> dict[str, list[Item]]:
    """Connections grouped into the named profile sections (`SECTIONS`), empty ones left out."""
    where = {(kind, direction): name for name, kind, direction in SECTIONS}
    sections: dict[str, list[Item]] = {}
    for row in rows:
        name = where.get((row["type"], row["direction"]), OTHER_SECTION)
        sections.setdefault(name, []).append(row)
    order = [name for name, _, _ in SECTIONS] + [OTHER_SECTION]
    return {name: sections[name] for name in order if name in sections}


def entity_facts(con: Con, entity_id: str, *, limit: int = 200) -> list[Item]:
    """Numbers said about the entity, by type then date, each with its article and evidence."""
    return _rows(
        con,
        f"""
        SELECT f.type, f.value, f.unit, f.qualifier, f.period, f.scope, f.is_target, f.confidence,
               f.published, f.title, {_evidence("f")} AS evidence
        FROM memory.x_facts f
        WHERE f.subject = $1
        ORDER BY f.type, coalesce(f.period, f.published) NULLS LAST, f.published NULLS LAST, f.evidence_start
        {_limit(limit)}
        """,
        [entity_id],
    )


def entity_documents(con: Con, entity_id: str, *, limit: int = 20, offset: int = 0) -> Page:
    """Articles naming the entity, latest first, with how often each names it."""
    rows = _rows(
        con,
        f"""
        SELECT doc_id AS id, title, published, site, url, n AS mentions,
               (SELECT documents FROM memory.x_entities WHERE id = $1) AS _total
        FROM memory.x_mentions WHERE entity_id = $1 ORDER BY k {_limit(limit, offset)}
        """,
        [entity_id],
    )
    return _page(rows, limit, offset)


def timeline(
    con: Con, entity_id: str, *, min_confidence: float = 0.0, limit: int = 50, offset: int = 0
) -> Page:
    """Relations and facts about the entity in the order of their articles' dates, latest first."""
    # Without a confidence floor the count is the entity's relations + facts, known in advance:
    # counting in the query made it read every event of a much-cited entity (1,000s of rows).
    # (Picking the page by a precomputed per-entity event number instead of a top-N measured no
    # cheaper: the scan of the entity's rows costs the same either way.)
    total = (
        "(SELECT relations + facts FROM memory.x_entities WHERE id = $1)"
        if min_confidence <= 0
        else "count(*) OVER ()"
    )
    rows = _rows(
        con,
        f"""
        SELECT kind, type, direction, other, other_name, other_type, attributes, value, unit, qualifier,
               period, is_target, confidence, doc_id, published, title,
               {{'doc_id': doc_id, 'start': evidence_start, 'end': evidence_end, 'text': evidence_text}}
                   AS evidence,
               {total} AS _total
        FROM memory.x_events WHERE entity_id = $1 AND confidence >= $2
        ORDER BY k, evidence_start, kind, type, other, evidence_end {_limit(limit, offset)}
        """,
        [entity_id, min_confidence],
    )
    return _page(_with_attrs(rows), limit, offset)


# -- relations ---------------------------------------------------------------------------------


@dataclass(slots=True)
class RelationFilter:
    """Which relations to list: every field narrows the list; None or empty means any."""

    types: list[str] = field(default_factory=list)
    entity: str | None = None  # subject or object
    other: str | None = None  # the other side, with `entity`
    doc_id: str | None = None
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None
    min_confidence: float = 0.0


def relations(con: Con, where: RelationFilter, *, limit: int = 50, offset: int = 0) -> Page:
    """Relations matching the filter, latest article first, with names, dates and evidence."""
    rows = _rows(
        con,
        f"""
        SELECT r.type, r.subject, coalesce(s.name, r.subject) AS subject_name, s.type AS subject_type,
            r.object, coalesce(o.name, r.object) AS object_name, o.type AS object_type,
            r.attributes, r.confidence, r.doc_id, r.title, r.published,
            {_evidence("r")} AS evidence, count(*) OVER () AS _total
        FROM memory.x_relations r
        LEFT JOIN memory.x_entities s ON s.id = r.subject LEFT JOIN memory.x_entities o ON o.id = r.object
        WHERE (len($1::VARCHAR[]) = 0 OR list_contains($1, r.type))
          AND ($2::VARCHAR IS NULL OR r.subject = $2 OR r.object = $2)
          AND ($3::VARCHAR IS NULL OR (r.subject = $3 AND ($2 IS NULL OR r.object = $2))
                                   OR (r.object = $3 AND ($2 IS NULL OR r.subject = $2)))
          AND ($4::VARCHAR IS NULL OR r.doc_id = $4)
          AND ($5::VARCHAR IS NULL OR r.date_hi >= $5)
          AND ($6::VARCHAR IS NULL OR r.date_lo <= $6)
          AND r.confidence >= $7
        ORDER BY r.k, r.evidence_start, r.type
        {_limit(limit, offset)}
        """,
        [
            where.types,
            where.entity,
            where.other,
            where.doc_id,
            where.since,
            where.until,
            where.min_confidence,
        ],
    )
    return _page(_with_attrs(rows), limit, offset)


def relation_types(con: Con) -> list[Item]:
    """Relation types present in the store, most frequent first."""
    return _rows(
        con, "SELECT type, count(*) AS n FROM memory.x_relations GROUP BY type ORDER BY n DESC, type"
    )


# -- graph -------------------------------------------------------------------------------------


def graph(
    con: Con, entity_id: str, *, min_confidence: float = 0.0, max_nodes: int = 40, types: Sequence[str] = ()
) -> dict[str, list[Item]]:
    """The entity's strongest neighbours (by documents, the entity itself not included) and every
    edge among them and the entity.

    Edges are aggregated per (source, target, type); a symmetric type's pair is put in id order
    so "A partners B" and "B partners A" make one edge. Each edge keeps its best evidence. With no
    confidence floor and no type filter the graph comes ready from `memory.x_neighbours` and
    `memory.x_graph_edges` (`_ready_graph`).
    """
    precomputed = min_confidence <= 0 and not types
    if precomputed and max_nodes <= MAX_GRAPH_NODES:
        return _ready_graph(con, entity_id, max_nodes)
    kept = (
        "memory.x_connections"
        if precomputed
        else f"""({
            _CONNECTIONS.format(
                source=f'''(
            SELECT subject AS entity_id, object AS other, type, k, doc_id, published, attributes,
                   evidence_start, evidence_end, evidence_text, confidence,
                   CASE WHEN list_contains({_SYMMETRIC}, type) THEN 'both' ELSE 'out' END AS direction
            FROM memory.x_relations
            WHERE subject <> object AND confidence >= $2
              AND (len($3::VARCHAR[]) = 0 OR list_contains($3, type))
            UNION ALL BY NAME
            SELECT object AS entity_id, subject AS other, type, k, doc_id, published, attributes,
                   evidence_start, evidence_end, evidence_text, confidence,
                   CASE WHEN list_contains({_SYMMETRIC}, type) THEN 'both' ELSE 'in' END AS direction
            FROM memory.x_relations
            WHERE subject <> object AND confidence >= $2
              AND (len($3::VARCHAR[]) = 0 OR list_contains($3, type))
        ) r'''
            )
        })"""
    )
    params: list[Any] = [entity_id] if precomputed else [entity_id, min_confidence, list(types)]
    nodes = _rows(
        con,
        f"""
        SELECT id, any_value(name) AS name, any_value(entity_type) AS type,
               any_value(entity_documents) AS documents, sum(documents) AS weight
        FROM {kept} WHERE entity_id = $1
        GROUP BY id ORDER BY weight DESC, id {_limit(max_nodes - 1)}
        """,
        params,
    )
    ids = [entity_id, *(node["id"] for node in nodes)]
    edges = _rows(
        con,
        f"""
        SELECT entity_id AS source, id AS target, type, direction = 'both' AS "symmetric", documents,
               confidence, evidence
        FROM {kept}
        WHERE list_contains($1::VARCHAR[], entity_id) AND list_contains($1, id)
          AND (direction = 'out' OR (direction = 'both' AND entity_id < id))
        ORDER BY source, target, type
        """,
        [ids, *params[1:]],
    )
    return {"nodes": nodes, "edges": edges}


def _ready_graph(con: Con, entity_id: str, max_nodes: int) -> dict[str, list[Item]]:
    """An unfiltered graph read from the serving tables built for it.

    Finding the edges among the neighbours per request meant testing every row of
    `memory.x_connections` against the node list: 25-50 ms on the bench store, the slowest part of
    the entity page. The edges of every centre's 200-node graph are kept with the rank of their
    farther end (`needed`), so any smaller graph is a prefix: two index lookups.
    """
    nodes = _rows(
        con,
        f"""
        SELECT id, name, type, documents, weight FROM memory.x_neighbours
        WHERE entity_id = $1 AND nrank < {int(max_nodes)} ORDER BY nrank
        """,
        [entity_id],
    )
    edges = _rows(
        con,
        f"""
        SELECT source, target, type, "symmetric", documents, confidence, evidence
        FROM memory.x_graph_edges WHERE center = $1 AND needed < {int(max_nodes)}
        ORDER BY source, target, type
        """,
        [entity_id],
    )
    return {"nodes": nodes, "edges": edges}


# -- documents ---------------------------------------------------------------------------------


def recent_documents(con: Con, *, limit: int = 20, offset: int = 0) -> Page:
    """Stored articles, latest publication date first (undated last)."""
    rows = _rows(
        con,
        f"""
        SELECT id, title, published, site, url, language, n_chars,
               (SELECT count(*) FROM memory.x_docs) AS _total
        FROM memory.x_docs ORDER BY k {_limit(limit, offset)}
        """,
    )
    return _page(rows, limit, offset)


def document_record(con: Con, doc_id: str) -> dict[str, Any] | None:
    """The stored record of one document, or None when no document has this id."""
    row = con.execute("SELECT record::VARCHAR FROM documents WHERE id = $1", [doc_id]).fetchone()
    if row is None:
        return None
    record: dict[str, Any] = json.loads(row[0])
    return record


def entity_names(con: Con, ids: Sequence[str]) -> dict[str, Item]:
    """Name and type of each known id in `ids`."""
    rows = _rows(
        con,
        "SELECT id, name, type FROM memory.x_entities WHERE list_contains($1::VARCHAR[], id)",
        [list(ids)],
    )
    return {row["id"]: row for row in rows}


def evidence_claims(con: Con, keys: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int, int], list[Item]]:
    """The relations and facts whose evidence is each (doc_id, start, end) span."""
    if not keys:
        return {}
    rows = _rows(
        con,
        """
        WITH spans AS (SELECT unnest($1::VARCHAR[]) AS doc_id, unnest($2::BIGINT[]) AS s,
                              unnest($3::BIGINT[]) AS e)
        SELECT 'relation' AS kind, spans.doc_id, r.evidence_start AS start, r.evidence_end AS "end", r.type,
               r.subject, coalesce(s.name, r.subject) AS subject_name, r.object,
               coalesce(o.name, r.object) AS object_name, NULL::DOUBLE AS value, NULL AS unit, r.confidence
        FROM memory.x_relations r
        JOIN spans ON spans.s = r.evidence_start AND spans.e = r.evidence_end AND spans.doc_id = r.doc_id
        LEFT JOIN memory.x_entities s ON s.id = r.subject LEFT JOIN memory.x_entities o ON o.id = r.object
        UNION ALL
        SELECT 'fact', spans.doc_id, f.evidence_start, f.evidence_end, f.type, f.subject,
               coalesce(s.name, f.subject), NULL, NULL, f.value, f.unit, f.confidence
        FROM memory.x_facts f
        JOIN spans ON spans.s = f.evidence_start AND spans.e = f.evidence_end AND spans.doc_id = f.doc_id
        LEFT JOIN memory.x_entities s ON s.id = f.subject
        ORDER BY 2, 3, 1, 5
        """,
        [[k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys]],
    )
    claims: dict[tuple[str, int, int], list[Item]] = {}
    for row in rows:
        claims.setdefault((row["doc_id"], row["start"], row["end"]), []).append(row)
    return claims


# -- feeding the word index --------------------------------------------------------------------


def documents_for_index(con: Con, ids: Sequence[str]) -> list[Item]:
    """What the word index stores of the given documents, with their distinct evidence spans."""
    return _rows(
        con,
        """
        WITH wanted AS (SELECT unnest($1::VARCHAR[]) AS id),
        ev AS (
            SELECT doc_id, evidence_start AS start, evidence_end AS "end", evidence_text AS text
            FROM relations WHERE doc_id IN (SELECT id FROM wanted)
            UNION
            SELECT doc_id, evidence_start, evidence_end, evidence_text
            FROM facts WHERE doc_id IN (SELECT id FROM wanted)),
        grouped AS (
            SELECT doc_id,
                   list({'start': start, 'end': "end", 'text': text} ORDER BY start, "end") AS evidence
            FROM ev GROUP BY doc_id)
        SELECT d.id, d.title, d.published, d.site, d.url, d.text, coalesce(g.evidence, []) AS evidence
        FROM documents d LEFT JOIN grouped g ON g.doc_id = d.id
        WHERE d.id IN (SELECT id FROM wanted)
        """,
        [list(ids)],
    )


# -- exports -----------------------------------------------------------------------------------

#: One flat table per name, as the exports write them (CSV, Parquet). They read the store itself.
EXPORT_TABLES: dict[str, str] = {
    "documents": """
        SELECT id, url, site, path, language, title, published, category, warnings, n_chars, text
        FROM documents ORDER BY id""",
    "entities": """
        SELECT e.id, e.name, e.type, coalesce(c.documents, 0) AS documents,
               coalesce(c.mentions, 0) AS mentions
        FROM entities e LEFT JOIN (SELECT entity_id, count(DISTINCT doc_id) AS documents, count(*) AS mentions
                                   FROM mentions GROUP BY entity_id) c ON c.entity_id = e.id
        ORDER BY e.id""",
    "aliases": "SELECT entity_id, alias, norm FROM aliases ORDER BY entity_id, norm",
    "mentions": 'SELECT doc_id, entity_id, start, "end", text, label FROM mentions ORDER BY doc_id, start',
    "relations": """
        SELECT r.type, r.subject, s.name AS subject_name, r.object, o.name AS object_name,
               r.attributes::VARCHAR AS attributes, r.confidence, r.doc_id, d.published, d.url,
               r.evidence_start, r.evidence_end, r.evidence_text
        FROM relations r JOIN documents d ON d.id = r.doc_id
        LEFT JOIN entities s ON s.id = r.subject LEFT JOIN entities o ON o.id = r.object
        ORDER BY r.doc_id, r.evidence_start, r.type""",
    "facts": """
        SELECT f.type, f.subject, s.name AS subject_name, f.value, f.unit, f.qualifier, f.period, f.scope,
               f.is_target, f.confidence, f.doc_id, d.published, d.url,
               f.evidence_start, f.evidence_end, f.evidence_text
        FROM facts f JOIN documents d ON d.id = f.doc_id LEFT JOIN entities s ON s.id = f.subject
        ORDER BY f.doc_id, f.evidence_start, f.type""",
}


def copy_table(con: Con, table: str, path: str, fmt: str) -> int:
    """Write one export table to `path` with DuckDB's COPY (`fmt`: "csv" or "parquet"); return rows."""
    if table not in EXPORT_TABLES or fmt not in ("csv", "parquet"):
        raise ValueError(f"cannot export table {table!r} as {fmt!r}")
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
    quoted = "'" + path.replace("'", "''") + "'"  # COPY takes no parameter for the file name
    row = con.execute(f"COPY ({EXPORT_TABLES[table]}) TO {quoted} ({options})").fetchone()
    return int(row[0]) if row else 0


def iter_records(con: Con, *, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every stored record, in id order, fetched `batch` at a time."""
    cursor = con.execute("SELECT record::VARCHAR FROM documents ORDER BY id")
    while chunk := cursor.fetchmany(batch):
        for (value,) in chunk:
            record: dict[str, Any] = json.loads(value)
            yield record


def graph_export(con: Con, *, min_confidence: float = 0.0) -> dict[str, list[Item]]:
    """The whole knowledge graph: every entity, and relations aggregated per (source, target, type)."""
    nodes = _rows(con, EXPORT_TABLES["entities"])
    edges = _rows(
        con,
        """
        WITH r AS (
            SELECT *, list_contains($2, type) AS is_symmetric,
                CASE WHEN list_contains($2, type) THEN least(subject, object) ELSE subject END AS source,
                CASE WHEN list_contains($2, type) THEN greatest(subject, object) ELSE object END AS target
            FROM relations WHERE confidence >= $1)
        SELECT source, target, type, is_symmetric AS "symmetric", count(*) AS relations,
               count(DISTINCT doc_id) AS documents, max(confidence) AS confidence
        FROM r GROUP BY ALL ORDER BY source, target, type
        """,
        [min_confidence, list(SYMMETRIC_TYPES)],
    )
    return {"nodes": nodes, "edges": edges}
