"""The stage contract: order checked when built, per-document failures captured, counters kept."""

from __future__ import annotations

import pytest

from support import make_doc
from veille.doc import Doc
from veille.errors import ConfigError
from veille.pipeline import Pipeline, Stage


class Upper(Stage):
    name = "test.upper.v1"
    requires = ("markup",)
    assigns = ("text",)

    def process(self, doc: Doc) -> Doc:
        doc.text = doc.markup.upper()
        return doc


class NeedsEntities(Stage):
    name = "test.needs.v1"
    requires = ("entities",)

    def process(self, doc: Doc) -> Doc:
        return doc


class Explodes(Stage):
    name = "test.explodes.v1"
    requires = ("text",)

    def process(self, doc: Doc) -> Doc:
        if "BOOM" in doc.text:
            raise ValueError("bad page")
        doc.warn("checked")
        return doc


def test_pipeline_rejects_a_stage_whose_input_nobody_assigns() -> None:
    with pytest.raises(ConfigError, match=r"test\.needs\.v1 requires \['entities'\]"):
        Pipeline([Upper(), NeedsEntities()])


def test_pipeline_rejects_wrong_order() -> None:
    with pytest.raises(ConfigError):
        Pipeline([Explodes(), Upper()])


def test_a_failing_document_gets_a_warning_and_the_run_goes_on() -> None:
    pipeline = Pipeline([Upper(), Explodes()])
    docs = list(pipeline.run([make_doc("boom here"), make_doc("fine")]))
    assert [d.text for d in docs] == ["BOOM HERE", "FINE"]
    assert docs[0].warnings == ["stage test.explodes.v1 failed: ValueError"]
    assert docs[1].warnings == ["checked"]
    stats = pipeline.stats()["test.explodes.v1"]
    assert stats["total"] == 2 and stats["failed"] == 1 and stats["forwarded"] == 1
    assert stats["warned:checked"] == 1


def test_call_and_run_agree() -> None:
    pipeline = Pipeline([Upper()])
    assert pipeline(make_doc("abc")).text == next(pipeline.run([make_doc("abc")])).text
