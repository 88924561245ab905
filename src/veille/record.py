"""Doc -> the extraction record of `../shared/spec/OUTPUT.md`, and its validation.

The JSON schema is packaged as `veille/data/document.schema.json` (our copy of the contract,
checked against `../shared/spec/document.schema.json` by the contract test). Beyond the schema,
`check_offsets` enforces the rule that `text[start:end]` equals every quoted span.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from veille.doc import Doc, Span

Record = dict[str, Any]


def _span(text: str, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": text[span.start : span.end]}


def to_record(doc: Doc) -> Record:
    """Build the output record for one document."""
    text = doc.text
    return {
        "id": doc.id,
        "source": {"path": doc.source.path, "url": doc.source.url, "site": doc.source.site},
        "language": doc.language,
        "title": doc.title,
        "published": doc.published,
        "category": doc.category,
        "text": text,
        "entities": [
            {
                "id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "aliases": list(entity.aliases),
                "mentions": [_span(text, span) for span in entity.mentions],
            }
            for entity in doc.entities
        ],
        "relations": [
            {
                "type": relation.type,
                "subject": relation.subject,
                "object": relation.object,
                "attributes": dict(relation.attributes),
                "evidence": _span(text, relation.evidence),
                "confidence": round(relation.confidence, 3),
                **(
                    {"more_evidence": [_span(text, s) for s in relation.more_evidence]}
                    if relation.more_evidence
                    else {}
                ),
            }
            for relation in doc.relations
        ],
        "facts": [
            {
                "type": fact.type,
                "subject": fact.subject,
                "value": fact.value,
                "unit": fact.unit,
                "qualifier": fact.qualifier,
                "period": fact.period,
                "scope": fact.scope,
                "is_target": fact.is_target,
                "evidence": _span(text, fact.evidence),
                "confidence": round(fact.confidence, 3),
            }
            for fact in doc.facts
        ],
        "warnings": list(doc.warnings),
    }


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The record's JSON schema, as packaged."""
    data = resources.files("veille.data").joinpath("document.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(data)
    return loaded


def _iter_spans(record: Record) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    for entity in record.get("entities", []):
        spans.extend(entity.get("mentions", []))
    for item in [*record.get("relations", []), *record.get("facts", [])]:
        spans.append(item["evidence"])
        spans.extend(item.get("more_evidence", []))
    return spans


def check_offsets(record: Record) -> list[str]:
    """Every span whose offsets do not quote the record's text, as readable problems."""
    text = record["text"]
    problems = []
    for span in _iter_spans(record):
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= len(text) or text[start:end] != span["text"]:
            problems.append(f"span {start}:{end} does not quote {span['text']!r}")
    return problems


def validate(record: Record) -> list[str]:
    """Schema errors and offset problems of a record; an empty list means valid."""
    import jsonschema  # imported here: validation is for tests and `--validate`, not the hot path

    validator = jsonschema.Draft202012Validator(schema())
    problems = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(record)]
    return problems + check_offsets(record)
