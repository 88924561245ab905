"""Find numbers in news text and normalise them: value in base units, unit, kind, qualifier.

    find_quantities("moins de 100 millions d’euros")
    -> [Quantity(span=Span(0, 29), value=1e8, unit="EUR", kind="money", qualifier="<", number_text="100")]

One expression is read left to right around a number core (digits, number words, or an approximate
noun such as "une quarantaine"):

    [qualifier] [currency] [sign] CORE [scale] [de|d'] [currency | modifiers unit] [per period] [qualifier]

- `value` is in base units: scale words multiply ("5,32 milliards" 5.32e9, "£300m" 3e8, "10 k€" 1e4),
  an explicit sign is kept ("-2,3 %" -2.3, "-301 millions d'euros" -3.01e8). Separators: `number_rules`.
- `unit`: ISO code for money, "%" / "pp" / "bp" for percent, a unit ("km", "MW", "Gbit/s", "hours") for
  measures, a plural noun ("subscribers", "employees", "cities") for counts, "" for a bare count.
- `qualifier`: "<" moins de, jusqu'à, less than, under, up to (upper bounds, "at most" included);
  ">" plus de, au moins, more than, over, at least (lower bounds); "~" environ, près de, quelque,
  around, about, nearly, and the approximate nouns ("une dizaine", "une quarantaine", "a dozen");
  "=" otherwise. The qualifier words are inside the span.
- `per`: "month" for "par mois" / "per month" / "a month" / "/mois", "year", "day", "share", ...;
  the period words are inside the span ("9,99 euros par mois").
- `change`: "up" / "down" when a trend word leads in ("en hausse de 3 %", "a reculé de 2 %",
  "rose 5%") or the number carries an explicit sign; the trend words stay outside the span and the
  value is not negated by them (only an explicit "-" negates).
- `noun`: for a count with no known unit, the word that follows ("150 citoyens" -> unit "people", but
  "150 marques" -> unit "brands"; "200 pilotes" -> unit "", noun "pilotes"), for later stages.
- Ranges (`number_candidates.join_ranges`): in "de 1,5 à 2,5 milliards d'euros", "entre 177 et 188 M",
  "10-15 %", the first number takes the unit (and, when it is a small plain number, the scale) of the
  second; each number keeps its own span.

Not quantities (nothing is returned): dates, times, phone numbers, year spans (`number_rules.Masks`,
`number_rules.after_month`); numbers glued to letters that are no unit ("5G", "4K", "1er", "3e", "22h",
"A320", "Covid-19"); number words with neither a scale nor a unit ("deux", "un"); approximate nouns
with no article and no "de" ("placés en quarantaine"); and the bare numbers that
`number_candidates.rejected_bare` drops: 4-digit years 1000-2100 with no qualifier ("en 2019"),
numbers starting with "0", numbers after a name-like token ("iOS 14", "Windows 11", "iPhone 12") or a
reference word ("article 8", "saison 2"), and pairs joined by a hyphen ("3-1"). Other bare numbers are
returned as counts with unit "" (the facts stage may give them the currency said nearby:
"834 millions pour le marché français" after "2,384 milliards d'euros").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, cast

from veille.doc import Qualifier, Span
from veille.errors import ConfigError
from veille.ner.number_candidates import Candidate, join_ranges, rejected_bare
from veille.ner.number_lexicon import (
    Entry,
    Lexicon,
    load_lexicon,
    lower_same_length,
    normalise,
    scale_multiplier,
    trie_pattern,
)
from veille.ner.number_rules import Masks, after_month, guess_language, parse_number, words_value

LOGGER = logging.getLogger(__name__)

#: How far left (characters) a qualifier, a prefix currency or a trend word is looked for; the longest
#: qualifier ("un peu moins d'", "aux alentours de") is 17 characters, plus spaces.
QUALIFIER_WINDOW = 24
CURRENCY_WINDOW = 8
CHANGE_WINDOW = 30
ARTICLE_WINDOW = 6  # "une" and a few spaces before "quarantaine"
#: At most this many adjectives between a number and its unit word ("350 grandes villes",
#: "10 million new monthly users"); two covers every case in the dev gold.
MAX_MODIFIERS = 2
SIGN_CHARS = "+-"
QUALIFIERS = ("=", "<", ">", "~")


@dataclass(slots=True, frozen=True)
class Quantity:
    """One number expression of the text, normalised (module docstring)."""

    span: Span
    value: float
    unit: str
    kind: str  # "money" | "percent" | "quantity" | "count"
    qualifier: Qualifier
    number_text: str
    per: str | None = None
    change: str | None = None
    noun: str | None = None


class _Patterns:
    """Every regex of the recogniser, compiled once from the lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        # Every core regex starts with a digit or a literal letter: the engine then skips in C to the
        # next candidate character, which keeps the scan at a few ms per article.
        self.digits = re.compile(
            r"\d(?<![\w.,/°#@]\d)(?<![^\W\d_]-\d)"
            r"(?:\d{0,2}(?P<sep>[ .,])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?|\d*(?:[.,]\d+)?)"
            r"(?!\d)(?![.,/]\d)"
        )
        chain, chain_inner = trie_pattern(lex.chain_words), trie_pattern(lex.chain_words, word_start=False)
        scale_words = trie_pattern((s.lower() for s in lex.scale_words), word_start=False)
        words = {
            "words": rf"{chain}(?:(?:[- ](?:et|and)[- ]|[- ]){chain_inner})*(?!\w)",
            "alone": rf"{trie_pattern(lex.alone_words)}(?=[ ]+{scale_words}(?!\w))",
            "approx": rf"{trie_pattern(lex.approx_words)}(?!\w)",
        }
        # on the lower-cased text (fast), or, when lower-casing would move offsets, on the text itself
        self.lowered = {kind: re.compile(p) for kind, p in words.items()}
        self.any_case = {kind: re.compile(p, re.IGNORECASE) for kind, p in words.items()}
        self.article = re.compile(r"(?<!\w)(?:une|un|a)[ ]+\Z", re.IGNORECASE)
        space = r"[ ]{0,2}"
        self.de = re.compile(rf"{space}(?:de[ ]+|d'[ ]?|of[ ]+)", re.IGNORECASE)
        self.scale = re.compile(rf"(?P<sp>{space})(?P<x>{lex.scales.pattern})")
        self.currency = re.compile(rf"(?P<sp>{space})(?P<x>{lex.currencies.pattern})")
        modifiers = "|".join(sorted((re.escape(m) for m in lex.modifiers), key=len, reverse=True))
        self.unit = re.compile(
            rf"(?P<sp>{space})(?P<mods>(?:(?i:{modifiers})[ ]+){{0,{MAX_MODIFIERS}}})"
            rf"(?P<x>{lex.units.pattern})"
        )
        self.prefix_currency = re.compile(rf"(?<![^\W\d_])(?P<x>{lex.prefix_currencies.pattern})[ ]?\Z")
        pre = "|".join(_phrase(q) for q in sorted(lex.qualifiers_pre, key=len, reverse=True))
        post = "|".join(_phrase(q) for q in sorted(lex.qualifiers_post, key=len, reverse=True))
        self.qualifier_pre = re.compile(rf"(?<!\w)(?P<x>{pre})[ ]*\Z", re.IGNORECASE)
        self.qualifier_post = re.compile(
            rf"[ ]{{1,2}}(?P<x>{post})(?!\w)(?![ ]*\d)(?![ ]+(?:de|d'|than)\b)", re.IGNORECASE
        )
        periods = "|".join(sorted((re.escape(p) for p in lex.periods), key=len, reverse=True))
        self.per = re.compile(
            rf"[ ]{{0,2}}(?:(?:HT|TTC|hors taxes)[ ]+)?(?:(?:par|per|a|an|chaque|each)[ ]+|/[ ]?)"
            rf"(?P<x>{periods})(?!\w)",
            re.IGNORECASE,
        )
        self.change = re.compile(r"(?<!\w)(?P<x>[^\W\d_]+)[ ]+(?:(?:de|by|of)[ ]+|d')?\Z", re.IGNORECASE)
        self.noun = re.compile(r"[ ]{0,2}(?P<x>[a-zà-ÿœæ][^\W\d_]{2,})")


def _phrase(phrase: str) -> str:
    return r"[ ]+".join(re.escape(p) for p in phrase.split(" "))


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns(load_lexicon())


def find_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Every number expression of `text`, in order; `lang` "fr"/"en" settles separators (else guessed)."""
    lex, pats = load_lexicon(), _patterns()
    norm = normalise(text)
    langs = (lang, None if lang else guess_language(norm))
    masks = Masks(norm)
    candidates: list[Candidate] = []
    last_end = 0
    for core in _cores(norm, pats):
        if core.start < last_end or masks.covers(core.start):
            continue
        if core.kind == "num" and after_month(norm, core.start):
            continue
        candidate = _Reader(norm, core, lex, pats, langs, floor=last_end).read()
        if candidate is None:
            continue
        candidates.append(candidate)
        last_end = candidate.end
    join_ranges(norm, candidates)
    kept = [c for c in candidates if not rejected_bare(norm, c, lex.name_prefixes)]
    return [_quantity(text, c) for c in kept]


class _Core(NamedTuple):
    """A number core: digits ("num"), number words ("words", "alone") or an approximate noun ("approx")."""

    start: int
    end: int
    kind: str
    text: str
    grouped: bool = False


def _cores(norm: str, pats: _Patterns) -> list[_Core]:
    found = [
        _Core(m.start(), m.end(), "num", m.group(), bool(m.group("sep"))) for m in pats.digits.finditer(norm)
    ]
    lowered = lower_same_length(norm)
    regexes = pats.lowered if lowered is not None else pats.any_case
    for kind, regex in regexes.items():
        found.extend(
            _Core(m.start(), m.end(), kind, norm[m.start() : m.end()])
            for m in regex.finditer(lowered if lowered is not None else norm)
        )
    found.sort()
    return found


class _Reader:
    """Reads one expression around a number core (module docstring for the grammar)."""

    def __init__(
        self,
        norm: str,
        core: _Core,
        lex: Lexicon,
        pats: _Patterns,
        langs: tuple[str | None, str | None],
        floor: int,
    ) -> None:
        self.norm, self.core, self.lex, self.pats = norm, core, lex, pats
        self.given_lang, self.guessed_lang = langs
        self.floor = floor  # end of the previous expression: nothing left of it is read again
        self.cues: list[str] = []

    def read(self) -> Candidate | None:
        core = self.core
        c = Candidate(core.start, core.end, core.start, core.end, base=0.0)
        c.approx, c.grouped = core.kind == "approx", core.grouped
        c.from_words = core.kind in ("words", "alone")
        prefix = self._left_currency(c) if core.kind == "num" else None
        pos = self._right(c, prefix)
        if pos is None:
            return None
        c.end = pos
        value = self._core_value(c)
        if value is None:
            return None
        c.base = value
        if c.from_words and not c.has_scale and (not c.unit or core.kind == "alone"):
            return None  # "deux" alone is no quantity; "un" needs a scale ("un milliard")
        self._left(c, prefix is not None)
        self._right_tail(c)
        return c

    def _core_value(self, c: Candidate) -> float | None:
        core = self.core
        if core.kind == "approx":
            return float(self.lex.approx_words[core.text.lower()])
        if c.from_words:
            return words_value(core.text, self.lex)
        lang = self._lang()
        return parse_number(core.text, lang, scaled=c.has_scale)

    def _left_currency(self, c: Candidate) -> Entry | None:
        at = c.core_start
        window = self.norm[max(self.floor, at - CURRENCY_WINDOW) : at]
        found = self.pats.prefix_currency.search(window)
        if found is None:
            return None
        entry = self.lex.prefix_currencies.lookup(found.group("x"))
        c.unit, c.kind = entry.code, "money"
        c.start = at - len(window) + found.start()
        self._cue(entry, prefix=True)
        return entry

    def _right(self, c: Candidate, prefix: Entry | None) -> int | None:
        """Scale, currency or unit after the core; None when the core is glued to unknown letters."""
        norm, pats, pos = self.norm, self.pats, c.core_end
        glued = pos < len(norm) and norm[pos].isalpha()
        start_pos = pos
        if c.approx:
            after_de = pats.de.match(norm, pos)
            window_start = max(self.floor, c.core_start - ARTICLE_WINDOW)
            article = self.pats.article.search(norm, window_start, c.core_start)
            if article:
                c.start = article.start()
            number_next = after_de is not None and norm[after_de.end() : after_de.end() + 1].isdigit()
            if (after_de is None and not article) or number_next:
                return None  # "placés en quarantaine", "une quarantaine de 14 jours": no count
            scale = pats.scale.match(norm, after_de.end()) if after_de else None
        else:
            scale = pats.scale.match(norm, pos)
        if scale and self._scale_ok(scale, prefix):
            entry = self.lex.scales.lookup(scale.group("x"))
            c.has_scale, pos = True, scale.end()
            self._cue(entry)
            c.mult = scale_multiplier(self.lex, entry, self._lang())
        if prefix is None:
            pos = self._unit_after(c, pos)
        if glued and pos == start_pos:
            return None  # "5G", "1er", "22h": letters glued to the digits that are no unit
        return pos

    def _scale_ok(self, scale: re.Match[str], prefix: Entry | None) -> bool:
        entry = self.lex.scales.lookup(scale.group("x"))
        end, norm = scale.end(), self.norm
        currency_next = self.pats.currency.match(norm, end)
        currency_next_ok = currency_next is not None and currency_next.start("x") == end
        if end < len(norm) and norm[end].isalnum() and not currency_next_ok:
            return False  # "MW", "milliardaire": the letters go on
        if entry.guard == "currency":
            return prefix is not None or currency_next is not None
        return True

    def _unit_after(self, c: Candidate, pos: int) -> int:
        norm, pats = self.norm, self.pats
        starts = [pos]
        if c.has_scale or c.approx:
            after_de = pats.de.match(norm, pos)
            if after_de:
                starts.append(after_de.end())
        for start in starts:
            money = pats.currency.match(norm, start)
            if money:
                entry = self.lex.currencies.lookup(money.group("x"))
                if entry.guard != "scale" or c.has_scale:
                    c.unit, c.kind = entry.code, "money"
                    self._cue(entry)
                    return money.end()
            unit = pats.unit.match(norm, start)
            if unit:
                entry = self.lex.units.lookup(unit.group("x"))
                if not unit.group("mods") or entry.kind == "count":
                    c.unit, c.kind = entry.code, entry.kind
                    self._cue(entry)
                    return unit.end()
        if not c.unit:
            noun = pats.noun.match(norm, starts[-1] if len(starts) > 1 else pos)
            if noun and noun.group("x").lower() not in self.lex.not_nouns:
                c.noun = noun.group("x")
        return pos

    def _lang(self) -> str | None:
        """The language that reads this number: the caller's, else a cue next to it (a "$" before it,
        "billion", "employees", "milliards"), else the guess for the whole text."""
        return self.given_lang or next(iter(self.cues), None) or self.guessed_lang

    def _cue(self, entry: Entry, prefix: bool = False) -> str | None:
        lang = "en" if prefix and entry.code in ("USD", "GBP") else entry.lang
        if lang in ("fr", "en"):
            self.cues.append(lang)
            return lang
        return None

    def _left(self, c: Candidate, has_prefix: bool) -> None:
        """Sign, qualifier and trend word before the expression."""
        norm, left = self.norm, c.start
        if not has_prefix and not c.approx and not c.from_words:
            if left > self.floor and norm[left - 1] in SIGN_CHARS and _sign_ok(norm, left - 1):
                left -= 1
            elif left > self.floor + 1 and norm[left - 2 : left] == "+ " and _sign_ok(norm, left - 2):
                left -= 2
            if left < c.start:
                c.sign = -1.0 if norm[left] == "-" else 1.0
                c.change = "down" if c.sign < 0 else "up"
        elif has_prefix and left > self.floor and norm[left - 1] == "-" and _sign_ok(norm, left - 1):
            left, c.sign, c.change = left - 1, -1.0, "down"
        window = norm[max(self.floor, left - QUALIFIER_WINDOW) : left]
        found = self.pats.qualifier_pre.search(window)
        if found:
            c.qualifier = _qualifier(self.lex.qualifiers_pre, found.group("x"))
            left = left - len(window) + found.start()
        elif c.approx:
            c.qualifier = "~"
        c.start = left
        trend = self.pats.change.search(norm[max(0, left - CHANGE_WINDOW) : left])
        if trend and c.change is None:
            word = trend.group("x").lower()
            c.change = next((d for stem, d in self.lex.change_stems if word.startswith(stem)), None)

    def _right_tail(self, c: Candidate) -> None:
        """Period ("par mois") and a qualifier after the expression ("environ", "ou plus")."""
        if c.unit:
            per = self.pats.per.match(self.norm, c.end)
            if per:
                c.per, c.end = self.lex.periods[per.group("x").lower()], per.end()
        post = self.pats.qualifier_post.match(self.norm, c.end)
        if post and c.qualifier == "=":
            c.qualifier = _qualifier(self.lex.qualifiers_post, post.group("x"))
            c.end = post.end()


def _qualifier(table: dict[str, str], phrase: str) -> Qualifier:
    symbol = table[" ".join(phrase.lower().split())]
    if symbol not in QUALIFIERS:
        raise ConfigError(f"qualifiers.tsv: {phrase!r} has qualifier {symbol!r}, not one of {QUALIFIERS}")
    return cast(Qualifier, symbol)


def _sign_ok(norm: str, at: int) -> bool:
    """A "+"/"-" at `at` is a sign when nothing word-like is glued before it ("Covid-19" is not)."""
    return at == 0 or not (norm[at - 1].isalnum() or norm[at - 1] in ".,%")


def _quantity(text: str, c: Candidate) -> Quantity:
    value = c.sign * c.base * c.mult
    return Quantity(
        span=Span(c.start, c.end),
        value=float(round(value, 6)) if abs(value) < 1e6 else float(round(value)),
        unit=c.unit,
        kind=c.kind,
        qualifier=c.qualifier,
        number_text=text[c.core_start : c.core_end],
        per=c.per,
        change=c.change,
        noun=c.noun,
    )
