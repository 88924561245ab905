"""`run_shard()`: what every executor runs on a worker, for one shard.

The worker builds the pipeline from a picklable factory (once per process: models stay loaded
from one shard to the next), reads the shard's files with `read_inputs`, runs the
*document-local* stages and writes, in this order:

    shards/00003.parquet          one row per document: key columns + the raw-free Doc as JSON
                                  + its MinHash signature (near-duplicate detection)
    shards/rejects-00003.parquet  one row per unreadable input
    shards/stats-00003.json       reader counts, per-stage counters, seconds, peak RSS
    completions/00003             the completion marker, last, atomically

Stages that depend on the documents before them (the entity linker learns every document's
forms: `cross_document`) are not run here but by the merge, in one process and in input order,
so that a distributed run gives the knowledge base a single process would (`split_stages`).

A shard whose marker exists is not run again. Every start is logged in `attempts-00003`; after
`MAX_SHARD_ATTEMPTS` starts without a marker (a worker killed each time, e.g. out of memory)
the shard raises RunError instead of looping.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import socket
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from veille.doc import Doc, Reject
from veille.errors import RunError
from veille.pipeline import Pipeline, Stage
from veille.run import dedup
from veille.run.codec import doc_to_json
from veille.run.layout import (
    Row,
    RunLayout,
    count_attempt,
    read_json,
    write_json_atomic,
    write_parquet,
    write_text_atomic,
)
from veille.run.shards import ShardSpec

LOGGER = logging.getLogger(__name__)

PipelineFactory = Callable[[], Pipeline]

#: Starts of one shard without a completion marker before the run gives up on it: a worker
#: killed once (a node lost, a pre-emption) is retried, a shard that kills every worker is not.
MAX_SHARD_ATTEMPTS = 3

DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("position", "BIGINT"),
    ("id", "VARCHAR"),
    ("path", "VARCHAR"),
    ("url", "VARCHAR"),
    ("site", "VARCHAR"),
    ("language", "VARCHAR"),
    ("title", "VARCHAR"),
    ("published", "VARCHAR"),
    ("n_chars", "BIGINT"),
    ("n_warnings", "BIGINT"),
    ("doc", "VARCHAR"),
    ("minhash", "BLOB"),
)
REJECT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("position", "BIGINT"),
    ("path", "VARCHAR"),
    ("url", "VARCHAR"),
    ("id", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("detail", "VARCHAR"),
)


@dataclass(slots=True)
class ShardResult:
    """What one shard did (also its `stats-NNNNN.json`)."""

    rank: int
    inputs: int = 0
    documents: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    stages: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's user + system CPU time on the shard
    peak_rss_mb: float = 0.0
    pid: int = 0
    host: str = ""
    attempt: int = 1
    skipped: bool = False  # finished by an earlier run: not run again

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShardResult:
        return cls(**data)


def is_cross_document(stage: Stage) -> bool:
    return stage.cross_document


def split_stages(stages: Sequence[Stage]) -> tuple[list[Stage], list[Stage]]:
    """(stages for the workers, stages for the merge): cut at the first cross-document stage."""
    for index, stage in enumerate(stages):
        if is_cross_document(stage):
            return list(stages[:index]), list(stages[index:])
    return list(stages), []


_PIPELINES: dict[bytes, Pipeline] = {}


def _factory_key(factory: PipelineFactory) -> bytes:
    """Equal for equal factories: a fresh copy comes with each local task, one per Ray actor."""
    try:
        return pickle.dumps(factory)
    except (pickle.PicklingError, AttributeError, TypeError):  # e.g. a Ray driver's __main__ function
        return f"id:{id(factory)}".encode()


def worker_pipeline(factory: PipelineFactory) -> Pipeline:
    """The document-local part of `factory()`'s pipeline, built once per process."""
    key = _factory_key(factory)
    if key not in _PIPELINES:
        local, _ = split_stages(factory().stages)
        _PIPELINES[key] = Pipeline(local)
    return _PIPELINES[key]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (ru_maxrss: KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _document_row(doc: Doc, sign: bool) -> Row:
    return (
        doc.position,
        doc.id,
        doc.source.path,
        doc.source.url,
        doc.source.site,
        doc.language,
        doc.title,
        doc.published,
        len(doc.text),
        len(doc.warnings),
        doc_to_json(doc),
        dedup.signature(doc.text) if sign else None,
    )


def _reject_row(reject: Reject) -> Row:
    return (reject.position, reject.path, reject.url, reject.id, reject.reason, reject.detail)


def completed_result(layout: RunLayout, rank: int) -> ShardResult:
    """The result of a shard an earlier run finished."""
    result = ShardResult.from_dict(read_json(layout.stats(rank)))
    result.skipped = True
    return result


def _start(layout: RunLayout, rank: int) -> int:
    """Log this start of shard `rank`; RunError when it has been started too often already."""
    layout.make_dirs()
    log = layout.attempts(rank)
    started = len(log.read_text("utf-8").splitlines()) if log.is_file() else 0
    if started >= MAX_SHARD_ATTEMPTS:
        raise RunError(
            f"shard {rank} was started {started} times without finishing (its worker died each "
            f"time: out of memory?); see {log}"
        )
    return count_attempt(log, f"{socket.gethostname()} pid {os.getpid()} at {time.time():.0f}")


def run_shard(factory: PipelineFactory, spec: ShardSpec, out_dir: str | os.PathLike[str]) -> ShardResult:
    """Process shard `spec.rank` into `out_dir` unless its completion marker exists; see the module."""
    from veille.ingest import read_inputs

    layout = RunLayout(Path(out_dir))
    if layout.is_complete(spec.rank):
        return completed_result(layout, spec.rank)
    attempt = _start(layout, spec.rank)
    began, cpu_began = time.perf_counter(), time.process_time()
    pipeline = worker_pipeline(factory)
    for stage in pipeline.stages:
        stage.stats = Counter()
    result = ShardResult(rank=spec.rank, inputs=len(spec.files), pid=os.getpid(), host=socket.gethostname())
    result.attempt = attempt
    documents: list[Row] = []
    rejects: list[Row] = []
    reasons: Counter[str] = Counter()
    sign = dedup.available()
    for item in read_inputs(list(spec.files)):
        if isinstance(item, Reject):
            reasons[item.reason] += 1
            rejects.append(_reject_row(item))
            continue
        doc = pipeline(item)
        documents.append(_document_row(doc, sign))
    write_parquet(layout.documents(spec.rank), DOCUMENT_COLUMNS, documents)
    write_parquet(layout.rejects(spec.rank), REJECT_COLUMNS, rejects)
    result.documents, result.rejected, result.reasons = len(documents), len(rejects), dict(reasons)
    result.stages = pipeline.stats()
    result.seconds = round(time.perf_counter() - began, 3)
    result.cpu_seconds = round(time.process_time() - cpu_began, 3)
    result.peak_rss_mb = round(peak_rss_mb(), 1)
    write_json_atomic(layout.stats(spec.rank), result.as_dict())
    write_text_atomic(layout.marker(spec.rank), f"{result.documents} documents, {result.rejected} rejects\n")
    LOGGER.info(
        "shard %d: %d documents, %d rejects in %.1f s",
        spec.rank,
        len(documents),
        len(rejects),
        result.seconds,
    )
    return result
