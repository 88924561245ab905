"""An article's text cut into paragraphs of plain-text segments, for highlighting without HTML.

Each segment knows which entity mention covers it (if any) and which evidence spans do, so the
template can wrap it in a link and a mark while the text itself is always escaped. Segments are
cut at every mention and evidence boundary and at paragraph breaks (a blank line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(slots=True, frozen=True)
class Marked:
    """A span to highlight: an entity mention (with its entity) or an evidence span (`entity` None)."""

    start: int
    end: int
    entity: str | None = None
    label: str | None = None


def evidence_key(start: int, end: int) -> str:
    """The anchor key of an evidence span, as used in `#ev-<key>` and `?ev=<key>`."""
    return f"{start}-{end}"


def parse_evidence_key(key: str | None) -> tuple[int, int] | None:
    """`"12-80"` -> (12, 80); anything else -> None."""
    if not key:
        return None
    match = re.fullmatch(r"(\d{1,9})-(\d{1,9})", key)
    return (int(match.group(1)), int(match.group(2))) if match else None


def _paragraph_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    cursor = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > cursor:
            ranges.append((cursor, match.start()))
        cursor = match.end()
    if cursor < len(text):
        ranges.append((cursor, len(text)))
    return ranges


def _valid(spans: Iterable[Marked], size: int) -> list[Marked]:
    return [span for span in spans if 0 <= span.start < span.end <= size]


def paragraphs(
    text: str, mentions: Iterable[Marked], evidence: Iterable[Marked], focus: tuple[int, int] | None = None
) -> list[list[dict[str, Any]]]:
    """The text as paragraphs of segments `{text, entity, label, evidence, anchors, focus}`.

    `evidence` lists the keys of the evidence spans covering the segment; `anchors` the keys of
    those that start on it (the template puts `id="ev-<key>"` there); `focus` is true inside the
    evidence span `focus`. Spans outside the text are ignored.
    """
    mention_spans = sorted(_valid(mentions, len(text)), key=lambda s: (s.start, -s.end))
    evidence_spans = sorted(set(_valid(evidence, len(text))), key=lambda s: (s.start, -s.end))
    cuts = {0, len(text)}
    for span in [*mention_spans, *evidence_spans]:
        cuts.update((span.start, span.end))
    result: list[list[dict[str, Any]]] = []
    for para_start, para_end in _paragraph_ranges(text):
        points = sorted({para_start, para_end, *(c for c in cuts if para_start < c < para_end)})
        result.append(
            [_segment(text, a, b, mention_spans, evidence_spans, focus) for a, b in pairwise(points)]
        )
    return result


def _segment(
    text: str,
    start: int,
    end: int,
    mentions: list[Marked],
    evidence: list[Marked],
    focus: tuple[int, int] | None,
) -> dict[str, Any]:
    mention = next((m for m in mentions if m.start <= start and end <= m.end), None)
    covering = [e for e in evidence if e.start <= start and end <= e.end]
    return {
        "text": text[start:end],
        "entity": mention.entity if mention else None,
        "label": mention.label if mention else None,
        "evidence": [evidence_key(e.start, e.end) for e in covering],
        "anchors": [evidence_key(e.start, e.end) for e in covering if e.start == start],
        "focus": focus is not None and focus[0] <= start and end <= focus[1],
    }
