"""`LocalExecutor`: the shards of a run over the cores of one machine, in worker processes.

A `ProcessPoolExecutor` of `workers` processes (default: every core), started with `spawn`, so
a worker holds only what it imports (no copy of the parent's heap, no inherited threads) and
keeps its pipeline, models included, from one shard to the next (`shard.worker_pipeline`).

A worker that dies (killed, out of memory) breaks the whole pool in `concurrent.futures`: the
executor then starts a new pool and submits again every shard without a completion marker; the
dead worker's half-written files are simply overwritten. `run_shard` bounds the retries of one
shard (`MAX_SHARD_ATTEMPTS`). An exception raised by `run_shard` itself (a full disk, a bug: a
stage's error on one document is only a warning on it) is retried the same way.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from veille.errors import ConfigError, RunError
from veille.run.layout import RunLayout
from veille.run.shard import MAX_SHARD_ATTEMPTS, PipelineFactory, ShardResult, run_shard
from veille.run.shards import ShardSpec

LOGGER = logging.getLogger(__name__)

OnResult = Callable[[ShardResult], None]


def default_workers() -> int:
    return os.cpu_count() or 1


class LocalExecutor:
    """Run shards in `workers` local processes (default: one per core)."""

    name = "local"

    def __init__(self, workers: int | None = None, start_method: str = "spawn") -> None:
        self.workers = default_workers() if workers is None else workers
        if self.workers < 1:
            raise ConfigError(f"workers must be at least 1, not {self.workers}")
        self.start_method = start_method

    def run(
        self,
        factory: PipelineFactory,
        specs: Sequence[ShardSpec],
        out_dir: Path,
        on_result: OnResult | None = None,
    ) -> list[ShardResult]:
        """Run every spec without a completion marker; results in the order shards finished."""
        layout = RunLayout(out_dir)
        results: list[ShardResult] = []
        todo = [spec for spec in specs if not layout.is_complete(spec.rank)]
        rounds = 0
        failure: BaseException | None = None
        while todo:
            rounds += 1
            if rounds > MAX_SHARD_ATTEMPTS + 1:  # workers that die before run_shard starts
                raise RunError(
                    f"shards {[spec.rank for spec in todo][:10]} did not finish after {rounds - 1} "
                    f"rounds; last failure: {failure!r}"
                ) from failure
            failure = self._round(factory, todo, out_dir, results, on_result)
            todo = [spec for spec in todo if not layout.is_complete(spec.rank)]
            if isinstance(failure, RunError):
                raise failure
            if todo:
                LOGGER.warning("%d shards to run again after: %s", len(todo), failure)
        return results

    def _round(
        self,
        factory: PipelineFactory,
        todo: Sequence[ShardSpec],
        out_dir: Path,
        results: list[ShardResult],
        on_result: OnResult | None,
    ) -> BaseException | None:
        """Submit `todo` to a fresh pool; return the first failure seen (None if all finished)."""
        context = multiprocessing.get_context(self.start_method)
        failure: BaseException | None = None
        with ProcessPoolExecutor(max_workers=min(self.workers, len(todo)), mp_context=context) as pool:
            futures: dict[Future[ShardResult], int] = {
                pool.submit(run_shard, factory, spec, out_dir): spec.rank for spec in todo
            }
            for future in as_completed(futures):
                try:
                    result = future.result()
                except BrokenProcessPool as exc:
                    failure = failure or exc
                    continue
                except RunError as exc:
                    failure = exc
                    continue
                except Exception as exc:  # run_shard failed for another reason: retried
                    LOGGER.warning("shard %d failed: %r", futures[future], exc)
                    failure = failure or exc
                    continue
                results.append(result)
                if on_result is not None:
                    on_result(result)
        return failure
