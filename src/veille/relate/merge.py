"""Candidates -> `Relation`s: one per (type, subject, object) in an article, with all its evidence.

`subsidiary` and `product` are one family (GUIDELINES): a "subsidiary" whose child is a product
becomes `product(parent, child)` and a "product" that is a company becomes `subsidiary`. Symmetric
types (partnership, competition, merger) have one key for both orders. The first evidence is
the sentence of the most confident candidate, `more_evidence` the other sentences in text order;
each attribute comes from the most confident candidate that has it (keys starting with `_` are
internal and dropped); the confidence combines the best candidate of each sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from veille.doc import Relation, Span
from veille.relate.candidates import MIN_CONFIDENCE, Candidate, combine

SYMMETRIC = frozenset({"partnership", "competition", "merger"})
PRODUCT_TYPES = frozenset({"PRODUCT", "MISC"})


def normalised(cand: Candidate) -> tuple[str, str, str]:
    """(type, subject id, object id) after the family and symmetry rules."""
    rel_type, subj, obj = cand.type, cand.subject, cand.object
    if rel_type == "subsidiary" and subj.type in PRODUCT_TYPES and obj.type == "ORG":
        rel_type, subj, obj = "product", obj, subj
    elif rel_type == "product" and obj.type == "ORG":
        rel_type, subj, obj = "subsidiary", obj, subj
    if rel_type in SYMMETRIC and obj.entity_id < subj.entity_id:
        subj, obj = obj, subj
    return rel_type, subj.entity_id, obj.entity_id


def merge(candidates: Sequence[Candidate]) -> list[Relation]:
    groups: dict[tuple[str, str, str], list[Candidate]] = {}
    for cand in candidates:
        groups.setdefault(normalised(cand), []).append(cand)
    relations: list[Relation] = []
    for (rel_type, subj, obj), group in groups.items():
        ranked = sorted(group, key=lambda c: -c.confidence)
        best_by_sentence: dict[tuple[int, int], float] = {}
        for cand in ranked:
            span = (cand.view.sentence.start, cand.view.sentence.end)
            best_by_sentence.setdefault(span, cand.confidence)
        confidence = combine(list(best_by_sentence.values()))
        if confidence < MIN_CONFIDENCE:
            continue
        first = (ranked[0].view.sentence.start, ranked[0].view.sentence.end)
        others = sorted(span for span in best_by_sentence if span != first)
        attributes: dict[str, object] = {}
        for cand in ranked:
            for key, value in cand.attributes.items():
                if not key.startswith("_"):
                    attributes.setdefault(key, value)
        relations.append(
            Relation(
                type=rel_type,
                subject=subj,
                object=obj,
                evidence=Span(*first),
                confidence=confidence,
                attributes=attributes,
                more_evidence=[Span(*span) for span in others],
            )
        )
    relations.sort(key=lambda r: (r.evidence.start, r.type, r.subject, r.object))
    return relations
