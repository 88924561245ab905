"""Progress of a run or a merge, whatever the engine: a tqdm bar over shards, counting documents.

Executors call `on_result(ShardResult)` as each shard finishes, and the merge calls
`on_shard(rank, added)`; `ShardProgress` is both callbacks. Only surfaces (the CLI, the
benchmark) create one; it writes to stderr and stays silent when `enabled` is false.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING

from tqdm import tqdm

from veille.run.shard import ShardResult

if TYPE_CHECKING:
    from typing import Self


class ShardProgress:
    """A progress bar over `total` shards (set later with `set_total`) with documents and pages/s."""

    def __init__(self, total: int | None = None, *, what: str = "shards", enabled: bool = True) -> None:
        self._bar = tqdm(total=total, unit="shard", desc=what, disable=not enabled, leave=True)
        self._began = time.perf_counter()
        self.documents = 0
        self.shards = 0

    def set_total(self, total: int) -> None:
        """Runner callback (`on_plan`): the number of shards, once planned."""
        self._bar.total = total
        self._bar.refresh()

    def _advance(self, documents: int) -> None:
        self.documents += documents
        self.shards += 1
        elapsed = max(time.perf_counter() - self._began, 1e-9)
        self._bar.set_postfix(documents=self.documents, pages_per_s=f"{self.documents / elapsed:.1f}")
        self._bar.update(1)

    def on_result(self, result: ShardResult) -> None:
        """Executor callback: one shard finished (or was found finished)."""
        self._advance(result.documents)

    def on_shard(self, rank: int, added: int) -> None:
        """Merge callback: shard `rank` loaded, `added` new documents."""
        self._advance(added)

    def close(self) -> None:
        self._bar.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
