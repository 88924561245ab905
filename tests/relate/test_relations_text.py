"""Sentence spans, lexicons and masking: the pieces under the relation patterns."""

from __future__ import annotations

import pytest

from veille.errors import ConfigError
from veille.relate.sentences import split_sentences
from veille.relate.triggers import alternation, compiled, lexicon
from veille.relate.views import Slot, build_view


def _texts(text: str) -> list[str]:
    return [s.text_of(text) for s in split_sentences(text)]


def test_sentences_split_on_end_marks_and_lines() -> None:
    text = "M. Dupont dirige Orbis. Il a 52 ans!\n\nLe groupe recrute\nune ligne à part"
    assert _texts(text) == [
        "M. Dupont dirige Orbis.",
        "Il a 52 ans!",
        "Le groupe recrute",
        "une ligne à part",
    ]
    assert [s.paragraph for s in split_sentences(text)] == [0, 0, 1, 1]


def test_sentences_keep_initials_numbers_and_quoted_ends_together() -> None:
    text = "J.-Y. Martin a posé 55.000 km de fibre. « Nous grandissons. », explique-t-il. Fin."
    assert _texts(text) == [
        "J.-Y. Martin a posé 55.000 km de fibre.",
        "« Nous grandissons. », explique-t-il.",
        "Fin.",
    ]


def test_sentence_offsets_quote_the_text() -> None:
    text = "  Première phrase.   Deuxième phrase ?  \n\n Troisième. "
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text_of(text)
        assert sentence.text_of(text) == sentence.text_of(text).strip()


def test_lexicons_load_per_language() -> None:
    fr, en = lexicon("fr"), lexicon("en")
    assert "directeur général" in fr.titles and "chief executive" in en.titles
    assert "racheter" in fr.verbs("acquisition") and "acquire" in en.verbs("acquisition")
    assert fr.verbs("partnership")["signer"] == ("avec",)
    assert "hedge" in fr.cues and "speech" in en.cue_verbs
    with pytest.raises(ConfigError):
        lexicon("de")


def test_alternation_prefers_longest_and_respects_word_edges() -> None:
    regex = compiled(alternation(["directeur", "directeur général"], plural=True))
    assert regex.search("le directeur général de").group(0) == "directeur général"
    assert regex.search("les directeurs") is not None
    assert regex.search("codirecteurs") is None
    assert compiled(alternation(["d'"])).search("filiale d'Orbis").group(0) == "d'"


def test_masking_maps_positions_back_to_the_text() -> None:
    text = "Orbis, filiale du groupe Atlas, recrute."
    sentence = split_sentences(text)[0]
    slots = [Slot(0, 5, "org:orbis", "ORG"), Slot(18, 30, "org:atlas", "ORG")]
    view = build_view(sentence, text, slots, [], "fr", group_words=frozenset({"groupe"}))
    assert view.masked == "⟨0⟩, filiale du groupe ⟨1⟩, recrute."
    assert view.doc_offset(view.masked.index("filiale")) == text.index("filiale")
    assert view.doc_offset(view.masked.index("recrute")) == text.index("recrute")
    assert [s.entity_id for s in view.slots_in(view.masked)] == ["org:orbis", "org:atlas"]
