"""Word lists of the recogniser and the grouper, read from `veille/data/ner/*.txt` (see its README).

Lists load on first use and are cached, so a stage can be pickled before any file is read.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources

from veille.errors import ConfigError
from veille.ner.normalise import normalise_text

LOGGER = logging.getLogger(__name__)

DATA_PACKAGE = "veille.data"
DATA_FOLDER = "ner"


def _entries(name: str) -> list[str]:
    resource = resources.files(DATA_PACKAGE) / DATA_FOLDER / f"{name}.txt"
    try:
        content = resource.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"word list {name!r} not found in {DATA_PACKAGE}/{DATA_FOLDER}") from exc
    lines = [normalise_text(raw.strip()) for raw in content.splitlines()]
    entries = [line for line in lines if line and not line.startswith("#")]
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
