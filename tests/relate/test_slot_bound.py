"""The least number of slots a rule needs: exact on small patterns, never above a real match."""

from __future__ import annotations

import re

import pytest

from veille.relate.patterns import compiled_rule
from veille.relate.rules import SURFACE_RULES
from veille.relate.slot_bound import least_slots, slots_in

S = r"⟨\d+⟩"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (rf"{S} et {S}", 2),
        (rf"(?P<a>{S}),\s*filiale de (?P<b>{S})", 2),
        (rf"(?:{S})?\s*rachète\s*{S}", 1),
        (rf"(?:{S}|le groupe)\s+{S}", 1),
        (rf"{S}(?:\s*,\s*{S}){{2,}}", 3),
        (rf"{S}(?:\s*,\s*{S})*?", 1),
        (rf"(?={S}){S}", 1),
        (r"(?<!⟩)\s+le patron", 0),
        (rf"(?>{S}\s+){S}", 2),
        (r"[⟨x]\d+⟩", 0),
        (r"[⟨]\d+⟩", 1),
    ],
)
def test_the_bound_of_small_patterns(pattern: str, expected: int) -> None:
    assert least_slots(re.compile(pattern)) == expected


MASKED = (
    "⟨0⟩, filiale de ⟨1⟩, a annoncé que son patron ⟨2⟩ quittera ⟨3⟩.",
    "Le patron de ⟨0⟩ ⟨1⟩ a racheté ⟨2⟩ pour 2 milliards d'euros.",
    "⟨0⟩ et sa plateforme ⟨1⟩ signent avec ⟨2⟩, ⟨3⟩ et ⟨4⟩.",
    "Selon ⟨0⟩, ⟨1⟩ détient 15 % de ⟨2⟩ et concurrence ⟨3⟩ face à ⟨4⟩.",
    "Its chief executive, ⟨0⟩, said ⟨1⟩ agreed to buy ⟨2⟩ from ⟨3⟩.",
    "⟨0⟩, a unit of ⟨1⟩, competes with ⟨2⟩ and partners with ⟨3⟩.",
)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_rule_match_holds_fewer_slots_than_its_bound(language: str) -> None:
    checked = 0
    for rule in SURFACE_RULES:
        if language not in rule.languages:
            continue
        regex = compiled_rule(language, rule.template)
        bound = least_slots(regex)
        assert bound >= 1, rule.name  # every surface rule names at least one entity
        for masked in MASKED:
            for match in regex.finditer(masked):
                assert slots_in(match.group(0)) >= bound, (rule.name, masked)
                checked += 1
    assert checked > 5  # the invented sentences do exercise the rules


def test_most_rules_need_two_entities() -> None:
    bounds = [
        least_slots(compiled_rule("fr", rule.template)) for rule in SURFACE_RULES if "fr" in rule.languages
    ]
    assert sum(bound >= 2 for bound in bounds) > len(bounds) / 2
