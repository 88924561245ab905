"""Executors: the same stages over many inputs, on the cores of one machine or on a Ray cluster.

    shards.py    inputs listed in reading order, cut into contiguous shards; the manifest
    splits.py    where a big WARC or JSONL file can be cut: record boundaries, cheap scan
    shard.py     run_shard(): what every executor runs per shard; document-local stages only
    local.py     LocalExecutor: a process pool over every core, restarted when a worker dies
    ray.py       RayExecutor: Ray Data, an actor pool that keeps the pipeline loaded
    runner.py    run(): plan + executor -> RunReport
    merge.py     merge(): finished shards -> the store, one writer, input order, linking
    dedup.py     near-duplicate articles -> stories (MinHash LSH)
    codec.py     Doc <-> JSON without raw bytes, between workers and the merge
    layout.py    the output folder, atomic writes, Parquet via DuckDB, RunError
    progress.py  a tqdm bar fed by either executor and by the merge

Output folder: `manifest.json`, `shards/NNNNN.parquet` (+ rejects, stats), `completions/NNNNN`.
"""

from veille.errors import RunError
from veille.run.merge import MergeReport, merge
from veille.run.runner import ENGINES, RunReport, run
from veille.run.shard import ShardResult, run_shard

__all__ = ["ENGINES", "MergeReport", "RunError", "RunReport", "ShardResult", "merge", "run", "run_shard"]
