"""Sentence spans over `doc.text`: the unit a relation's evidence points to.

Paragraphs are separated by blank lines; a single line break also ends a sentence (captions,
headings). Inside a line a sentence ends at `.`, `!`, `?` or `…` (with any closing quote or
bracket) followed by a space and a capital, a digit, a dash or an opening quote — except after
an abbreviation ("M.", "Dr.", "Inc.") or a single initial ("J.-Y."). Offsets are Python string
indices into the text, with surrounding whitespace trimmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words that end with a dot without ending the sentence (compared lower-cased, without the dot).
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "dr",
        "pr",
        "me",
        "st",
        "ste",
        "etc",
        "cf",
        "av",
        "bd",
        "p",
        "n",
        "no",
        "vol",
        "env",
        "inc",
        "corp",
        "ltd",
        "co",
        "mr",
        "mrs",
        "ms",
        "jr",
        "sr",
        "vs",
        "dept",
        "approx",
        "fig",
        "ex",
        "gen",
        "gov",
        "sen",
        "rep",
        "u.s",
        "e.g",
        "i.e",
    }
)

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"\n")
_END = re.compile(r"[.!?…]+[\"»”’)\]]*(?=\s+[\"«“(\-–—A-ZÀ-ÖØ-Þ0-9])")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: `[start, end)` in `doc.text`, its paragraph and its index in the document."""

    start: int
    end: int
    paragraph: int
    index: int

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the dot at `dot` closes an abbreviation or an initial, not a sentence."""
    match = _WORD_BEFORE.search(text, 0, dot)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    last = word.rsplit("-", 1)[-1].rsplit(".", 1)[-1]
    if len(last) == 1 and last.isalpha():
        return True  # an initial: "J.", "J.-Y."
    return word in ABBREVIATIONS or last in ABBREVIATIONS


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if match.group(0)[0] == "." and _is_abbreviation(text, match.start()):
            continue
        span = _trimmed(text, cursor, match.end())
        if span:
            spans.append(span)
        cursor = match.end()
    span = _trimmed(text, cursor, end)
    if span:
        spans.append(span)
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each paragraph (blank-line separated), trimmed, in order."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _PARAGRAPH.finditer(text):
        span = _trimmed(text, cursor, match.start())
        if span:
            spans.append(span)
        cursor = match.end()
    span = _trimmed(text, cursor, len(text))
    if span:
        spans.append(span)
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, with their paragraph numbers."""
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(paragraph_spans(text)):
        cursor = p_start
        lines = [*(m.start() for m in _LINE.finditer(text, p_start, p_end)), p_end]
        for line_end in lines:
            for start, end in _line_sentences(text, cursor, line_end):
                sentences.append(Sentence(start, end, paragraph, len(sentences)))
            cursor = line_end + 1
    return sentences
