"""Test pipelines (picklable factories) and a small invented crawl, for the executor tests.

`knowledge_pipeline` is the cleaning stages (no spaCy: fast), a toy entity stage, a toy
relation/fact stage and the real `EntityLinker`, so that a store holds entities, relations and
facts whose ids depend on the documents met before (the linker learns forms across articles).
`killing_pipeline` adds a stage that SIGKILLs its own worker the first time it meets a page.

Every page below is invented for these tests.
"""

from __future__ import annotations

import functools
import io
import os
import re
import signal
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from veille import api
from veille.doc import Doc, Entity, EntityType, Fact, Mention, Relation, Span
from veille.link.linker import EntityLinker
from veille.ner.gazetteer import make_id
from veille.pipeline import Pipeline, Stage

#: Surface forms the toy recogniser finds, longest first.
FORMS: tuple[tuple[str, EntityType], ...] = (
    ("Kelvo Systems", "ORG"),
    ("Lumio Films", "ORG"),
    ("Agathe Roussel", "PER"),
    ("Orange", "ORG"),
    ("Kelvo", "ORG"),
    ("Lumio", "ORG"),
    ("Roussel", "PER"),
)


class ToyRecogniser(Stage):
    """One entity per distinct form found in the text, one mention per occurrence."""

    name: ClassVar[str] = "test.toy_ner.v1"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("mentions", "entities")

    def process(self, doc: Doc) -> Doc:
        taken: list[Span] = []
        by_form: dict[str, Entity] = {}
        for form, label in FORMS:
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", doc.text):
                span = Span(match.start(), match.end())
                if any(span.start < t.end and t.start < span.end for t in taken):
                    continue
                taken.append(span)
                entity = by_form.setdefault(form, Entity(make_id(label, form), form, label))
                entity.mentions.append(span)
                doc.mentions.append(Mention(span, label, "pattern", entity.id))
        doc.entities = sorted(by_form.values(), key=lambda e: e.mentions[0].start)
        return doc


class ToyRelations(Stage):
    """A partnership between the first two organisations; a stake fact for each "NN %"."""

    name: ClassVar[str] = "test.toy_relations.v1"
    requires: ClassVar[tuple[str, ...]] = ("entities",)
    assigns: ClassVar[tuple[str, ...]] = ("relations", "facts")

    def process(self, doc: Doc) -> Doc:
        orgs = [entity for entity in doc.entities if entity.type == "ORG"]
        sentence = Span(0, doc.text.find(".") + 1 or len(doc.text))
        if len(orgs) >= 2:
            doc.relations.append(
                Relation("partnership", orgs[0].id, orgs[1].id, sentence, 0.5, {"buyer": orgs[0].id})
            )
        for match in re.finditer(r"(\d+) %", doc.text):
            doc.facts.append(
                Fact(
                    "stake",
                    orgs[0].id if orgs else None,
                    float(match.group(1)) / 100,
                    "ratio",
                    Span(match.start(), match.end()),
                    0.7,
                )
            )
        return doc


class KillOnce(Stage):
    """SIGKILL this process on the first page whose path contains `target` (once per marker file).

    With `marker=""`, every time: the shard kills every worker that tries it.
    """

    name: ClassVar[str] = "test.kill_once.v1"

    def __init__(self, target: str, marker: str) -> None:
        super().__init__()
        self.target = target
        self.marker = marker

    def process(self, doc: Doc) -> Doc:
        if self.target in (doc.source.path or "") and not (self.marker and os.path.exists(self.marker)):
            if self.marker:
                Path(self.marker).write_text(f"killed pid {os.getpid()}\n")
            os.kill(os.getpid(), signal.SIGKILL)
        return doc


def knowledge_pipeline() -> Pipeline:
    return Pipeline([*api.cleaning_stages(), ToyRecogniser(), ToyRelations(), EntityLinker()])


def _killing(target: str, marker: str) -> Pipeline:
    return Pipeline([*knowledge_pipeline().stages[:-1], KillOnce(target, marker), EntityLinker()])


def killing_pipeline(target: str, marker: str) -> Callable[[], Pipeline]:
    return functools.partial(_killing, target, marker)


# -- an invented crawl --------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="{site}"><meta property="article:published_time" content="{date}">
</head><body><nav><a href="/">Accueil</a> <a href="/tech/">Tech</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<footer>© {site} - Tous droits réservés - Mentions légales</footer></body></html>"""

ARTICLES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Kelvo Systems lève 40 millions d'euros",
        "Le Journal des Réseaux",
        "2024-03-04",
        (
            "Kelvo Systems, éditeur lyonnais de logiciels de supervision de réseaux, annonce une levée "
            "de fonds de 40 millions d'euros menée par Orange Ventures. Orange prend 12 % du capital.",
            "La société, fondée en 2016, compte 180 salariés et réalise la moitié de son chiffre "
            "d'affaires à l'export. Les fonds serviront à recruter une centaine d'ingénieurs.",
        ),
    ),
    (
        "Kelvo ouvre un bureau à Montréal",
        "Tech Rhône",
        "2024-05-21",
        (
            "Kelvo ouvre un bureau à Montréal, son premier hors d'Europe, et vise le marché "
            "nord-américain des opérateurs régionaux. Orange reste son premier client.",
            "Le bureau accueillera vingt personnes d'ici la fin de l'année, selon la direction.",
        ),
    ),
    (
        "Lumio Films signe avec Kelvo",
        "Écrans & Studios",
        "2024-06-02",
        (
            "Lumio Films, studio d'animation dirigé par Agathe Roussel, confie à Kelvo la "
            "supervision de son réseau de rendu. Roussel évoque un contrat de trois ans.",
            "Le studio détient désormais 5 % d'une coentreprise créée avec Kelvo Systems.",
        ),
    ),
    (
        "Le marché de la supervision réseau en hausse",
        "Le Journal des Réseaux",
        "2024-07-15",
        (
            "Le marché français de la supervision de réseaux a progressé de 9 % en 2023, porté par "
            "les opérateurs et les hébergeurs, selon une étude publiée mardi.",
            "Lumio et Kelvo figurent parmi les entreprises citées pour leur croissance.",
        ),
    ),
)


def page_html(title: str, site: str, date: str, paragraphs: tuple[str, ...]) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return PAGE.format(title=title, site=site, date=date, paragraphs=body)


def write_warc(
    path: Path, pages: list[tuple[str, str]], answers: dict[int, tuple[str, str]] | None = None
) -> Path:
    """A WARC.gz of HTTP responses: (url, html) per page, crawled after every page was published.

    Every response is "200 OK" text/html, except `answers[i] = (status, content type)` for page i.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for index, (url, html) in enumerate(pages):
            status, content_type = (answers or {}).get(index, ("200 OK", "text/html; charset=utf-8"))
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-10-01T00:00:00Z"},  # after every page
            )
            writer.write_record(record)
    return path


def numbered_pages(count: int) -> list[tuple[str, str]]:
    """`count` distinct pages: the invented articles in turn, each numbered in its title and text."""
    pages = []
    for index in range(count):
        title, site, date, paragraphs = ARTICLES[index % len(ARTICLES)]
        extra = f"Dépêche {index} : Kelvo Systems et Lumio Films restent à suivre, selon Agathe Roussel."
        html = page_html(f"{title} ({index})", site, date, (*paragraphs, extra))
        pages.append((f"https://example.org/split/{index}", html))
    return pages


#: Pages of the big crawl file answered otherwise than "200 OK" HTML: rejects in two shards.
BIG_WARC_ANSWERS: dict[int, tuple[str, str]] = {
    3: ("404 Not Found", "text/html; charset=utf-8"),
    17: ("200 OK", "image/png"),
}


def make_big_warc(path: Path, count: int = 24) -> Path:
    """One WARC.gz of `count` numbered pages (one gzip member a record), two of them rejects."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_warc(path, numbered_pages(count), BIG_WARC_ANSWERS)


def make_crawl(root: Path) -> Path:
    """A folder: two WARC.gz files holding the articles, a loose HTML copy, a text page, an empty file."""
    root.mkdir(parents=True, exist_ok=True)
    pages = [(f"https://example.org/{i}", page_html(*article)) for i, article in enumerate(ARTICLES)]
    write_warc(root / "a-crawl.warc.gz", pages[:2])
    write_warc(root / "b-crawl.warc.gz", pages[2:])
    (root / "c-page.html").write_text(page_html(*ARTICLES[0]).replace("40 millions", "41 millions"), "utf-8")
    (root / "d-note.txt").write_text(
        "Kelvo Systems recrute.\n\nKelvo Systems annonce l'ouverture de quarante postes d'ingénieurs à "
        "Lyon et à Montréal, dont la moitié en supervision de réseaux.\n",
        "utf-8",
    )
    (root / "e-empty.html").write_bytes(b"")
    return root


KNOWLEDGE_TABLES: dict[str, str] = {
    "documents": "SELECT id, path, url, site, language, title, published, category, text, warnings, "
    "record, media_type, encoding, fetched_at, n_chars FROM documents",
    "entities": "SELECT id, name, type FROM entities",
    "aliases": "SELECT alias, norm, entity_id FROM aliases",
    "mentions": 'SELECT doc_id, entity_id, start, "end", text, label FROM mentions',
    "relations": "SELECT * FROM relations",
    "facts": "SELECT * FROM facts",
    "rejects": "SELECT path, url, id, reason, detail FROM rejects",
}


def store_contents(
    db: Path, tables: dict[str, str] = KNOWLEDGE_TABLES
) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows (timestamps left out), sorted, for comparing two stores."""
    from veille.store import Store

    with Store(db, read_only=True) as store:
        return {
            name: sorted(store.connection.execute(sql).fetchall(), key=repr) for name, sql in tables.items()
        }
