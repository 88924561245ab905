"""The recogniser's rules without a model: normalisation, boilerplate lines, name forms, merging."""

from __future__ import annotations

from veille.ner.candidate import Candidate, Source
from veille.ner.forms import core_form, is_acronym_of, strip_edges
from veille.ner.merge import TextLayout, merge_candidates, trim
from veille.ner.normalise import normalise_text
from veille.ner.rules import (
    boilerplate_lines,
    follows_portfolio,
    is_name_word,
    is_shouted,
    surface_rejection,
)


def test_normalise_keeps_length_and_replaces_apostrophes_and_spaces() -> None:
    text = "Le patron d’Orange n’a pas répondu\u00a0: «\u202fnon\u202f»."
    normalised = normalise_text(text)
    assert len(normalised) == len(text)
    assert "d'Orange n'a" in normalised
    assert "\u00a0" not in normalised and "\u202f" not in normalised
    assert normalise_text("plain ascii") == "plain ascii"


def test_boilerplate_lines_cover_datelines_bylines_and_labels() -> None:
    text = (
        "Reuters, publié le jeudi 3 mars 2022 à 10h15\n\n"
        "Publicité\n\n"
        "Lire aussi : Zorglub rachète Blorp\n\n"
        "Par Jeanne Martin\n\n"
        "Zorglub a publié le 3 mars 2022 des résultats en hausse de 12% sur un an, selon son patron."
    )
    lines = [text[start:end] for start, end in boilerplate_lines(text)]
    assert lines == [
        "Reuters, publié le jeudi 3 mars 2022 à 10h15",
        "Publicité",
        "Lire aussi : Zorglub rachète Blorp",
        "Par Jeanne Martin",
    ]


def test_shouted_heading_is_detected_but_short_acronym_lists_are_not() -> None:
    assert is_shouted('"LES OPÉRATEURS VONT SE BATTRE"')
    assert not is_shouted("RTL2, M6 et TF1")
    assert not is_shouted("Zorglub Group a annoncé")


def test_surface_rejection_reasons() -> None:
    assert surface_rejection("Publicité") == "not-a-name"
    assert surface_rejection("Lire") == "not-a-name"
    assert surface_rejection("SUV") == "common-acronym"
    assert surface_rejection("internet") == "lowercase"
    assert surface_rejection("2018") == "no-letter"
    assert surface_rejection("Zorglub") is None
    assert surface_rejection("iPhone") is None


def test_name_words_and_portfolios() -> None:
    assert is_name_word("Zorglub") and is_name_word("eBay") and is_name_word("10/18")
    assert not is_name_word("opérateur")
    text = "le ministre des Transports a dit"
    assert follows_portfolio(text, text.index("Transports"))
    assert not follows_portfolio("le patron des Zorglub", len("le patron des "))


def test_forms() -> None:
    text = "«Blorp's»"
    start, end = strip_edges(text, 0, len(text))
    assert text[start:end] == "Blorp"
    assert core_form("M. Lambertin") == "Lambertin"
    assert core_form("groupe Zorglub") == "Zorglub"
    assert is_acronym_of("AFZ", "Association des fabricants de zinc")
    assert is_acronym_of("USC", "université de Californie du Sud")  # translated name, same letters
    assert not is_acronym_of("RTL", "groupe Zorglub")


def test_trim_drops_edge_connectors_and_leading_function_words() -> None:
    text = "Avec Jeanne Martin de Zorglub"
    start, end = trim(text, 0, len("Avec Jeanne Martin de"))
    assert text[start:end] == "Jeanne Martin"
    text = "l'Afep a dit"
    start, end = trim(text, 0, 6)
    assert text[start:end] == "Afep"
    text = "L'Olivier publie"  # a capitalised elision opens a name
    assert trim(text, 0, 9) == (0, 9)


def _cand(text: str, surface: str, label: str, source: str, occurrence: int = 0) -> Candidate:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Candidate(start, start + len(surface), label, source)  # type: ignore[arg-type]


def _surfaces(text: str, merged: list[Candidate]) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.label) for c in merged]


def test_model_span_swallowing_a_person_is_split() -> None:
    # the "Figaro Olivier Campenon" failure, on invented names
    text = "La société, explique à la Gazette Paul Durandin, va grandir."
    merged = merge_candidates(
        [
            _cand(text, "Gazette Paul Durandin", "ORG", Source.MODEL),
            _cand(text, "Paul Durandin", "PER", Source.PATTERN),
        ],
        TextLayout(text),
    )
    assert _surfaces(text, merged) == [("Gazette", "ORG"), ("Paul Durandin", "PER")]


def test_model_span_tiled_by_two_known_names_is_split() -> None:
    text = "a indiqué à l'AFP Jeanne Martin, directrice."
    merged = merge_candidates(
        [
            _cand(text, "AFP Jeanne Martin", "PER", Source.MODEL),
            _cand(text, "AFP", "ORG", Source.GAZETTEER),
            _cand(text, "Jeanne Martin", "PER", Source.PATTERN),
        ],
        TextLayout(text),
    )
    assert _surfaces(text, merged) == [("AFP", "ORG"), ("Jeanne Martin", "PER")]


def test_person_joined_to_company_by_de_is_split() -> None:
    text = "affirme Daniel Ivoire de Blorp Securities."
    merged = merge_candidates(
        [
            _cand(text, "Daniel Ivoire de Blorp Securities", "PER", Source.MODEL),
            _cand(text, "Blorp Securities", "ORG", Source.PATTERN),
        ],
        TextLayout(text),
    )
    assert _surfaces(text, merged) == [("Daniel Ivoire", "PER"), ("Blorp Securities", "ORG")]


def test_sub_brand_is_kept_whole() -> None:
    text = "Zorglub Music arrive."
    merged = merge_candidates(
        [_cand(text, "Zorglub Music", "ORG", Source.MODEL), _cand(text, "Zorglub", "ORG", Source.GAZETTEER)],
        TextLayout(text),
    )
    assert _surfaces(text, merged) == [("Zorglub Music", "ORG")]


def test_vote_prefers_cue_over_model() -> None:
    text = "sa plateforme Zapflix est lancée"
    merged = merge_candidates(
        [_cand(text, "Zapflix", "PER", Source.MODEL), _cand(text, "Zapflix", "PRODUCT", Source.CUE)],
        TextLayout(text),
    )
    assert _surfaces(text, merged) == [("Zapflix", "PRODUCT")]
    assert merged[0].source == Source.CUE


def test_lone_sentence_start_word_needs_support() -> None:
    text = "Objectif: grandir. Sermonnés hier, les Zorglub ont cédé. Zorglub a dit non."
    layout = TextLayout(
        text, sentence_starts=frozenset({0, text.index("Sermonnés"), text.index("Zorglub a")})
    )
    merged = merge_candidates(
        [
            _cand(text, "Sermonnés", "PER", Source.MODEL),
            _cand(text, "Zorglub", "ORG", Source.MODEL),
            _cand(text, "Zorglub", "ORG", Source.MODEL, occurrence=1),
        ],
        layout,
    )
    assert _surfaces(text, merged) == [("Zorglub", "ORG"), ("Zorglub", "ORG")]


def test_boilerplate_and_shouted_lines_drop_candidates() -> None:
    text = "Publicité\n\nLES ZORGLUB VONT GAGNER LE MATCH\n\nZorglub gagne."
    layout = TextLayout(text, blocked=boilerplate_lines(text), shouted=[(11, 42)])
    merged = merge_candidates(
        [
            _cand(text, "Publicité", "ORG", Source.MODEL),
            _cand(text, "ZORGLUB", "ORG", Source.MODEL),
            _cand(text, "Zorglub", "ORG", Source.MODEL),
        ],
        layout,
    )
    assert _surfaces(text, merged) == [("Zorglub", "ORG")]
