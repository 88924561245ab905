"""Pull quotes and repeated lines in scraped text.

Article layouts repeat a sentence of the body in large type (a pull quote), often with the
speaker's name and title on the next line, scraped in lower case ("jane doe ceo de acme"). A pull
quote is found by what it is, not by its wording: a line that is a whole quotation and whose word
trigrams mostly occur elsewhere in the body. Layouts edit the quote a little ("À l'inverse des
géants américains" for "À l'inverse d'eux"), hence a containment share rather than equality.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from veille.clean.text_lexicon import normalise

#: Quote marks that open and close a whole-line quotation.
QUOTE_OPEN = "\"«“„‘'"
QUOTE_CLOSE = "\"»”’'"
#: Pull quotes are one or two sentences; longer quoted lines are body paragraphs.
PULL_QUOTE_MAX_CHARS = 300
#: Share of a quoted line's word trigrams found in the rest of the body for it to be a repeat.
#: Set at 0.6: an edited pull quote keeps most trigrams (3 of 4 in the layouts read), while a new
#: quotation shares few with the text around it (names and a stock phrase at most).
PULL_QUOTE_MIN_CONTAINMENT = 0.6
#: An unquoted line is dropped as a repeat only when nearly all of it is elsewhere (a repeated lede).
REPEAT_MIN_CONTAINMENT = 0.9
#: Below this many trigrams (about 6 words) a line is too short to call a repeat.
MIN_TRIGRAMS = 4
#: "jane doe, ceo de acme": the attribution under a pull quote is a few words.
ATTRIBUTION_MAX_WORDS = 8
_SENTENCE_END = ".!?;:"
_WORD = re.compile(r"\w+")


def trigrams(norm: str) -> frozenset[tuple[str, str, str]]:
    """Word trigrams of an already normalised text (`text_lexicon.normalise`)."""
    words = _WORD.findall(norm)
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def is_whole_quote(text: str) -> bool:
    """True for a line that is one quotation from its first to its last character."""
    body = text.rstrip(". ")
    return len(body) > 2 and body[0] in QUOTE_OPEN and body[-1] in QUOTE_CLOSE


def is_attribution(text: str) -> bool:
    """A short speaker line: "— Jane Doe, CEO d'Acme" or all lower case, without a full stop."""
    words = _WORD.findall(text)
    if not words or len(words) > ATTRIBUTION_MAX_WORDS or text[-1] in _SENTENCE_END:
        return False
    return text[0] in "—–-" or text == text.lower()


def repeated_lines(
    texts: Sequence[str], indexes: Sequence[int], norms: Sequence[str] | None = None
) -> set[int]:
    """Positions (in `texts`) of pull quotes, their attribution lines and repeated lines.

    `indexes` are the source line numbers of `texts`, so that an attribution is only taken when it
    sits on the very next source line, as layouts print it. `norms`, when given, are the texts
    already normalised (saves normalising them again).
    """
    grams = [trigrams(norm) for norm in (norms if norms is not None else [normalise(t) for t in texts])]
    everywhere: Counter[tuple[str, str, str]] = Counter()
    for gram_set in grams:
        everywhere.update(gram_set)
    earlier: set[tuple[str, str, str]] = set()
    dropped: set[int] = set()
    for pos, text in enumerate(texts):
        own = grams[pos]
        if pos not in dropped and _is_repeat(text, own, everywhere, earlier):
            dropped.add(pos)
            everywhere.subtract(own)  # so that the other copy of a repeated line is kept
            nxt = pos + 1
            if (
                is_whole_quote(text)
                and nxt < len(texts)
                and indexes[nxt] == indexes[pos] + 1
                and is_attribution(texts[nxt])
            ):
                dropped.add(nxt)
        else:
            earlier.update(own)
    return dropped


def _is_repeat(
    text: str,
    own: frozenset[tuple[str, str, str]],
    everywhere: Counter[tuple[str, str, str]],
    earlier: set[tuple[str, str, str]],
) -> bool:
    """A pull quote may come before the sentence it repeats; a plain repeated line is the later copy."""
    if len(own) < MIN_TRIGRAMS or len(text) > PULL_QUOTE_MAX_CHARS:
        return False
    if is_whole_quote(text):
        share = sum(1 for gram in own if everywhere[gram] > 1) / len(own)
        return share >= PULL_QUOTE_MIN_CONTAINMENT
    return sum(1 for gram in own if gram in earlier) / len(own) >= REPEAT_MIN_CONTAINMENT
