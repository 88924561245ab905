"""Subprocess for the kill-and-resume tests: writes generated documents to a store in batches.

    python crash_writer.py DB N BATCH [--stall-at K] [--filler CHARS]

Prints "committed K ADDED" after batch K commits. With --stall-at K, batch K stops inside its
transaction (documents already inserted, knowledge rows not yet), prints "inside K" and sleeps,
so the parent can SIGKILL it mid-transaction.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_factory import make_docs

from veille.record import Record
from veille.store import Store

STALL_SECONDS = 60


class StallingStore(Store):
    """A Store that stops half-way through the transaction of batch `stall_at`."""

    def __init__(self, path: str, stall_at: int | None) -> None:
        super().__init__(path)
        self.stall_at = stall_at
        self.batch_no = 0

    def _write_annotations(self, records: list[Record], now: datetime) -> None:
        if self.batch_no == self.stall_at:
            print(f"inside {self.batch_no}", flush=True)
            time.sleep(STALL_SECONDS)
        super()._write_annotations(records, now)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("n", type=int)
    parser.add_argument("batch", type=int)
    parser.add_argument("--stall-at", type=int, default=None)
    parser.add_argument("--filler", type=int, default=0)
    args = parser.parse_args()
    docs = make_docs(args.n, filler=args.filler)
    with StallingStore(args.db, args.stall_at) as store:
        for start in range(0, len(docs), args.batch):
            added = store.add_documents(docs[start : start + args.batch])
            print(f"committed {store.batch_no} {added}", flush=True)
            store.batch_no += 1


if __name__ == "__main__":
    main()
