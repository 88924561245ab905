"""Entities of one document against its gold: counts, misses and false alarms.

A pure function of (`GoldEntry`, `SystemView`). GUIDELINES, Scoring: a system entity matches a
gold entity when one of its names (name or alias) has the key (`match.name_key`) of one of the
gold entity's names and its type is the gold type or one of the gold's `also` types, `PRODUCT`
and `MISC` being one. A system entity matching nothing is a false alarm, unless it is a place
(LOC): unmatched places are left out of precision. Per-type counts put a gold entity under its
own type and a system entity under the type the system gave it (MISC counted as PRODUCT).
"""

from __future__ import annotations

from veille.evaluate.counts import Matching
from veille.evaluate.gold import GoldEntity, GoldEntry
from veille.evaluate.match import canonical_type
from veille.evaluate.system import SystemEntity, SystemView

#: Places are not listed exhaustively by annotators, so an unmatched system LOC is no error.
UNCOUNTED_FALSE_ALARM_TYPES = frozenset({"LOC"})


def entity_matches(system: SystemEntity, gold: GoldEntity) -> bool:
    """Names overlap (by key) and the system type is one the gold accepts."""
    return bool(system.keys & gold.keys) and system.match_type in gold.types


def _entity_label(entity_type: str, name: str) -> str:
    return f"{entity_type} {name}"


def score_entities(entry: GoldEntry, view: SystemView) -> Matching:
    result = Matching()
    found: set[int] = set()
    for system in view.entities:
        matched = [i for i, gold in enumerate(entry.entities) if entity_matches(system, gold)]
        found.update(matched)
        if matched:
            result.system_item(system.match_type, True)
            continue
        if system.match_type in UNCOUNTED_FALSE_ALARM_TYPES:
            continue
        result.system_item(system.match_type, False)
        label = _entity_label(system.type, system.name)
        same_name = [gold for gold in entry.entities if system.keys & gold.keys]
        if same_name:
            label += f" (gold type {same_name[0].type})"
        result.false_alarms.append(label)
    for index, gold in enumerate(entry.entities):
        result.gold_item(canonical_type(gold.type), index in found)
        if index not in found:
            typed = [s for s in view.entities if s.keys & gold.keys]
            label = _entity_label(gold.type, gold.name)
            if typed:
                label += f" (system type {typed[0].type})"
            result.misses.append(label)
    return result
