"""A Doc survives the worker -> merge hop: everything but raw bytes, markup and scratch."""

from __future__ import annotations

from support import make_doc
from veille.doc import Entity, Fact, Mention, Relation, Span
from veille.record import to_record
from veille.run.codec import doc_from_json, doc_to_json


def test_round_trip_keeps_every_annotation() -> None:
    doc = make_doc("<p>Orange prend 12,5 % de Kelvo.</p>", media_type="html", url="https://x.org/a")
    doc.text = "Orange prend 12,5 % de Kelvo."
    doc.title, doc.published, doc.language, doc.category = "Titre", "2024-03", "fr", "Tech"
    doc.fetched_at, doc.encoding, doc.position = "2024-08-01T00:00:00Z", "utf-8", 7
    doc.mentions = [Mention(Span(0, 6), "ORG", "gazetteer", "org:orange")]
    doc.entities = [Entity("org:orange", "Orange", "ORG", ["groupe Orange"], [Span(0, 6)])]
    doc.relations = [
        Relation("stake", "org:orange", "org:kelvo", Span(0, 29), 0.1 + 0.2, {"share": 0.125}, [Span(0, 6)])
    ]
    doc.facts = [Fact("stake", "org:orange", 0.125, "ratio", Span(13, 19), 0.7, "~", "2024", "FR", True)]
    doc.warnings = ["date not found"]
    doc.scratch["tree"] = object()
    back = doc_from_json(doc_to_json(doc))
    assert back.raw == b"" and back.markup == "" and back.scratch == {}
    assert to_record(back) == to_record(doc)
    assert (back.mentions, back.entities, back.relations, back.facts) == (
        doc.mentions,
        doc.entities,
        doc.relations,
        doc.facts,
    )
    assert back.relations[0].confidence == 0.1 + 0.2  # floats exact, not rounded
    assert (back.media_type, back.encoding, back.fetched_at, back.position, back.source) == (
        "html",
        "utf-8",
        "2024-08-01T00:00:00Z",
        7,
        doc.source,
    )
