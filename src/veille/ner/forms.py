"""Name forms: what is around a name and what is the name itself, shared by `merge` and the grouper.

strip_edges("«Apple's»")         -> (1, 6): "Apple"
core_form("M. Plassat")          -> "Plassat"
core_form("groupe Volkswagen")   -> "Volkswagen"
is_acronym_of("Afep", "Association française des entreprises privées") -> True
"""

from __future__ import annotations

import re

from veille.ner import lexicon

#: Function words that join the parts of a name or sit at its edges; never a name's first or last word.
CONNECTORS = frozenset(
    {
        "de",
        "du",
        "des",
        "d'",
        "of",
        "the",
        "la",
        "le",
        "les",
        "l'",
        "et",
        "and",
        "chez",
        "at",
        "à",
        "au",
        "aux",
        "pour",
        "for",
        "en",
        "in",
        "sur",
        "on",
        "par",
        "by",
        "avec",
        "with",
        "a",
        "an",
        "un",
        "une",
    }
)
#: Capitalised function words the model sometimes puts in front of a name ("Avec Jean Dupont",
#: "Selon Marie Curie"); determiners are left alone, since they open names ("Le Monde", "The Verge").
LEADING_FUNCTION_WORDS = frozenset(
    {
        "avec",
        "selon",
        "pour",
        "dans",
        "mais",
        "et",
        "chez",
        "après",
        "avant",
        "sans",
        "sous",
        "vers",
        "depuis",
        "pendant",
        "contre",
        "entre",
        "par",
        "sur",
        "with",
        "for",
        "and",
        "but",
        "according",
        "after",
        "before",
        "from",
        "since",
        "during",
        "against",
        "between",
        "by",
        "on",
        "in",
        "at",
        "as",
        "comme",
        "quand",
        "lorsque",
        "si",
        "if",
        "when",
        "while",
        "ainsi",
        "donc",
        "alors",
        "puis",
        "enfin",
        "aussi",
        "also",
        "then",
    }
)
#: Possessive endings dropped from English names ("Apple's" -> "Apple").
POSSESSIVES = ("'s", "'")
#: Characters stripped from both ends of a mention.
EDGE_PUNCT = " \t\n\"'«»“”‘’()[]{},;:.!?-–—*•/"
#: Shortest and longest acronym accepted in "Long Name (ACR)".
ACRONYM_MIN, ACRONYM_MAX = 2, 8

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """`[start, end)` without edge punctuation, leading connectors and an English possessive."""
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT and not _keeps_final_dot(text, start, end):
        end -= 1
    for ending in POSSESSIVES:
        if text[start:end].endswith(ending) and end - len(ending) > start and ending != "'":
            end -= len(ending)
    return start, end


def _keeps_final_dot(text: str, start: int, end: int) -> bool:
    """ "Inc." and "M." keep their dot."""
    if text[end - 1] != ".":
        return False
    last = text[start:end].split()[-1]
    return last in lexicon.exact("corporate_suffixes") or last in lexicon.exact("person_cues")


def words(surface: str) -> list[str]:
    return surface.split()


def civility_free(surface: str) -> str:
    """The name without a leading civility or title ("M. Plassat" -> "Plassat")."""
    parts = surface.split()
    civilities = {cue for cue in lexicon.exact("person_cues") if cue[:1].isupper()}
    while len(parts) > 1 and parts[0] in civilities:
        parts = parts[1:]
    return " ".join(parts)


def descriptor_free(surface: str) -> str:
    """The name without leading lowercase descriptors ("groupe Volkswagen" -> "Volkswagen")."""
    parts = surface.split()
    descriptors = lexicon.folded("descriptors")
    while len(parts) > 1 and parts[0].islower() and parts[0].casefold() in descriptors:
        parts = parts[1:]
    return " ".join(parts)


def core_form(surface: str) -> str:
    """The name itself: no civility, no descriptor, folded spaces."""
    return civility_free(descriptor_free(" ".join(surface.split())))


def initials(name: str) -> str:
    """First letters of the name's words, connectors left out ("université de Californie du Sud" -> "ucs")."""
    return "".join(word[0].casefold() for word in _WORD.findall(name) if word.casefold() not in CONNECTORS)


def looks_like_acronym(token: str) -> bool:
    """A short single word, capital first, no spaces ("USC", "Afep", "CNIL")."""
    return (
        ACRONYM_MIN <= len(token) <= ACRONYM_MAX
        and token.isalnum()
        and token[0].isupper()
        and sum(1 for char in token if char.isupper()) >= 1
    )


def is_acronym_of(short: str, long: str) -> bool:
    """True when `short` is built from `long`'s initials: in order ("Afep"), or as a set of the
    same letters when the name was translated ("USC" for "université de Californie du Sud")."""
    if not looks_like_acronym(short) or len(long.split()) < 2:
        return False
    letters = short.casefold()
    letters_long = initials(long)
    if letters == letters_long:
        return True
    if sorted(letters) == sorted(letters_long):
        return True
    iterator = iter(letters_long)
    return (
        len(letters) >= ACRONYM_MIN + 1
        and all(char in iterator for char in letters)
        and letters[0] == letters_long[0]
    )
