"""Name forms and the guards that decide whether two names may denote one entity.

Pure functions over strings and the word lists of `veille/data/link/` (see its README.txt):

- `key` is the lookup form of a name (the gazetteer's `normalise`: no case, no accents, no
  punctuation, '+' read 'plus', so "Canal+" and "Canal" stay apart);
- `core_key` drops what does not change what an organisation name denotes: a leading
  descriptor ("groupe Fiat") and trailing legal forms ("BT Group", "Audi AG");
- `person_key` drops civilities ("M. de Tavernost"), `surnames` gives the surname forms of a
  full name ("Luca de Meo" -> "meo", "de meo");
- `compare_names` classifies a pair: same name, alias (legal form or descriptor apart),
  subsidiary (a geographic or business-unit qualifier added: "Canal+ Afrique", "Orange
  Belgium"), extended (other words added: "Free Mobile", "Hachette Livre"), typo, different;
- `typo_candidates` finds near-identical keys with rapidfuzz, under the typo guards;
- `needs_capital` flags names that are also common words ("Orange"/"orange", "Free"/"free").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from veille.data.tables import read_words
from veille.ner.gazetteer import normalise

LOGGER = logging.getLogger(__name__)

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "link"

#: Shortest key (in characters, spaces included) that may be matched to a near-identical one:
#: below this, one edit turns a name into another real name ("Renault"/"Renaud", "TF1"/"TF2",
#: "Sanofi"/"Sanef"); "Finacial Times" (14) still finds "Financial Times". Set by hand on those pairs.
MIN_TYPO_LENGTH = 8
#: Shortest token in which a typo is allowed ("Bouygues Telecoms" vs "Telecom" yes; "BT" vs "AT" no).
MIN_TYPO_TOKEN = 4
#: Edits allowed per differing token: one (a dropped, doubled or swapped letter). Two edits already
#: join "Orange Belgium"/"Orange Belgique" and "Allianz"/"Alliance".
MAX_TOKEN_EDITS = 1
#: rapidfuzz `ratio` (0-100) a candidate key must reach before the token guards run. One edit in
#: an 8-character key scores about 93 ("mediapart"/"mediapar" 94); two edits in a 15-character key
#: score about 87 ("vodafone italia"/"vodafone india" 83), so 92 keeps single typos only.
MIN_TYPO_RATIO = 92.0
#: How many near keys rapidfuzz returns before the guards filter them (a typo has few neighbours).
TYPO_CANDIDATES = 5
#: Longest single token read as an acronym ("AFP", "Afep", "SNCF", "CNRS").
MAX_ACRONYM_LENGTH = 8
#: Words skipped when taking the initials of a long name ("Association française des entreprises
#: privées" -> AFEP). Grammar words, not a lexicon: kept here.
ACRONYM_SKIP = frozenset(
    {"de", "des", "du", "d", "la", "le", "les", "l", "et", "and", "of", "the", "for", "pour"}
)

# The relation of a second name to a first one (`compare_names`).
SAME = "same"
ALIAS = "alias"  # legal form or descriptor apart: "BT Group" ~ "BT", "groupe Fiat" ~ "Fiat"
SUBSIDIARY = "subsidiary"  # adds a geographic or business-unit qualifier: "Canal+ Afrique"
EXTENDED = "extended"  # adds other words: "Free Mobile", "Hachette Livre", "Apollo Global Management"
TYPO = "typo"  # one letter apart in a long enough name: "Finacial Times"
DIFFERENT = "different"

_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of `veille/data/link/`, each entry normalised with `key`."""

    legal_forms: tuple[tuple[str, ...], ...]  # longest first
    descriptors: tuple[tuple[str, ...], ...]  # longest first
    qualifiers: tuple[tuple[str, ...], ...]  # longest first
    common_words: frozenset[str]
    titles: frozenset[str]
    particles: frozenset[str]  # single tokens ("de", "van", "der"...)


def _read_list(path: Path) -> list[str]:
    """The entries of one list, normalised with `key`'s normalisation (empty results dropped)."""
    return [entry for entry in map(normalise, read_words(path)) if entry]


def _phrases(entries: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    unique = {tuple(entry.split()) for entry in entries}
    return tuple(sorted(unique, key=lambda tokens: (-len(tokens), tokens)))


def read_lexicon(data_dir: Path = LEXICON_DIR) -> Lexicon:
    """Read the word lists of `data_dir` (uncached)."""
    particles = {token for entry in _read_list(data_dir / "name_particles.txt") for token in entry.split()}
    return Lexicon(
        legal_forms=_phrases(_read_list(data_dir / "legal_forms.txt")),
        descriptors=_phrases(_read_list(data_dir / "descriptors.txt")),
        qualifiers=_phrases(_read_list(data_dir / "qualifiers.txt")),
        common_words=frozenset(_read_list(data_dir / "common_words.txt")),
        titles=frozenset(_read_list(data_dir / "person_titles.txt")),
        particles=frozenset(particles),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged word lists, read once per process."""
    return read_lexicon(LEXICON_DIR)


def key(surface: str) -> str:
    """The lookup form of a name: 'Canal+' -> 'canal plus', 'L’Oréal' -> 'l oreal'."""
    return normalise(surface)


def _starts_with(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    return len(tokens) > len(phrase) and tuple(tokens[: len(phrase)]) == phrase


def _ends_with(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    return len(tokens) > len(phrase) and tuple(tokens[-len(phrase) :]) == phrase


def _legal_words(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in lexicon.legal_forms if len(phrase) == 1)


def core_key(surface: str, lexicon: Lexicon | None = None) -> str:
    """The key of an organisation name without descriptor and legal forms; never empty.

    "groupe Fiat" -> "fiat", "BT Group" -> "bt", "Audi AG" -> "audi", "Groupe PSA" -> "psa".
    A descriptor is dropped only when written in lower case ("la société Renault"), except group
    words, which never name anything alone: "Société Générale" keeps its "societe".
    """
    lexicon = lexicon or load_lexicon()
    tokens = key(surface).split()
    lower_start = surface.lstrip()[:1].islower()
    group_words = _legal_words(lexicon)
    changed = True
    while changed:
        changed = False
        for phrase in lexicon.descriptors:
            if _starts_with(tokens, phrase) and (lower_start or all(t in group_words for t in phrase)):
                tokens = tokens[len(phrase) :]
                changed = True
                break
    changed = True
    while changed:
        changed = False
        for phrase in lexicon.legal_forms:
            if _ends_with(tokens, phrase):
                tokens = tokens[: -len(phrase)]
                changed = True
                break
    return " ".join(tokens)


def person_key(surface: str, lexicon: Lexicon | None = None) -> str:
    """The key of a person's name without leading civilities: 'M. de Tavernost' -> 'de tavernost'."""
    lexicon = lexicon or load_lexicon()
    tokens = key(surface).split()
    while len(tokens) > 1 and tokens[0] in lexicon.titles:
        tokens = tokens[1:]
    return " ".join(tokens)


def surnames(full_key: str, lexicon: Lexicon | None = None) -> list[str]:
    """Surname forms of a full person key (two tokens or more): 'luca de meo' -> ['meo', 'de meo'].

    The last token, then the last token with the particles before it, as long as one given name
    is left in front. A single-token key has no surname form (it is one already).
    """
    lexicon = lexicon or load_lexicon()
    tokens = full_key.split()
    if len(tokens) < 2:
        return []
    forms = [tokens[-1]]
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1] in lexicon.particles:
        start -= 1
        forms.append(" ".join(tokens[start:]))
    return forms


def is_surname_form(person: str, lexicon: Lexicon | None = None) -> bool:
    """True for a person key that is a surname alone: 'ghosn', 'de meo', 'van der berg'."""
    lexicon = lexicon or load_lexicon()
    tokens = person.split()
    return bool(tokens) and all(token in lexicon.particles for token in tokens[:-1])


def initials(surface: str) -> str:
    """Initials of the significant words of a name: 'Agence France-Presse' -> 'afp'."""
    return "".join(token[0] for token in key(surface).split() if token not in ACRONYM_SKIP)


def is_acronym_of(short: str, long: str) -> bool:
    """True when `short` is one token spelling the initials of `long` ('Afep', 'AFP')."""
    short_key = key(short).replace(" ", "")
    if not (2 <= len(short_key) <= MAX_ACRONYM_LENGTH) or len(key(short).split()) != 1:
        return False
    if not short.strip()[:1].isupper():
        return False
    long_initials = initials(long)
    return len(long.split()) >= 2 and short_key in (long_initials, "".join(t[0] for t in key(long).split()))


def _qualifier_only(extra: Sequence[str], lexicon: Lexicon) -> bool:
    """True when the extra tokens are one or more qualifiers from the list."""
    rest = list(extra)
    while rest:
        for phrase in lexicon.qualifiers:
            if tuple(rest[: len(phrase)]) == phrase:
                rest = rest[len(phrase) :]
                break
        else:
            return False
    return True


def _extension(short: list[str], long: list[str]) -> list[str] | None:
    """The tokens `long` adds to `short` when `short` is its start (or end); else None."""
    if len(long) <= len(short):
        return None
    if long[: len(short)] == short:
        return long[len(short) :]
    if long[-len(short) :] == short:
        return long[: -len(short)]
    return None


def is_typo(first: str, second: str) -> bool:
    """True when two keys differ by one slip in long enough words (see the constants' notes).

    Same number of tokens; each differing pair is at most `MAX_TOKEN_EDITS` apart, starts with
    the same letter, is at least `MIN_TYPO_TOKEN` long, holds no digit ("TF1"/"TF2") and is no
    qualifier ("Orange France"/"Orange Franco").
    """
    if first == second or min(len(first), len(second)) < MIN_TYPO_LENGTH:
        return False
    left, right = first.split(), second.split()
    if len(left) != len(right) or fuzz.ratio(first, second) < MIN_TYPO_RATIO:
        return False
    lexicon = load_lexicon()
    qualifier_words = {phrase[0] for phrase in lexicon.qualifiers if len(phrase) == 1}
    for a, b in zip(left, right, strict=True):
        if a == b:
            continue
        if min(len(a), len(b)) < MIN_TYPO_TOKEN or a[0] != b[0]:
            return False
        if any(ch.isdigit() for ch in a + b) or a in qualifier_words or b in qualifier_words:
            return False
        if Levenshtein.distance(a, b) > MAX_TOKEN_EDITS:
            return False
    return True


def compare_names(first: str, second: str, lexicon: Lexicon | None = None) -> str:
    """How name `second` relates to organisation name `first`: SAME, ALIAS, SUBSIDIARY, EXTENDED, TYPO...

    rapidfuzz's token-set ratio is 100 whenever one name's words are a subset of the other's
    ("Canal+" in "Canal+ Afrique"): the words added decide. Legal forms and descriptors make an
    alias, qualifiers a subsidiary, anything else a different (extended) name.
    """
    lexicon = lexicon or load_lexicon()
    first_key, second_key = key(first), key(second)
    if first_key == second_key:
        return SAME
    first_core, second_core = core_key(first, lexicon), core_key(second, lexicon)
    if first_core == second_core:
        return ALIAS
    if fuzz.token_set_ratio(first_core, second_core) == 100:
        a, b = first_core.split(), second_core.split()
        extra = _extension(a, b) if len(b) > len(a) else _extension(b, a)
        if extra is not None and _qualifier_only(extra, lexicon):
            return SUBSIDIARY
        return EXTENDED
    if is_typo(first_core, second_core):
        return TYPO
    return DIFFERENT


def is_subsidiary_form(name: str, form: str, lexicon: Lexicon | None = None) -> bool:
    """True when `form` is `name` plus a qualifier ("Canal+" / "Canal+ Afrique"), either way round."""
    return compare_names(name, form, lexicon) == SUBSIDIARY


def typo_candidates(query: str, keys: Sequence[str]) -> list[tuple[str, float]]:
    """Keys of `keys` one slip away from `query` (`is_typo`), best ratio first."""
    if len(query) < MIN_TYPO_LENGTH or not keys:
        return []
    found = process.extract(
        query, keys, scorer=fuzz.ratio, score_cutoff=MIN_TYPO_RATIO, limit=TYPO_CANDIDATES
    )
    return [(str(choice), float(score)) for choice, score, _ in found if is_typo(query, str(choice))]


def is_capitalised(surface: str) -> bool:
    """True when the first letter of `surface` is upper case ('Orange', 'ORANGE', not 'orange')."""
    for char in surface:
        if char.isalpha():
            return char.isupper()
    return False


def needs_capital(
    surface: str, extra_forms: frozenset[str] = frozenset(), lexicon: Lexicon | None = None
) -> bool:
    """True when `surface` is a common word naming a company, written without its capital.

    The capital is looked for on the name itself, after any descriptor: "groupe Orange" is
    capitalised, "orange" and "groupe orange" are not.

    `extra_forms` adds keys (e.g. the gazetteer's case-guarded forms) to the common-word list.
    Such a surface must not be linked: "orange" is the fruit, "free" the adjective.
    """
    lexicon = lexicon or load_lexicon()
    core = core_key(surface, lexicon)
    if not any(form in lexicon.common_words or form in extra_forms for form in (key(surface), core)):
        return False
    head = core.split()[0] if core else ""
    words = _TOKEN.findall(surface)
    start = next((i for i, word in enumerate(words) if key(word).split()[:1] == [head]), 0)
    return not is_capitalised(" ".join(words[start:]))
