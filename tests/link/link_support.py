"""Hand-written articles with their in-article entities, as the grouper would hand them over."""

from __future__ import annotations

import re
from collections.abc import Sequence

from support import make_doc
from veille.doc import Doc, Entity, EntityType, Mention, Span
from veille.ner.gazetteer import AmbiguousForm, Entry, Gazetteer, make_id

EntitySpec = tuple[str, EntityType, Sequence[str]]  # name, type, other forms used in the article


def entry(
    entity_id: str,
    name: str,
    entity_type: str,
    aliases: Sequence[str] = (),
    former: Sequence[str] = (),
    parent: str = "",
) -> Entry:
    return Entry(entity_id, name, entity_type, tuple(aliases), "", "", parent, tuple(former), "test.tsv")


def small_gazetteer() -> Gazetteer:
    """A few entities, with the guards the real gazetteer uses."""
    return Gazetteer(
        [
            entry("org:bt-group", "BT Group", "ORG", ["BT", "British Telecom"]),
            entry("org:orange", "Orange", "ORG", ["groupe Orange"], former=["France Télécom"]),
            entry("org:orange-belgium", "Orange Belgium", "ORG", parent="org:orange"),
            entry("org:free", "Free", "ORG"),
            entry("org:canal-plus", "Canal+", "ORG", ["Canal Plus"]),
            entry("org:renault", "Renault", "ORG", ["groupe Renault"]),
            entry("per:carlos-ghosn", "Carlos Ghosn", "PER"),
        ],
        [
            AmbiguousForm("Orange", "org:orange", "case", "the fruit"),
            AmbiguousForm("Free", "org:free", "case", "the adjective"),
            AmbiguousForm("Canal+ Afrique", "org:canal-plus-afrique", "distinct", "a subsidiary, not Canal+"),
        ],
    )


def _spans(text: str, form: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]


def article(
    text: str, specs: Sequence[EntitySpec], *, path: str = "a.txt", gazetteer: Gazetteer | None = None
) -> Doc:
    """A Doc whose text is `text`, with one entity per spec and a mention per occurrence of its forms.

    The provisional id is what the grouper gives: the gazetteer id when the gazetteer knows the
    name, else make_id(type, name).
    """
    doc = make_doc(text, path=path)
    doc.text = text
    # Longest forms first; a span inside a longer one ("BT" in "BT Group") is no mention.
    candidates = sorted(
        (
            (span, index)
            for index, (name, _, aliases) in enumerate(specs)
            for form in [name, *aliases]
            for span in _spans(text, form)
        ),
        key=lambda item: (item[0].start - item[0].end, item[0].start),
    )
    taken: dict[Span, int] = {}
    for span, index in candidates:
        if not any(span.start < other.end and other.start < span.end for other in taken):
            taken[span] = index
    for index, (name, entity_type, aliases) in enumerate(specs):
        hits = gazetteer.lookup(name) if gazetteer is not None else []
        entity_id = hits[0].id if hits else make_id(entity_type, name)
        spans = sorted((span for span, owner in taken.items() if owner == index), key=lambda s: s.start)
        assert spans, f"{name!r} does not occur in the text"
        doc.entities.append(Entity(entity_id, name, entity_type, list(aliases), spans))
        doc.mentions.extend(Mention(span, entity_type, entity_id=entity_id) for span in spans)
    return doc


def ids(doc: Doc) -> dict[str, str]:
    """Entity name -> id, and every alias -> id, for assertions."""
    found: dict[str, str] = {}
    for entity in doc.entities:
        for form in [entity.name, *entity.aliases]:
            found[form] = entity.id
    return found
