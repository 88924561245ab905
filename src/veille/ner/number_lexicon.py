"""The word lists of the number recogniser, read once from `veille/data/numbers/` and compiled.

Every list is data (see `data/numbers/README.txt` for the columns). `load_lexicon()` reads them on
first use and builds one alternation regex per list, longest surface first, so that "milliards" wins
over "M" and "livres sterling" over "livres". Case-sensitive surfaces ("M", "MW", "Mo") stay as written;
the others are wrapped in `(?i:...)`. Matching is done on the *normalised* text of `normalise()`,
which has the same length as the input, so every offset found is an offset into the input.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from veille.data.tables import tsv_rows, words
from veille.errors import ConfigError

LOGGER = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "numbers"

#: One character for one: typographic apostrophes, exotic spaces and dashes become their plain forms.
_PLAIN = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
    "\u2008": " ",
    "\u200a": " ",
    "\u2212": "-",
    "\u2013": "-",
    "\u2011": "-",
    "\u2010": "-",
}
_SPECIAL = re.compile("[" + "".join(_PLAIN) + "]")


def normalise(text: str) -> str:
    """`text` with apostrophes, spaces and dashes made plain; same length, so offsets carry over.

    (A regex substitution: these characters are rare, and `str.translate` with a mapping costs a
    dictionary look-up per character, 5x slower on news text.)"""
    return _SPECIAL.sub(_plain, text)


def _plain(match: re.Match[str]) -> str:
    return _PLAIN[match.group()]


def lower_same_length(text: str) -> str | None:
    """`text.lower()` when it keeps every offset (it does unless the text holds a letter such as "İ")."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def trie_pattern(words: Iterable[str], word_start: bool = True) -> str:
    """A regex matching exactly `words` (lower-case), factored as a trie: "d(?:eux|ix|ouze)|...".

    The top level is a choice of literal first characters, so the regex engine scans ahead in C
    to the next candidate character; with `word_start`, a lookbehind placed after that first
    character rejects matches inside a word ("aucun")."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alternatives = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    start = r"(?<!\w.)" if word_start else ""
    return "(?:" + "|".join(re.escape(ch) + start + build(sub) for ch, sub in sorted(root.items())) + ")"


@dataclass(slots=True, frozen=True)
class Entry:
    """One surface form of a unit, currency or scale word."""

    surface: str
    code: str  # unit ("km"), ISO currency ("EUR") or, for scales, the multiplier as text
    kind: str  # units: percent | quantity | count; currencies: money; scales: scale
    case_sensitive: bool
    lang: str  # "fr", "en" or "*"
    glue: bool  # may be written glued to the digits
    guard: str = "-"  # "-" | "scale" (currency) | "currency" (scale)
    where: str = "post"  # currencies: pre | post | both


class Table:
    """Entries of one list, an alternation regex over them, and lookup of a matched string."""

    def __init__(self, entries: Iterable[Entry], boundary: bool = True) -> None:
        self.exact: dict[str, Entry] = {}
        self.folded: dict[str, Entry] = {}
        for entry in entries:
            key = _fold_space(entry.surface)
            target = self.exact if entry.case_sensitive else self.folded
            target.setdefault(key if entry.case_sensitive else key.lower(), entry)
        surfaces = sorted(
            {(e.surface, e.case_sensitive) for e in (*self.exact.values(), *self.folded.values())},
            key=lambda item: (-len(item[0]), item[0]),
        )
        self.pattern = "|".join(_alternative(s, cs, boundary) for s, cs in surfaces) or r"(?!x)x"
        self.regex = re.compile(self.pattern)

    def lookup(self, matched: str) -> Entry:
        key = _fold_space(matched)
        entry = self.exact.get(key) or self.folded.get(key.lower())
        if entry is None:  # cannot happen: the regex is built from the same keys
            raise ConfigError(f"number lexicon: no entry for matched {matched!r}")
        return entry


def _fold_space(surface: str) -> str:
    return " ".join(surface.split())


def _alternative(surface: str, case_sensitive: bool, boundary: bool) -> str:
    body = r"\s+".join(re.escape(part) for part in surface.split(" "))
    if not case_sensitive:
        body = f"(?i:{body})"
    if boundary and surface[-1].isalnum():
        body += r"(?!\w)"
    return body


@dataclass(slots=True, frozen=True)
class Lexicon:
    """All the lists, compiled."""

    units: Table
    currencies: Table
    prefix_currencies: Table
    scales: Table
    scale_multipliers: dict[tuple[str, str], float]  # (surface key, lang) -> multiplier
    scale_words: tuple[str, ...]  # the scales written as words ("million", "milliard", "thousand")
    number_words: dict[str, tuple[int, str, str]]  # word -> (value, lang, role)
    alone_words: tuple[str, ...]  # "un", "une", "a", "an": a number only before a scale word
    chain_words: tuple[str, ...]  # the other number words, which may form compounds ("vingt-cinq")
    approx_words: dict[str, int]
    qualifiers_pre: dict[str, str]
    qualifiers_post: dict[str, str]
    periods: dict[str, str]
    change_stems: tuple[tuple[str, str], ...]
    modifiers: frozenset[str]
    months: tuple[str, ...]
    name_prefixes: frozenset[str]
    not_nouns: frozenset[str]
    lang_markers: dict[str, str]


def _rows(name: str, width: int) -> Iterator[list[str]]:
    return tsv_rows("numbers", name, width, strip_first=False)


def _words(name: str) -> list[str]:
    return words("numbers", name)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and compile every list of `data/numbers/` (once per process)."""
    units = [
        Entry(s, unit, kind, case == "s", lang, glue == "y")
        for s, unit, kind, case, lang, glue in _rows("units.tsv", 6)
    ]
    currencies = [
        Entry(s, iso, "money", case == "s", lang, glue == "y", guard, where)
        for s, iso, where, case, lang, glue, guard in _rows("currencies.tsv", 7)
    ]
    scale_rows = list(_rows("scales.tsv", 6))
    scales = [
        Entry(s, mult, "scale", case == "s", lang, glue == "y", guard)
        for s, mult, case, lang, glue, guard in scale_rows
    ]
    multipliers = {(_key(s, case == "s"), lang): float(mult) for s, mult, case, lang, _g, _gd in scale_rows}
    words = {w.lower(): (int(v), lang, role) for w, v, lang, role in _rows("number_words.tsv", 4)}
    chain = [w for w, (_v, _l, role) in words.items() if role != "alone"]
    alone = [w for w, (_v, _l, role) in words.items() if role == "alone"]
    qualifiers = list(_rows("qualifiers.tsv", 3))
    lexicon = Lexicon(
        units=Table(units),
        currencies=Table(c for c in currencies if c.where in ("post", "both")),
        prefix_currencies=Table((c for c in currencies if c.where in ("pre", "both")), boundary=False),
        scales=Table(scales, boundary=False),
        scale_multipliers=multipliers,
        scale_words=tuple(sorted({row[0].lower() for row in scale_rows if _is_word(row[0])})),
        number_words=words,
        alone_words=tuple(alone),
        chain_words=tuple(chain),
        approx_words={w.lower(): int(v) for w, v in _rows("approx_words.tsv", 2)},
        qualifiers_pre={p.lower(): q for p, q, where in qualifiers if where == "pre"},
        qualifiers_post={p.lower(): q for p, q, where in qualifiers if where == "post"},
        periods={w.lower(): per for w, per in _rows("periods.tsv", 2)},
        change_stems=tuple((s.lower(), d) for s, d in _rows("change_words.tsv", 2)),
        modifiers=frozenset(w.lower() for w in _words("modifiers.txt")),
        months=tuple(_words("months.txt")),
        name_prefixes=frozenset(w.lower() for w in _words("name_prefixes.txt")),
        not_nouns=frozenset(w.lower() for w in _words("not_nouns.txt")),
        lang_markers={w.lower(): lang for w, lang in _rows("lang_markers.tsv", 2)},
    )
    LOGGER.debug(
        "number lexicon: %d units, %d currencies, %d scales", len(units), len(currencies), len(scales)
    )
    return lexicon


def _is_word(surface: str) -> bool:
    """A scale written as a word ("million", "demi-milliard"), not an abbreviation ("M", "bn")."""
    return (len(surface) > 3 and surface.isalpha()) or "-" in surface


def _key(surface: str, case_sensitive: bool) -> str:
    key = _fold_space(surface)
    return key if case_sensitive else key.lower()


def scale_multiplier(lexicon: Lexicon, entry: Entry, lang: str | None) -> float:
    """The multiplier of a scale word; "billion" is 10^9 in English and 10^12 in French."""
    key = _key(entry.surface, entry.case_sensitive)
    if lang is not None and (key, lang) in lexicon.scale_multipliers:
        return lexicon.scale_multipliers[(key, lang)]
    for candidate in (entry.lang, "*", "en", "fr"):
        if (key, candidate) in lexicon.scale_multipliers:
            return lexicon.scale_multipliers[(key, candidate)]
    return float(entry.code)
