"""A relation as one pattern found it in one sentence, before merging, and its confidence scheme.

Confidence = pattern strength x argument factors (1 for a name, `coref` factors for a resolved
description or pronoun) x hedging factor (`hedging.py`) x a distance decay beyond
`NEAR_CHARS`. Several sentences supporting the same relation combine as a noisy-or, capped.

The strengths were set by reading the dev articles' matches: constructions whose two arguments
are glued by the trigger (apposition, "le patron de X Y", parentheses) are almost always right;
verb frames depend on the parse finding the subject; fallbacks that borrow an argument from the
article's main entity or from a quote's speaker are right about half the time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from veille.relate.views import Slot, View

#: Pattern strengths, by construction family.
APPOSITION = 0.9  # "Equant, filiale de France Télécom"; "X, directeur de Y"
TITLE_BEFORE_NAME = 0.9  # "le patron de Canal+ Maxime Saada"
PARENTHESIS = 0.8  # "Albert-René (groupe Hachette)"; "Altice (propriétaire de RMC)"
POSSESSIVE = 0.75  # "Proximus et sa plateforme Pickx"; "son patron Jeff Bezos"
PREDICATE = 0.8  # "il est le patron de Seat"; "Il y fut ... président de Seat"
VERB_FRAME = 0.8  # "X a racheté Y"; "Y a été racheté par X"
NOUN_FRAME = 0.7  # "un accord avec X" (subject from the clause)
LIST_UNITS = 0.75  # "X, qui rassemble les marques A, B et C"
ADJACENT = 0.55  # "Daniel Ives de Wedbush Securities"; "Bernard Arnault (LVMH)"
NAMING = 0.6  # "Apple Music" is a product of "Apple"
DERIVED = 0.6  # acquisition from a divestment with a buyer; predecessor's role
QUOTE = 0.5  # competitor named in a quote, speaker's organisation
MAIN_ENTITY = 0.5  # an argument borrowed from the article's main entity
#: Characters between the two arguments beyond which confidence decays, and the decay per
#: further 10 characters (a long gap is where parses and windows go wrong).
NEAR_CHARS = 60
DECAY_PER_10_CHARS = 0.97
#: Combined confidence of several evidence sentences never exceeds this.
MAX_CONFIDENCE = 0.98
#: Relations below this confidence are not output (a denied or doubly hedged relation).
MIN_CONFIDENCE = 0.3


@dataclass(slots=True)
class Candidate:
    type: str
    subject: Slot
    object: Slot
    view: View
    strength: float
    pattern: str
    attributes: dict[str, Any] = field(default_factory=dict)
    hedge: float = 1.0
    gap: int = 0  # characters between the arguments in the masked text

    @property
    def confidence(self) -> float:
        value = self.strength * self.subject.factor * self.object.factor * self.hedge
        extra = max(0, self.gap - NEAR_CHARS)
        return float(value * DECAY_PER_10_CHARS ** (extra / 10))


def combine(confidences: list[float]) -> float:
    """Noisy-or of independent supports, capped at `MAX_CONFIDENCE`."""
    miss = 1.0
    for value in confidences:
        miss *= 1.0 - value
    return round(min(MAX_CONFIDENCE, 1.0 - miss), 3)
