"""A `Doc` as JSON between a worker and the merge: everything but the raw bytes and the markup.

Workers run the document-local stages and hand the merge each `Doc` as it stands, so that the
merge can run the cross-document stages (linking) on exactly what a single process would have
given them. Left out: `raw` and `markup` (the page itself, by far the biggest part; no stage
after cleaning reads them) and `scratch` (never serialised, see `Doc.scratch`). Floats go
through `repr`, so a round trip is exact.
"""

from __future__ import annotations

import json
from typing import Any

from veille.doc import Doc, Entity, Fact, Mention, Relation, Source, Span


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def _unspan(data: list[int]) -> Span:
    return Span(int(data[0]), int(data[1]))


def doc_to_dict(doc: Doc) -> dict[str, Any]:
    """The JSON-ready state of `doc`, without raw bytes, markup or scratch."""
    return {
        "id": doc.id,
        "media_type": doc.media_type,
        "source": {"path": doc.source.path, "url": doc.source.url, "site": doc.source.site},
        "encoding": doc.encoding,
        "fetched_at": doc.fetched_at,
        "text": doc.text,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "category": doc.category,
        "mentions": [
            {"span": _span(m.span), "label": m.label, "source": m.source, "entity_id": m.entity_id}
            for m in doc.mentions
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "mentions": [_span(s) for s in e.mentions],
            }
            for e in doc.entities
        ],
        "relations": [
            {
                "type": r.type,
                "subject": r.subject,
                "object": r.object,
                "evidence": _span(r.evidence),
                "confidence": r.confidence,
                "attributes": r.attributes,
                "more_evidence": [_span(s) for s in r.more_evidence],
            }
            for r in doc.relations
        ],
        "facts": [
            {
                "type": f.type,
                "subject": f.subject,
                "value": f.value,
                "unit": f.unit,
                "evidence": _span(f.evidence),
                "confidence": f.confidence,
                "qualifier": f.qualifier,
                "period": f.period,
                "scope": f.scope,
                "is_target": f.is_target,
            }
            for f in doc.facts
        ],
        "warnings": list(doc.warnings),
        "position": doc.position,
    }


def doc_from_dict(data: dict[str, Any]) -> Doc:
    """Rebuild the `Doc` that `doc_to_dict` saw (with empty raw and markup)."""
    source = data["source"]
    return Doc(
        id=data["id"],
        raw=b"",
        media_type=data["media_type"],
        source=Source(path=source["path"], url=source["url"], site=source["site"]),
        encoding=data["encoding"],
        fetched_at=data["fetched_at"],
        text=data["text"],
        title=data["title"],
        published=data["published"],
        language=data["language"],
        category=data["category"],
        mentions=[
            Mention(_unspan(m["span"]), m["label"], m["source"], m["entity_id"]) for m in data["mentions"]
        ],
        entities=[
            Entity(e["id"], e["name"], e["type"], list(e["aliases"]), [_unspan(s) for s in e["mentions"]])
            for e in data["entities"]
        ],
        relations=[
            Relation(
                type=r["type"],
                subject=r["subject"],
                object=r["object"],
                evidence=_unspan(r["evidence"]),
                confidence=r["confidence"],
                attributes=r["attributes"],
                more_evidence=[_unspan(s) for s in r["more_evidence"]],
            )
            for r in data["relations"]
        ],
        facts=[
            Fact(
                type=f["type"],
                subject=f["subject"],
                value=f["value"],
                unit=f["unit"],
                evidence=_unspan(f["evidence"]),
                confidence=f["confidence"],
                qualifier=f["qualifier"],
                period=f["period"],
                scope=f["scope"],
                is_target=f["is_target"],
            )
            for f in data["facts"]
        ],
        warnings=list(data["warnings"]),
        position=int(data["position"]),
    )


def doc_to_json(doc: Doc) -> str:
    return json.dumps(doc_to_dict(doc), ensure_ascii=False, separators=(",", ":"))


def doc_from_json(text: str) -> Doc:
    loaded: dict[str, Any] = json.loads(text)
    return doc_from_dict(loaded)
