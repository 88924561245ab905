"""The fact lexicons and the rules that read them, without a parse."""

from __future__ import annotations

from fact_support import facts_of

from veille.evaluate.match import SCORED_FACT_TYPES
from veille.ner.numbers import find_quantities
from veille.relate import fact_rules as rules
from veille.relate.fact_lexicon import MONEY, find_cues, load_fact_lexicon
from veille.relate.facts import SPACY_DOC_KEY, FactExtractor


def test_every_cue_and_unit_type_is_described_and_every_scored_type_has_a_unit() -> None:
    lex = load_fact_lexicon()
    cue_types = {entry.type for _regex, groups in lex.cues.values() for group in groups for entry in group}
    known = set(lex.types) | {rules.GROWTH}
    assert cue_types - known == set()
    assert {t for t, _f in lex.unit_types.values() if t} - known == set()
    assert SCORED_FACT_TYPES - set(lex.types) == set()
    assert lex.types["employees"].unit == "people" and lex.types["subscribers"].unit == "subscribers"
    assert lex.types["compensation"].subjects == ("PER",)


def test_longest_cue_wins() -> None:
    lex = load_fact_lexicon()
    text = "son résultat net récurrent est de 3 millions d'euros"
    hits = find_cues(lex, text, 0, len(text), "fr")
    assert [text[h.start : h.end] for h in hits] == ["résultat net récurrent"]


def test_target_needs_the_word_before_the_number_and_no_colon_after_it() -> None:
    lex = load_fact_lexicon()
    goal = "Objectif: 30% de croissance"
    (q,) = find_quantities(goal, "fr")
    assert rules.is_target(lex, goal, q, "fr", 0)
    said = "Il compte redynamiser un chiffre d'affaires « symbolique »: moins de 100 millions d'euros"
    (q,) = find_quantities(said, "fr")
    assert not rules.is_target(lex, said, q, "fr", 0)


def test_period_skips_a_year_after_depuis() -> None:
    lex = load_fact_lexicon()
    text = "Cotée depuis 2018, la société vaut 44 milliards de dollars."
    (q,) = find_quantities(text, "fr")
    assert rules.find_period(lex, text, q, "fr", (0, len(text)), [q], None) is None


def test_bare_scaled_number_is_money_unless_it_counts_something() -> None:
    lex = load_fact_lexicon()
    text = "4 milliards de bénéfice, 100 millions de doses"
    first, second = find_quantities(text, "fr")
    assert rules.quantity_class(first, text, lex.money_nouns) == MONEY
    assert rules.quantity_class(second, text, lex.money_nouns) is None


def test_without_a_parse_facts_still_come_from_cues_and_the_first_entity() -> None:
    facts = facts_of(
        "M. Dupont l'a dit: Zorbatel a réalisé un chiffre d'affaires de 42 millions d'euros. "
        "Le groupe emploie 300 personnes.",
        {"Zorbatel": "ORG"},
        extractor=FactExtractor(parse=False),
    )
    assert sorted((f.type, f.subject, f.value) for f in facts) == [
        ("employees", "Zorbatel", 300.0),
        ("revenue", "Zorbatel", 42e6),
    ]


def test_scratch_key_is_the_recognisers() -> None:
    from veille.ner.stage import SPACY_DOC

    assert SPACY_DOC == SPACY_DOC_KEY


def test_stage_contract() -> None:
    assert FactExtractor.name == "veille.relate.facts.v1"
    assert FactExtractor.requires == ("text", "entities") and FactExtractor.assigns == ("facts",)


def test_a_fragment_opening_a_bracket_joins_the_sentence_before_unless_that_one_ended() -> None:
    from veille.relate.facts import _join_fragments, _Sentence

    text = "Le journal Le Vigilant (240 salariés) ferme. (Photo AFP) Fin."
    cuts = [(0, 23), (23, 44), (45, 57), (57, 61)]
    joined = _join_fragments(text, [_Sentence(s, e, None) for s, e in cuts])
    assert [text[s.start : s.end].strip() for s in joined] == [
        "Le journal Le Vigilant (240 salariés) ferme.",
        "(Photo AFP)",
        "Fin.",
    ]
    name = "Le journal Paris-Rouen ferme."
    cut = [_Sentence(0, 17, None), _Sentence(17, len(name), None)]
    assert len(_join_fragments(name, cut)) == 2
    assert [(s.start, s.end) for s in _join_fragments(name, cut, [(11, 22)])] == [(0, len(name))]


def test_a_year_between_two_numbers_goes_to_the_one_it_follows_on_a_tie() -> None:
    lex = load_fact_lexicon()
    text = "Ferrox envisage 1,5 milliard d'euros de pertes en 2021 et 500 millions en 2022."
    first, second = find_quantities(text, "fr")
    bounds = (0, len(text))
    assert rules.find_period(lex, text, first, "fr", bounds, [first, second], None) == "2021"
    assert rules.find_period(lex, text, second, "fr", bounds, [first, second], None) == "2022"


def test_forecast_and_promise_words_make_targets() -> None:
    lex = load_fact_lexicon()
    for text in (
        "Ferrox envisage 1,5 milliard d'euros de pertes.",
        "Les pertes pourraient se chiffrer à 1 milliard d'euros.",
        "Ferrox a promis de créer 10.000 emplois.",
    ):
        (q,) = find_quantities(text, "fr")
        assert rules.is_target(lex, text, q, "fr", 0), text


class _Token:
    """The little of a spaCy token `SubjectFinder.advance` reads."""

    def __init__(self, i: int, idx: int, text: str) -> None:
        self.i, self.idx, self.text, self.dep_ = i, idx, text, "ROOT"
        self.head = self
        self.children: list[_Token] = []


def test_topic_is_the_organisation_named_at_a_root_the_model_put_inside_its_name() -> None:
    from veille.doc import Entity, Span
    from veille.relate.fact_subjects import MentionIndex, SubjectFinder

    text = "Vigilia avait été placé en liquidation."
    vigilia = Entity("org:vigilia", "Vigilia", "ORG", [], [Span(0, 7)])
    finder = SubjectFinder(load_fact_lexicon(), "fr", text, MentionIndex([vigilia]))
    finder.advance((0, len(text)), [_Token(0, 0, "Vigilia")])
    assert finder.topic.org is vigilia
