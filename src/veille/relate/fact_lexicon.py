"""The fact lexicons of `veille/data/facts/` (README.txt there), loaded and compiled once.

`load_fact_lexicon()` reads every file; `find_cues` finds the cue words of a span of text. The
rules that use them are in `veille.relate.fact_rules`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from veille.data.tables import tsv_rows
from veille.errors import ConfigError

LOGGER = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "facts"
MONEY, PERCENT, COUNT = "money", "percent", "count"
QUANTITY_CLASSES = frozenset({MONEY, PERCENT, COUNT, "quantity"})
#: cues.tsv type of a phrase that holds a cue word in another sense ("au profit de"): it reads nothing.
NOT_A_CUE = "-"
#: Rows of a language-independent lexicon ("*"): both languages, for a document whose language is unknown.
LANGS = ("fr", "en", "*")


@dataclass(slots=True, frozen=True)
class CueEntry:
    """One row of cues.tsv."""

    lang: str
    surface: str
    type: str
    kinds: frozenset[str]  # money, percent, count, quantity
    units: frozenset[str]  # empty: any unit
    negative: bool
    verb: bool = False  # a verb governs the nearest number: any number in between blocks it

    def reads(self, qclass: str, unit: str) -> bool:
        return qclass in self.kinds and (not self.units or unit in self.units)


@dataclass(slots=True, frozen=True)
class CueHit:
    start: int
    end: int
    entries: tuple[CueEntry, ...]


@dataclass(slots=True, frozen=True)
class TypeInfo:
    """One row of types.tsv."""

    type: str
    unit: str  # "money", "%" or a unit written as is
    subjects: tuple[str, ...]
    near: str | None  # entity type preferred when named right before the number
    confidence: float


class PhraseMatcher:
    """Phrases matched as one alternation (leftmost match, the first listed phrase winning at a
    position), tried only where a phrase can start.

    Running the whole alternation with `finditer` makes `re` try every branch at every character:
    with ~250 cues that was most of the fact stage's time. Here a one-character scan finds the
    positions whose character can begin a phrase (and, for a phrase starting with a letter, that
    begin a word), and there only the branches of phrases starting with that character are tried.
    A character whose case folding could reach another group (the Kelvin sign for "k") falls back
    to the whole alternation, kept as `regex`; the results are those of `regex.finditer`.
    """

    __slots__ = ("by_first", "regex", "starts")

    def __init__(self, surfaces: Sequence[str]) -> None:
        patterns = [_surface_pattern(s) for s in surfaces]
        self.regex = re.compile("|".join(patterns), re.IGNORECASE)
        groups: dict[str, list[int]] = {}
        for i, surface in enumerate(surfaces):
            groups.setdefault(surface[0].lower(), []).append(i)
        compiled = {
            first: (re.compile("|".join(patterns[i] for i in members), re.IGNORECASE), members)
            for first, members in groups.items()
        }
        #: The characters sure to reach only their own group: the lower and upper case of its first
        #: letter, unless that character also folds to another group's first letter.
        self.by_first: dict[str, tuple[re.Pattern[str], list[int]]] = {}
        for first, group in compiled.items():
            for char in {first, first.upper()}:
                if len(char) == 1 and not any(
                    other != first and re.fullmatch(re.escape(other), char, re.IGNORECASE) for other in groups
                ):
                    self.by_first[char] = group
        word_initial = "".join(re.escape(f) for f in groups if f.isalnum())
        other = "".join(re.escape(f) for f in groups if not f.isalnum())
        parts = ([rf"(?<![\w-])[{word_initial}]"] if word_initial else []) + ([f"[{other}]"] if other else [])
        self.starts = re.compile("|".join(parts), re.IGNORECASE)

    def finditer(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """(start, end, index of the phrase) of each match in `text[start:end]`, left to right."""
        done = start
        for candidate in self.starts.finditer(text, start, end):
            at = candidate.start()
            if at < done:
                continue  # inside the phrase matched last
            group = self.by_first.get(text[at])
            if group is not None:
                match = group[0].match(text, at, end)
                if match is not None:
                    done = match.end()
                    yield at, done, group[1][(match.lastindex or 1) - 1]
                continue
            match = self.regex.match(text, at, end)
            if match is not None:
                done = match.end()
                yield at, done, (match.lastindex or 1) - 1


@dataclass(slots=True)
class Phrases:
    """A table of phrases matched as one alternation; `values[i]` belongs to the i-th phrase."""

    matcher: PhraseMatcher | None
    values: list[str]

    def finditer(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        if self.matcher is None:
            return
        for found_start, found_end, index in self.matcher.finditer(text, start, end):
            yield found_start, found_end, self.values[index]


@dataclass(slots=True)
class FactLexicon:
    cues: dict[str, tuple[PhraseMatcher | None, list[tuple[CueEntry, ...]]]]
    types: dict[str, TypeInfo]
    unit_types: dict[str, tuple[str | None, float]]
    targets: dict[str, Phrases]
    constructions: dict[tuple[str, str], Phrases]
    subject_words: dict[str, frozenset[str]] = field(default_factory=dict)
    money_nouns: frozenset[str] = frozenset()  # first words of the money cues ("bénéfice", "chiffre")
    #: one-word count cues reading any unit ("sociétaires"): a count of one is read with no unit
    count_nouns: frozenset[str] = frozenset()
    scopes: dict[str, Phrases] = field(default_factory=dict)
    periods: dict[str, Phrases] = field(default_factory=dict)

    def type_info(self, fact_type: str) -> TypeInfo:
        return self.types.get(fact_type) or TypeInfo(
            fact_type, "", ("ORG", "PRODUCT"), None, DEFAULT_CONFIDENCE
        )


#: Confidence of a fact whose type types.tsv does not list.
DEFAULT_CONFIDENCE = 0.5


def _rows(name: str, width: int) -> Iterator[list[str]]:
    return tsv_rows("facts", name, width)


#: A word of a surface standing for any verb in the infinitive: "compte <inf>" is a plan ("compte
#: atteindre 30%"), where "compte" alone is a count ("compte 1.300 salariés").
INFINITIVE_MARK = "<inf>"
#: Words with an infinitive's ending that are no verb, met after "compte" in the corpus ("compte
#: entre 1.300 et 1.400 salariés", "compte encore 70 magasins").
NOT_INFINITIVES = ("entre", "contre", "encore", "outre", "notre", "votre", "autre", "centre", "lettre")
INFINITIVE = rf"(?!(?:{'|'.join(NOT_INFINITIVES)})(?![\w-]))\w+(?:er|ir|re)"


def _surface_word(word: str) -> str:
    return INFINITIVE if word == INFINITIVE_MARK else re.escape(word)


def _surface_pattern(surface: str) -> str:
    """A surface as a regex: spaces match any run of spaces, a final '*' any word ending,
    `INFINITIVE_MARK` any infinitive."""
    if surface.startswith(INFINITIVE_MARK):
        raise ConfigError(f"surface {surface!r}: {INFINITIVE_MARK} cannot come first")
    prefix = surface.endswith("*")
    words = surface.rstrip("*").split()
    body = r"\s+".join(_surface_word(word) for word in words)
    if prefix:
        body += r"[\w-]*"
    if sum(ch.isupper() for ch in surface) >= 2:  # "US", "Q2": case matters
        body = f"(?-i:{body})"
    start = r"(?<![\w-])" if surface[0].isalnum() else ""
    return rf"{start}({body})(?![\w-])"


def _compile(surfaces: Sequence[str]) -> PhraseMatcher | None:
    return PhraseMatcher(surfaces) if surfaces else None


def _phrases(rows: Iterable[tuple[str, str]]) -> Phrases:
    """(surface, value) rows, longest surface first so that the longest phrase wins at a position."""
    ordered = sorted(dict(rows).items(), key=lambda item: -len(item[0]))
    return Phrases(_compile([s for s, _ in ordered]), [v for _, v in ordered])


def _by_lang(rows: Sequence[Sequence[str]], lang: str) -> list[Sequence[str]]:
    return [row for row in rows if lang == "*" or row[0] == lang]


def _kinds(cell: str, where: str) -> tuple[frozenset[str], frozenset[str]]:
    kinds: set[str] = set()
    units: set[str] = set()
    for part in cell.split(","):
        kind, _, unit_list = part.partition(":")
        if kind not in QUANTITY_CLASSES:
            raise ConfigError(f"{where}: unknown kind {kind!r}")
        kinds.add(kind)
        units.update(u for u in unit_list.split("|") if u)
    return frozenset(kinds), frozenset(units)


@lru_cache(maxsize=1)
def load_fact_lexicon() -> FactLexicon:
    """Read and compile every list of `data/facts/` (once per process)."""
    cue_rows = list(_rows("cues.tsv", 5))
    cues: dict[str, tuple[PhraseMatcher | None, list[tuple[CueEntry, ...]]]] = {}
    for lang in LANGS:
        grouped: dict[str, list[CueEntry]] = {}
        for row_lang, surface, fact_type, kind_cell, flags in _by_lang(cue_rows, lang):
            kinds, units = _kinds(kind_cell, f"cues.tsv {surface!r}")
            flag_set = set(flags.split(","))
            unknown = flag_set - {"-", "negative", "verb"}
            if unknown:
                raise ConfigError(f"cues.tsv {surface!r}: unknown flags {sorted(unknown)}")
            entry = CueEntry(
                row_lang, surface, fact_type, kinds, units, "negative" in flag_set, "verb" in flag_set
            )
            found = grouped.setdefault(surface.lower(), [])
            if fact_type != NOT_A_CUE:
                found.append(entry)  # a "-" phrase is matched and reads nothing: "au profit de"
        ordered = sorted(grouped, key=lambda s: -len(s))
        cues[lang] = (_compile(ordered), [tuple(grouped[s]) for s in ordered])
    types = {}
    for fact_type, unit, subjects, confidence in _rows("types.tsv", 4):
        near = None
        parts = subjects.split(",")
        if parts[0].startswith("near:"):
            near = parts[0].removeprefix("near:")
            parts[0] = near
        types[fact_type] = TypeInfo(fact_type, unit, tuple(parts), near, float(confidence))
    unit_types = {
        unit: (None if fact_type == "-" else fact_type, float(factor))
        for unit, fact_type, factor in _rows("units.tsv", 3)
    }
    target_rows = list(_rows("targets.tsv", 2))
    construction_rows = list(_rows("constructions.tsv", 3))
    subject_rows = list(_rows("subjects.tsv", 3))
    scope_rows = list(_rows("scopes.tsv", 3))
    period_rows = list(_rows("periods.tsv", 3))
    lexicon = FactLexicon(
        cues=cues,
        types=types,
        unit_types=unit_types,
        targets={lang: _phrases((r[1], "target") for r in _by_lang(target_rows, lang)) for lang in LANGS},
        constructions={
            (lang, cls): _phrases((r[2], cls) for r in _by_lang(construction_rows, lang) if r[1] == cls)
            for lang in LANGS
            for cls in ("part", "contrast", "comparative", "stock")
        },
        subject_words={
            f"{lang}:{cls}": frozenset(r[2].lower() for r in _by_lang(subject_rows, lang) if r[1] == cls)
            for lang in LANGS
            for cls in (
                "anaphor",
                "pronoun",
                "possessive",
                "market",
                "source",
                "amount",
                "whose",
                "speaker",
                "public",
            )
        },
        scopes={lang: _phrases((r[1], r[2]) for r in _by_lang(scope_rows, lang)) for lang in LANGS},
        periods={lang: _phrases((r[1], r[2]) for r in _by_lang(period_rows, lang)) for lang in LANGS},
        count_nouns=frozenset(
            r[1].lower()
            for r in cue_rows
            if r[3] == COUNT and r[2] != NOT_A_CUE and " " not in r[1] and "*" not in r[1]
        ),
        money_nouns=frozenset(
            r[1].split()[0].lower().rstrip("*")
            for r in cue_rows
            if MONEY in r[3].split(",") and r[2] != NOT_A_CUE
        ),
    )
    LOGGER.debug("fact lexicon: %d cue rows, %d types", len(cue_rows), len(types))
    return lexicon


def lang_key(language: str | None) -> str:
    """The lexicon rows to use: the document's language, or all of them when it is unknown."""
    return language if language in ("fr", "en") else "*"


def find_cues(lex: FactLexicon, text: str, start: int, end: int, lang: str) -> list[CueHit]:
    """The cue words of `text[start:end]`, left to right, the longest cue winning at a position."""
    matcher, entries = lex.cues[lang]
    if matcher is None:
        return []
    return [CueHit(s, e, entries[i]) for s, e, i in matcher.finditer(text, start, end)]
