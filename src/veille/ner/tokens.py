"""A light copy of a parsed text's tokens, read once from spaCy.

Every detector walks the tokens; reading `spacy.tokens.Token` objects costs one object per
access, which made the rules cost as much as a fifth of the parse. `read_tokens` copies the few
attributes the rules use into plain objects in one pass.
"""

from __future__ import annotations

from typing import Any, NamedTuple

#: spaCy's ENT_IOB codes: 3 begins an entity, 1 continues it, 2 is outside, 0 unset.
IOB_BEGIN, IOB_INSIDE = 3, 1


class Tok(NamedTuple):
    """The attributes of a spaCy token that the rules read."""

    i: int
    text: str
    idx: int
    pos_: str
    is_space: bool
    is_punct: bool
    is_stop: bool
    is_sent_start: bool


def read_tokens(spacy_doc: Any) -> list[Tok]:
    """The tokens of a parsed text; `is_sent_start` is True on each sentence's first token."""
    from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, IS_STOP, LENGTH, POS, SENT_START

    if len(spacy_doc) == 0:
        return []
    rows = spacy_doc.to_array([IDX, LENGTH, POS, IS_SPACE, IS_PUNCT, IS_STOP, SENT_START]).tolist()
    text = spacy_doc.text
    strings = spacy_doc.vocab.strings
    pos_names: dict[int, str] = {}
    tokens = []
    for i, (idx, length, pos, space, punct, stop, sent_start) in enumerate(rows):
        name = pos_names.get(pos)
        if name is None:
            name = pos_names[pos] = strings[pos] if pos else ""
        tokens.append(
            Tok(
                i,
                text[idx : idx + length],
                idx,
                name,
                bool(space),
                bool(punct),
                bool(stop),
                i == 0 or sent_start == 1,
            )
        )
    return tokens


def sentence_starts(tokens: list[Tok]) -> frozenset[int]:
    """Offsets of the first word of each sentence (after leading punctuation such as "- ")."""
    starts = set()
    waiting = False
    for token in tokens:
        if token.is_sent_start:
            waiting = True
        if waiting and not (token.is_punct or token.is_space):
            starts.add(token.idx)
            waiting = False
    return frozenset(starts)


def entity_spans(spacy_doc: Any) -> list[tuple[int, int, str]]:
    """(start_char, end_char, label) of the model's entities, read from arrays (`Doc.ents`
    builds a Token object per token)."""
    from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH

    if len(spacy_doc) == 0:
        return []
    rows = spacy_doc.to_array([ENT_IOB, ENT_TYPE, IDX, LENGTH]).tolist()
    strings = spacy_doc.vocab.strings
    spans: list[tuple[int, int, str]] = []
    current: list[int] | None = None  # [start, end, label id]
    for iob, label, idx, length in rows:
        inside = iob == IOB_INSIDE and current is not None and current[2] == label
        if inside and current is not None:
            current[1] = idx + length
            continue
        if current is not None:
            spans.append((current[0], current[1], strings[current[2]]))
            current = None
        if iob in (IOB_BEGIN, IOB_INSIDE) and label:
            current = [idx, idx + length, label]
    if current is not None:
        spans.append((current[0], current[1], strings[current[2]]))
    return spans
