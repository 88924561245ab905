"""Line classifier of the plain-text cleaner: what one scraped line is, taken on its own.

Context (teaser blocks after a "Recent Posts" heading, sponsor names under an ad label, pull
quotes, the headline) is the job of `text.py`; here each line gets one `LineKind` from its own
content. Every rule errs towards `BODY`: a dropped body line is worse than a kept menu word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from veille.clean.text_lexicon import alternation, normalise, phrases
from veille.meta.dates import STAMP_TIME, is_stamp_line, stamp_prefix

# --- thresholds (set by reading scraped FR/EN news pages; each errs towards keeping text) ---
#: A consent banner fragment inside a longer line still marks a banner up to this length; a body
#: paragraph about cookie law that quotes a banner is longer than the banners' own lines.
CONSENT_MAX_CHARS = 500
#: No rule but the consent one applies to longer lines: the longest non-body forms (tag lists of
#: 40 words, captions of CAPTION_MAX_CHARS, banner lines of CONSENT_MAX_CHARS) stay under it.
SHORT_RULES_MAX_CHARS = 500
#: Two different banner fragments in one line mark a banner whatever its length (long IAB texts).
CONSENT_MIN_HITS_ANY_LENGTH = 2
#: Caption credits are matched at the end of a line: every credit form is shorter than this.
CREDIT_TAIL_SCAN_CHARS = 120
#: "Abonnez-vous à notre newsletter pour ..." prompts stay under this many words.
SHARE_MAX_WORDS = 25
#: A whole-line photo credit ("© AFP", "Crédit photo : Jean Dupont / Acme") is short; licence
#: credits ("Image illustrative : X by Y, en licence Creative Commons by") reach about 15 words.
CREDIT_MAX_WORDS = 16
#: A caption ending in a credit ("... à Paris. REUTERS/Jane Doe") is at most this long.
CAPTION_MAX_CHARS = 300
#: An inline "Lire aussi Headline" without separator: headlines stay under this many words.
INLINE_MAX_WORDS = 20
#: "Catégorie : X": a category name is a few words, not a sentence.
CATEGORY_MAX_WORDS = 8
#: "Tags : a, b, c": tag lists can be long but are not paragraphs.
TAGS_MAX_WORDS = 40
#: "Par Jean Dupont et Marie Martin": a byline is a handful of names.
BYLINE_MAX_WORDS = 8


class LineKind(str, Enum):
    """What a line is. Every kind but BODY and the two headings is dropped on sight."""

    BLANK = "blank"
    BODY = "body"
    CATEGORY = "category"  # "Categories: Régulations": read into doc.category, then dropped
    TAGS = "tags"
    AD_LABEL = "ad_label"  # "Publicité", "Advertisement", "Messages sponsorisés"
    RELATED_HEADING = "related_heading"  # "Lire également", "Recent Posts": opens a teaser block
    END_HEADING = "end_heading"  # "Laisser un commentaire": nothing after it is article text
    INLINE_RELATED = "inline_related"  # "Lire aussi : <headline>": a link line inside the body
    CONSENT = "consent"
    CREDIT = "credit"
    SHARE = "share"
    RELATIVE_DATE = "relative_date"  # "2 jours ago", "il y a 3 heures", "hier"
    DATE_LINE = "date_line"  # "Publié le 12 mars 2024 à 10h00": metadata, not body
    BYLINE = "byline"
    NAV = "nav"
    STRAY = "stray"  # at most one letter or digit: "n", "•", "|", "—"


@dataclass(frozen=True, slots=True)
class Line:
    """One scraped line: its text as kept (trimmed, spaces folded), its comparison form, its kind."""

    index: int
    text: str
    norm: str
    kind: LineKind
    label_value: str | None = None  # the category for CATEGORY lines


_EDGE_JUNK = " \t\r\n\x0b\x0c\xa0\u200b\u200c\u200d\u2060\ufeff"
_SPACE_RUNS = re.compile(r"[ \t]{2,}|\t")
_LABEL_SPLIT = re.compile(r"\s*[:：]\s*")
# Two letters or digits anywhere: a line without them is debris (search stops at the second one).
_TWO_ALNUM = re.compile(r"[^\W_].*?[^\W_]", re.DOTALL)
_DECORATION_HEAD = " \t:.-–—|>»«›‹•·*→"


def tidy(raw: str) -> str:
    """Trim a line and fold runs of spaces/tabs; every other character is kept as scraped."""
    text = raw.strip(_EDGE_JUNK)
    return _SPACE_RUNS.sub(" ", text) if ("  " in text or "\t" in text) else text


@dataclass(frozen=True, slots=True)
class _Patterns:
    relative: re.Pattern[str]
    inline_sep: re.Pattern[str]
    inline_bare: re.Pattern[str]
    consent: tuple[str, ...]
    share_prefix: re.Pattern[str]
    share_phrase: re.Pattern[str]
    credit_whole: re.Pattern[str]
    credit_tail: re.Pattern[str]
    agency_tail: re.Pattern[str]
    byline: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """Regexes built once from the data lists (first use, then cached)."""
    units, days = alternation("time_units"), alternation("relative_days")
    headings = alternation("related_headings")
    agencies = "|".join(sorted(raw.upper() for raw in phrases("photo_agencies")))
    number = r"(?:\d+|une?|an?|quelques|a few|few)"
    stamp = stamp_prefix()
    return _Patterns(
        # Relative dates: "il y a 3 heures", "3 hours ago", scraped hybrids "2 jours ago", "hier à 14h".
        relative=re.compile(
            rf"^{stamp}(?:(?:il y a|depuis)\s+{number}\s*(?:{units})|{number}\s*(?:{units})\s+ago"
            rf"|(?:{days}){STAMP_TIME})$"
        ),
        # "Lire aussi : X", "À lire aussi >> X", "Read more - X".
        inline_sep=re.compile(rf"^(?:{headings})\s*(?:[:>»›|–—-]+|\.\s)\s*\S"),
        inline_bare=re.compile(rf"^(?:{headings})\s+\S"),
        consent=_minimal(phrases("consent_phrases")),
        share_prefix=re.compile(rf"^(?:{alternation('share_prefixes')})\b"),
        share_phrase=re.compile(rf"\b(?:{alternation('share_phrases')})\b"),
        # Whole-line credits. "Crédit" needs "photo"/"image" or a colon: "Crédit Agricole" is a bank.
        credit_whole=re.compile(
            r"^(?:©|copyright\s*(?:©|\(c\)|\d{4}|:)|credits?\s*(?:photos?|images?)\b|credits?\s*:"
            r"|(?:photos?|images?|illustrations?|visuels?)\s*(?:credits?)?\s*[:©]"
            r"|(?:photo|image)s?\s+(?:d'illustration|illustratives?|d'archives?)"
            r"|source\s*(?:photo|image)|photo credit|image credit|(?:photo|image|photograph)\s+by\b)"
        ),
        # Captions ending in a credit: "... à Paris. © Photo News", "(Photo by X)", "/Getty Images".
        credit_tail=re.compile(
            r"(?:©[^©]{1,60}|\((?:photo|image|credit|crédit)[^)]{0,80}\)"
            r"|\b(?:photo|crédit photo|credit)\s*:\s*[^.]{1,60}"
            r"|/\s*(?:Getty Images|Shutterstock|AFP|Reuters|Bloomberg)|via (?:Getty Images|Shutterstock)"
            r"|\((?:Getty Images|Shutterstock)\)|\bAP Photo/[^.]{1,40})$",
            re.IGNORECASE,
        ),
        # Wire captions: "REUTERS/Benoit Tessier" (agency in capitals, then the photographer's name).
        agency_tail=re.compile(rf"\b(?:{agencies})/[A-Z][\w'.-]+(?: [A-Z][\w'.-]*){{0,3}}$"),
        byline=re.compile(
            r"^(?:[Pp]ar|PAR|[Bb]y|BY)\s+(?=.*[A-ZÀ-Ý])(?:[A-ZÀ-Ý][\w'’.-]*|de|du|des|van|von|da|le|la|et|and|,|\s)+$"
        ),
    )


def _minimal(entries: frozenset[str]) -> tuple[str, ...]:
    """Entries that contain no other entry, so one fragment of a line is counted once (plain
    substring tests: faster than one regex alternation on long paragraphs)."""
    return tuple(sorted(e for e in entries if not any(o != e and o in e for o in entries)))


def _labelled(text: str) -> tuple[str, str] | None:
    """("catégorie", "Régulations") for "Catégorie : Régulations"; None when there is no label."""
    parts = _LABEL_SPLIT.split(text, maxsplit=1)
    if len(parts) != 2 or not parts[1]:
        return None
    return normalise(parts[0]), parts[1].strip()


def _word_count(text: str) -> int:
    """Whitespace-separated words: thresholds are coarse, and this is cheap on long paragraphs."""
    return len(text.split())


def classify(index: int, raw: str) -> Line:
    """The kind of one scraped line, judged on its own content."""
    text = tidy(raw)
    if not text:
        return Line(index, "", "", LineKind.BLANK)
    if _TWO_ALNUM.search(text) is None:
        return Line(index, text, text, LineKind.STRAY)
    norm = normalise(text)
    if len(text) > SHORT_RULES_MAX_CHARS:  # only a banner can be this long and not be body
        hits = _consent_hits(norm)
        kind = LineKind.CONSENT if hits >= CONSENT_MIN_HITS_ANY_LENGTH else LineKind.BODY
        return Line(index, text, norm, kind)
    labelled = _labelled(text)
    if labelled is not None:
        label, value = labelled
        if label in phrases("category_labels") and _word_count(value) <= CATEGORY_MAX_WORDS:
            return Line(index, text, norm, LineKind.CATEGORY, label_value=value)
        if label in phrases("tag_labels") and _word_count(value) <= TAGS_MAX_WORDS:
            return Line(index, text, norm, LineKind.TAGS)
    return Line(index, text, norm, _kind(text, norm))


def _consent_hits(norm: str) -> int:
    return sum(1 for phrase in _patterns().consent if phrase in norm)


def _kind(text: str, norm: str) -> LineKind:
    """Rules in order of cost; exact-line lists first."""
    for list_name, kind in _EXACT_LISTS:
        if norm in phrases(list_name):
            return kind
    patterns = _patterns()
    if _is_inline_related(text, norm, patterns):
        return LineKind.INLINE_RELATED
    hits = _consent_hits(norm)
    if hits and (len(text) <= CONSENT_MAX_CHARS or hits >= CONSENT_MIN_HITS_ANY_LENGTH):
        return LineKind.CONSENT
    words = _word_count(text)
    if words <= SHARE_MAX_WORDS and (patterns.share_prefix.match(norm) or patterns.share_phrase.search(norm)):
        return LineKind.SHARE
    if _is_credit(text, norm, words, patterns):
        return LineKind.CREDIT
    if patterns.relative.match(norm):
        return LineKind.RELATIVE_DATE
    if is_stamp_line(norm):
        return LineKind.DATE_LINE
    if words <= BYLINE_MAX_WORDS and patterns.byline.match(text):
        return LineKind.BYLINE
    return LineKind.BODY


_EXACT_LISTS: tuple[tuple[str, LineKind], ...] = (
    ("ad_labels", LineKind.AD_LABEL),
    ("related_headings", LineKind.RELATED_HEADING),
    ("end_headings", LineKind.END_HEADING),
    ("consent_buttons", LineKind.CONSENT),
    ("share_lines", LineKind.SHARE),
    ("navigation", LineKind.NAV),
)


def _is_inline_related(text: str, norm: str, patterns: _Patterns) -> bool:
    """An inline link line: "Lire aussi : <headline>" (with a separator), or "À lire aussi <Headline>"
    when the rest reads like a headline: capitalised, short, no final full stop ("Voir aussi le
    rapport." is a sentence)."""
    if patterns.inline_sep.match(norm):
        return True
    match = patterns.inline_bare.match(norm)
    if match is None:
        return False
    heading_words = len(match.group(0).split()) - 1
    words = text.lstrip(_DECORATION_HEAD).split()
    if heading_words < 2 or len(words) <= heading_words:  # one-word heads ("Related X") are too loose
        return False
    rest = words[heading_words:]
    first = rest[0].lstrip("«“\"'‘(")
    return (
        bool(first)
        and (first[0].isupper() or first[0].isdigit())
        and len(rest) <= INLINE_MAX_WORDS
        and not text.endswith(".")
    )


def _is_credit(text: str, norm: str, words: int, patterns: _Patterns) -> bool:
    if words <= CREDIT_MAX_WORDS and patterns.credit_whole.match(norm):
        return True
    if text.lower().startswith(("©", "(c) ")) and words <= CREDIT_MAX_WORDS:
        return True
    if len(text) > CAPTION_MAX_CHARS:
        return False
    tail = text[-CREDIT_TAIL_SCAN_CHARS:]
    return patterns.credit_tail.search(tail) is not None or patterns.agency_tail.search(tail) is not None
