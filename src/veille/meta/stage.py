"""The metadata stage: language, site, and the publication date when the cleaner found none.

Runs after the cleaners on every document:
- language: py3langid on the main text (the title when the text is too short, then `<html lang>`),
  as an ISO 639-1 code; a warning when it is not a language veille handles (fr, en);
- site: kept if the cleaner set a site name, else the URL's host without "www.";
- published: kept if the cleaner found one, else the dateline in the first lines of the text
  (the scraped text as given, for plain-text inputs, since cleaning may drop the dateline line);
  never the crawl date: when no date is stated the field stays None with a warning.
"""

from __future__ import annotations

import logging
import re

from veille.doc import Doc
from veille.errors import Warn
from veille.meta.dates import fetch_day, find_dateline
from veille.meta.language import SUPPORTED_LANGUAGES, LanguageDetector
from veille.meta.page import SCRATCH_HTML_LANG
from veille.meta.site import site_from_url
from veille.pipeline import Stage

LOGGER = logging.getLogger(__name__)

#: Languages whose numeric dates read month first ("03/04/2024" is March 4 in English text).
MONTH_FIRST_LANGUAGES: frozenset[str] = frozenset({"en"})
_ISO_CODE = re.compile(r"^[a-z]{2}$")
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class MetadataStage(Stage):
    """Language, site and dateline publication date of every document."""

    name = "veille.meta.v1"
    requires = ("text",)
    assigns = ("language", "published", "source")

    def __init__(self) -> None:
        super().__init__()
        self.detector = LanguageDetector()

    def process(self, doc: Doc) -> Doc:
        doc.language = self.language_of(doc)
        if doc.language and doc.language not in SUPPORTED_LANGUAGES:
            doc.warn(Warn.language_not_supported(doc.language))
        if not doc.source.site:
            doc.source.site = site_from_url(doc.source.url)
        doc.published = self.published_of(doc)
        if doc.published is None:
            doc.warn(Warn.NO_DATE)
        if not (doc.title and doc.title.strip()):
            doc.warn(Warn.NO_TITLE)
        return doc

    def language_of(self, doc: Doc) -> str | None:
        """ISO 639-1 code of the text, else of the title, else the page's declared language."""
        for sample in (doc.text, doc.title or ""):
            guess = self.detector.detect(sample)
            if guess is not None and _ISO_CODE.match(guess.code):
                return guess.code
        declared = doc.scratch.get(SCRATCH_HTML_LANG)
        if isinstance(declared, str) and _ISO_CODE.match(declared):
            return declared
        return doc.language

    def published_of(self, doc: Doc) -> str | None:
        """The date set by a cleaner if well-formed, else the first lines' dateline, else None."""
        if doc.published:
            if _ISO_DATE.match(doc.published):
                return doc.published
            LOGGER.debug("discarding malformed date %r on %s", doc.published, doc.source.path or doc.id)
        source = doc.markup if doc.media_type == "text" and doc.markup else doc.text
        found = find_dateline(
            source,
            day_first=doc.language not in MONTH_FIRST_LANGUAGES,
            latest=fetch_day(doc.fetched_at),
        )
        return found.value if found else None
