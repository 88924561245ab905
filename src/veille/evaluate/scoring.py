"""Score one record against one gold entry: every per-document score of the guidelines.

`score_document(entry, record)` is a pure function. A `Reject` (or `None`: no record) scores as
an empty record and is marked `rejected`, so a document that could not be read costs what it
should: nothing kept, no title, no entities.

- body keep: share of `body_must_contain` strings found in the text, whitespace folded on both
  sides; body drop: share of `body_must_not_contain` strings absent from it;
- title: equal after whitespace folding; date: `published` equal to the gold's (null = null);
  language: equal, case-insensitive (null = null);
- entities, relations, facts: `entities.py`, `relations.py`, `facts.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from veille.doc import Reject
from veille.evaluate.counts import Matching, Share
from veille.evaluate.entities import score_entities
from veille.evaluate.facts import score_facts
from veille.evaluate.gold import GoldEntry
from veille.evaluate.match import fold_whitespace
from veille.evaluate.relations import RelationMatching, score_relations
from veille.evaluate.system import SystemView, empty_view, view_record
from veille.record import Record

#: The metadata fields compared one to one with the gold.
METADATA_FIELDS: tuple[str, ...] = ("title", "date", "language")


@dataclass(slots=True)
class DocScore:
    """Everything one document scored, with what went wrong, readable."""

    doc: str
    path: str
    rejected: str | None
    body_keep: Share
    body_drop: Share
    body_missing: list[str]
    body_leaked: list[str]
    metadata: dict[str, Share]
    metadata_values: dict[str, dict[str, Any]]
    entities: Matching
    relations: RelationMatching
    facts: Matching
    view: SystemView = field(repr=False, default_factory=empty_view)

    def as_dict(self) -> dict[str, Any]:
        misses: dict[str, list[str]] = {
            "body": self.body_missing,
            "entities": self.entities.misses,
            "relations": self.relations.misses,
            "attributes": self.relations.attribute_misses,
            "facts": self.facts.misses,
        }
        false_alarms: dict[str, list[str]] = {
            "body": self.body_leaked,
            "entities": self.entities.false_alarms,
            "relations": self.relations.false_alarms,
            "facts": self.facts.false_alarms,
        }
        return {
            "doc": self.doc,
            "path": self.path,
            "rejected": self.rejected,
            "body_keep": self.body_keep.value,
            "body_drop": self.body_drop.value,
            **{name: self.metadata[name].value for name in METADATA_FIELDS},
            "metadata": self.metadata_values,
            "entities": self.entities.counts.as_dict(),
            "relations": {
                **self.relations.counts.as_dict(),
                "optional_found": self.relations.optional_found,
            },
            "facts": self.facts.counts.as_dict(),
            "misses": misses,
            "false_alarms": false_alarms,
        }


def score_body(entry: GoldEntry, text: str) -> tuple[Share, Share, list[str], list[str]]:
    """(keep, drop, strings missing, strings leaked) for the extracted text."""
    folded = fold_whitespace(text)
    keep, drop = Share(), Share()
    missing = [s for s in entry.body_must_contain if fold_whitespace(s) not in folded]
    leaked = [s for s in entry.body_must_not_contain if fold_whitespace(s) in folded]
    for string in entry.body_must_contain:
        keep.count(string not in missing)
    for string in entry.body_must_not_contain:
        drop.count(string not in leaked)
    return keep, drop, missing, leaked


def _same(gold: str | None, system: str | None, *, casefold: bool = False) -> bool:
    if gold is None or system is None:
        return gold is None and system is None
    gold, system = fold_whitespace(gold), fold_whitespace(system)
    if casefold:
        return gold.casefold() == system.casefold()
    return gold == system


def score_metadata(entry: GoldEntry, view: SystemView) -> tuple[dict[str, Share], dict[str, Any]]:
    """Title, date and language: one hit or miss each, and the two values compared."""
    pairs = {
        "title": (entry.title, view.title),
        "date": (entry.published, view.published),
        "language": (entry.language, view.language),
    }
    shares: dict[str, Share] = {}
    values: dict[str, dict[str, Any]] = {}
    for name, (gold, system) in pairs.items():
        share = Share()
        share.count(_same(gold, system, casefold=name == "language"))
        shares[name] = share
        values[name] = {"gold": gold, "system": system}
    return shares, values


def score_document(entry: GoldEntry, record: Record | Reject | None) -> DocScore:
    """Every score of one document; a reject or a missing record scores as an empty record."""
    if isinstance(record, Reject):
        view, rejected = empty_view(), f"{record.reason}: {record.detail}".rstrip(": ")
    elif record is None:
        view, rejected = empty_view(), "no record"
    else:
        view, rejected = view_record(record), None
    keep, drop, missing, leaked = score_body(entry, view.text)
    metadata, values = score_metadata(entry, view)
    return DocScore(
        doc=entry.doc,
        path=entry.path,
        rejected=rejected,
        body_keep=keep,
        body_drop=drop,
        body_missing=missing,
        body_leaked=leaked,
        metadata=metadata,
        metadata_values=values,
        entities=score_entities(entry, view),
        relations=score_relations(entry, view),
        facts=score_facts(entry, view),
        view=view,
    )
