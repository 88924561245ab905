"""What an HTML page says about itself: headline, publication date, site name, categories.

Read from an lxml tree already parsed by the cleaner (the page is parsed once). Meta tags and
JSON-LD come from trafilatura's metadata helpers, the date from htmldate. Only the fields veille
uses are computed: author, licence and tags are skipped, and categories come from meta tags and
JSON-LD only (trafilatura's link-based category search costs 5 ms a page on OrangeSum, about a tenth
of a whole extraction, for a secondary field).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

from veille.meta.language import normalise_code
from veille.meta.site import site_from_url
from veille.meta.title import strip_site_name

LOGGER = logging.getLogger(__name__)

#: Key under which the HTML cleaner leaves the page's `<html lang>` for the metadata stage.
SCRATCH_HTML_LANG = "html_lang"
#: Meta tags naming the page's section ("article:section" is Open Graph's; OrangeSum uses it).
SECTION_XPATH = (
    './/head/meta[@property="article:section" or @name="article:section" or @name="section"][@content]'
)
#: Earliest publication date accepted from the markup (htmldate's own floor; the first French
#: news sites went online in 1995).
MIN_PAGE_DATE = "1995-01-01"


@dataclass(slots=True, frozen=True)
class DateSettings:
    """htmldate options. Chosen on ../shared/corpus/htmldate-eval and OrangeSum speed
    (bench/extraction_quality.py --dates, bench/extraction_speed.py).

    `original_date`: the first publication, not the last update (published, not modified).
    `extensive_search`: htmldate's free-text scan of the whole page when markup holds no date.
    """

    original_date: bool = True
    extensive_search: bool = True


@dataclass(slots=True)
class PageMeta:
    """Metadata read from the markup; every field may be missing."""

    title: str | None = None
    published: str | None = None
    sitename: str | None = None
    categories: list[str] = field(default_factory=list)
    url: str | None = None
    lang: str | None = None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(value.split())
    return text or None


def _canonical(tree: HtmlElement) -> str | None:
    link = tree.find('.//head/link[@rel="canonical"]')
    return None if link is None else link.get("href")


def _page_url(value: str | None) -> str | None:
    """An absolute http(s) URL the page declares for itself, else None."""
    cleaned = _clean(value)
    return cleaned if cleaned and cleaned.lower().startswith(("http://", "https://")) else None


def page_date(
    tree: HtmlElement, url: str | None, settings: DateSettings, latest: dt.date | None = None
) -> str | None:
    """The publication date the page states (YYYY-MM-DD), or None. `latest` bounds it from
    above (the fetch date: a page cannot have been published after it was fetched)."""
    bound = (latest or dt.date.today()).isoformat()
    try:
        found = find_date(
            tree,
            extensive_search=settings.extensive_search,
            original_date=settings.original_date,
            url=url,
            min_date=MIN_PAGE_DATE,
            max_date=bound,
        )
    except (ValueError, TypeError) as exc:  # malformed markup htmldate cannot walk
        LOGGER.debug("htmldate failed on %s: %r", url, exc)
        return None
    return found or None


def read_page_meta(
    tree: HtmlElement,
    url: str | None = None,
    *,
    dates: DateSettings | None = None,
    latest: dt.date | None = None,
) -> PageMeta:
    """Headline, date, site name, categories and `<html lang>` of a parsed page."""
    found = examine_meta(tree)
    try:
        found = extract_meta_json(tree, found)
    except Exception as exc:  # third-party JSON-LD parser on arbitrary page JSON
        LOGGER.debug("JSON-LD metadata unreadable on %s: %r", url, exc)
    meta = PageMeta()
    meta.url = url or _page_url(found.url) or _page_url(_canonical(tree))
    meta.sitename = _clean(found.sitename) or _clean(extract_sitename(tree))
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
    title = _clean(found.title) or _clean(extract_title(tree))
    if title:
        meta.title = strip_site_name(title, meta.sitename, site_from_url(meta.url)) or title
    meta.published = page_date(tree, meta.url, dates or DateSettings(), latest)
    categories = found.categories or [str(element.get("content")) for element in tree.xpath(SECTION_XPATH)]
    meta.categories = [clean for clean in (_clean(c) for c in categories) if clean]
    lang = tree.get("lang") or tree.get("xml:lang")
    meta.lang = normalise_code(lang) if lang and lang.strip() else None
    return meta
