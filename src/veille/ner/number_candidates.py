"""The expressions found by `numbers.find_quantities`, before they become `Quantity`s, and the passes
that look at several of them or at their neighbourhood.

- `join_ranges`: "de 1,5 à 2,5 milliards d'euros", "entre 177 et 188 M", "10-15 %": the first number takes
  the unit (and, when it is small and plain, the scale) of the second; "à"/"to"/"et"/"and" join only
  after "de"/"entre"/"from"/"between", a hyphen always; two bare numbers joined by a hyphen ("3-1") are
  dropped (scores, codes).
- `rejected_bare`: a bare number (no unit, no scale) is dropped when it is a 4-digit year 1000-2100 with
  no qualifier, starts with "0", or follows a name-like token ("iOS 14", "Windows 11", "iPhone 12") or a
  reference word from `data/numbers/name_prefixes.txt` ("article 8", "saison 2").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from veille.doc import Qualifier

#: A range's first number takes the second's scale only when it is this small and plain
#: ("de 1,5 à 2,5 milliards"), not in "de 800 000 à 1,2 million".
RANGE_SCALE_LIMIT = 1000
#: "entre", "de", "from", "between" are looked for this far before a range's first number.
RANGE_OPENER_WINDOW = 10
#: How far left the token before a bare number is looked for (a long product name and spaces).
TOKEN_WINDOW = 24
YEAR_MIN, YEAR_MAX, YEAR_DIGITS = 1000, 2100, 4
#: A unit no real expression has: marks the candidates `join_ranges` found to be scores or codes.
DROPPED = "\0"

_TOKEN_BEFORE = re.compile(r"(?P<x>[^\s(\"«]+)[ ]+\Z")
_RANGE_JOIN = re.compile(r"[ ]*(?:-|à|au|to|et|and)[ ]*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?<!\w)(?:entre|between|from|de|d')[ ]*\Z", re.IGNORECASE)


@dataclass(slots=True)
class Candidate:
    """An expression being read: offsets, the parts of its value, and what was found around it."""

    start: int
    end: int
    core_start: int
    core_end: int
    base: float
    mult: float = 1.0
    sign: float = 1.0
    unit: str = ""
    kind: str = "count"
    qualifier: Qualifier = "="
    per: str | None = None
    change: str | None = None
    noun: str | None = None
    has_scale: bool = False
    grouped: bool = False
    from_words: bool = False
    approx: bool = False

    @property
    def bare(self) -> bool:
        return not self.unit and not self.has_scale and not self.approx


def join_ranges(norm: str, candidates: list[Candidate]) -> None:
    """ "de 1,5 à 2,5 milliards d'euros": the first number takes the unit and scale of the second."""
    for first, second in itertools.pairwise(candidates):
        between = norm[first.end : second.start]
        if not _RANGE_JOIN.fullmatch(between) or first.unit:
            continue
        hyphen = "-" in between
        opener = _RANGE_OPENER.search(norm[max(0, first.start - RANGE_OPENER_WINDOW) : first.start])
        if not hyphen and not opener:
            continue  # "à"/"to"/"et" join a range only after "de"/"entre"/"from"/"between"
        if _year_like(norm[first.core_start : first.core_end]):
            continue  # "from $459.1 million in 2011 to $455.9 million"
        if second.bare:
            if hyphen and first.bare:
                first.unit = second.unit = DROPPED  # "3-1": a score or a code, dropped below
            continue
        first.unit, first.kind, first.per = second.unit, second.kind, second.per
        if not first.has_scale and second.has_scale and not first.grouped and first.base < RANGE_SCALE_LIMIT:
            first.mult, first.has_scale = second.mult, True


def rejected_bare(norm: str, c: Candidate, name_prefixes: frozenset[str]) -> bool:
    """Whether a candidate is a bare number that is no quantity (module docstring)."""
    if c.unit == DROPPED:
        return True
    if not c.bare:
        return False
    core = norm[c.core_start : c.core_end]
    if c.qualifier == "=" and _year_like(core):
        return True
    if core.startswith("0") and core.isdigit() and len(core) > 1:
        return True
    before = _TOKEN_BEFORE.search(norm[max(0, c.start - TOKEN_WINDOW) : c.start])
    if before is None or c.qualifier != "=":
        return False
    token = before.group("x")
    name_like = any(ch.isupper() for ch in token[1:]) or (
        token[0].isupper() and any(ch.isdigit() for ch in token)
    )
    capitalised = token[0].isupper() and not _sentence_start(norm, c.start - len(before.group(0)))
    return token.lower().rstrip(":").rsplit("'", 1)[-1] in name_prefixes or name_like or capitalised


def _year_like(core: str) -> bool:
    return core.isdigit() and len(core) == YEAR_DIGITS and YEAR_MIN <= int(core) <= YEAR_MAX


def _sentence_start(norm: str, at: int) -> bool:
    """Whether the token starting at `at` opens a sentence (nothing but spaces after a . ! ? or start)."""
    before = norm[max(0, at - 3) : at].rstrip()
    return not before or before[-1] in '.!?:\n"«'
