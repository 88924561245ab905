"""The relation lexicons of `veille/data/relations/` and the regular expressions built from them.

Every word list the relation extractor uses is data (README.txt beside the files says what each
column means); this module reads them once per language into a `Lexicon` and turns word lists
into regex alternations that the surface patterns of `patterns.py` splice into their templates.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from veille.data.tables import tsv_rows
from veille.errors import ConfigError

LOGGER = logging.getLogger(__name__)

DATA_FOLDER = "relations"
LANGUAGES: tuple[str, ...] = ("fr", "en")

#: Letters of a word for the `(?<!\w)` style boundaries (accented letters included by `\w`).
_WORD = r"\w"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger of `triggers.tsv`: a noun, phrase or verb lemma with the prepositions it takes."""

    type: str
    kind: str  # noun | phrase | verb
    form: str
    preps: tuple[str, ...]  # empty = direct object


@dataclass(slots=True)
class Lexicon:
    """All relation word lists of one language."""

    language: str
    titles: list[str] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    cues: dict[str, list[str]] = field(default_factory=dict)
    cue_verbs: dict[str, set[str]] = field(default_factory=dict)
    descriptions: dict[str, list[str]] = field(default_factory=dict)
    grammar: dict[str, list[str]] = field(default_factory=dict)
    #: verbs() per relation type, built once (it is asked for every sentence).
    _verbs: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict, repr=False, compare=False)

    def forms(self, rel_type: str, kind: str) -> list[str]:
        return [t.form for t in self.triggers if t.type == rel_type and t.kind == kind]

    def verbs(self, rel_type: str) -> dict[str, tuple[str, ...]]:
        """Verb lemma -> the prepositions that introduce its object (empty: direct object)."""
        if rel_type not in self._verbs:
            self._verbs[rel_type] = {
                t.form: t.preps for t in self.triggers if t.type == rel_type and t.kind == "verb"
            }
        return self._verbs[rel_type]

    def words(self, grammar_class: str) -> list[str]:
        return self.grammar.get(grammar_class, [])


def _rows(name: str, columns: int) -> Iterable[list[str]]:
    return tsv_rows(DATA_FOLDER, name, columns, at_least=True)


@lru_cache(maxsize=len(LANGUAGES))
def lexicon(language: str) -> Lexicon:
    """The lexicon of `language` ("fr" or "en"); other languages raise `ConfigError`."""
    if language not in LANGUAGES:
        raise ConfigError(f"no relation lexicon for language {language!r}")
    lex = Lexicon(language)
    for lang, title in _rows("titles.tsv", 2):
        if lang == language:
            lex.titles.append(title)
    for lang, rel_type, kind, form, prep in _rows("triggers.tsv", 5):
        if lang == language:
            preps = () if prep == "-" else tuple(p for p in prep.split("|") if p)
            lex.triggers.append(Trigger(rel_type, kind, form, preps))
    for lang, cue, kind, form in _rows("cues.tsv", 4):
        if lang != language:
            continue
        if kind == "verb":
            lex.cue_verbs.setdefault(cue, set()).add(form)
        else:
            lex.cues.setdefault(cue, []).append(form)
    for lang, entity_type, head in _rows("descriptions.tsv", 3):
        if lang == language:
            lex.descriptions.setdefault(entity_type, []).append(head)
    for lang, grammar_class, form in _rows("grammar.tsv", 3):
        if lang == language:
            lex.grammar.setdefault(grammar_class, []).append(form)
    LOGGER.debug("relation lexicon %s: %d titles, %d triggers", language, len(lex.titles), len(lex.triggers))
    return lex


def _escape(form: str) -> str:
    """A form as a regex: spaces match any run of spaces, a final apostrophe needs no space."""
    pattern = r"\s+".join(re.escape(part) for part in form.split())
    if form.endswith("'") or form.endswith("-"):
        return pattern + r"\s*"
    return pattern


def alternation(forms: Iterable[str], *, plural: bool = False, bounded: bool = True) -> str:
    """A non-capturing group matching any of `forms`, longest first.

    `plural` lets each form take a final -s or -x; `bounded` requires a non-word character (or
    the text's edge) on both sides, except after a form ending with an apostrophe or hyphen.
    """
    unique = sorted(set(forms), key=lambda f: (-len(f), f))
    if not unique:
        return r"(?!x)x"  # matches nothing
    parts = []
    for form in unique:
        body = _escape(form)
        if plural and form[-1:].isalpha():
            body += "(?:s|x)?"
        if bounded:
            body = rf"(?<!{_WORD}){body}" + ("" if form[-1:] in "'-" else rf"(?!{_WORD})")
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


def find_any(text: str, forms: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of `forms` occurs in `text` (case-insensitive, word-bounded)."""
    regex = compiled(alternation(forms))
    return [(m.start(), m.end()) for m in regex.finditer(text)]


@lru_cache(maxsize=4096)
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)
