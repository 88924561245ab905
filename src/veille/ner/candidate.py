"""A candidate mention: a character span, a type and the detector that proposed it.

Detectors (the model, the gazetteer, the patterns) each propose candidates; `merge` keeps one per
place in the text. `Source` names the detector and orders them by how much their type is trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from veille.doc import EntityType


class Source:
    """Detector names (the `Mention.source` values) and the weight of their type in votes.

    The order follows the brief "gazetteer type > context cue > model": a curated entry is right
    about what a name is; a cue word next to the name ("la plateforme X") says what this mention is;
    a pattern on the name itself (a corporate suffix, a given name) is next; the model's label
    is the weakest evidence (it gave Equant three types in one article).
    """

    GAZETTEER = "gazetteer"
    CUE = "cue"  # a context word right before the name: "le groupe X", "l'application X", "M. X"
    PATTERN = "pattern"  # the name's own shape: "X Group", "Prénom Nom", "X (ACR)"
    MODEL = "model"

    WEIGHTS: ClassVar[dict[str, float]] = {GAZETTEER: 1000.0, CUE: 100.0, PATTERN: 10.0, MODEL: 1.0}
    #: The model's MISC is a weak "some name" label: it votes for a type at this fraction of a
    #: model vote (set so that any ORG/PER/PRODUCT vote from the model outweighs two MISC votes).
    MISC_FACTOR = 0.4


@dataclass(slots=True)
class Candidate:
    """A proposed mention `[start, end)` over the text, with its type and detector."""

    start: int
    end: int
    label: EntityType
    source: str
    entity_id: str | None = None  # the gazetteer id, for gazetteer candidates
    detail: str = ""  # which rule or cue (for debugging and tests)

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def weight(self) -> float:
        return Source.WEIGHTS.get(self.source, 1.0)

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Candidate) -> bool:
        return self.start <= other.start and other.end <= self.end
