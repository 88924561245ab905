"""Phrase lists of the plain-text cleaner, read from `veille/data/boilerplate/*.txt`, and the
normalisation every scraped line goes through before it is compared with them.

The lists are data (see `data/boilerplate/README.txt`), loaded on first use and cached, so that a
stage can be pickled to a worker before any file is read.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache

from veille.data.tables import words

LOGGER = logging.getLogger(__name__)

DATA_FOLDER = "boilerplate"

# Typographic apostrophes and their look-alikes, all compared as a plain "'".
_APOSTROPHES = ("’", "‘", "`", "ʼ", "´")
# Decoration scraped around labels and headings ("Lire aussi :", "» Read more", "• Partager").
_DECORATION = " \t:.-–—|>»«›‹•·*→←/#_=~\"“”'()[]"
# Combining marks left by NFKD decomposition (accents), removed in one regex pass.
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(line: str) -> str:
    """The comparison form of a line: lower case, no accents, plain apostrophes, folded spaces,
    no leading/trailing decoration. Used for matching only; kept text is never normalised."""
    for apostrophe in _APOSTROPHES:  # str.replace is much faster than str.translate
        if apostrophe in line:
            line = line.replace(apostrophe, "'")
    if not line.isascii():
        line = _COMBINING.sub("", unicodedata.normalize("NFKD", line))
    return " ".join(line.casefold().split()).strip(_DECORATION)


@cache
def phrases(name: str) -> frozenset[str]:
    """The normalised entries of `data/boilerplate/<name>.txt` (cached after the first read)."""
    entries = frozenset(normalise(entry) for entry in words(DATA_FOLDER, f"{name}.txt"))
    LOGGER.debug("loaded %d entries from boilerplate list %s", len(entries), name)
    return entries - {""}


def alternation(name: str) -> str:
    """A regex alternation of a list's entries, longest first (so "hours" wins over "h")."""
    ordered = sorted(phrases(name), key=lambda entry: (-len(entry), entry))
    return "|".join(re.escape(entry) for entry in ordered)
