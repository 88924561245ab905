"""`run()`: plan the shards of some inputs and process them on an engine, into an output folder.

    run(["crawl/"], "out/", engine="ray", workers=8)   # then merge("out/", "veille.duckdb")

Engines: `local` (worker processes on this machine, every core by default) and `ray` (Ray
Data; a local Ray, or the cluster at `address`). Both call the same `run_shard()`; a re-run
with the same inputs skips the shards whose completion marker exists.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from veille.errors import ConfigError, RunError
from veille.run.layout import RunLayout
from veille.run.merge import shard_results
from veille.run.shard import PipelineFactory, ShardResult
from veille.run.shards import MIN_SPLIT_BYTES, ShardSpec, load_or_create_plan

LOGGER = logging.getLogger(__name__)

ENGINES = ("local", "ray")

OnResult = Callable[[ShardResult], None]


class Executor(Protocol):
    name: str

    def run(
        self,
        factory: PipelineFactory,
        specs: Sequence[ShardSpec],
        out_dir: Path,
        on_result: OnResult | None = None,
    ) -> list[ShardResult]: ...


@dataclass(slots=True)
class RunReport:
    """What a run did: shards run now or earlier, documents, rejects, counters, time, memory."""

    engine: str
    workers: int | None
    shards: int = 0
    ran: int = 0  # shards run by this call
    skipped: int = 0  # shards finished by an earlier run
    documents: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    stages: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # worker CPU time of the shards run by this call
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # "host pid" -> MB, workers of this call
    uncut: dict[str, str] = field(default_factory=dict)  # big files (or their ends) not cut, and why

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def make_executor(engine: str, workers: int | None = None, address: str | None = None) -> Executor:
    if engine == "local":
        if address is not None:
            raise ConfigError("--address is for the ray engine")
        from veille.run.local import LocalExecutor

        return LocalExecutor(workers)
    if engine == "ray":
        from veille.run.ray import RayExecutor

        return RayExecutor(address, workers)
    raise ConfigError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")


def _report(
    engine: Executor, workers: int | None, results: list[ShardResult], ran: list[ShardResult]
) -> RunReport:
    report = RunReport(engine=engine.name, workers=workers, shards=len(results))
    reasons: Counter[str] = Counter()
    stages: dict[str, Counter[str]] = {}
    for result in results:
        report.documents += result.documents
        report.rejected += result.rejected
        reasons.update(result.reasons)
        for stage, counters in result.stages.items():
            stages.setdefault(stage, Counter()).update(counters)
    ran_ranks = {result.rank for result in ran if not result.skipped}
    report.ran = len(ran_ranks)
    report.skipped = len(results) - report.ran
    for result in ran:
        report.cpu_seconds += result.cpu_seconds if not result.skipped else 0.0
        key = f"{result.host} {result.pid}"
        report.peak_rss_mb[key] = max(report.peak_rss_mb.get(key, 0.0), result.peak_rss_mb)
    report.reasons = dict(reasons)
    report.stages = {stage: dict(counters) for stage, counters in stages.items()}
    return report


def run(
    inputs: Sequence[str],
    out_dir: str | Path,
    *,
    engine: str | Executor = "local",
    workers: int | None = None,
    address: str | None = None,
    shards: int | None = None,
    factory: PipelineFactory | None = None,
    on_result: OnResult | None = None,
    on_plan: Callable[[int], None] | None = None,
    min_split_bytes: int = MIN_SPLIT_BYTES,
) -> RunReport:
    """Process `inputs` shard by shard into `out_dir`; finished shards of an earlier run are kept.

    `factory` builds the pipeline in each worker; it must be picklable (a module-level function,
    or a `functools.partial` of one). Default: `veille.api.build_pipeline`. `on_plan(shards)` is
    called once the shards are planned, `on_result(ShardResult)` as each one finishes. WARC and
    JSONL files of at least `min_split_bytes` are cut into byte ranges when bigger than a shard.
    """
    if factory is None:
        from veille.api import build_pipeline

        factory = build_pipeline
    executor = make_executor(engine, workers, address) if isinstance(engine, str) else engine
    layout = RunLayout(Path(out_dir))
    stage_names = [stage.name for stage in factory().stages]
    plan = load_or_create_plan(layout, inputs, stage_names, shards, min_split_bytes=min_split_bytes)
    if on_plan is not None:
        on_plan(plan.world_size)
    began = time.perf_counter()
    ran = executor.run(factory, plan.specs(), layout.root, on_result)
    seconds = time.perf_counter() - began
    missing = [rank for rank in range(plan.world_size) if not layout.is_complete(rank)]
    if missing:  # an executor returns only once every shard finished, or raises
        raise RunError(f"the {executor.name} executor returned with shards {missing[:10]} unfinished")
    report = _report(executor, workers, shard_results(layout, plan), ran)
    report.seconds = round(seconds, 3)
    report.uncut = dict(plan.uncut)
    LOGGER.info(
        "%s run: %d shards (%d run now), %d documents, %d rejects in %.1f s",
        executor.name,
        report.shards,
        report.ran,
        report.documents,
        report.rejected,
        seconds,
    )
    return report
