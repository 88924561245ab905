"""Find the gazetteer's names in a parsed text: longest match over tokens, guards respected.

The gazetteer indexes every name, alias and former name by a normalised key (case, accents and
punctuation dropped). `GazetteerMatcher` walks the tokens and, at each token that can open a name,
extends the window while the normalised words are still a prefix of some key, and keeps the
longest window that is a key. A window is accepted when:
- its surface has a capital letter or a digit (a lowercase "orange" or "free" is a common word),
  unless the surface is written exactly as a listed form ("iPhone", "xCloud");
- `Gazetteer.lookup` finds it (that applies ambiguous.tsv's `case` guard);
- for a form ambiguous.tsv marks `context`, a business cue is present: the model also tagged the
  place as a name, or an organisation cue word comes right before it ("le groupe X").
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import cast

from veille.doc import EntityType
from veille.ner.candidate import Candidate, Source
from veille.ner.gazetteer import Entry, Gazetteer, normalise
from veille.ner.rules import is_name_word
from veille.ner.tokens import Tok

LOGGER = logging.getLogger(__name__)

#: Longest window tried, in tokens ("Alliance de la presse d'information générale" is 8 tokens).
MAX_WINDOW_TOKENS = 10


@lru_cache(maxsize=65536)
def _token_key(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).split())


class GazetteerMatcher:
    """Longest-match lookup of gazetteer forms over spaCy tokens."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._prefixes: set[tuple[str, ...]] = set()
        self._keys: set[tuple[str, ...]] = set()
        self._exact_forms: set[str] = set()
        for form, _entry in gazetteer.surface_forms():
            words = tuple(normalise(form).split())
            if not words:
                continue
            self._keys.add(words)
            self._exact_forms.add(form)
            for size in range(1, len(words) + 1):
                self._prefixes.add(words[:size])
        LOGGER.debug("gazetteer matcher: %d keys", len(self._keys))

    def match(self, tokens: Sequence[Tok], text: str, has_cue: Callable[[int, int], bool]) -> list[Candidate]:
        """Candidates for every gazetteer form found in the tokens (non-overlapping, longest first).

        `has_cue(start, end)` says whether a business cue supports the characters `[start, end)`.
        """
        found: list[Candidate] = []
        index = 0
        while index < len(tokens):
            best = self._longest_at(tokens, index, text, has_cue)
            if best is None:
                index += 1
                continue
            candidate, next_index = best
            found.append(candidate)
            index = next_index
        return found

    def _longest_at(
        self, tokens: Sequence[Tok], index: int, text: str, has_cue: Callable[[int, int], bool]
    ) -> tuple[Candidate, int] | None:
        first = tokens[index]
        if first.is_space or (first.is_punct and not first.text.isalnum()):
            return None
        words: tuple[str, ...] = ()
        best: tuple[Candidate, int] | None = None
        for end in range(index, min(len(tokens), index + MAX_WINDOW_TOKENS)):
            token = tokens[end]
            if token.is_space:
                break
            words = words + _token_key(token.text)
            if words not in self._prefixes:
                if _token_key(token.text):
                    break
                continue  # punctuation inside a name ("Arsenal.gg", "L'Oréal")
            if words in self._keys:
                start_char = first.idx
                end_char = token.idx + len(token.text)
                candidate = self._accept(text[start_char:end_char], start_char, end_char, has_cue)
                if candidate is not None:
                    best = (candidate, end + 1)
        return best

    def _accept(
        self, surface: str, start: int, end: int, has_cue: Callable[[int, int], bool]
    ) -> Candidate | None:
        if surface not in self._exact_forms and not any(is_name_word(word) for word in surface.split()):
            return None
        entries = self.gazetteer.lookup(surface)
        entries = [entry for entry in entries if self._guard_ok(surface, entry, start, end, has_cue)]
        if not entries:
            return None
        entry = entries[0]
        return Candidate(start, end, cast(EntityType, entry.type), Source.GAZETTEER, entry.id, entry.name)

    def _guard_ok(
        self, surface: str, entry: Entry, start: int, end: int, has_cue: Callable[[int, int], bool]
    ) -> bool:
        if self.gazetteer.needs_context(surface, entry.id):
            return has_cue(start, end)
        return True
