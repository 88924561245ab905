"""The least number of entity slots a compiled rule can match: rules that need more are skipped.

Every surface rule is a regular expression over a masked sentence in which each entity is `⟨i⟩`.
Most rules need two entities, yet most sentences name one or none, and Python's `re` gives up on
such a sentence only after trying the rule at every position (a title alternation of hundreds of
words at each character: `role.fronted` and `role.title_before_name` alone were a fifth of the
relation stage on OrangeSum pages). The bound is read from the pattern's parse tree, so it is
exact as a lower bound: a skipped rule could not have matched, and no result changes.

`re` offers no public access to a pattern's structure; its parser (`re._parser`, `sre_parse`
before Python 3.11) is used, and any construct this module does not know counts zero slots,
which keeps the bound safe (it can only make a rule run when it need not).
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from typing import Any


def _module(*names: str) -> Any:
    """The first importable of `names` (the parser moved into `re` in Python 3.11)."""
    for name in names:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


_ops = _module("re._constants", "sre_constants")
_sre_parse = _module("re._parser", "sre_parse")

#: The character that opens a slot in a masked sentence (`views.SLOT_RE`).
SLOT_OPEN = "⟨"
_REPEATS = tuple(
    op
    for op in (getattr(_ops, name, None) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"))
    if op
)


def _least(items: Any, target: int) -> int:
    total = 0
    for op, arg in items:
        if op is _ops.LITERAL:
            total += arg == target
        elif op is _ops.SUBPATTERN:
            total += _least(arg[3], target)
        elif op is _ops.BRANCH:
            total += min(_least(alternative, target) for alternative in arg[1])
        elif op in _REPEATS:
            low, _high, body = arg
            total += low * _least(body, target)
        elif op is getattr(_ops, "ATOMIC_GROUP", None):
            total += _least(arg, target)
        # anything else (lookarounds, classes, anchors, back-references) consumes no slot for sure
    return total


@lru_cache(maxsize=1024)
def least_slots(pattern: re.Pattern[str]) -> int:
    """How many `⟨` any match of `pattern` must contain (0 when the pattern cannot be read)."""
    if _sre_parse is None or _ops is None:
        return 0
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable pattern only loses the shortcut
        return 0
    return _least(tree, ord(SLOT_OPEN))


def slots_in(masked: str) -> int:
    """How many slots a masked sentence holds (an upper bound: a literal `⟨` in the text counts too)."""
    return masked.count(SLOT_OPEN)
