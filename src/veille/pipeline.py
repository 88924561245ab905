"""The stage contract and the pipeline that chains stages.

A stage holds configuration only; anything heavy (a spaCy model, a gazetteer) loads lazily on
first use, so a pipeline can be pickled to worker processes. A concrete stage writes one method,
`process(doc) -> Doc`; the base class's `run()` does the counting and turns an exception raised on
one document into a warning on that document, so one bad page never stops a run.

Each stage declares the `Doc` fields it `requires` and `assigns`; `Pipeline` checks the order when
it is built (a field is available if the reader sets it or an earlier stage assigns it).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from veille.doc import Doc
from veille.errors import ConfigError, Warn

LOGGER = logging.getLogger(__name__)

#: Fields every reader sets on a Doc.
READER_FIELDS: frozenset[str] = frozenset(
    {"id", "raw", "media_type", "source", "markup", "encoding", "fetched_at", "position"}
)


class Stage:
    """Base class of a pipeline stage: override `process`."""

    name: ClassVar[str] = "veille.stage.v1"
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    #: True for a stage that needs what other documents said (cross-article linking): sharded runs
    #: leave it to the single-process merge, in input order, so they give the same store as ingest.
    cross_document: ClassVar[bool] = False

    def __init__(self) -> None:
        self.stats: Counter[str] = Counter()

    def process(self, doc: Doc) -> Doc:
        """Annotate one document and return it."""
        raise NotImplementedError

    def process_batch(self, docs: Sequence[Doc]) -> list[Doc]:
        """Annotate a batch; stages with a batched model override this."""
        return [self._guarded(doc) for doc in docs]

    def _guarded(self, doc: Doc) -> Doc:
        self.stats["total"] += 1
        seen = len(doc.warnings)
        try:
            doc = self.process(doc)
        except Exception as exc:  # third-party failure on one document: keep the document
            LOGGER.warning("stage %s failed on %s: %r", self.name, doc.source.path or doc.id, exc)
            doc.warn(Warn.stage_error(self.name, exc))
            self.stats["failed"] += 1
            return doc
        self.stats["forwarded"] += 1
        for code in doc.warnings[seen:]:
            self.stats[f"warned:{code}"] += 1
        return doc

    def run(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """Stream documents through `process`, counting and capturing per-document errors."""
        for doc in docs:
            yield self._guarded(doc)


class Pipeline:
    """An ordered list of stages, checked when built."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        available = set(READER_FIELDS)
        for stage in stages:
            missing = [name for name in stage.requires if name not in available]
            if missing:
                raise ConfigError(
                    f"stage {stage.name} requires {missing}, which no reader or earlier stage assigns"
                )
            available.update(stage.assigns)
        self.stages: list[Stage] = list(stages)

    def run(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        stream: Iterable[Doc] = docs
        for stage in self.stages:
            stream = stage.run(stream)
        yield from stream

    def __call__(self, doc: Doc) -> Doc:
        for stage in self.stages:
            doc = stage._guarded(doc)
        return doc

    def stats(self) -> dict[str, dict[str, int]]:
        return {stage.name: dict(stage.stats) for stage in self.stages}
