"""Fact extraction on invented English sentences."""

from __future__ import annotations

from fact_support import facts_of, one

ACME = {"Acme": "ORG"}


def test_revenue_and_growth() -> None:
    facts = facts_of("Acme reported revenue of $5 billion in 2019, up 8%.", ACME, "en")
    revenue = one(facts, "revenue")
    assert (revenue.subject, revenue.value, revenue.unit, revenue.period) == ("Acme", 5e9, "USD", "2019")
    assert one(facts, "revenue_growth").value == 8.0


def test_net_loss_is_negative_with_quarter() -> None:
    fact = one(
        facts_of("Acme posted a net loss of $30 million in the second quarter of 2020.", ACME, "en"),
        "net_income",
    )
    assert (fact.value, fact.period) == (-30e6, "Q2 2020")


def test_growth_target() -> None:
    fact = one(facts_of("Acme aims for 10% growth per year.", ACME, "en"), "growth_target")
    assert (fact.value, fact.is_target, fact.period) == (10.0, True, "per year")


def test_employees_with_scope() -> None:
    fact = one(facts_of("Acme employs 1,200 people in Europe.", ACME, "en"), "employees")
    assert (fact.value, fact.unit, fact.scope) == (1200.0, "people", "Europe")


def test_job_cuts() -> None:
    fact = one(facts_of("Acme will cut 300 jobs this year.", ACME, "en"), "job_cuts")
    assert (fact.value, fact.unit) == (300.0, "people")


def test_fine_on_a_passive_subject() -> None:
    fact = one(facts_of("Acme was fined €2 million by the regulator.", ACME, "en"), "fine")
    assert (fact.subject, fact.value, fact.unit) == ("Acme", 2e6, "EUR")


def test_market_share() -> None:
    fact = one(facts_of("Acme holds a market share of 35% in France.", ACME, "en"), "market_share")
    assert (fact.value, fact.scope) == (35.0, "France")


def test_deal_value_goes_to_the_buyer() -> None:
    fact = one(
        facts_of(
            "Acme agreed to buy Zeta in a deal worth $1.2 billion.", {"Acme": "ORG", "Zeta": "ORG"}, "en"
        ),
        "deal_value",
    )
    assert (fact.subject, fact.value) == ("Acme", 1.2e9)


def test_subscribers_and_investment() -> None:
    facts = facts_of(
        "Acme has 4 million subscribers. The company invested $300 million in its network.", ACME, "en"
    )
    assert (one(facts, "subscribers").value, one(facts, "subscribers").unit) == (4e6, "subscribers")
    assert (one(facts, "investment").subject, one(facts, "investment").value) == ("Acme", 3e8)


def test_compensation() -> None:
    fact = one(
        facts_of("John Smith received a pay package worth $12 million.", {"John Smith": "PER"}, "en"),
        "compensation",
    )
    assert (fact.subject, fact.value) == ("John Smith", 12e6)


def test_price_of_a_product() -> None:
    fact = one(facts_of("The Acme One plan costs $9.99 per month.", {"Acme One": "PRODUCT"}, "en"), "price")
    assert (fact.subject, fact.value, fact.unit, fact.period) == ("Acme One", 9.99, "USD", "per month")
