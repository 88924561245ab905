"""Helpers for the fact tests: a Doc with hand-placed entities, facts read back by name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from support import make_doc
from veille.doc import Doc, Entity, EntityType, Fact, Span
from veille.relate.facts import FactExtractor

_EXTRACTOR = FactExtractor()


def doc_with(
    text: str, entities: dict[str, EntityType], language: str = "fr", published: str | None = None
) -> Doc:
    """A Doc of `text` whose entities are `entities` (name -> type), found by exact string search."""
    doc = make_doc(text)
    doc.text, doc.language, doc.published = text, language, published
    taken: list[tuple[int, int]] = []
    for name in sorted(entities, key=len, reverse=True):
        spans = []
        for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            if not any(match.start() < end and match.end() > start for start, end in taken):
                taken.append((match.start(), match.end()))
                spans.append(Span(match.start(), match.end()))
        assert spans, f"{name!r} is not in the text"
        slug = re.sub(r"\W+", "-", name.lower()).strip("-")
        doc.entities.append(Entity(f"{entities[name].lower()}:{slug}", name, entities[name], [], spans))
    return doc


@dataclass(frozen=True)
class Said:
    """A fact read back with the subject's name instead of its id."""

    type: str
    subject: str | None
    value: float
    unit: str
    qualifier: str
    period: str | None
    scope: str | None
    is_target: bool


def facts_of(
    text: str,
    entities: dict[str, EntityType],
    language: str = "fr",
    published: str | None = None,
    extractor: FactExtractor | None = None,
) -> list[Said]:
    doc = (extractor or _EXTRACTOR).process(doc_with(text, entities, language, published))
    for fact in doc.facts:
        assert doc.text[fact.evidence.start : fact.evidence.end].strip(), fact
        assert fact.evidence.start <= fact.evidence.end <= len(doc.text)
    names = {entity.id: entity.name for entity in doc.entities}
    return [_said(fact, names) for fact in doc.facts]


def _said(fact: Fact, names: dict[str, str]) -> Said:
    subject = names.get(fact.subject) if fact.subject else None
    return Said(
        fact.type, subject, fact.value, fact.unit, fact.qualifier, fact.period, fact.scope, fact.is_target
    )


def one(facts: list[Said], fact_type: str) -> Said:
    """The one fact of `fact_type`; fails when there are none or several."""
    found = [f for f in facts if f.type == fact_type]
    assert len(found) == 1, facts
    return found[0]
