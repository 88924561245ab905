"""`RayExecutor`: the shards of a run on a Ray cluster, through Ray Data and an actor pool.

    ray.data.from_items(shards).map_batches(ShardWorker, batch_size=1, compute=ActorPoolStrategy(size=N))

`ShardWorker` is an actor class: each of the `workers` actors builds the pipeline once (models
loaded lazily, on the first document) and runs `run_shard` for one shard per call, so models
stay loaded across shards, as in the local executor. Results stream back as shards finish.

Without `address`, Ray starts in-process on this machine with `workers` CPUs (local mode, what
CI runs). With `address="auto"` (a cluster started with `ray start --head` on this host) or
`address="ray://head:10001"` (Ray Client), the same shards run on the cluster's nodes; input
files and the output folder must then be at the same path on every node (a shared file system).

Fault tolerance is Ray's: Ray Data restarts a dead actor and re-submits its shard (actors get
`max_restarts=-1`, `max_task_retries=-1`); the completion markers and `run_shard`'s attempt log
(`MAX_SHARD_ATTEMPTS`) do the rest, as for the local executor.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from veille.errors import ConfigError, MissingExtra
from veille.run.layout import RunLayout
from veille.run.shard import PipelineFactory, ShardResult, run_shard
from veille.run.shards import ShardSpec

LOGGER = logging.getLogger(__name__)

OnResult = Callable[[ShardResult], None]


class ShardWorker:
    """A Ray Data actor: holds the pipeline, runs one shard per batch row."""

    def __init__(self, factory: PipelineFactory, specs: dict[int, ShardSpec], out_dir: str) -> None:
        from veille.run.shard import worker_pipeline

        self.factory = factory
        self.specs = specs
        self.out_dir = out_dir
        worker_pipeline(factory)  # build once, here, not on the first shard

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        results = [run_shard(self.factory, self.specs[int(rank)], self.out_dir) for rank in batch["rank"]]
        return {"result": [json.dumps(result.as_dict()) for result in results]}


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise MissingExtra("ray", "ray[data]") from exc
    return ray


def _local_runtime_env() -> dict[str, Any]:
    """Local mode: workers see this interpreter's import path (tests, scripts beside the package)."""
    paths = [path for path in sys.path if path and os.path.isdir(path)]
    return {"env_vars": {"PYTHONPATH": os.pathsep.join(paths)}}


class RayExecutor:
    """Run shards on Ray: a local Ray (default) or the cluster at `address`."""

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        if workers is not None and workers < 1:
            raise ConfigError(f"workers must be at least 1, not {workers}")
        self.address = address
        self.workers = workers

    def _init(self, ray: Any) -> int:
        """Connect to (or start) Ray; return the number of actors to run."""
        if ray.is_initialized():
            LOGGER.info("using the Ray runtime already initialised in this process")
        elif self.address is None:
            cpus = self.workers or os.cpu_count() or 1
            ray.init(
                num_cpus=cpus,
                include_dashboard=False,
                runtime_env=_local_runtime_env(),
                log_to_driver=False,
                configure_logging=False,
            )
        else:
            ray.init(address=self.address, log_to_driver=False, configure_logging=False)
        if self.workers is not None:
            return self.workers
        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    def run(
        self,
        factory: PipelineFactory,
        specs: Sequence[ShardSpec],
        out_dir: Path,
        on_result: OnResult | None = None,
    ) -> list[ShardResult]:
        """Run every spec without a completion marker; results in the order shards finished."""
        layout = RunLayout(out_dir)
        todo = [spec for spec in specs if not layout.is_complete(spec.rank)]
        if not todo:
            return []
        ray = _import_ray()
        started_here = not ray.is_initialized()
        try:
            actors = min(self._init(ray), len(todo))
            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False
            context.print_on_execution_start = False
            items = [{"rank": spec.rank} for spec in todo]
            dataset = ray.data.from_items(items, override_num_blocks=len(items))
            done = dataset.map_batches(
                ShardWorker,
                fn_constructor_kwargs={
                    "factory": factory,
                    "specs": {spec.rank: spec for spec in todo},
                    "out_dir": str(out_dir.resolve()),
                },
                batch_size=1,
                num_cpus=1,
                compute=ray.data.ActorPoolStrategy(size=actors, max_tasks_in_flight_per_actor=1),
            )
            results: list[ShardResult] = []
            for row in done.iter_rows():
                result = ShardResult.from_dict(json.loads(row["result"]))
                results.append(result)
                if on_result is not None:
                    on_result(result)
            return results
        finally:
            if started_here:  # a local Ray stops; from a cluster, this driver disconnects
                ray.shutdown()
