"""Search-result snippets: the passage of a text around the query's words, as plain segments.

tantivy's own snippet generator re-analyses each whole stored body and cost about 1 ms per hit
on OrangeSum articles (18 ms for a page of 20: bench/serve_load.py); this finds the words that
start with the query's stems with one regular expression that ignores case and accents.
The segments are plain text with a `hit` flag; the page escapes them, nothing is HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: Characters of context kept before the first matched word.
LEAD_CHARS = 60
#: Query words the analyser sees that are operators of the query language, not words to find.
_OPERATORS = frozenset({"and", "or", "not", "title", "body", "kind", "key"})
#: Characters folded: Latin, Greek and Cyrillic, enough for the corpora veille reads.
_FOLD_LIMIT = 0x0530


def _variants() -> dict[str, str]:
    """Each lower-case base letter -> every character that folds to it (case and accents)."""
    groups: dict[str, set[str]] = {}
    for code in range(_FOLD_LIMIT):
        char = chr(code)
        low = char.lower()
        if len(low) != 1:
            continue
        base = unicodedata.normalize("NFKD", low)[:1] or low
        groups.setdefault(base, {base}).add(char)
    return {base: "".join(sorted(chars)) for base, chars in groups.items() if len(chars) > 1}


_VARIANTS = _variants()


def _letter(char: str) -> str:
    variants = _VARIANTS.get(char)
    return "[" + "".join(re.escape(v) for v in variants) + "]" if variants else re.escape(char)


def stems_pattern(stems: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching whole words that start with one of `stems`, whatever their case and accents.

    `stems` are the analyser's tokens (lower case, accents folded); operators are left out. The
    pattern runs on the original text, so a match's offsets are the text's own.
    """
    wanted = sorted({s for s in stems if s and s not in _OPERATORS}, key=len, reverse=True)
    if not wanted:
        return None
    alternatives = ("".join(_letter(char) for char in stem) for stem in wanted)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")\w*")


def snippet(text: str, pattern: re.Pattern[str] | None, size: int) -> list[dict[str, Any]]:
    """About `size` characters of `text` around the first match of `pattern`, matches flagged."""
    first = pattern.search(text) if pattern else None
    start = 0 if first is None else max(0, first.start() - LEAD_CHARS)
    if start:
        space = text.find(" ", start, first.start() if first else start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    segments: list[dict[str, Any]] = []
    if start:
        segments.append({"text": "… ", "hit": False})
    cursor = start
    if pattern is not None:
        for match in pattern.finditer(text, start, end):
            if match.start() > cursor:
                segments.append({"text": text[cursor : match.start()], "hit": False})
            segments.append({"text": text[match.start() : min(match.end(), end)], "hit": True})
            cursor = min(match.end(), end)
    if cursor < end:
        segments.append({"text": text[cursor:end], "hit": False})
    if end < len(text):
        segments.append({"text": " …", "hit": False})
    return segments
