"""Word lists of the recogniser and the grouper, read from `veille/data/ner/*.txt` (see its README).

Lists load on first use and are cached, so a stage can be pickled before any file is read.
"""

from __future__ import annotations

import logging
from functools import cache

from veille.data.tables import words
from veille.ner.normalise import normalise_text

LOGGER = logging.getLogger(__name__)

DATA_FOLDER = "ner"


def _entries(name: str) -> list[str]:
    """The entries of `data/ner/<name>.txt`, normalised like the text they are matched against."""
    entries = [normalise_text(entry) for entry in words(DATA_FOLDER, f"{name}.txt")]
    LOGGER.debug("loaded %d entries from %s/%s.txt", len(entries), DATA_FOLDER, name)
    return entries


@cache
def exact(name: str) -> frozenset[str]:
    """The entries of a case-sensitive list, as written."""
    return frozenset(_entries(name))


@cache
def folded(name: str) -> frozenset[str]:
    """The entries of a case-insensitive list, lower-cased."""
    return frozenset(entry.casefold() for entry in _entries(name))


@cache
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of a case-insensitive list as word tuples, longest first (for cue matching)."""
    split = {tuple(entry.casefold().split()) for entry in _entries(name)}
    return tuple(sorted(split, key=lambda words: (-len(words), words)))
