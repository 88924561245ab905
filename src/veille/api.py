"""The Python API every surface calls: extract(), ingest(), stats(), evaluate().

The CLI, the HTTP server and the tests go through these functions only; they return data and
never print.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from veille.doc import Doc, Reject
from veille.pipeline import Pipeline, Stage
from veille.record import Record, to_record

LOGGER = logging.getLogger(__name__)

DEFAULT_DB = "veille.duckdb"
#: Documents written per store transaction: a killed run loses at most one batch of work,
#: and a re-run redoes it (ids already stored are skipped before any cleaning).
INGEST_BATCH = 64


def _have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def cleaning_stages() -> list[Stage]:
    """Reading is done by the readers; these clean the page and set its metadata."""
    from veille.clean.html import HtmlCleaner
    from veille.clean.text import TextCleaner
    from veille.meta.stage import MetadataStage

    return [HtmlCleaner(), TextCleaner(), MetadataStage()]


def entity_stages() -> list[Stage]:
    """Recognition and in-article grouping (the `ner` extra)."""
    from veille.link.stage import MentionGrouper
    from veille.ner.stage import EntityRecognizer

    return [EntityRecognizer(), MentionGrouper()]


def knowledge_stages() -> list[Stage]:
    """Typed relations and numeric facts, each with its evidence (needs the entity stages first)."""
    from veille.relate.facts import FactExtractor
    from veille.relate.relations import RelationExtractor

    return [RelationExtractor(), FactExtractor()]


def linking_stages() -> list[Stage]:
    """Cross-article linking: rewrites entity, relation and fact ids to canonical ones.

    It is last because it is the one stage that depends on other documents: a sharded run leaves
    it to the single-process merge (`Stage.cross_document`).
    """
    from veille.link.linker import EntityLinker

    return [EntityLinker()]


def default_stages() -> list[Stage]:
    """The standard stage list. Without the `ner` extra, records carry no entities and say why."""
    stages = cleaning_stages()
    if _have("spacy"):
        stages += entity_stages() + knowledge_stages() + linking_stages()
    else:
        LOGGER.warning("entities skipped: spaCy is not installed (pip install 'veille[ner]')")
    return stages


def build_pipeline(stages: Sequence[Stage] | None = None) -> Pipeline:
    return Pipeline(default_stages() if stages is None else stages)


def read(paths: Sequence[str], *, stdin: BinaryIO | None = None) -> Iterator[Doc | Reject]:
    """Read inputs (files, directories, '-') into Docs or Rejects, in input order."""
    from veille.ingest import read_inputs

    return read_inputs(paths, stdin=stdin)


def _finish(doc: Doc) -> Doc:
    """Drop what the stages handed each other (parse trees): a batch must not hold them."""
    doc.scratch.clear()
    return doc


def _process(items: Iterable[Doc | Reject], pipeline: Pipeline) -> Iterator[tuple[Doc, Record] | Reject]:
    for item in items:
        if isinstance(item, Reject):
            yield item
            continue
        doc = _finish(pipeline(item))
        yield doc, to_record(doc)


def extract(
    paths: Sequence[str],
    *,
    pipeline: Pipeline | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Record | Reject]:
    """One record per readable input and one Reject per unreadable one, in input order."""
    pipeline = pipeline or build_pipeline()
    for item in _process(read(paths, stdin=stdin), pipeline):
        yield item if isinstance(item, Reject) else item[1]


def extract_one(path: str | Path, *, pipeline: Pipeline | None = None) -> Record | Reject:
    """The record of a single file (convenience for evaluation and tests)."""
    results = list(extract([str(path)], pipeline=pipeline))
    if len(results) != 1:
        return Reject(str(path), "unsupported_format", f"expected one document, got {len(results)}")
    return results[0]


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    read: int = 0
    added: int = 0
    skipped: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    stages: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "added": self.added,
            "skipped": self.skipped,
            "rejected": self.rejected,
            "reasons": dict(self.reasons),
            "stages": self.stages,
        }


def ingest(
    paths: Sequence[str],
    *,
    db: str | Path = DEFAULT_DB,
    pipeline: Pipeline | None = None,
    stdin: BinaryIO | None = None,
    on_item: Callable[[Doc | Reject], None] | None = None,
) -> IngestReport:
    """Run the pipeline over the inputs into the DuckDB store; idempotent.

    Documents whose id is already stored are skipped before cleaning. Writes go in batches of
    `INGEST_BATCH`, one transaction each, so a run killed half-way leaves whole batches behind
    and a re-run completes the rest.
    """
    from veille.store import Store

    pipeline = pipeline or build_pipeline()
    report = IngestReport()
    with Store(db) as store:
        if _have("spacy"):
            from veille.link.linker import bind_store

            bind_store(pipeline, store)  # link to the aliases stored by earlier runs
        known = store.document_ids()
        batch: list[tuple[Doc, Record]] = []
        rejects: list[Reject] = []
        for item in read(paths, stdin=stdin):
            report.read += 1
            if on_item is not None:
                on_item(item)
            if isinstance(item, Reject):
                report.rejected += 1
                report.reasons[item.reason] = report.reasons.get(item.reason, 0) + 1
                rejects.append(item)
                continue
            if item.id in known:
                report.skipped += 1
                continue
            known.add(item.id)
            doc = _finish(pipeline(item))
            batch.append((doc, to_record(doc)))
            if len(batch) >= INGEST_BATCH:
                report.added += store.add_documents(batch)
                store.add_rejects(rejects)
                batch, rejects = [], []
        report.added += store.add_documents(batch)
        store.add_rejects(rejects)
        if report.added and _have("datasketch"):
            from veille.run.dedup import assign_stories

            assign_stories(store.connection)  # near-duplicate articles become one story
    report.stages = pipeline.stats()
    return report


def stats(db: str | Path = DEFAULT_DB) -> dict[str, Any]:
    """Counts of what the store holds."""
    from veille.store import Store

    with Store(db, read_only=True) as store:
        return store.stats()


def entity(name: str, db: str | Path = DEFAULT_DB) -> dict[str, Any] | None:
    """What the store knows of one entity (by id, alias, gazetteer form or nearest name), or None."""
    from veille.link.profile import entity_profile
    from veille.store import Store

    with Store(db, read_only=True) as store:
        return entity_profile(store, name)


def _entity_id(store: Any, name: str | None) -> str | None:
    if name is None:
        return None
    from veille.errors import InputError
    from veille.link.profile import entity_profile

    found = entity_profile(store, name)
    if found is None:
        raise InputError("not_found", f"no entity matches {name!r}")
    entity_id: str = found["id"]
    return entity_id


def relations(
    *,
    db: str | Path = DEFAULT_DB,
    types: Sequence[str] = (),
    entity: str | None = None,
    min_confidence: float = 0.0,
    limit: int = 100,
) -> list[dict[str, Any]]:
    """The knowledge base's relations, merged across articles, each with all its evidence."""
    from veille.store import Store, queries

    with Store(db, read_only=True) as store:
        return queries.kb_relations(
            store.connection,
            types=list(types),
            entity_id=_entity_id(store, entity),
            min_confidence=min_confidence,
            limit=limit,
        )


def facts(
    *, db: str | Path = DEFAULT_DB, entity: str | None = None, types: Sequence[str] = (), limit: int = 200
) -> list[dict[str, Any]]:
    """The knowledge base's facts (numbers said about entities), merged across articles."""
    from veille.store import Store, queries

    with Store(db, read_only=True) as store:
        return queries.kb_facts(
            store.connection, entity_id=_entity_id(store, entity), types=list(types), limit=limit
        )


def run(
    paths: Sequence[str],
    out_dir: str | Path,
    *,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    shards: int | None = None,
    on_plan: Callable[[int], None] | None = None,
    on_result: Callable[[Any], None] | None = None,
) -> Any:
    """Process the inputs shard by shard on every core (`local`) or on Ray; resumable."""
    from veille.run import run as run_shards

    return run_shards(
        paths,
        out_dir,
        engine=engine,
        workers=workers,
        address=address,
        shards=shards,
        factory=build_pipeline,
        on_plan=on_plan,
        on_result=on_result,
    )


def ingest_from(
    out_dir: str | Path,
    *,
    db: str | Path = DEFAULT_DB,
    partial: bool = False,
    on_shard: Callable[[int, int], None] | None = None,
) -> Any:
    """Merge the shards of a `run` into the store, linking across articles in one process."""
    from veille.run import merge

    return merge(out_dir, db, factory=build_pipeline, partial=partial, on_shard=on_shard)


def search(
    q: str, *, db: str | Path = DEFAULT_DB, kind: str = "articles", limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """Full-text search over articles (or evidence sentences) in the store."""
    from veille.serve.desk import Desk

    desk = Desk(db)
    try:
        result: dict[str, Any] = desk.search(q, kind=kind, limit=limit, offset=offset)
    finally:
        desk.close()
    return result


def export(
    db: str | Path = DEFAULT_DB,
    *,
    fmt: str = "jsonl",
    out: str | Path | None = None,
    tables: Sequence[str] | None = None,
    min_confidence: float = 0.0,
) -> dict[str, Any]:
    """Write the knowledge base as JSONL records, CSV or Parquet tables, or a GraphML graph."""
    from veille.export import export as run_export

    report: dict[str, Any] = run_export(db, fmt, out, tables=tables, min_confidence=min_confidence).as_dict()
    return report


def serve(
    db: str | Path = DEFAULT_DB,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    allow_ingest: bool = False,
    cache_entries: int | None = None,
) -> None:
    """Run the HTTP API and web UI over the store (read-only unless `allow_ingest`).

    `cache_entries`: answers kept until the store changes (None: the desk's default; 0: no cache).
    """
    from veille.serve.answers import DEFAULT_ENTRIES
    from veille.serve.app import run

    entries = DEFAULT_ENTRIES if cache_entries is None else cache_entries
    run(db, host=host, port=port, allow_ingest=allow_ingest, cache_entries=entries)


def evaluate(gold: str | Path | None = None, *, pipeline: Pipeline | None = None) -> dict[str, Any]:
    """Score the pipeline against a gold file (default: ../shared/eval/dev/gold.json)."""
    from veille.evaluate import run_evaluation

    return run_evaluation(gold, pipeline=pipeline or build_pipeline())
