"""Post-processing of trafilatura's text: paragraphs, and lines known to be boilerplate.

trafilatura returns one block (paragraph, heading, list item, table row) per line. veille's text
is those blocks separated by exactly one blank line, with whitespace folded inside each block,
minus lines that are page furniture rather than article text: the headline repeated as the first
line, datelines ("Publié le 12 mars 2024"), photo credits ("© AFP", "Crédit photo : ..."),
"Lire aussi : ..." teasers, ad labels, subscription prompts, "Tags : ..." labels and
consent-banner lines. The phrase lists are data: `veille/data/html/*.txt`.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from veille.data.tables import words
from veille.meta.dates import dateline_of
from veille.meta.lexicon import fold as fold_letters

LOGGER = logging.getLogger(__name__)

DATA_FOLDER = "html"
PARAGRAPH_SEPARATOR = "\n\n"

#: A credit or label line longer than this is a sentence that happens to start like one
#: ("Crédit Agricole annonce ...", "Source : l'Insee estime que ... [200 characters]").
#: Longest credit line seen on trafilatura-eval / OrangeSum / scrapinghub-aeb: ~70 characters.
CREDIT_LINE_MAX_CHARS = 90
#: A teaser line ("Lire aussi : <headline>") is at most a headline long.
TEASER_LINE_MAX_CHARS = 200
#: A subscription/newsletter prompt is one or two short sentences.
PROMPT_LINE_MAX_CHARS = 200
#: A "<label> : value" line (category, tags, reading time) is short.
LABEL_LINE_MAX_CHARS = 120
#: Lines longer than this are paragraphs and never checked (consent banners that trafilatura
#: lets through are one or two sentences; checking every long paragraph cost 4 ms a page).
BOILERPLATE_MAX_CHARS = 400

_DECORATION = " \t:.-–—|>»«›‹•·*→←/#_=~\"“”'()[]"
#: A menu or breadcrumb ("Accueil | Opérateurs | Entreprises"): at least this many labels between
#: literal bars, each at most `NAV_LABEL_MAX_WORDS` words, without digits or sentence punctuation.
#: (A table row's cell bars are not literal: trafilatura escapes the bars of a cell's text as "\|".)
NAV_MIN_LABELS = 3
NAV_LABEL_MAX_WORDS = 3
_CELL_BAR = re.compile(r"(?<!\\)\|")
_LITERAL_BAR = re.compile(r"\s\\?\|\s")
_NOT_A_LABEL = re.compile(r"[0-9.,;:!?]")


def plain(line: str) -> str:
    """Lower case, no accents, plain apostrophes, folded spaces."""
    return " ".join(fold_letters(line).split())


def fold(line: str) -> str:
    """Comparison form: `plain`, without leading/trailing decoration."""
    return plain(line).strip(_DECORATION)


@cache
def phrases(name: str) -> frozenset[str]:
    """The folded entries of `data/html/<name>.txt` (cached after the first read)."""
    return frozenset(fold(entry) for entry in words(DATA_FOLDER, f"{name}.txt")) - {""}


#: What may follow a prefix entry: a separator or the end of line ("Lire aussi : ..."), a
#: colon and a value ("Tags : a, b"), or simply a word boundary ("Subscribe now to ...").
_AFTER_PREFIX = {
    "separator": r"(?:\s*[:|>»\-–—]|$)",
    "colon": r"\s*:\s*\S",
    "word": r"\b",
}


@cache
def _prefix_pattern(name: str, after: str = "separator") -> re.Pattern[str]:
    """Entries of a list as line prefixes, each followed by what `after` names."""
    ordered = sorted(phrases(name), key=lambda entry: (-len(entry), entry))
    alternation = "|".join(re.escape(entry) for entry in ordered)
    return re.compile(rf"^(?:{alternation}){_AFTER_PREFIX[after]}")


def is_boilerplate(line: str) -> bool:
    """True when a whole line is page furniture (see the module docstring)."""
    if len(line) > BOILERPLATE_MAX_CHARS:
        return False
    folded = fold(line)
    if not folded:
        return True
    if dateline_of(line) is not None:
        return True
    if is_navigation(line):
        return True
    if folded in phrases("lines"):
        return True
    stripped = line.strip()
    if len(stripped) <= CREDIT_LINE_MAX_CHARS and (
        stripped.startswith("©") or _prefix_pattern("credit_prefixes").match(folded)
    ):
        return True
    if len(stripped) <= TEASER_LINE_MAX_CHARS and _prefix_pattern("teaser_prefixes").match(folded):
        return True
    if len(stripped) <= PROMPT_LINE_MAX_CHARS and (
        _prefix_pattern("prompt_prefixes", "word").match(folded)
        or any(fragment in folded for fragment in phrases("prompt_fragments"))
    ):
        return True
    if len(stripped) <= LABEL_LINE_MAX_CHARS and _prefix_pattern("label_prefixes", "colon").match(
        plain(stripped).lstrip(_DECORATION)
    ):
        return True
    return any(fragment in folded for fragment in phrases("consent_fragments"))


def is_navigation(line: str) -> bool:
    """A line of short labels between literal bars: a site menu or breadcrumb, alone or as one
    cell of a table-layout page ("| Accueil \\| Opérateurs \\| Entreprises | |")."""
    cells = [cell.strip() for cell in _CELL_BAR.split(line) if cell.strip()] if "\\|" in line else [line]
    if len(cells) != 1:
        return False
    # a table row's own bars ("| Opérateur | Abonnés |") leave an empty label at each end: not a menu
    labels = [label.strip() for label in _LITERAL_BAR.split(f" {cells[0]} ")]
    return len(labels) >= NAV_MIN_LABELS and all(
        label and len(label.split()) <= NAV_LABEL_MAX_WORDS and not _NOT_A_LABEL.search(label)
        for label in labels
    )


def paragraphs(text: str, title: str | None = None) -> list[str]:
    """trafilatura's lines as paragraphs: spaces folded, boilerplate and the repeated title gone."""
    blocks = [" ".join(line.split()) for line in text.splitlines()]  # str.split folds NBSP too
    blocks = [block for block in blocks if block]
    if blocks and title and fold(blocks[0]) == fold(title):
        blocks = blocks[1:]
    return [block for block in blocks if not is_boilerplate(block)]


def join_paragraphs(blocks: list[str]) -> str:
    return PARAGRAPH_SEPARATOR.join(blocks)
