"""The fact lexicons' phrase matcher gives exactly what its whole alternation gives with `finditer`.

`PhraseMatcher` tries the alternation only where a phrase can start (a speed-up); these tests run
both on the dev texts of ../shared (tags stripped: raw page text is a harder input than clean text)
and on invented strings built to hit the edge cases (case, hyphens, apostrophes, windows starting
inside a word, characters whose case folding reaches another letter).
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from veille.relate.fact_lexicon import PhraseMatcher, find_cues, load_fact_lexicon

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLD = SHARED / "eval" / "dev" / "gold.json"
TAG = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]*>", re.DOTALL | re.IGNORECASE)
#: Windows per text: enough to start and end inside words many times over.
WINDOWS = 12
SEED = 20261123


def _matchers() -> Iterator[tuple[str, PhraseMatcher]]:
    lex = load_fact_lexicon()
    for lang, (matcher, _entries) in lex.cues.items():
        if matcher is not None:
            yield f"cues:{lang}", matcher
    tables = {**lex.targets, **lex.scopes, **lex.periods}
    tables.update({f"{lang}:{cls}": phrases for (lang, cls), phrases in lex.constructions.items()})
    for name, phrases in tables.items():
        if phrases.matcher is not None:
            yield name, phrases.matcher


def _reference(matcher: PhraseMatcher, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end(), (m.lastindex or 1) - 1) for m in matcher.regex.finditer(text, start, end)]


def _dev_texts() -> list[str]:
    if not GOLD.exists():
        pytest.skip("../shared dev gold not present")
    texts = []
    for record in json.loads(GOLD.read_text(encoding="utf-8")):
        path = SHARED / record["path"]
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        texts.append(TAG.sub(" ", raw.decode("utf-8", errors="replace")))
    return texts


def _invented(rng: random.Random, surfaces: list[str]) -> str:
    """A string of lexicon phrases in odd cases and joins, with noise in between."""
    glue = [" ", "  ", "-", "'", "’", ", ", "\n", "x", "é", "\u212a", "\u017f", "İ", "(", " de "]
    parts = []
    for _ in range(60):
        word = rng.choice(surfaces).rstrip("*")
        word = rng.choice([word, word.upper(), word.title(), word + "s", word[: max(1, len(word) // 2)]])
        parts.append(word + rng.choice(glue))
    return "".join(parts)


def _same_everywhere(text: str, rng: random.Random, whole: bool = False) -> int:
    checked = 0
    for name, matcher in _matchers():
        for _ in range(WINDOWS):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randrange(1, 600))
            found = list(matcher.finditer(text, start, end))
            assert found == _reference(matcher, text, start, end), (name, text[start:end])
            checked += len(found)
        if whole:
            assert list(matcher.finditer(text, 0, len(text))) == _reference(matcher, text, 0, len(text))
    return checked


def test_matcher_agrees_with_the_alternation_on_the_dev_texts() -> None:
    rng = random.Random(SEED)
    assert sum(_same_everywhere(text, rng) for text in _dev_texts()) > 100


def test_matcher_agrees_with_the_alternation_on_invented_strings() -> None:
    rng = random.Random(SEED)
    lex = load_fact_lexicon()
    surfaces = [entries[0].surface for _m, groups in lex.cues.values() for entries in groups if entries]
    surfaces += ["Q2", "par an", "dont", "contre", "objectif", "d'ici", "français", "au profit de"]
    surfaces += ["compte atteindre", "compte entre", "compte 3"]
    assert sum(_same_everywhere(_invented(rng, surfaces), rng, whole=True) for _ in range(30)) > 100


def test_matcher_keeps_word_starts_case_and_the_first_listed_phrase() -> None:
    matcher = PhraseMatcher(["chiffre d'affaires", "chiffre", "US", "+"])
    text = "Le chiffre d'affaires, le préchiffre, us et US, + 3"
    found = [(text[s:e], i) for s, e, i in matcher.finditer(text, 0, len(text))]
    assert found == [("chiffre d'affaires", 0), ("US", 2), ("+", 3)]
    assert list(matcher.finditer(text, 3, 10)) == [(3, 10, 1)]  # the window cuts the longer phrase
    kelvin = "\u212a"  # folds to "k": the whole alternation decides
    assert [i for _s, _e, i in PhraseMatcher(["km"]).finditer(f"3 {kelvin}m", 0, 4)] == [0]


def test_find_cues_reads_a_sentence_from_its_start_offset() -> None:
    lex = load_fact_lexicon()
    text = "Zorbatel: un chiffre d'affaires de 3 millions et un bénéfice net de 1 million."
    hits = find_cues(lex, text, 10, len(text), "fr")
    assert [text[h.start : h.end] for h in hits] == ["chiffre d'affaires", "bénéfice net"]
