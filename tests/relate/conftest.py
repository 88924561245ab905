"""Fixtures for the relation tests: Docs built from sentences with entities marked in brackets.

`[Equant|ORG], filiale de [France Télécom|ORG].` is the text "Equant, filiale de France Télécom."
with two entities; the same name marked twice is one entity with two mentions. An alias can be
given after a second bar: `[BT|ORG|BT Group]` is a mention of the entity "BT Group".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from support import make_doc
from veille.doc import Doc, Entity, Span
from veille.relate.relations import RelationExtractor

_MARK = re.compile(r"\[([^|\]]+)\|([A-Z]+)(?:\|([^\]]+))?\]")


def marked_doc(marked: str, language: str = "fr", title: str | None = None) -> Doc:
    text_parts: list[str] = []
    entities: dict[str, Entity] = {}
    cursor, length = 0, 0
    for match in _MARK.finditer(marked):
        before = marked[cursor : match.start()]
        text_parts.append(before)
        length += len(before)
        surface, entity_type, canonical = match.group(1), match.group(2), match.group(3)
        name = canonical or surface
        entity_id = f"{entity_type.lower()}:{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}"
        entity = entities.setdefault(entity_id, Entity(entity_id, name, entity_type))  # type: ignore[arg-type]
        if surface != name and surface not in entity.aliases:
            entity.aliases.append(surface)
        entity.mentions.append(Span(length, length + len(surface)))
        text_parts.append(surface)
        length += len(surface)
        cursor = match.end()
    text_parts.append(marked[cursor:])
    text = "".join(text_parts)
    doc = make_doc(text)
    doc.text, doc.language, doc.title = text, language, title
    doc.entities = list(entities.values())
    return doc


@pytest.fixture(scope="session")
def marked() -> Callable[..., Doc]:
    """`marked_doc` as a fixture (test modules cannot import from this conftest)."""
    return marked_doc


@pytest.fixture(scope="session")
def extractor() -> RelationExtractor:
    return RelationExtractor()


Found = set[tuple[str, str, str]]


@pytest.fixture(scope="session")
def relations_of(extractor: RelationExtractor) -> Callable[..., list[dict[str, Any]]]:
    """Run the stage on a marked text; relations as dicts with entity names for ids."""

    def run(marked: str, language: str = "fr", title: str | None = None) -> list[dict[str, Any]]:
        doc = extractor.process(marked_doc(marked, language, title))
        names = {e.id: e.name for e in doc.entities}
        return [
            {
                "type": r.type,
                "subject": names[r.subject],
                "object": names[r.object],
                "attributes": r.attributes,
                "evidence": doc.text[r.evidence.start : r.evidence.end],
                "confidence": r.confidence,
                "more": [doc.text[s.start : s.end] for s in r.more_evidence],
            }
            for r in doc.relations
        ]

    return run


@pytest.fixture(scope="session")
def triples(relations_of: Callable[..., list[dict[str, Any]]]) -> Callable[..., Found]:
    """(type, subject, object) of every relation found, symmetric types in name order."""

    def run(marked: str, language: str = "fr", title: str | None = None) -> Found:
        out: Found = set()
        for rel in relations_of(marked, language, title):
            subj, obj = rel["subject"], rel["object"]
            if rel["type"] in ("partnership", "competition", "merger"):
                subj, obj = sorted((subj, obj))
            out.add((rel["type"], subj, obj))
        return out

    return run
