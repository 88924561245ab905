"""Combine the detectors' candidates into one mention per place in the text.

Order of work (`merge_candidates`):
1. drop every candidate on a boilerplate line; drop the model's candidates on shouted lines and
   those whose surface is no name ("Publicité", "SUV", "internet"); trim edges ("«X»", "Apple's");
2. split model spans that swallowed a name of another type: a person found by a pattern or the
   gazetteer inside an ORG ("Figaro Olivier Campenon" -> "Figaro" + "Olivier Campenon"), or a name
   of another type joined by a connector ("Daniel Ives de Wedbush Securities");
3. resolve overlaps: a span that contains another wins (a sub-brand "Apple Music" over "Apple");
   between crossing spans the better-trusted detector wins, then the longer;
4. give each kept span the type voted by every candidate on exactly that span, each weighted by
   its detector (`Source.WEIGHTS`), the model's MISC counting little;
5. drop a lone capitalised word at a sentence start that only the model proposed and that the
   article never writes elsewhere ("Objectif: 30%", "Sermonnés mercredi...").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import cast

from veille.doc import EntityType
from veille.ner import lexicon
from veille.ner.candidate import Candidate, Source
from veille.ner.forms import CONNECTORS, LEADING_FUNCTION_WORDS, strip_edges
from veille.ner.rules import follows_portfolio, is_name_word, surface_rejection


@dataclass(slots=True)
class TextLayout:
    """What merge needs to know about the text besides the candidates."""

    text: str
    blocked: Sequence[tuple[int, int]] = ()  # boilerplate lines
    shouted: Sequence[tuple[int, int]] = ()  # lines in capitals
    sentence_starts: frozenset[int] = frozenset()  # char offsets of each sentence's first word
    token_starts: frozenset[int] = frozenset()  # char offsets where a token starts
    known_surfaces: frozenset[str] = frozenset()  # names written elsewhere (the body, for a title)
    notes: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _inside(ranges: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(low <= start and end <= high for low, high in ranges)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Edges stripped of punctuation and of lowercase connectors ("de Wedbush" -> "Wedbush")."""
    while True:
        start, end = strip_edges(text, start, end)
        surface = text[start:end]
        parts = surface.split()
        lowercase_connector = parts[0].islower() and parts[0].casefold() in CONNECTORS if parts else False
        if len(parts) > 1 and (lowercase_connector or parts[0].casefold() in LEADING_FUNCTION_WORDS):
            start += surface.index(parts[1], len(parts[0]))
            continue
        if len(parts) > 1 and parts[-1].islower() and parts[-1].casefold() in CONNECTORS:
            end = start + surface.rindex(parts[-1])
            continue
        for elision in ("l'", "d'", "qu'", "n'", "s'", "c'", "j'"):
            if (
                surface.startswith(elision)
                and len(surface) > len(elision)
                and surface[len(elision)].isupper()
            ):
                start += len(elision)
                break
        else:
            return start, end


#: Articles French puts before a country ("La France a été..."): at a sentence start the model
#: takes them into the place's name.
PLACE_ARTICLES = ("La ", "Le ", "Les ", "L'")


def _without_article(text: str, start: int, end: int) -> int:
    for article in PLACE_ARTICLES:
        rest = start + len(article)
        if text.startswith(article, start) and rest < end and text[rest].isupper():
            return rest
    return start


def _candidate_ok(candidate: Candidate, layout: TextLayout) -> bool:
    """Whether a model, cue or pattern candidate can be a name (gazetteer candidates always can)."""
    text = layout.text
    if _inside(layout.shouted, candidate.start, candidate.end):
        layout.notes["dropped:shouted"] += 1
        return False
    surface = text[candidate.start : candidate.end]
    reason = surface_rejection(surface)
    if reason is None and not is_name_word(surface.split()[0]):
        first = surface.split()[0].casefold()
        reason = None if first in lexicon.folded("org_cues") else "lowercase-start"
    if reason is None and candidate.label == "PER" and any(char.isdigit() for char in surface):
        reason = "person-with-digits"
    if reason is None and candidate.source == Source.MODEL and follows_portfolio(text, candidate.start):
        reason = "portfolio"
    if reason is not None:
        layout.notes[f"dropped:{reason}"] += 1
        return False
    return True


def _clean(candidates: Sequence[Candidate], layout: TextLayout) -> list[Candidate]:
    kept = []
    for candidate in candidates:
        if _inside(layout.blocked, candidate.start, candidate.end):
            layout.notes["dropped:boilerplate-line"] += 1
            continue
        start, end = trim(layout.text, candidate.start, candidate.end)
        if end <= start:
            continue
        if candidate.label == "LOC" and candidate.source == Source.MODEL and start in layout.sentence_starts:
            start = _without_article(layout.text, start, end)
        candidate = replace(candidate, start=start, end=end)
        if candidate.source != Source.GAZETTEER and not _candidate_ok(candidate, layout):
            continue
        kept.append(candidate)
    return kept


_JOINERS = ("-", ",", "(", ")", "/")


def _joined(left: str, right: str) -> bool:
    """A connector or a hyphen separates a piece from what precedes or follows it in a span."""
    left_words, right_words = left.split(), right.split()
    if left.rstrip().endswith(_JOINERS) or right.lstrip().startswith(_JOINERS):
        return True
    return bool(
        (left_words and left_words[-1].casefold() in CONNECTORS)
        or (right_words and right_words[0].casefold() in CONNECTORS)
    )


def _covered(text: str, start: int, end: int, pieces: Sequence[Candidate]) -> bool:
    """Every name word of `text[start:end]` lies inside one of `pieces`."""
    for match in re.finditer(r"\S+", text[start:end]):
        word_start, word_end = start + match.start(), start + match.end()
        if not is_name_word(match.group()):
            continue
        if not any(p.start <= word_start and word_end <= p.end for p in pieces):
            return False
    return True


def _split_swallowed(model: Candidate, strong: Sequence[Candidate], layout: TextLayout) -> list[Candidate]:
    """`model` cut around the strong candidates it swallowed, or `[model]`.

    A strong candidate inside the span is cut out when it is a person inside a name of another
    type ("Figaro Olivier Campenon"), when it has another type and a connector or hyphen joins it
    ("Daniel Ives de Wedbush Securities"), or when strong candidates tile the whole span and
    something sets them apart (another type, a hyphen: "AFP Pierre Petillault", "Afep-Medef").
    """
    text = layout.text
    inner = sorted(
        (s for s in strong if model.contains(s) and (s.start, s.end) != (model.start, model.end)),
        key=lambda c: (c.start, -c.length),
    )
    if not inner:
        return [model]
    tiled = _covered(text, model.start, model.end, inner)
    cuts: list[Candidate] = []
    for candidate in inner:
        if cuts and candidate.start < cuts[-1].end:
            continue
        different = candidate.label != model.label
        joined = _joined(text[model.start : candidate.start], text[candidate.end : model.end])
        person = different and candidate.label == "PER" and candidate.source != Source.CUE
        several_types = len({c.label for c in inner}) > 1
        if person or (different and joined) or (tiled and (joined or several_types or different)):
            cuts.append(candidate)
    if not cuts:
        return [model]
    pieces: list[Candidate] = []
    position = model.start
    for cut in cuts:
        pieces.append(replace(model, start=position, end=cut.start, detail="split"))
        position = cut.end
    pieces.append(replace(model, start=position, end=model.end, detail="split"))
    layout.notes["split"] += 1
    kept = [
        p for p in pieces if p.end > p.start and any(is_name_word(w) for w in text[p.start : p.end].split())
    ]
    return _clean(kept, layout)


def _resolve(candidates: Sequence[Candidate]) -> list[tuple[int, int]]:
    """The kept spans: containers first, then by trust, then by length; none overlapping."""
    order = sorted(candidates, key=lambda c: (-c.length, -c.weight, c.start))
    kept: list[tuple[int, int]] = []
    for candidate in order:
        clash = [span for span in kept if candidate.start < span[1] and span[0] < candidate.end]
        if not clash:
            kept.append((candidate.start, candidate.end))
            continue
        crossing = [s for s in clash if not (s[0] <= candidate.start and candidate.end <= s[1])]
        if not crossing:
            continue  # inside a longer span already kept
        best = max(
            (c for c in candidates if (c.start, c.end) in crossing), key=lambda c: (c.weight, c.length)
        )
        if candidate.weight > best.weight:
            kept = [span for span in kept if span not in crossing]
            kept.append((candidate.start, candidate.end))
    return sorted(kept)


def _vote(span: tuple[int, int], candidates: Sequence[Candidate]) -> Candidate:
    """One candidate for the span: the type with the most weight, the strongest source and its id."""
    same = [
        c
        for c in candidates
        if (c.start, c.end) == span or (c.source == Source.CUE and c.start == span[0] and c.end <= span[1])
    ]
    scores: dict[str, float] = defaultdict(float)
    for candidate in same:
        weight = candidate.weight
        if candidate.label == "MISC" and candidate.source == Source.MODEL:
            weight *= Source.MISC_FACTOR
        scores[candidate.label] += weight
    label = max(scores, key=lambda key: (scores[key], key != "MISC"))
    strongest = max(same, key=lambda c: c.weight)
    entity_id = next((c.entity_id for c in same if c.entity_id and c.label == label), None)
    return Candidate(span[0], span[1], cast(EntityType, label), strongest.source, entity_id, strongest.detail)


def _orphans(
    mentions: list[Candidate], support: dict[tuple[int, int], set[str]], layout: TextLayout
) -> list[Candidate]:
    """Drop lone model-only words at a sentence start that the article never repeats elsewhere."""
    text = layout.text
    elsewhere: dict[str, int] = defaultdict(int)
    for mention in mentions:
        if mention.start not in layout.sentence_starts:
            elsewhere[text[mention.start : mention.end]] += 1
    kept = []
    for mention in mentions:
        surface = text[mention.start : mention.end]
        lone = len(surface.split()) == 1 and mention.start in layout.sentence_starts
        repeated = elsewhere[surface] or surface in layout.known_surfaces
        if lone and support[(mention.start, mention.end)] == {Source.MODEL} and not repeated:
            layout.notes["dropped:sentence-start"] += 1
            continue
        kept.append(mention)
    return kept


def merge_candidates(candidates: Sequence[Candidate], layout: TextLayout) -> list[Candidate]:
    """One candidate per kept span, sorted by position (see module docstring)."""
    cleaned = _clean(candidates, layout)
    strong = [c for c in cleaned if c.source != Source.MODEL]
    pieces: list[Candidate] = []
    for candidate in cleaned:
        pieces.extend(
            _split_swallowed(candidate, strong, layout) if candidate.source == Source.MODEL else [candidate]
        )
    spans = _resolve(pieces)
    support: dict[tuple[int, int], set[str]] = defaultdict(set)
    for piece in pieces:
        support[(piece.start, piece.end)].add(piece.source)
    mentions = [_vote(span, pieces) for span in spans]
    return _orphans(mentions, support, layout)
