"""Datelines: the publication date a page states in its first lines, in French or English.

    "Publié le 12 mars 2024 à 10h30"     -> 2024-03-12 (published)
    "Mis à jour le 13/03/2024"           -> 2024-03-13 (updated: used only if no publication date)
    "Le 03/02/2021 à 10h"                -> 2021-02-03 (a bare dateline counts as publication)
    "March 3, 2024" / "Published: 2024-03-03" / "Publié en mars 2024" -> 2024-03-03 / 2024-03

Only short lines that are datelines count: a cue word ("publié", "posted", ...) at the start of the
line or after a separator, or a line holding nothing but the date (with weekday, time, "le", a
byline). A date inside a body sentence ("Le rapport publié le 12 mars montre...") is an event, not
the publication date. Relative dates ("il y a 2 jours", "2 days ago") are never turned into dates:
they depend on the crawl date, which is never a publication date.

This module is the one place that knows what a date line looks like: `dateline_of` reads the date
for the metadata stage and the HTML cleaner, and `is_stamp_line` (same month, weekday and cue
lists) is the stricter test the plain-text cleaner uses to drop stamp lines from the article.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from veille.meta.lexicon import alternation, cues, fold, months, weekdays

LOGGER = logging.getLogger(__name__)

DateKind = Literal["published", "updated"]

#: Non-empty lines searched from the top of the text. Scraped text often opens with a few menu or
#: consent lines before the headline and dateline; 12 covers the samples in ../shared and the
#: OrangeSum pages (dateline within the first 6 lines) with room to spare.
DATELINE_SCAN_LINES = 12
#: A line longer than this is body text, not a dateline ("Publié le ..., mis à jour le ..." with a
#: byline fits in ~110 characters).
DATELINE_MAX_CHARS = 160
#: A byline before a bare date ("Par Jean-Marc Dupont | 12 mars 2024") may hold this many words.
BYLINE_MAX_WORDS = 5
#: Dates before this year are not web publication dates (the first French news sites went online
#: in 1995); a "1970-01-01" is an epoch placeholder.
MIN_YEAR = 1995
#: Two-digit years up to this value are 20xx, above it 19xx ("12/03/24" -> 2024, "12/03/98" -> 1998).
TWO_DIGIT_YEAR_PIVOT = 70


#: Regex source of an optional time after a date on a stamp line (" a 10h30", ", 7:40 pm cet").
STAMP_TIME = r"(?:\s*(?:,|a|at|-|–)?\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}\s*(?:am|pm)?(?:\s*(?:cet|cest|utc|gmt))?)?"

_DIGIT = re.compile(r"\d")


@dataclass(slots=True, frozen=True)
class Dateline:
    """A date found on a dateline: ISO value (YYYY-MM-DD or YYYY-MM), its kind, the folded line."""

    value: str
    kind: DateKind
    line: str


@dataclass(slots=True, frozen=True)
class _Match:
    start: int
    end: int
    value: str


@dataclass(slots=True, frozen=True)
class _Patterns:
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    day_month_year: re.Pattern[str]
    month_day_year: re.Pattern[str]
    month_year: re.Pattern[str]
    published_cue: re.Pattern[str]
    updated_cue: re.Pattern[str]
    filler: re.Pattern[str]
    byline: re.Pattern[str]
    stamp_line: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """Regexes built once from the metadata word lists (first use, then cached)."""
    month = rf"(?P<month>{alternation(months())})\.?"
    year = r"(?P<year>\d{4})(?!\d)"
    day = r"(?P<day>\d{1,2})(?:er|re|e|st|nd|rd|th)?\.?"
    # a cue counts at the line start or after a separator (a byline, a previous date)
    cue_start = r"(?:^|[|,;•·/(\-–—]\s*|\d\s+)"
    filler_words = [*cues("filler"), *weekdays()]
    return _Patterns(
        iso=re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"),
        numeric=re.compile(r"(?<!\d)(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})(?!\d)"),
        day_month_year=re.compile(rf"(?<![\w]){day}\s+(?:de\s+)?{month}\s*,?\s+(?:de\s+)?{year}"),
        month_day_year=re.compile(rf"\b{month}\s+{day}\s*,?\s+{year}"),
        month_year=re.compile(rf"\b{month}\s*,?\s+{year}"),
        published_cue=re.compile(rf"{cue_start}(?:{alternation(cues('published'))})\b"),
        updated_cue=re.compile(rf"{cue_start}(?:{alternation(cues('updated'))})\b"),
        filler=re.compile(
            rf"\b(?:{alternation([*filler_words, *cues('published'), *cues('updated')])})\b\.?"
            rf"|\bt?\d{{1,2}}\s*[h:]\s*\d{{0,2}}(?::\d{{2}})?(?:\.\d+)?(?:z\b)?|[^\w\s]+|\d+"
        ),
        byline=re.compile(rf"^\s*(?:{alternation(cues('byline'))})\s+"),
        stamp_line=_stamp_line_pattern(),
    )


@cache
def stamp_prefix() -> str:
    """Regex source of an optional publication or update cue opening a folded line ("publie le ",
    "updated on: "), built from the dateline cue list so every date rule reads the same cues."""
    cue_words = alternation([*cues("published"), *cues("updated")])
    return rf"(?:(?:{cue_words})(?:\s+(?:le|on))?\s*:?\s*)?"


def _stamp_line_pattern() -> re.Pattern[str]:
    """One or two full dates (day, month, year), each maybe behind a cue and followed by a time,
    and nothing else: the strict shape `is_stamp_line` accepts."""
    month_names, weekday_names = alternation(months()), alternation(list(weekdays()))
    date = (
        rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
        rf"|(?:(?:{weekday_names})\.?,?\s+)?(?:le\s+)?\d{{1,2}}(?:er)?\s+(?:{month_names})\.?\s+\d{{4}}"
        rf"|(?:(?:{weekday_names})\.?,?\s+)?(?:{month_names})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
    )
    one_date = rf"{stamp_prefix()}(?:le\s+)?{date}{STAMP_TIME}"
    return re.compile(rf"^{one_date}(?:\s*[,|–-]?\s*{one_date})?$")


def _iso(year: int, month: int, day: int | None, latest: dt.date) -> str | None:
    """The ISO form of a valid date between MIN_YEAR and `latest`, else None (not a date)."""
    if year < MIN_YEAR:
        return None
    try:
        when = dt.date(year, month, day or 1)
    except ValueError:
        return None
    if when > latest:
        return None
    return when.isoformat() if day is not None else f"{year:04d}-{month:02d}"


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        value += 2000 if value <= TWO_DIGIT_YEAR_PIVOT else 1900
    return value


def _numeric_order(a: int, b: int, day_first: bool) -> tuple[int, int]:
    """(day, month) of "a/b/yyyy": the impossible reading loses, else the language decides."""
    if a > 12:
        return a, b
    if b > 12:
        return b, a
    return (a, b) if day_first else (b, a)


def find_dates(
    line: str, *, day_first: bool = True, latest: dt.date | None = None
) -> list[tuple[int, int, str]]:
    """Every valid date expression in a folded line as (start, end, ISO value), left to right.

    Overlaps are resolved before validity is checked, so the "mars 2024" inside an impossible
    "31 mars 2024" (or one after `latest`) does not come back as a month-only date.
    """
    bound = latest or dt.date.today()
    patterns = _patterns()
    table = months()
    found: list[_Match] = []
    for match in patterns.iso.finditer(line):
        value = _iso(int(match["year"]), int(match["month"]), int(match["day"]), bound)
        found.append(_Match(match.start(), match.end(), value or ""))
    for match in patterns.numeric.finditer(line):
        day, month = _numeric_order(int(match["a"]), int(match["b"]), day_first)
        value = _iso(_year(match["year"]), month, day, bound)
        found.append(_Match(match.start(), match.end(), value or ""))
    for pattern in (patterns.day_month_year, patterns.month_day_year):
        for match in pattern.finditer(line):
            value = _iso(int(match["year"]), table[match["month"]], int(match["day"]), bound)
            found.append(_Match(match.start(), match.end(), value or ""))
    for match in patterns.month_year.finditer(line):
        value = _iso(int(match["year"]), table[match["month"]], None, bound)
        found.append(_Match(match.start(), match.end(), value or ""))
    return [(m.start, m.end, m.value) for m in _without_overlaps(found) if m.value]


def _without_overlaps(found: list[_Match]) -> list[_Match]:
    """Keep the longest of overlapping matches (a full date beats its month-year tail)."""
    kept: list[_Match] = []
    for match in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept


def _cue_kind(prefix: str) -> DateKind | None:
    """The kind of the last cue in the text before a date, if any."""
    patterns = _patterns()
    published = [m.end() for m in patterns.published_cue.finditer(prefix)]
    updated = [m.end() for m in patterns.updated_cue.finditer(prefix)]
    if not published and not updated:
        return None
    if updated and (not published or max(updated) >= max(published)):
        return "updated"
    return "published"


def _is_bare_dateline(line: str, dates: list[tuple[int, int, str]]) -> bool:
    """True when the line holds nothing but dates, cues, times, weekdays, fillers, maybe a byline."""
    rest = line
    for start, end, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    patterns = _patterns()
    byline = patterns.byline.match(rest)
    words = patterns.filler.sub(" ", rest[byline.end() :] if byline else rest).split()
    return len(words) <= (BYLINE_MAX_WORDS if byline else 0)


def dateline_of(line: str, *, day_first: bool = True, latest: dt.date | None = None) -> Dateline | None:
    """The dateline a single line states, or None when the line is not a dateline."""
    if not _DIGIT.search(line):
        return None  # every dateline has a year
    folded = " ".join(fold(line).split())
    if len(folded) > DATELINE_MAX_CHARS:
        return None
    dates = find_dates(folded, day_first=day_first, latest=latest)
    if not dates:
        return None
    bare = _is_bare_dateline(folded, dates)
    published: str | None = None
    updated: str | None = None
    previous_end = 0
    for start, end, value in dates:
        kind = _cue_kind(folded[previous_end:start])
        previous_end = end
        if kind is None and bare:
            kind = "published"  # an uncued date on a dateline is the publication date
        if kind == "published" and published is None:
            published = value
        elif kind == "updated" and updated is None:
            updated = value
    if published:
        return Dateline(published, "published", folded)
    if updated:
        return Dateline(updated, "updated", folded)
    return None


def is_stamp_line(folded: str) -> bool:
    """True when a folded line (lower case, no accents, decoration stripped) is only one or two
    date stamps: "publie le 12 mars 2024 a 10h00", "updated march 3, 2024, 10:00 am".

    Stricter than `dateline_of` on purpose: the plain-text cleaner drops these lines from the
    article, so a line with anything else (a byline, an archive count, a caption) is kept as body.
    It checks the shape only, not that the date exists or lies before the fetch day.
    """
    return _patterns().stamp_line.match(folded) is not None


def find_dateline(
    text: str,
    *,
    day_first: bool = True,
    latest: dt.date | None = None,
    max_lines: int = DATELINE_SCAN_LINES,
) -> Dateline | None:
    """The publication date stated on a dateline among the first lines of `text`.

    A publication dateline wins over an update dateline; an update date is returned only when the
    first lines state no publication date. None when no line is a dateline.
    """
    first_updated: Dateline | None = None
    seen = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        found = dateline_of(line, day_first=day_first, latest=latest)
        if found is None:
            continue
        if found.kind == "published":
            return found
        first_updated = first_updated or found
    return first_updated


def fetch_day(fetched_at: str | None) -> dt.date | None:
    """The day a page was fetched (an ISO date or datetime), as an upper bound for its
    publication date; None when unknown or unreadable. Never a publication date itself."""
    if not fetched_at:
        return None
    try:
        return dt.date.fromisoformat(fetched_at.strip()[:10])
    except ValueError:
        return None
