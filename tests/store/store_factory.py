"""Hand-built documents with entities, relations and facts, for the store tests."""

from __future__ import annotations

from veille.doc import Doc, Entity, Fact, Relation, Source, Span, doc_id
from veille.record import Record, to_record

SHARED_ENTITIES = ("org:orange", "org:sfr")


def _span(text: str, needle: str, start: int = 0) -> Span:
    begin = text.index(needle, start)
    return Span(begin, begin + len(needle))


def make_doc(i: int, *, filler: int = 0) -> tuple[Doc, Record]:
    """Document number `i`: 3 entities (2 shared by all documents), 4 mentions, 1 relation, 1 fact.

    `filler` adds that many characters of body text, for size and timing tests.
    """
    text = (
        f"Société n°{i} : Orange s'allie à SFR. « Orange » investit 1,5 milliard d'euros 😀 "
        f"dans Compagnie{i}.\n\n" + "é" * filler
    )
    raw = f"<html><p>{text}</p></html>".encode()
    doc = Doc(
        id=doc_id(raw),
        raw=raw,
        media_type="html",
        source=Source(path=f"in/{i}.html", url=f"https://example.fr/{i}", site="example.fr"),
        encoding="utf-8",
        fetched_at="2024-01-02T03:04:05Z",
        text=text,
        title=f"Titre {i}",
        published="2004-01-15" if i % 2 == 0 else None,
        language="fr" if i % 3 else "en",
        category="Télécoms",
        position=i,
    )
    orange_1 = _span(text, "Orange")
    orange_2 = _span(text, "Orange", orange_1.end)
    sentence = _span(text, "Orange s'allie à SFR.")
    money = _span(text, f"« Orange » investit 1,5 milliard d'euros 😀 dans Compagnie{i}.")
    doc.entities = [
        Entity("org:orange", "Orange", "ORG", ["France Télécom"], [orange_1, orange_2]),
        Entity("org:sfr", "SFR", "ORG", [], [_span(text, "SFR")]),
        Entity(f"org:compagnie-{i}", f"Compagnie{i}", "ORG", [], [_span(text, f"Compagnie{i}")]),
    ]
    doc.relations = [
        Relation("partnership", "org:orange", "org:sfr", sentence, 0.8123, {"since": "2004"}),
    ]
    doc.facts = [
        Fact("investment", "org:orange", 1.5e9, "EUR", money, 0.9, qualifier="~", scope="France"),
    ]
    if i % 5 == 0:
        doc.warn("date not found")
    return doc, to_record(doc)


def make_docs(n: int, *, start: int = 0, filler: int = 0) -> list[tuple[Doc, Record]]:
    return [make_doc(i, filler=filler) for i in range(start, start + n)]
