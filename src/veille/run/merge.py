"""The merge: finished shards -> the DuckDB store, by one writer, in input order.

For each shard in rank order, and inside it in reading order (the order a single `veille ingest`
reads the same inputs, see `shards.py`), the merge

1. skips a document whose id the store already holds (or met earlier in this merge), as ingest
   does, before any further stage runs on it;
2. runs the cross-document stages the workers left out (the entity linker, bound to the store's
   knowledge base through the `relink` hook: `veille.link.linker.bind_store` by default);
3. stores the records with `Store.add_documents` in batches of `MERGE_BATCH`, one transaction each;
4. groups near-duplicate articles into stories (`dedup.StoryIndex`) from the workers' signatures.

It then stores the rejects of the plan and of every shard. So a distributed run and a local one
give the same store. Re-running a merge adds nothing twice; a merge killed half-way leaves whole
batches, and the next one completes it (documents stored without a story get one first).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from veille.doc import Doc, Reject
from veille.errors import RunError
from veille.pipeline import Pipeline
from veille.record import Record, to_record
from veille.run import dedup
from veille.run.codec import doc_from_json
from veille.run.layout import RunLayout, read_json, read_parquet
from veille.run.shard import PipelineFactory, ShardResult, split_stages
from veille.run.shards import ShardPlan

if TYPE_CHECKING:
    from veille.store import Store

LOGGER = logging.getLogger(__name__)

#: Documents per store transaction in a merge: as `api.INGEST_BATCH`, a merge killed half-way
#: loses at most one batch; bigger than ingest's since there is no cleaning between writes.
MERGE_BATCH = 256

Relink = Callable[[Pipeline, "Store"], object]
OnShard = Callable[[int, int], None]  # (rank, documents added)


def bind_linkers(pipeline: Pipeline, store: Store) -> object:
    """Default `relink` hook: the pipeline's entity linkers use the store's knowledge base."""
    try:
        from veille.link.linker import bind_store
    except ImportError:
        return 0
    return bind_store(pipeline, store)


@dataclass(slots=True)
class MergeReport:
    """What a merge did."""

    shards: int = 0
    documents: int = 0  # documents read from the shards
    added: int = 0
    skipped: int = 0  # already in the store, or the same page twice in the run
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    stages: dict[str, dict[str, int]] = field(default_factory=dict)
    stories: dict[str, int] = field(default_factory=dict)
    missing: list[int] = field(default_factory=list)  # shards without a completion marker

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_plan(out_dir: str | Path) -> tuple[RunLayout, ShardPlan]:
    layout = RunLayout(Path(out_dir))
    if not layout.manifest.is_file():
        raise RunError(
            f"{out_dir} holds no run (no manifest.json); run `veille run ... --out {out_dir}` first"
        )
    return layout, ShardPlan.from_dict(read_json(layout.manifest))


def shard_results(layout: RunLayout, plan: ShardPlan) -> list[ShardResult]:
    """The results of the finished shards, from their stats files, in rank order."""
    return [
        ShardResult.from_dict(read_json(layout.stats(rank)))
        for rank in range(plan.world_size)
        if layout.is_complete(rank)
    ]


def _sum_stages(results: list[ShardResult]) -> dict[str, dict[str, int]]:
    totals: dict[str, Counter[str]] = {}
    for result in results:
        for stage, counters in result.stages.items():
            totals.setdefault(stage, Counter()).update(counters)
    return {stage: dict(counters) for stage, counters in totals.items()}


def _shard_docs(layout: RunLayout, rank: int) -> Iterator[tuple[Doc, bytes | None]]:
    for row in read_parquet(layout.documents(rank), "position"):
        sig = row["minhash"]
        yield doc_from_json(row["doc"]), (bytes(sig) if sig is not None else None)


def _shard_rejects(layout: RunLayout, rank: int) -> Iterator[Reject]:
    for row in read_parquet(layout.rejects(rank), "position"):
        yield Reject(row["path"], row["reason"], row["detail"], id=row["id"], url=row["url"])


class _Merger:
    """One merge into an open store."""

    def __init__(self, store: Store, pipeline: Pipeline, report: MergeReport) -> None:
        _, self.rest = split_stages(pipeline.stages)
        self.store = store
        self.report = report
        self.known = store.document_ids()
        self.stories = dedup.StoryIndex(store.connection) if dedup.available() else None
        if self.stories is None:
            LOGGER.warning("near-duplicate detection skipped: pip install 'veille[dedup]'")
        else:
            report.stories = _add_counts({}, self.stories.catch_up())
        self.batch: list[tuple[Doc, Record]] = []
        self.signatures: dict[str, bytes | None] = {}

    def add(self, doc: Doc, sig: bytes | None) -> None:
        self.report.documents += 1
        if doc.id in self.known:
            self.report.skipped += 1
            return
        self.known.add(doc.id)
        for stage in self.rest:
            doc = stage.process_batch([doc])[0]
        self.batch.append((doc, to_record(doc)))
        self.signatures[doc.id] = sig
        if len(self.batch) >= MERGE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        self.report.added += self.store.add_documents(self.batch)
        if self.stories is not None:
            done = self.stories.add([(doc.id, self.signatures[doc.id]) for doc, _ in self.batch])
            _add_counts(self.report.stories, done)
        self.batch, self.signatures = [], {}

    def rest_stats(self) -> dict[str, dict[str, int]]:
        return {stage.name: dict(stage.stats) for stage in self.rest}


def _add_counts(into: dict[str, int], done: dedup.StoryReport) -> dict[str, int]:
    for key, value in (("documents", done.documents), ("joined", done.joined), ("merged", done.merged)):
        into[key] = into.get(key, 0) + value
    return into


def merge(
    out_dir: str | Path,
    db: str | Path,
    *,
    factory: PipelineFactory | None = None,
    relink: Relink = bind_linkers,
    partial: bool = False,
    on_shard: OnShard | None = None,
) -> MergeReport:
    """Load the finished shards of the run in `out_dir` into the store `db`; see the module.

    `factory` must build the pipeline the run was made with (default `api.build_pipeline`).
    Without `partial`, a run with unfinished shards is refused (RunError naming them).
    """
    from veille.store import Store

    if factory is None:
        from veille.api import build_pipeline

        factory = build_pipeline
    layout, plan = load_plan(out_dir)
    report = MergeReport(shards=plan.world_size)
    report.missing = [rank for rank in range(plan.world_size) if not layout.is_complete(rank)]
    if report.missing and not partial:
        raise RunError(
            f"shards {report.missing[:10]} of {plan.world_size} are not finished; run again to finish them"
        )
    pipeline = factory()
    if [stage.name for stage in pipeline.stages] != plan.stages:
        raise RunError(f"the run was made with stages {plan.stages}, not {[s.name for s in pipeline.stages]}")
    rejects: list[Reject] = list(plan.rejects)
    with Store(db) as store:
        relink(pipeline, store)
        merger = _Merger(store, pipeline, report)
        for rank in range(plan.world_size):
            if rank in report.missing:
                continue
            before = report.added
            for doc, sig in _shard_docs(layout, rank):
                merger.add(doc, sig)
            merger.flush()
            rejects.extend(_shard_rejects(layout, rank))
            if on_shard is not None:
                on_shard(rank, report.added - before)
        store.add_rejects(rejects)
    report.rejected = len(rejects)
    report.reasons = dict(Counter(reject.reason for reject in rejects))
    report.stages = {**_sum_stages(shard_results(layout, plan)), **merger.rest_stats()}
    return report
