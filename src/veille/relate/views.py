"""A sentence as the patterns see it: entity slots, a masked text, its tokens and its subject.

Each entity mention in the sentence becomes a `Slot`; so does each description or pronoun that
`coref.py` resolved ("l'opérateur", "il"). The masked text is the sentence (typographic quotes and
spaces normalised) with every slot written `⟨i⟩`, `i` being its index in `View.slots`, so that a
surface pattern such as `⟨0⟩, filiale de ⟨1⟩` is a plain regular expression. Positions in the
masked text map back to `doc.text` offsets, and from there to the spaCy tokens of the parse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veille.relate.sentences import Sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

#: One character for one, so offsets survive: quotes, apostrophes and odd spaces made plain.
_NORMALISE = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
    }
)
SLOT_OPEN, SLOT_CLOSE = "⟨", "⟩"
SLOT_RE = re.compile(r"⟨(\d+)⟩")
#: Dependency labels by which a proper name hangs off the noun that is the argument
#: ("le groupe Casino", "les opérateurs SFR", "les revenus de Facebook").
NAME_ATTACHMENTS = frozenset(
    {"nmod", "appos", "flat", "flat:name", "compound", "nmod:poss", "poss", "pobj", "prep"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj"})
RELATIVE_PRONOUNS = frozenset({"qui", "que", "qu'", "who", "which", "that"})
#: How far up the tree `clause_subject` climbs from a trigger looking for a subject.
MAX_CLIMB = 6


def normalise(text: str) -> str:
    return text.translate(_NORMALISE)


@dataclass(slots=True)
class Slot:
    """An entity occurrence in a sentence: a name, or a description/pronoun resolved to it."""

    start: int  # doc offsets
    end: int
    entity_id: str
    type: str
    kind: str = "name"  # name | desc | pron
    factor: float = 1.0  # confidence factor: 1 for a name, lower for a resolved description
    index: int = -1
    mstart: int = -1  # offsets in the masked text
    mend: int = -1


@dataclass(slots=True)
class View:
    sentence: Sentence
    text: str  # normalised sentence text, same offsets as doc.text[sentence.start:sentence.end]
    masked: str
    slots: list[Slot]
    tokens: list[Token]
    language: str
    person_heads: frozenset[str] = frozenset()  # nouns naming a person's post ("patron")
    subject: Slot | None = None
    subject_inherited: bool = False
    _pieces: list[tuple[int, int, int]] = field(default_factory=list)  # (masked start, doc start, length)

    def doc_offset(self, mpos: int) -> int:
        """The `doc.text` offset of a masked-text position (a slot maps to its start)."""
        for mstart, dstart, length in self._pieces:
            if mstart <= mpos < mstart + length:
                return dstart + (mpos - mstart)
        for slot in self.slots:
            if slot.mstart <= mpos < slot.mend:
                return slot.start
        return self.sentence.end

    def slots_in(self, text: str) -> list[Slot]:
        """The slots written in a piece of the masked text, in order."""
        return [self.slots[int(m.group(1))] for m in SLOT_RE.finditer(text)]

    def token_at(self, mpos: int) -> Token | None:
        offset = self.doc_offset(mpos)
        starts = [t.idx + _base(t) for t in self.tokens]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        token = self.tokens[i]
        return token if offset < starts[i] + len(token.text) else None

    def tokens_between(self, mstart: int, mend: int) -> list[Token]:
        lo, hi = (
            self.doc_offset(mstart),
            self.doc_offset(mend) if mend < len(self.masked) else self.sentence.end,
        )
        return [t for t in self.tokens if lo <= t.idx + _base(t) < hi]

    def slot_of_token(self, token: Token) -> Slot | None:
        """The slot covering `token`, or one attached to it as a name ("le groupe Casino").

        A name attached with a preposition ("les revenus de Facebook") counts too, except after a
        noun naming a person's post: "le patron de Seat" is a person, not Seat.
        """
        found = self._covering(token)
        if found is not None:
            return found
        person = token.lower_ in self.person_heads
        for child in token.children:
            has_case = any(c.dep_ in ("case", "prep") for c in child.children)
            if child.dep_ in NAME_ATTACHMENTS and not (person and has_case):
                found = self._covering(child)
                if found is not None:
                    return found
        return None

    def _covering(self, token: Token) -> Slot | None:
        offset = token.idx + _base(token)
        for slot in self.slots:
            if slot.start <= offset < slot.end:
                return slot
        return None

    def clause_subject(self, mpos: int) -> Slot | None:
        """The subject of the clause around a masked position, by the parse, else the sentence's."""
        token = self.token_at(mpos)
        steps = 0
        while token is not None and steps < MAX_CLIMB:
            for child in token.children:
                if child.dep_ in SUBJECT_DEPS and child.i != token.i:
                    found = self._subject_slot(child)
                    if found is not None:
                        return found
            if token.head.i == token.i:
                break
            token = token.head
            steps += 1
        return self.subject

    def _subject_slot(self, token: Token) -> Slot | None:
        """The slot a subject token stands for; "qui" stands for its antecedent, when that is a slot."""
        if token.lower_ in RELATIVE_PRONOUNS:
            verb = token.head
            if verb.head.i != verb.i:
                antecedent = verb.head
                found = self.slot_of_token(antecedent)
                if found is None and antecedent.dep_ == "appos":
                    found = self._covering(antecedent.head) or self.slot_before(self.masked_pos(antecedent))
                return found
            return self.slot_before(self.masked_pos(token))
        return self.slot_of_token(token)

    def masked_pos(self, token: Token) -> int:
        offset = token.idx + _base(token)
        for mstart, dstart, length in self._pieces:
            if dstart <= offset < dstart + length:
                return mstart + offset - dstart
        for slot in self.slots:
            if slot.start <= offset < slot.end:
                return slot.mstart
        return len(self.masked)

    def slot_before(self, mpos: int, types: frozenset[str] | None = None) -> Slot | None:
        """The nearest slot ending before a masked position (of one of `types`)."""
        best = None
        for slot in self.slots:
            if slot.mend <= mpos and (types is None or slot.type in types):
                best = slot
        return best


def _base(token: Token) -> int:
    """The doc offset of the paragraph a token was parsed in (set by `build_view`)."""
    return int(token.doc.user_data.get("veille.offset", 0))


def choose_slots(candidates: list[Slot]) -> list[Slot]:
    """Non-overlapping slots, longest first, in text order."""
    kept: list[Slot] = []
    for slot in sorted(candidates, key=lambda s: (-(s.end - s.start), s.start)):
        if all(slot.end <= k.start or slot.start >= k.end for k in kept):
            kept.append(slot)
    return sorted(kept, key=lambda s: s.start)


def build_view(
    sentence: Sentence,
    doc_text: str,
    slots: list[Slot],
    tokens: list[Token],
    language: str,
    person_heads: frozenset[str] = frozenset(),
    group_words: frozenset[str] = frozenset(),
) -> View:
    """Mask the slots of a sentence (they must not overlap) and index them.

    A name that starts with a group word ("groupe Lagardère") is masked as "groupe ⟨i⟩", so the
    patterns see the same text whether or not the recogniser kept the word in the mention.
    """
    text = normalise(doc_text[sentence.start : sentence.end])
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    cursor, mlen = sentence.start, 0
    ordered = sorted(slots, key=lambda s: s.start)
    for index, slot in enumerate(ordered):
        before = text[cursor - sentence.start : slot.start - sentence.start]
        pieces.append((mlen, cursor, len(before)))
        parts.append(before)
        mlen += len(before)
        marker = f"{SLOT_OPEN}{index}{SLOT_CLOSE}"
        first = text[slot.start - sentence.start : slot.end - sentence.start].split(" ", 1)[0]
        if (
            slot.kind == "name"
            and first.lower() in group_words
            and " " in text[slot.start - sentence.start : slot.end - sentence.start]
        ):
            parts.append(first + " ")
            mlen += len(first) + 1
        slot.index, slot.mstart, slot.mend = index, mlen, mlen + len(marker)
        parts.append(marker)
        mlen += len(marker)
        cursor = slot.end
    tail = text[cursor - sentence.start :]
    pieces.append((mlen, cursor, len(tail)))
    parts.append(tail)
    view = View(sentence, text, "".join(parts), ordered, tokens, language, person_heads)
    view._pieces = pieces
    return view
