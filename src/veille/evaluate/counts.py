"""Tallies behind every score: precision/recall counts and simple shares.

Precision and recall are counted on their own sides, as the guidelines define them: precision
over system items (how many match some gold item), recall over gold items (how many some system
item matches). Two system entities that both match one gold entity are both correct for
precision, and the gold entity is found once for recall.

A score whose denominator is zero is `None` ("nothing to score"), never a made-up 0 or 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(slots=True)
class Counts:
    """System items seen and matched, gold items seen and found."""

    system: int = 0
    system_matched: int = 0
    gold: int = 0
    gold_matched: int = 0

    def add(self, other: Counts) -> None:
        self.system += other.system
        self.system_matched += other.system_matched
        self.gold += other.gold
        self.gold_matched += other.gold_matched

    @property
    def precision(self) -> float | None:
        return ratio(self.system_matched, self.system)

    @property
    def recall(self) -> float | None:
        return ratio(self.gold_matched, self.gold)

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None and recall is None:
            return None
        if precision is None or recall is None:  # one side empty, the other not: nothing right
            return 0.0
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "system": self.system,
            "system_matched": self.system_matched,
            "gold": self.gold,
            "gold_matched": self.gold_matched,
        }


@dataclass(slots=True)
class Share:
    """Hits out of a total (body strings kept, titles right, attributes right, ...)."""

    hits: int = 0
    total: int = 0

    def count(self, hit: bool) -> None:
        self.total += 1
        self.hits += int(hit)

    def add(self, other: Share) -> None:
        self.hits += other.hits
        self.total += other.total

    @property
    def value(self) -> float | None:
        return ratio(self.hits, self.total)

    def as_dict(self) -> dict[str, Any]:
        return {"score": self.value, "hits": self.hits, "total": self.total}


def add_by_key(into: dict[str, Counts], other: dict[str, Counts]) -> None:
    """Sum per-type counts into `into`."""
    for key, counts in other.items():
        into.setdefault(key, Counts()).add(counts)


@dataclass(slots=True)
class Matching:
    """What one kind of item (entities, relations, facts) scored on one document."""

    counts: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def system_item(self, item_type: str, matched: bool) -> None:
        bucket = self.by_type.setdefault(item_type, Counts())
        for counts in (self.counts, bucket):
            counts.system += 1
            counts.system_matched += int(matched)

    def gold_item(self, item_type: str, found: bool) -> None:
        bucket = self.by_type.setdefault(item_type, Counts())
        for counts in (self.counts, bucket):
            counts.gold += 1
            counts.gold_matched += int(found)
