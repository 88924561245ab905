"""Give acquisitions and divestments the amount of the deal when the same sentence states it.

Relations and facts are found by separate stages; the amount of a deal is a `deal_value` fact
(`relate/facts.py`). When such a fact's evidence overlaps a deal relation's evidence, the relation
gets `attributes.amount` and `attributes.currency` (OUTPUT.md), so the relation carries its price.
"""

from __future__ import annotations

from veille.doc import Doc, Fact, Relation, Span

#: Relation types whose attributes take the amount of the deal.
DEAL_RELATIONS: frozenset[str] = frozenset({"acquisition", "divestment", "stake"})
#: Fact types that state the price of a deal.
DEAL_FACTS: frozenset[str] = frozenset({"deal_value"})


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _deal_fact(relation: Relation, facts: list[Fact]) -> Fact | None:
    spans = [relation.evidence, *relation.more_evidence]
    for fact in facts:
        if fact.type in DEAL_FACTS and any(_overlaps(fact.evidence, span) for span in spans):
            return fact
    return None


def attach_deal_amounts(doc: Doc) -> int:
    """Set amount/currency on the doc's deal relations from overlapping deal facts; returns how many."""
    attached = 0
    for relation in doc.relations:
        if relation.type not in DEAL_RELATIONS or "amount" in relation.attributes:
            continue
        fact = _deal_fact(relation, doc.facts)
        if fact is not None:
            relation.attributes["amount"] = fact.value
            relation.attributes["currency"] = fact.unit
            attached += 1
    return attached
