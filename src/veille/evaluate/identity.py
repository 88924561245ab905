"""Cross-article identity: does one real-world ORG or PER get one id in every article?

GUIDELINES, Scoring: "for each ORG or PER gold entity named in two or more articles, the
system's matching entities must carry one and the same id in all of them; the score is the share
of such entities that do."

Which gold entities are "the same" across articles is read from the gold itself: two gold
entities of the same type (ORG or PER) in different articles are one when they share a name key
(name or alias), transitively. For each such entity named in two or more articles, it is
consistent when every one of those articles has at least one matching system entity
(`entities.entity_matches`) and all of them carry a single id. An article where the system
does not find the entity at all makes it inconsistent: an identity that is not there cannot be
kept (otherwise a system finding nothing would score 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from veille.evaluate.counts import Share
from veille.evaluate.entities import entity_matches
from veille.evaluate.gold import GoldEntity, GoldEntry
from veille.evaluate.system import SystemView

#: Gold types whose identity across articles is scored.
IDENTITY_TYPES = frozenset({"ORG", "PER"})
#: An entity counts when named in at least this many articles (GUIDELINES: "two or more").
MIN_ARTICLES = 2


@dataclass(slots=True)
class IdentityItem:
    name: str
    type: str
    docs: list[str]
    ids: list[str]
    missing_in: list[str]

    @property
    def consistent(self) -> bool:
        return not self.missing_in and len(self.ids) == 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "docs": self.docs,
            "ids": self.ids,
            "missing_in": self.missing_in,
            "consistent": self.consistent,
        }


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def gold_groups(entries: Sequence[GoldEntry]) -> list[list[tuple[int, GoldEntity]]]:
    """Gold ORG/PER entities grouped across articles by shared names (union-find)."""
    nodes = [
        (doc_index, entity)
        for doc_index, entry in enumerate(entries)
        for entity in entry.entities
        if entity.type in IDENTITY_TYPES
    ]
    parent = list(range(len(nodes)))
    owner: dict[tuple[str, str], int] = {}
    for index, (_, entity) in enumerate(nodes):
        for key in entity.keys:
            first = owner.setdefault((entity.type, key), index)
            parent[_find(parent, index)] = _find(parent, first)
    groups: dict[int, list[tuple[int, GoldEntity]]] = {}
    for index, node in enumerate(nodes):
        groups.setdefault(_find(parent, index), []).append(node)
    return list(groups.values())


def score_identity(
    entries: Sequence[GoldEntry], views: Sequence[SystemView]
) -> tuple[Share, list[IdentityItem]]:
    """The share of multi-article gold ORG/PER entities that keep one id, and each case."""
    share = Share()
    items: list[IdentityItem] = []
    for group in gold_groups(entries):
        doc_indexes = sorted({doc_index for doc_index, _ in group})
        if len(doc_indexes) < MIN_ARTICLES:
            continue
        ids: set[str] = set()
        missing: list[str] = []
        for doc_index in doc_indexes:
            golds = [entity for index, entity in group if index == doc_index]
            found = [
                system.id
                for system in views[doc_index].entities
                if any(entity_matches(system, gold) for gold in golds)
            ]
            ids.update(found)
            if not found:
                missing.append(entries[doc_index].doc)
        first = group[0][1]
        item = IdentityItem(
            first.name, first.type, [entries[i].doc for i in doc_indexes], sorted(ids), missing
        )
        share.count(item.consistent)
        items.append(item)
    return share, items
