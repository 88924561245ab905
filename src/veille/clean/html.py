"""The HTML cleaner: main text, headline, publication date and category of a web page.

    markup --cap--> lxml tree (parsed once) --+--> page metadata (meta tags, JSON-LD, htmldate)
                                              +--> trafilatura main-text extraction
                                                      --> html_rules: paragraphs, boilerplate lines

The publication date is what the page states (markup, JSON-LD, URL, visible text); the crawl
date (`doc.fetched_at`) only bounds it from above and is never used as the date itself.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from veille.clean.html_rules import join_paragraphs, paragraphs
from veille.doc import Doc
from veille.errors import Warn
from veille.meta.dates import fetch_day, find_dateline
from veille.meta.page import SCRATCH_HTML_LANG, DateSettings, PageMeta, read_page_meta
from veille.pipeline import Stage

LOGGER = logging.getLogger(__name__)

#: Characters of markup cleaned per page. The largest real page in the evaluation corpora is
#: 1.6 MB (trafilatura-eval; OrangeSum max 91 kB); 5 MB leaves 3x headroom. Measured: a 5 MB
#: page cleans in about 2 s, and a 50 MB page, cut to 5 MB, in the same time.
MAX_MARKUP_CHARS = 5_000_000


@dataclass(slots=True, frozen=True)
class ExtractionSettings:
    """trafilatura options, tuned on ../shared/corpus/trafilatura-eval (26 French pages, and all
    990) and ../shared/corpus/scrapinghub-aeb (bench/extraction_quality.py; variants compared with
    the line rules on):
    - include_comments=False: readers' comments are not the article (also faster);
    - favor_precision: +0.004 F1 on scrapinghub-aeb but French snippet recall 0.974 -> 0.947 and
      all-pages recall 0.944 -> 0.918, so off (the line rules give most of the precision gain);
    - favor_recall: -0.006 F1 on trafilatura-eval; include_tables=False: recall -0.006 to -0.013;
      deduplicate=True: -0.017 F1 on scrapinghub-aeb; prune_xpath //figcaption: no change.
    """

    favor_precision: bool = False
    favor_recall: bool = False
    include_comments: bool = False
    include_tables: bool = True
    deduplicate: bool = False
    fast: bool = False
    prune_xpath: tuple[str, ...] = ()


def cap_markup(markup: str, limit: int = MAX_MARKUP_CHARS) -> str:
    """The first `limit` characters of the markup, cut before a tag so no tag is split."""
    if len(markup) <= limit:
        return markup
    cut = markup.rfind("<", 0, limit)
    return markup[: cut if cut > 0 else limit]


class HtmlCleaner(Stage):
    """Main text, title, publication date and category of `media_type == "html"` documents."""

    name = "veille.clean.html.v1"
    requires = ("markup",)
    assigns = ("text", "title", "published", "category")

    def __init__(
        self,
        extraction: ExtractionSettings | None = None,
        dates: DateSettings | None = None,
        max_markup_chars: int = MAX_MARKUP_CHARS,
    ) -> None:
        super().__init__()
        self.extraction = extraction or ExtractionSettings()
        self.dates = dates or DateSettings()
        self.max_markup_chars = max_markup_chars

    def process(self, doc: Doc) -> Doc:
        if doc.media_type != "html":
            return doc
        markup = cap_markup(doc.markup, self.max_markup_chars)
        if len(markup) < len(doc.markup):
            LOGGER.warning(
                "page %s cut from %d to %d characters",
                doc.source.path or doc.id,
                len(doc.markup),
                len(markup),
            )
            doc.warn(Warn.HUGE_PAGE)
        tree = load_html(markup) if markup.strip() else None
        if tree is None:
            doc.warn(Warn.NO_TEXT)
            return doc
        meta = read_page_meta(tree, doc.source.url, dates=self.dates, latest=fetch_day(doc.fetched_at))
        self._apply_meta(doc, meta)
        main_text = self._main_text(tree, meta.url)
        if doc.published is None:  # a dateline in the text, before the line filter drops it
            found = find_dateline(main_text, day_first=meta.lang != "en", latest=fetch_day(doc.fetched_at))
            doc.published = found.value if found else None
        doc.text = join_paragraphs(paragraphs(main_text, doc.title))
        if not doc.text:
            # not an article (an index, a gallery): the dates on it belong to what it lists
            doc.published = None
            doc.warn(Warn.NO_TEXT)
        return doc

    def _apply_meta(self, doc: Doc, meta: PageMeta) -> None:
        doc.title = meta.title or doc.title
        doc.published = meta.published or doc.published
        doc.category = meta.categories[0] if meta.categories else doc.category
        if meta.url and not doc.source.url:  # the page's own canonical / og:url
            doc.source.url = meta.url
        if meta.sitename and not doc.source.site:
            doc.source.site = meta.sitename
        if meta.lang:
            doc.scratch[SCRATCH_HTML_LANG] = meta.lang

    def _main_text(self, tree: HtmlElement, url: str | None) -> str:
        """trafilatura's main text of the tree (it works on its own copy), or "" if none."""
        settings = self.extraction
        result = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=settings.fast,
            favor_precision=settings.favor_precision,
            favor_recall=settings.favor_recall,
            include_comments=settings.include_comments,
            include_tables=settings.include_tables,
            deduplicate=settings.deduplicate,
            prune_xpath=list(settings.prune_xpath) or None,
            with_metadata=False,
        )
        if result is None or isinstance(result, dict):
            return ""
        return result.text or ""
