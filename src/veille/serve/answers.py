"""Recent answers of the desk, kept until the store they were read from changes.

Why: the desk serves a store that changes only when it ingests (it copies the serving tables once,
then reads them), so the same question gets the same answer until then, and an analysts' desk
asks the same questions again and again (the popular entities, the home page, a search refined
and undone). On two shared cores the server is CPU-bound under concurrent clients: every request
queues behind the others' SQL and row shaping (bench/serve_load.py), so an answer not recomputed
is latency removed for every client. The desk empties the cache whenever it swaps the store.

Answers are shared between requests: callers read them and never change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

#: Answers kept by default. An entity profile or a graph is 30-60 KB of JSON, a few hundred KB as
#: Python objects: 512 answers stay under ~150 MB even if all are the largest kind, and hold the
#: few hundred entities and searches an analysts' team returns to.
DEFAULT_ENTRIES = 512


class AnswerCache:
    """A thread-safe least-recently-used map from a question to its answer; 0 entries keeps none."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        if entries < 0:
            raise ValueError(f"cache entries must be 0 or more, not {entries}")
        self.entries = entries
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The answer kept for `key`, else `compute()`'s, kept (an exception is never kept).

        Two threads asking the same new question may both compute it: cheaper than making every
        other question wait on one lock while it is computed.
        """
        if self.entries == 0:
            return compute()
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                self.hits += 1
                return self._answers[key]
            self.misses += 1
        answer = compute()
        with self._lock:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self.entries:
                self._answers.popitem(last=False)
        return answer

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()

    def __len__(self) -> int:
        return len(self._answers)
