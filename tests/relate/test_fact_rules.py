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
