"""How a written number is read: separators, number words, language, and what is not a quantity.

The separator rule (`parse_number`), for a number written with digits:
- spaces (normal, NBSP, narrow NBSP, thin) are always thousands separators: "12 000", "1 234,5";
- when both "." and "," occur, the last one is the decimal mark: "1,234.5" (en), "1.234,5" (fr);
- one mark occurring twice or more separates thousands: "1.234.567", "1,234,567";
- one mark once, followed by anything but exactly 3 digits, is the decimal mark: "5,32", "3.4", "0,2";
- one mark once, followed by exactly 3 digits, is ambiguous ("55.000", "2,384", "1,234"):
    "," is a decimal comma in French ("2,384 milliards" = 2.384e9) and a thousands comma in English;
    "." is a thousands dot in French ("55.000 kilomètres" = 55000) and a decimal point in English;
    a leading "0" makes it decimal ("0,125", "0.500");
    with no language known, "," before a scale word is decimal ("5,320 milliards"), otherwise thousands;
    "." is read as thousands.
The language is the caller's `lang`; else a cue next to the number (a "$" or "£" before it, an English
word such as "billion" or "employees", a French one such as "milliards" or "kilomètres"); else the
language `guess_language` finds for the whole text. The same language picks the value of "billion"
(10^9 in English, 10^12 in French: only when the caller says `lang="fr"` or a French cue comes first).

`masked_spans(text)` finds what looks like a number but is not a quantity: dates ("31 mars",
"March 31", "31/03/2020", "2020-03-31"), year spans ("2020-2023", "2019/20"), times ("10h19", "21:00")
and phone numbers ("01 23 45 67 89", "+33 1 23 45 67 89", "(555) 123-4567").
"""

from __future__ import annotations

import bisect
import logging
import re
from functools import lru_cache

from veille.ner.number_lexicon import Lexicon, load_lexicon, normalise, trie_pattern

LOGGER = logging.getLogger(__name__)

#: How much of a text `guess_language` reads: 3,000 characters hold ~500 words, enough function words
#: to tell French from English in every article of the dev gold and the OrangeSum sample we looked at.
LANG_SAMPLE_CHARS = 3000
#: A language is guessed only when its marker count beats the other's by this factor (set by hand:
#: English quotes inside French articles give a few "the"/"of"; 1.5x keeps those on the French side).
LANG_MARGIN = 1.5

DIGIT_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:[ .,]\d{3})*(?:[.,]\d+)?$|^[+-]?\d+(?:[.,]\d+)?$")
_SPACED = re.compile(r"^(\d{1,3}(?: \d{3})+)(?:[.,](\d+))?$")
THOUSANDS_GROUP = 3


def parse_number(s: str, lang: str | None = None, *, scaled: bool = False) -> float | None:
    """The value of a number written with digits or number words; None when `s` is not one.

    `lang` ("fr", "en" or None) settles the ambiguous separators (module docstring);
    `scaled` says a scale word follows ("2,384 milliards"), which makes a lone "," decimal.
    """
    text = normalise(s).strip()
    if not text:
        return None
    if not text[0].isdigit() and text[0] not in "+-":
        return words_value(text)
    sign = -1.0 if text[0] == "-" else 1.0
    body = text.lstrip("+-").strip()
    if not DIGIT_NUMBER.match(body):
        return None
    value = _digits_value(body, lang, scaled)
    return None if value is None else sign * value


def _digits_value(body: str, lang: str | None, scaled: bool) -> float | None:
    if " " in body:
        spaced = _SPACED.match(body)
        if spaced is None or not _valid_groups(spaced.group(1).split(" ")):
            return None
        decimals = spaced.group(2)
        return float(spaced.group(1).replace(" ", "") + ("." + decimals if decimals else ""))
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        integer, decimals = body.rsplit(decimal_mark, 1)
        if body.count(decimal_mark) > 1 or not _valid_groups(integer.split(group_mark)):
            return None
        return float(integer.replace(group_mark, "") + "." + decimals)
    mark = "." if dots else "," if commas else ""
    if not mark:
        return float(body)
    parts = body.split(mark)
    if len(parts) > 2:
        return float("".join(parts)) if _valid_groups(parts) else None
    integer, fraction = parts
    if len(fraction) != THOUSANDS_GROUP or integer == "0" or not _is_thousands(mark, lang, scaled):
        return float(integer + "." + fraction)
    return float(integer + fraction)


def _valid_groups(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= THOUSANDS_GROUP and all(len(g) == THOUSANDS_GROUP for g in groups[1:])


def _is_thousands(mark: str, lang: str | None, scaled: bool) -> bool:
    """Whether a lone mark followed by exactly three digits separates thousands (module docstring)."""
    if mark == ",":
        return lang == "en" if lang else not scaled
    return lang != "en"


def words_value(text: str, lexicon: Lexicon | None = None) -> float | None:
    """The value of number words: "deux" 2, "vingt-cinq" 25, "deux cents" 200, "trois mille" 3000,
    "quatre-vingt-dix" 90, "twenty-five" 25, "two hundred" 200; None if a token is not a number word."""
    lex = lexicon or load_lexicon()
    tokens = [t for t in re.split(r"[\s-]+", normalise(text).lower().strip()) if t not in ("et", "and", "")]
    # re-join the compound "quatre-vingt(s)" that the split cut in two
    merged: list[str] = []
    for token in tokens:
        if merged and merged[-1] == "quatre" and token in ("vingt", "vingts"):
            merged[-1] = "quatre-" + token
        else:
            merged.append(token)
    total, current = 0, 0
    for token in merged:
        if token not in lex.number_words:
            return None
        value, _lang, role = lex.number_words[token]
        if role == "hundred":
            current = (current or 1) * value
        elif role == "thousand":
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return float(total + current) if merged else None


def guess_language(text: str) -> str | None:
    """ "fr" or "en" from function-word counts in the first `LANG_SAMPLE_CHARS`; None when unclear."""
    markers = load_lexicon().lang_markers
    counts = {"fr": 0, "en": 0}
    for word in _marker_regex().findall(text[:LANG_SAMPLE_CHARS].lower()):
        counts[markers[word]] += 1
    if counts["fr"] > LANG_MARGIN * counts["en"]:
        return "fr"
    if counts["en"] > LANG_MARGIN * counts["fr"]:
        return "en"
    return None


@lru_cache(maxsize=1)
def _marker_regex() -> re.Pattern[str]:
    return re.compile(trie_pattern(load_lexicon().lang_markers) + r"(?!\w)")


#: After "juin 15", these make it a quantity, not a date ("à la mi-juin 15 millions d'euros").
_NOT_DATE_AFTER = r"[ ]*(?:%|millions?|milliards?|billions?|thousands?|mille|M€|Md)"


@lru_cache(maxsize=1)
def _mask_regexes() -> tuple[re.Pattern[str], ...]:
    """Regexes of non-quantities. Each starts with a digit, "+" or "(" (the lookbehinds come after it),
    which lets the regex engine skip ahead in C to candidate characters: ~10x faster than a leading
    lookbehind. Every pattern that starts with a digit shares one regex (one scan)."""
    months = "|".join(
        re.escape(m) + (r"(?!\w)" if m[-1].isalnum() else "")
        for m in sorted(load_lexicon().months, key=len, reverse=True)
    )
    ordinal = r"\d{1,2}(?:er|re|st|nd|rd|th)?"
    after_first_digit = [
        # 31 mars, 1er juillet, 27 et 28 juin, 16 au 18 avril, 3rd of March
        rf"(?<![\d.,]\d)\d?(?:er|re|st|nd|rd|th)?(?:\s*(?:,|et|à|au|-|and|to|&)\s*{ordinal})*\s+"
        rf"(?:of\s+|de\s+)?(?i:{months})",
        r"(?<![\w.,/]\d)\d{0,3}[/.-]\d{1,2}[/.-]\d{1,4}(?![\w/])",  # 31/03/2020, 2020-03-31, 31.03.20
        r"(?<![\w.,]\d)(?:(?<=1)[89]|(?<=2)0)\d\d\s*[-/]\s*(?:(?:1[89]|20)\d\d|\d{1,2})(?![\w%])",  # 2020-23
        r"(?<![\w.,]\d)\d?\s?[hH]\s?\d\d(?!\d)",  # 10h19, 10 h 30
        r"(?<![\w.,:]\d)\d?:\d\d(?::\d\d)?(?!\d)",  # 21:00
        r"(?<=0)(?<![\w+]0)[1-9](?:[ .-]?\d\d){4}(?!\d)",  # 01 23 45 67 89
        r"(?<![\w.,]\d)\d\d[ .-]\d{3}-\d{4}(?!\d)",  # 555-123-4567
    ]
    others = [
        r"\+(?<![\w+]\+)\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){3,5}(?!\d)",  # +33 1 23 45 67 89
        r"\((?<!\w\()\d{3}\)[ .-]?\d{3}-\d{4}(?!\d)",  # (555) 123-4567
    ]
    digit_first = r"\d(?:" + "|".join(after_first_digit) + ")"
    return (re.compile(digit_first), *(re.compile(p) for p in others))


_WORD_BEFORE = re.compile(r"(?<!\w)(?P<x>[^\W\d_]+\.?)[ ]+\Z")
_DAY_OR_YEAR = re.compile(rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|\d{{4}})(?!\w)(?![.,]\d)(?!{_NOT_DATE_AFTER})")
#: A month name is at most 9 letters ("septembre"), plus a dot and spaces.
MONTH_WINDOW = 12


def after_month(normalised_text: str, start: int) -> bool:
    """Whether the number at `start` is a day or year after a month name: "March 31", "juin 2020"."""
    before = _WORD_BEFORE.search(normalised_text, max(0, start - MONTH_WINDOW), start)
    if before is None or before.group("x").lower() not in _months_lower():
        return False
    return _DAY_OR_YEAR.match(normalised_text, start) is not None


@lru_cache(maxsize=1)
def _months_lower() -> frozenset[str]:
    return frozenset(m.lower() for m in load_lexicon().months)


class Masks:
    """Spans of the text that hold numbers which are not quantities (dates, times, phones)."""

    def __init__(self, normalised_text: str) -> None:
        spans = sorted(
            (match.start(), match.end())
            for regex in _mask_regexes()
            for match in regex.finditer(normalised_text)
        )
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:  # merge overlaps so that one bisect answers `covers`
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def covers(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]
