"""What the sentence-level relation benchmarks share (relx_eval, popcorn_relations, fire_relations).

Each of them hands veille's `RelationExtractor` a text with its entities already given, maps its
own gold onto veille's relation types, and compares sets of `(type, subject id, object id)`:
this module holds that comparison, the document wrapper and the machine line they print.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field

from veille.doc import Doc, doc_id

Triple = tuple[str, str, str]


def sentence_doc(text: str, language: str) -> Doc:
    """A plain-text document for `text`, as the relation stage expects it (entities set by the caller)."""
    raw = text.encode("utf-8")
    return Doc(id=doc_id(raw), raw=raw, media_type="text", text=text, language=language)


def ordered(triple: Triple, symmetric: frozenset[str]) -> Triple:
    """One spelling of a relation whose type is symmetric: arguments in sorted order."""
    rel_type, subject, obj = triple
    if rel_type in symmetric and obj < subject:
        return (rel_type, obj, subject)
    return triple


@dataclass
class Tally:
    """Precision and recall of one relation type over a benchmark."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    #: Gold relations that could not be scored (an argument not given to veille); None: not counted.
    unscorable: int | None = None
    errors: list[str] = field(default_factory=list)

    def add(self, gold: set[Triple], mine: set[Triple]) -> None:
        self.gold += len(gold)
        self.predicted += len(mine)
        self.correct += len(gold & mine)

    def row(self, name: str) -> str:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        line = (
            f"{name:12s} P={p:.3f} ({self.correct}/{self.predicted})  "
            f"R={r:.3f} ({self.correct}/{self.gold})  F1={f:.3f}"
        )
        return line if self.unscorable is None else f"{line}  unscorable gold {self.unscorable}"


def machine() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"machine: {platform.machine()} {os.cpu_count()} CPUs, load average {load}; "
        f"python {platform.python_version()}; {platform.platform()}"
    )
