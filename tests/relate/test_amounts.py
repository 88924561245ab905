"""Deal relations take the amount stated in their own sentence."""

from __future__ import annotations

from support import make_doc
from veille.doc import Entity, Fact, Relation, Span
from veille.relate.amounts import attach_deal_amounts
from veille.relate.facts import FactExtractor
from veille.relate.relations import RelationExtractor


def test_an_overlapping_deal_value_becomes_the_acquisition_amount() -> None:
    doc = make_doc("x")
    doc.text = "Acme rachète Zeta pour 120 millions d'euros. Acme vise 3 millions de clients."
    doc.relations = [Relation("acquisition", "org:acme", "org:zeta", Span(0, 44), 0.9)]
    doc.facts = [
        Fact("deal_value", "org:acme", 120e6, "EUR", Span(0, 44), 0.9),
        Fact("subscribers", "org:acme", 3e6, "subscribers", Span(45, 78), 0.9),
    ]
    assert attach_deal_amounts(doc) == 1
    assert doc.relations[0].attributes == {"amount": 120e6, "currency": "EUR"}


def test_a_deal_value_in_another_sentence_is_not_attached() -> None:
    doc = make_doc("x")
    doc.text = "Acme rachète Zeta. Le marché pèse 120 millions d'euros."
    doc.relations = [Relation("acquisition", "org:acme", "org:zeta", Span(0, 18), 0.9)]
    doc.facts = [Fact("deal_value", None, 120e6, "EUR", Span(19, 55), 0.6)]
    assert attach_deal_amounts(doc) == 0
    assert doc.relations[0].attributes == {}


def test_the_stages_together_give_the_amount() -> None:
    text = "Le groupe Vantelis a racheté Brisemer Fibre pour 210 millions d'euros, a annoncé le groupe."
    doc = make_doc(text)
    doc.text, doc.language = text, "fr"
    doc.entities = [
        Entity("org:vantelis", "Vantelis", "ORG", [], [Span(10, 18)]),
        Entity("org:brisemer-fibre", "Brisemer Fibre", "ORG", [], [Span(29, 43)]),
    ]
    doc = FactExtractor().process(RelationExtractor().process(doc))
    deals = [r for r in doc.relations if r.type == "acquisition"]
    assert deals and deals[0].attributes.get("amount") == 210e6
    assert deals[0].attributes.get("currency") == "EUR"
