"""Test helpers of the desk (serve, export): a small store of hand-built records with entities,
relations with evidence and facts, plus hostile content (script in a title, `javascript:` URL,
HTML in an entity name and in evidence), and `assert_inert` for the pages that show them.
Every record is checked against the schema first.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from support import make_doc
from veille.doc import Doc, Entity, Fact, Relation, Span
from veille.record import to_record, validate
from veille.store import Store

HOSTILE_TITLE = "<script>alert(1)</script> Kelvo Mobile"
HOSTILE_ENTITY = '<img src=x onerror="alert(2)">'
HOSTILE_EVIDENCE = "Kelvo Mobile <b>s'allie</b> à Orange <script>alert('ev')</script> pour la 5G."


def span(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the `nth` occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def _entity(text: str, entity_id: str, name: str, type_: str, *needles: str) -> Entity:
    mentions = []
    for needle in needles or (name,):
        start = 0
        while (found := text.find(needle, start)) >= 0:
            mentions.append(Span(found, found + len(needle)))
            start = found + len(needle)
    return Entity(entity_id, name, type_, aliases=[n for n in needles if n != name], mentions=mentions)  # type: ignore[arg-type]


def _doc(text: str, title: str, published: str | None, url: str | None, path: str) -> Doc:
    doc = make_doc(text, path=path, url=url)
    doc.text, doc.title, doc.published, doc.language = text, title, published, "fr"
    doc.source.site = "Le Fil Télécom"
    return doc


def orange_deal() -> Doc:
    text = (
        "Orange rachète Armor Fibre pour 320 millions d'euros.\n\n"
        "Christel Heydemann, directrice générale d'Orange, salue un accord structurant. "
        "SFR reste le principal concurrent du groupe Orange sur la fibre."
    )
    doc = _doc(
        text, "Orange s'offre Armor Fibre", "2024-03-12", "https://www.example.org/orange-armor", "a.txt"
    )
    doc.entities = [
        _entity(text, "org:orange", "Orange", "ORG", "Orange"),
        _entity(text, "org:armor-fibre", "Armor Fibre", "ORG"),
        _entity(text, "per:christel-heydemann", "Christel Heydemann", "PER"),
        _entity(text, "org:sfr", "SFR", "ORG"),
    ]
    first = span(text, "Orange rachète Armor Fibre pour 320 millions d'euros.")
    second = span(text, "Christel Heydemann, directrice générale d'Orange, salue un accord structurant.")
    third = span(text, "SFR reste le principal concurrent du groupe Orange sur la fibre.")
    doc.relations = [
        Relation(
            "acquisition",
            "org:orange",
            "org:armor-fibre",
            first,
            0.91,
            {"amount": 320000000, "currency": "EUR", "status": "announced"},
        ),
        Relation(
            "role",
            "per:christel-heydemann",
            "org:orange",
            second,
            0.88,
            {"title": "directrice générale", "status": "current"},
        ),
        Relation("competition", "org:sfr", "org:orange", third, 0.74),
    ]
    doc.facts = [Fact("deal_value", "org:orange", 320000000.0, "EUR", first, 0.9)]
    return doc


def orange_results() -> Doc:
    text = (
        "Orange a publié un chiffre d'affaires de 43,5 milliards d'euros en 2023.\n\n"
        "Orange et Bouygues Telecom signent un partenariat pour mutualiser leurs réseaux."
    )
    doc = _doc(
        text, "Résultats annuels d'Orange", "2024-02", "https://www.example.org/orange-results", "b.txt"
    )
    doc.entities = [
        _entity(text, "org:orange", "Orange", "ORG"),
        _entity(text, "org:bouygues-telecom", "Bouygues Telecom", "ORG"),
    ]
    revenue = span(text, "Orange a publié un chiffre d'affaires de 43,5 milliards d'euros en 2023.")
    deal = span(text, "Orange et Bouygues Telecom signent un partenariat pour mutualiser leurs réseaux.")
    doc.relations = [Relation("partnership", "org:bouygues-telecom", "org:orange", deal, 0.8)]
    doc.facts = [Fact("revenue", "org:orange", 43.5e9, "EUR", revenue, 0.85, period="2023")]
    return doc


def hostile() -> Doc:
    text = (
        "La faille <img src=x onerror=alert('xss')> a été corrigée par Kelvo Mobile.\n\n"
        f"{HOSTILE_EVIDENCE}\n\n"
        f"Le groupe {HOSTILE_ENTITY} dément."
    )
    doc = _doc(text, HOSTILE_TITLE, "2024-02-08", "javascript:alert(document.cookie)", "c.txt")
    doc.entities = [
        _entity(text, "org:kelvo-mobile", "Kelvo Mobile", "ORG"),
        _entity(text, "org:orange", "Orange", "ORG"),
        _entity(text, "org:evil", HOSTILE_ENTITY, "ORG"),
    ]
    evidence = span(text, HOSTILE_EVIDENCE)
    doc.relations = [
        Relation("partnership", "org:kelvo-mobile", "org:orange", evidence, 0.66),
        Relation(
            "competition", "org:evil", "org:orange", span(text, f"Le groupe {HOSTILE_ENTITY} dément."), 0.4
        ),
    ]
    return doc


def undated() -> Doc:
    text = "Un article sans date ni entité, à propos de la fibre optique en Bretagne."
    return _doc(text, "Fibre en Bretagne", None, None, "d.txt")


def all_docs() -> list[Doc]:
    return [orange_deal(), orange_results(), hostile(), undated()]


def build_store(path: Path) -> list[Doc]:
    """Fill a new store at `path` with the hand-built documents; return them."""
    docs = all_docs()
    batch = []
    for doc in docs:
        record = to_record(doc)
        problems = validate(record)
        assert not problems, problems
        batch.append((doc, record))
    with Store(path) as store:
        store.add_documents(batch)
    return docs


class _Scan(HTMLParser):
    """Collects every script element, event-handler attribute and link target of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.links: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "script":
            self.scripts.append(values)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        for name in ("href", "src", "action", "formaction"):
            if values.get(name):
                self.links.append(str(values[name]))


def scan(html: str) -> _Scan:
    parser = _Scan()
    parser.feed(html)
    return parser


def assert_inert(html: str) -> _Scan:
    found = scan(html)
    assert found.handlers == [], found.handlers
    assert all(s.get("src", "").startswith("/static/") for s in found.scripts), found.scripts  # type: ignore[union-attr]
    assert not [link for link in found.links if re.match(r"\s*(javascript|data|vbscript):", link, re.I)]
    assert "img" not in found.tags
    return found
