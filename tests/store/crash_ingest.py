"""Subprocess for the kill-and-resume test through `veille.api.ingest`.

    python crash_ingest.py DB INPUT_DIR BATCH SLOW_SECONDS

Runs the standard stages (or, while some are not written yet, the HTML cleaner alone) plus a
stage that sleeps SLOW_SECONDS per document; prints "item" as each input is read, then the
ingest report as JSON.
"""

from __future__ import annotations

import json
import sys
import time

import veille.api
from veille.doc import Doc
from veille.pipeline import Pipeline, Stage


class SlowStage(Stage):
    name = "tests.store.slow.v1"

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def process(self, doc: Doc) -> Doc:
        time.sleep(self.seconds)
        return doc


def stages() -> list[Stage]:
    try:
        return veille.api.default_stages()
    except ImportError:
        from veille.clean.html import HtmlCleaner

        return [HtmlCleaner()]


def main() -> None:
    db, inputs, batch, slow = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    veille.api.INGEST_BATCH = batch
    report = veille.api.ingest(
        [inputs],
        db=db,
        pipeline=Pipeline([*stages(), SlowStage(slow)]),
        on_item=lambda item: print("item", flush=True),
    )
    print(json.dumps(report.as_dict()), flush=True)


if __name__ == "__main__":
    main()
