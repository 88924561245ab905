"""The analyst's desk: one object answering every question the API and the pages ask.

It holds the store (read-only unless ingesting is allowed) and the word index, and returns the
plain dicts that the JSON API serves and the templates render. The SQL is in
`veille.store.explore`; this module only assembles its answers.
"""

from __future__ import annotations

import logging
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import duckdb

from veille.errors import StoreError
from veille.serve.annotate import Marked, evidence_key, paragraphs, parse_evidence_key
from veille.serve.answers import DEFAULT_ENTRIES, AnswerCache
from veille.store import Store
from veille.store import explore as ex
from veille.store.fulltext import KIND_DOC, KIND_EVIDENCE, REFRESH_BATCH, WordIndex, index_path
from veille.store.queries import stats as store_stats

LOGGER = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

#: Entity matches shown above the article hits of a search.
SEARCH_ENTITIES = 8
#: Rows of each list the entity page shows before "more".
PROFILE_DOCUMENTS = 15
PROFILE_TIMELINE = 30
#: Counterparts listed per profile section (the strongest); "all" links to the full list.
SECTION_ROWS = 12
#: Search kinds a client may ask for, and the word-index kind each reads.
SEARCH_KINDS: dict[str, str] = {"articles": KIND_DOC, "evidence": KIND_EVIDENCE}


class NotFound(LookupError):
    """The asked-for entity or document is not in the store."""


class _ReadWriteLock:
    """Many readers at once, or one writer (an ingest swaps the store under the readers)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False

    @contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing)
            self._writing = True
            self._cond.wait_for(lambda: self._readers == 0)
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


def _check_store(db: str, writable: bool) -> None:
    """Create or upgrade the store (migrations) when allowed, and refuse a file that is not one."""
    if not writable and Path(db).is_file():
        try:  # pending migrations (e.g. new indexes) are applied before serving read-only
            with Store(db):
                pass
        except StoreError as exc:
            LOGGER.warning("could not upgrade %s before serving it: %s", db, exc)
    with Store(db, read_only=not writable):
        pass


def _reads(method: Callable[Concatenate[Desk, P], R]) -> Callable[Concatenate[Desk, P], R]:
    """Run a read method under the desk's shared lock (an ingest waits for readers, and they for it),
    answering from the desk's cache when the same question was asked of the same store."""

    def wrapper(self: Desk, /, *args: P.args, **kwargs: P.kwargs) -> R:
        # repr: the arguments are str, int, float, None, lists of str and RelationFilter, whose
        # reprs are exact; the key must not keep mutable lists a caller could change afterwards.
        key = repr((method.__name__, args, sorted(kwargs.items())))
        with self._lock.reading():
            answer: R = self._answers.get_or_compute(key, lambda: method(self, *args, **kwargs))
            return answer

    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return wrapper


class Desk:
    """Queries over one store file, safe to call from many threads (one cursor per thread).

    The store is attached to an in-memory DuckDB database as `store` (read-only unless
    `writable`), beside the serving copies of `explore.build_serving_tables`. Answers are kept
    (`cache_entries` of them, 0 for none) until the desk swaps the store: they are shared, so
    callers must not change them.
    """

    def __init__(
        self, db: str | Path, *, writable: bool = False, cache_entries: int = DEFAULT_ENTRIES
    ) -> None:
        self.db = str(db)
        self.writable = writable
        self._answers = AnswerCache(cache_entries)
        _check_store(self.db, writable)
        self._con = duckdb.connect()
        self._local = threading.local()
        self._generation = 0
        self._lock = _ReadWriteLock()
        self._attach()
        self._words = WordIndex(index_path(self.db))
        self.refresh_index()

    def _attach(self) -> None:
        mode = "" if self.writable else " (READ_ONLY)"
        path = self.db.replace("'", "''")
        self._con.execute(f"ATTACH '{path}' AS store{mode}")
        self._generation += 1
        ex.build_serving_tables(self._cursor())
        self._answers.clear()

    def close(self) -> None:
        self._con.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor, reading the store's tables unqualified (`USE store`)."""
        cursor: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cursor is None or getattr(self._local, "generation", None) != self._generation:
            cursor = self._con.cursor()
            cursor.execute("USE store")
            self._local.cursor, self._local.generation = cursor, self._generation
        return cursor

    # -- word index ----------------------------------------------------------------------------

    def refresh_index(self) -> int:
        """Add to the word index the stored documents it lacks; return how many were added."""
        cur = self._cursor()
        stored = {str(doc_id) for (doc_id,) in cur.execute("SELECT id FROM memory.x_docs").fetchall()}
        missing = sorted(stored - self._words.indexed_ids())
        for start in range(0, len(missing), REFRESH_BATCH):
            self._words.add(ex.documents_for_index(cur, missing[start : start + REFRESH_BATCH]))
        if missing:
            LOGGER.info("word index: %d documents added", len(missing))
        return len(missing)

    # -- search --------------------------------------------------------------------------------

    @_reads
    def search(self, q: str, *, kind: str = "articles", limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """Entities named like `q`, and article or evidence hits for its words."""
        q = q.strip()
        result: dict[str, Any] = {"query": q, "kind": kind, "entities": [], "counts": {}}
        if not q:
            result["hits"] = ex.Page([], 0, limit, offset).as_dict()
            return result
        cur = self._cursor()
        result["entities"] = ex.find_entities(cur, q, limit=SEARCH_ENTITIES).items
        total, hits = self._words.search(q, kind=SEARCH_KINDS[kind], limit=limit, offset=offset)
        for name, other in SEARCH_KINDS.items():
            result["counts"][name] = total if name == kind else self._words.search(q, kind=other, limit=1)[0]
        claims = ex.evidence_claims(
            cur, [(h.doc_id, h.start, h.end) for h in hits if h.start is not None and h.end is not None]
        )
        items = []
        for hit in hits:
            item = hit.as_dict()
            if hit.start is not None and hit.end is not None:
                item["evidence_key"] = evidence_key(hit.start, hit.end)
                item["claims"] = claims.get((hit.doc_id, hit.start, hit.end), [])
            items.append(item)
        result["hits"] = ex.Page(items, total, limit, offset).as_dict()
        return result

    @_reads
    def entities(
        self, q: str = "", *, type: str | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        page = ex.find_entities(self._cursor(), q, type=type, limit=limit, offset=offset)
        return {"query": q, "type": type, **page.as_dict()}

    # -- entity --------------------------------------------------------------------------------

    def _entity(self, entity_id: str) -> dict[str, Any]:
        found = ex.entity(self._cursor(), entity_id)
        if found is None:
            raise NotFound(f"no entity {entity_id!r} in the store")
        return found

    @_reads
    def profile(self, entity_id: str, *, min_confidence: float = 0.0) -> dict[str, Any]:
        """Everything about one entity: aliases, people, partners, deals, figures, articles."""
        cur = self._cursor()
        found = self._entity(entity_id)
        facts = ex.entity_facts(cur, entity_id)
        rows = ex.connections(cur, entity_id, min_confidence=min_confidence, per_section=SECTION_ROWS)
        return {
            "entity": found,
            "min_confidence": min_confidence,
            "sections": ex.profile_sections(rows),
            "section_totals": ex.section_totals(rows),
            "figures": fact_series(facts),
            "documents": ex.entity_documents(cur, entity_id, limit=PROFILE_DOCUMENTS).as_dict(),
            "activity": found.pop("activity"),
            "timeline": ex.timeline(
                cur, entity_id, min_confidence=min_confidence, limit=PROFILE_TIMELINE
            ).as_dict(),
        }

    @_reads
    def timeline(
        self, entity_id: str, *, min_confidence: float = 0.0, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        found = self._entity(entity_id)
        page = ex.timeline(
            self._cursor(), entity_id, min_confidence=min_confidence, limit=limit, offset=offset
        )
        return {"entity": found, "min_confidence": min_confidence, **page.as_dict()}

    @_reads
    def graph(
        self,
        entity_id: str,
        *,
        min_confidence: float = 0.0,
        max_nodes: int = 40,
        types: list[str] | None = None,
    ) -> dict[str, Any]:
        center = self._entity(entity_id)
        data = ex.graph(
            self._cursor(), entity_id, min_confidence=min_confidence, max_nodes=max_nodes, types=types or []
        )
        node = {key: center[key] for key in ("id", "name", "type", "documents")}
        data["nodes"] = [{**node, "weight": None}, *data["nodes"]]
        for edge in data["edges"]:
            evidence = edge["evidence"]
            edge["evidence_key"] = evidence_key(evidence["start"], evidence["end"])
        return {"center": entity_id, **data}

    @_reads
    def entity_documents(self, entity_id: str, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        found = self._entity(entity_id)
        return {
            "entity": found,
            **ex.entity_documents(self._cursor(), entity_id, limit=limit, offset=offset).as_dict(),
        }

    # -- relations and documents ---------------------------------------------------------------

    @_reads
    def relations(self, where: ex.RelationFilter, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        cur = self._cursor()
        page = ex.relations(cur, where, limit=limit, offset=offset)
        for row in page.items:
            row["evidence_key"] = evidence_key(row["evidence"]["start"], row["evidence"]["end"])
        names = ex.entity_names(cur, [i for i in (where.entity, where.other) if i])
        return {
            "filter": {
                "types": where.types,
                "entity": where.entity,
                "other": where.other,
                "doc_id": where.doc_id,
                "since": where.since,
                "until": where.until,
                "min_confidence": where.min_confidence,
            },
            "names": names,
            "relation_types": ex.relation_types(cur),
            **page.as_dict(),
        }

    @_reads
    def documents(self, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        return ex.recent_documents(self._cursor(), limit=limit, offset=offset).as_dict()

    @_reads
    def document(self, doc_id: str, *, focus: str | None = None) -> dict[str, Any]:
        """One article: metadata, clean text cut into highlighted segments, its relations and facts."""
        cur = self._cursor()
        record = ex.document_record(cur, doc_id)
        if record is None:
            raise NotFound(f"no document {doc_id!r} in the store")
        entities = record.get("entities", [])
        known = {e["id"]: {"id": e["id"], "name": e["name"], "type": e["type"]} for e in entities}
        ids = {r[k] for r in record.get("relations", []) for k in ("subject", "object")}
        ids |= {f["subject"] for f in record.get("facts", []) if f.get("subject")}
        known.update(ex.entity_names(cur, sorted(ids - set(known))))
        mentions = [
            Marked(m["start"], m["end"], e["id"], e["type"]) for e in entities for m in e.get("mentions", [])
        ]
        claims = [*record.get("relations", []), *record.get("facts", [])]
        evidence = [Marked(c["evidence"]["start"], c["evidence"]["end"]) for c in claims]
        for claim in claims:
            claim["evidence_key"] = evidence_key(claim["evidence"]["start"], claim["evidence"]["end"])
        return {
            "document": {
                key: record.get(key)
                for key in ("id", "title", "published", "language", "category", "warnings")
            }
            | {"source": record.get("source", {})},
            "focus": focus if parse_evidence_key(focus) else None,
            "entities": [{**known[e["id"]], "mentions": len(e.get("mentions", []))} for e in entities],
            "names": known,
            "relations": record.get("relations", []),
            "facts": record.get("facts", []),
            "paragraphs": paragraphs(record["text"], mentions, evidence, parse_evidence_key(focus)),
        }

    @_reads
    def stats(self) -> dict[str, Any]:
        return store_stats(self._cursor())

    @_reads
    def home(self) -> dict[str, Any]:
        cur = self._cursor()
        return {
            "stats": store_stats(cur),
            "entities": ex.find_entities(cur, "", limit=24).items,
            "documents": ex.recent_documents(cur, limit=12).items,
        }

    # -- ingest (only when the app allows it) ---------------------------------------------------

    def ingest_jsonl(self, payload: bytes) -> dict[str, Any]:
        """Ingest JSONL pages (`url`, `html` or `text`) through the standard pipeline."""
        if not self.writable:
            raise PermissionError("this desk is read-only")
        from veille import api

        with self._lock.writing(), tempfile.TemporaryDirectory(prefix="veille-ingest-") as tmp:
            path = Path(tmp) / "upload.jsonl"
            path.write_bytes(payload)
            self._con.execute("USE memory")
            self._con.execute("DETACH store")  # DuckDB allows one writer: api.ingest opens its own
            try:
                report = api.ingest([str(path)], db=self.db).as_dict()
            finally:
                self._attach()
            report.pop("stages", None)
            report["indexed"] = self.refresh_index()
        return report


def fact_series(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts grouped per (type, unit, scope) into series of points, for "figures over time"."""
    series: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for fact in facts:
        key = (fact["type"], fact["unit"], fact["scope"])
        entry = series.setdefault(
            key, {"type": fact["type"], "unit": fact["unit"], "scope": fact["scope"], "points": []}
        )
        fact["evidence_key"] = evidence_key(fact["evidence"]["start"], fact["evidence"]["end"])
        entry["points"].append(fact)
    return list(series.values())
