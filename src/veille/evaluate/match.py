"""Normalisation and matching rules of `../shared/eval/GUIDELINES.md`, section Scoring.

Everything here is a pure function over strings and small values, so the scorer and its tests
share one reading of the rules:

- names compare case- and accent-insensitively with punctuation dropped (`name_key`);
- `PRODUCT` and `MISC` are one type for matching (`canonical_type`);
- `partnership`, `competition` and `merger` are symmetric; `subsidiary` and `product` are one
  family (`relation_frame`);
- a fact value matches within 1% of the gold value (`value_matches`);
- only the fact types listed in the guidelines are scored (`SCORED_FACT_TYPES`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

_Arg = TypeVar("_Arg")

#: Fact types the guidelines list; facts of any other type are ignored on both sides.
SCORED_FACT_TYPES: frozenset[str] = frozenset(
    {
        "revenue",
        "net_income",
        "growth_target",
        "investment",
        "deal_value",
        "subscribers",
        "employees",
        "job_cuts",
        "market_share",
        "price",
        "network_length",
        "cities_connected",
        "fine",
        "compensation",
    }
)

#: Relation types whose two arguments may come in either order (GUIDELINES, Relations table).
SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"partnership", "competition", "merger"})

#: The family `subsidiary`/`product` scores as one type. Both say "B belongs to A" with the
#: owner on a different side: `subsidiary(child -> parent)` and `product(ORG -> PRODUCT)`. A
#: relation of the family is put in the frame (owned, owner), so `product(Proximus, Pickx)`
#: matches `subsidiary(Pickx, Proximus)`.
OWNERSHIP_FAMILY = "subsidiary|product"

#: Relative tolerance on a fact's value: "the value is within 1%" (GUIDELINES, Scoring).
FACT_VALUE_TOLERANCE = 0.01

#: Entity types for matching: MISC reads as PRODUCT ("PRODUCT and MISC are interchangeable").
_TYPE_ALIASES: dict[str, str] = {"MISC": "PRODUCT"}

_SPACES = re.compile(r"\s+")


def fold_whitespace(text: str) -> str:
    """NFC form with every run of whitespace turned into one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def name_key(name: str) -> str:
    """The comparison key of an entity name: no case, no accents, no punctuation, no spaces.

    Punctuation (every Unicode `P*` character: hyphens, apostrophes, quotes, dots) is dropped,
    and so is whitespace, so that dropping a hyphen or an apostrophe gives the same key as
    writing a space for it: "Jean-Yves", "Jean Yves" and "JeanYves" are one name, as are
    "L'Oréal" and "LOreal". Symbols such as "+" and "&" are kept.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char)
        and not unicodedata.category(char).startswith("P")
        and not char.isspace()
    )


def name_keys(names: Iterable[str | None]) -> frozenset[str]:
    """The keys of a name and its aliases; empty names are left out."""
    keys = {name_key(name) for name in names if name}
    keys.discard("")
    return frozenset(keys)


def canonical_type(entity_type: str) -> str:
    """The type used for matching: upper-cased, MISC read as PRODUCT."""
    upper = entity_type.upper()
    return _TYPE_ALIASES.get(upper, upper)


def relation_family(relation_type: str) -> str:
    """The type a relation is matched under (`subsidiary` and `product` share one)."""
    return OWNERSHIP_FAMILY if relation_type in ("subsidiary", "product") else relation_type


def relation_frame(relation_type: str, subject: _Arg, obj: _Arg) -> tuple[str, _Arg, _Arg]:
    """(family, first, second) with the family's arguments in one direction.

    `product(owner, thing)` is turned round to the `subsidiary(thing, owner)` direction.
    """
    if relation_type == "product":
        return OWNERSHIP_FAMILY, obj, subject
    return relation_family(relation_type), subject, obj


def is_symmetric(relation_type: str) -> bool:
    return relation_type in SYMMETRIC_RELATIONS


def value_matches(system: float, gold: float) -> bool:
    """True when `system` is within `FACT_VALUE_TOLERANCE` of `gold` (relative to gold)."""
    if not (math.isfinite(system) and math.isfinite(gold)):
        return False
    return abs(system - gold) <= FACT_VALUE_TOLERANCE * abs(gold)


def unit_key(unit: str | None) -> str:
    """Units compare case-insensitively, whitespace folded ("EUR" = "eur")."""
    return fold_whitespace(unit or "").casefold()


def status_key(status: str | None) -> str:
    return fold_whitespace(status or "").casefold()
