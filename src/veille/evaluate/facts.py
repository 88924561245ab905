"""Facts of one document against its gold: counts, misses and false alarms.

A pure function of (`GoldEntry`, `SystemView`). Only `SCORED_FACT_TYPES` count, on both sides:
facts of new types are neither required nor false alarms. A system fact matches a gold fact of
the same type whose subject shares a name with it, in the same unit, with a value within 1%
(GUIDELINES, Scoring). Qualifier, period and scope are not scored.
"""

from __future__ import annotations

from typing import Any

from veille.evaluate.counts import Matching
from veille.evaluate.gold import GoldEntry, GoldFact
from veille.evaluate.match import SCORED_FACT_TYPES, unit_key, value_matches
from veille.evaluate.system import SystemView


def _fact_label(fact_type: str, subject: str, value: Any, unit: Any) -> str:
    return f"{fact_type}({subject}) = {value} {unit}"


def fact_matches(system: dict[str, Any], gold: GoldFact, view: SystemView) -> bool:
    """Type, subject (by name) and unit agree, and the value is within 1% of the gold one."""
    if system.get("type") != gold.type or unit_key(system.get("unit")) != unit_key(gold.unit):
        return False
    subject = system.get("subject")
    if gold.subject is None or subject is None:
        if (gold.subject is None) != (subject is None):
            return False
    elif not view.keys_of(subject) & gold.subject_keys:
        return False
    value = system.get("value")
    return isinstance(value, int | float) and value_matches(float(value), gold.value)


def score_facts(entry: GoldEntry, view: SystemView) -> Matching:
    result = Matching()
    golds = [fact for fact in entry.facts if fact.type in SCORED_FACT_TYPES]
    found: set[int] = set()
    for system in view.facts:
        fact_type = str(system.get("type"))
        if fact_type not in SCORED_FACT_TYPES:
            continue
        matched = [i for i, gold in enumerate(golds) if fact_matches(system, gold, view)]
        found.update(matched)
        result.system_item(fact_type, bool(matched))
        if not matched:
            label = view.label(system.get("subject"))
            result.false_alarms.append(_fact_label(fact_type, label, system.get("value"), system.get("unit")))
    for index, gold in enumerate(golds):
        result.gold_item(gold.type, index in found)
        if index not in found:
            result.misses.append(_fact_label(gold.type, gold.subject or "-", gold.raw["value"], gold.unit))
    return result
