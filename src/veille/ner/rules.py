"""Text-level rules of the recogniser: which lines are boilerplate, which surfaces are never names.

- `boilerplate_lines(text)`: the character ranges of lines that are not article prose (datelines
  such as "AFP, publié le mardi 16 juin 2020 à 16h38", bylines, ad labels, "Lire aussi" lines,
  share prompts); no mention may come from them.
- `shouted_lines(text)`: lines written in capitals (headings such as "LES CHAÎNES VONT..."), where
  the model tags every word; only gazetteer matches are kept there.
- `surface_rejection(surface)`: why a model mention's surface cannot be a name on its own
  (a boilerplate word, a common-noun acronym, no capital letter), or None.
- `is_name_word(text)`: whether a token can be part of a proper name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from veille.clean.text_lexicon import normalise as normalise_line
from veille.clean.text_lexicon import phrases as boilerplate_phrases
from veille.meta.dates import dateline_of
from veille.meta.lexicon import fold
from veille.ner import lexicon

#: A dateline or byline is short: the longest seen in the samples and the corpus pages ("Orange avec
#: AFP-Services, publié le lundi 22 avril 2019 à 19h43") has 11 words; a body sentence that says
#: "publié le 3 mars" is longer and ends with a full stop.
DATELINE_MAX_WORDS = 16
#: A byline ("Par Jean Dupont", "By Jane Doe and John Roe") has at most this many words.
BYLINE_MAX_WORDS = 7
#: A line is shouted when this share of its letters are capitals, with at least SHOUT_MIN_LETTERS
#: letters (so "RTL2, M6" is not a shouted line). The one shouted heading of the dev texts is 100%.
SHOUT_RATIO = 0.8
SHOUT_MIN_LETTERS = 12

# Boilerplate lists of the plain-text cleaner whose entries, as a whole line, are not prose.
_LINE_LISTS = (
    "ad_labels",
    "share_lines",
    "navigation",
    "consent_buttons",
    "end_headings",
    "related_headings",
)
# Lists whose entries may open a boilerplate line ("Lire aussi : ...", "Partager sur Facebook").
_PREFIX_LISTS = ("related_headings", "share_prefixes")
_DATE_CUE = re.compile(r"\b(publie|publiee|mis a jour|mise a jour|actualise|published|updated|posted)\b")
_BYLINE = re.compile(r"^(par|by)\s+\S", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")
#: "le ministre des Transports", "minister of Finance": the capitalised word is a portfolio, not a name.
_PORTFOLIO = re.compile(
    r"\b(?:ministre|ministres|secrétaire d'état|minister|secretary)\s+"
    r"(?:de la|de l'|des|du|de|d'|of(?: the)?)\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "!", "?", "»", '"')


def iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-empty line of `text`."""
    for match in _LINE.finditer(text):
        if match.group().strip():
            yield match.start(), match.end()


def is_boilerplate_line(line: str) -> bool:
    """True for a dateline, a byline or a line the cleaner's boilerplate lists name."""
    words = line.split()
    if not words:
        return False
    if len(words) <= DATELINE_MAX_WORDS and not line.rstrip().endswith(_SENTENCE_END):
        folded = fold(line)
        if any(char.isdigit() for char in line) and _DATE_CUE.search(folded):
            return True
        if dateline_of(line) is not None:
            return True
    if len(words) <= BYLINE_MAX_WORDS and _BYLINE.match(line.strip()) and not line.rstrip().endswith("."):
        return True
    normalised = normalise_line(line)
    if any(normalised in boilerplate_phrases(name) for name in _LINE_LISTS):
        return True
    return any(
        normalised.startswith(prefix + " ") or normalised.startswith(prefix + ":")
        for name in _PREFIX_LISTS
        for prefix in boilerplate_phrases(name)
    )


def boilerplate_lines(text: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end in iter_lines(text) if is_boilerplate_line(text[start:end])]


def is_shouted(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    if len(letters) < SHOUT_MIN_LETTERS:
        return False
    upper = sum(1 for char in letters if char.isupper())
    return upper >= SHOUT_RATIO * len(letters)


def shouted_lines(text: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end in iter_lines(text) if is_shouted(text[start:end])]


@lru_cache(maxsize=65536)
def is_name_word(text: str) -> bool:
    """A token that can belong to a name: starts with a capital or a digit, or has a capital
    inside ("iPhone", "eBay", "xCloud")."""
    if not text:
        return False
    first = text[0]
    if first.isupper() or first.isdigit():
        return True
    return first.isalpha() and any(char.isupper() for char in text[1:])


def surface_rejection(surface: str) -> str | None:
    """Why `surface` cannot be a name on its own, or None when it can."""
    stripped = surface.strip()
    if not any(char.isupper() or char.isdigit() for char in stripped):
        return "lowercase"
    if not any(char.isalpha() for char in stripped):
        return "no-letter"
    if stripped.casefold() in lexicon.folded("not_names"):
        return "not-a-name"
    if stripped in lexicon.exact("common_acronyms"):
        return "common-acronym"
    return None


def follows_portfolio(text: str, start: int) -> bool:
    """True when the name at `start` is a minister's portfolio ("ministre des Transports")."""
    return _PORTFOLIO.search(text[max(0, start - 40) : start]) is not None
