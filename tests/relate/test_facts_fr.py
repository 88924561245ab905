"""Fact extraction on invented French sentences: one per construction and fact type."""

from __future__ import annotations

from fact_support import facts_of, one

from veille.doc import EntityType


def test_revenue_with_year_and_scope() -> None:
    facts = facts_of(
        "Zorbatel a réalisé en 2019 un chiffre d'affaires français de 420 millions d'euros.",
        {"Zorbatel": "ORG"},
    )
    fact = one(facts, "revenue")
    assert (fact.subject, fact.value, fact.unit, fact.period, fact.scope) == (
        "Zorbatel",
        420e6,
        "EUR",
        "2019",
        "France",
    )
    assert not fact.is_target


def test_upper_bound_qualifier() -> None:
    fact = one(
        facts_of(
            "Zorbatel affiche un chiffre d'affaires de moins de 50 millions d'euros.", {"Zorbatel": "ORG"}
        ),
        "revenue",
    )
    assert (fact.value, fact.qualifier) == (50e6, "<")


def test_loss_is_negative_and_contrast_takes_the_currency() -> None:
    facts = facts_of(
        "Le groupe Pelican a publié une perte nette de 12 millions d'euros en 2019,"
        " contre un bénéfice de 3 millions un an plus tôt.",
        {"Pelican": "ORG"},
    )
    values = sorted((f.value, f.unit) for f in facts if f.type == "net_income")
    assert values == [(-12e6, "EUR"), (3e6, "EUR")]
    assert {f.subject for f in facts} == {"Pelican"}


def test_loss_verb_is_negative() -> None:
    fact = one(
        facts_of("Après avoir perdu 7 millions d'euros en 2018, Pelican se redresse.", {"Pelican": "ORG"}),
        "net_income",
    )
    assert (fact.value, fact.period) == (-7e6, "2018")


def test_growth_target_after_objectif() -> None:
    facts = facts_of(
        "Zorbatel vise le marché des PME. Objectif: 20% de croissance par an.", {"Zorbatel": "ORG"}
    )
    fact = one(facts, "growth_target")
    assert (fact.subject, fact.value, fact.unit, fact.period, fact.is_target) == (
        "Zorbatel",
        20.0,
        "%",
        "per year",
        True,
    )


def test_growth_without_target_is_not_growth_target() -> None:
    facts = facts_of("Le chiffre d'affaires de Zorbatel a progressé de 6% en 2019.", {"Zorbatel": "ORG"})
    assert [f.type for f in facts] == ["revenue_growth"]


def test_planned_investment_is_a_target_and_takes_the_currency_said_before() -> None:
    facts = facts_of(
        "Ludomax a gagné 80 millions de dollars de bénéfice net."
        " Le groupe prévoit d'investir deux milliards de plus dans ses entrepôts.",
        {"Ludomax": "ORG"},
    )
    fact = one(facts, "investment")
    assert (fact.subject, fact.value, fact.unit, fact.is_target) == ("Ludomax", 2e9, "USD", True)


def test_funds_raised_are_investment() -> None:
    facts = facts_of(
        "La start-up Kivio, qui compte une trentaine de collaborateurs, a levé 8 millions d'euros.",
        {"Kivio": "ORG"},
    )
    assert one(facts, "investment").value == 8e6
    staff = one(facts, "employees")
    assert (staff.subject, staff.value, staff.unit, staff.qualifier) == ("Kivio", 30.0, "people", "~")


def test_deal_value() -> None:
    facts = facts_of(
        "Pelican a annoncé le rachat de Ferrox pour 2,5 milliards de dollars.",
        {"Pelican": "ORG", "Ferrox": "ORG"},
    )
    fact = one(facts, "deal_value")
    assert (fact.subject, fact.value, fact.unit) == ("Pelican", 2.5e9, "USD")


def test_subscribers_from_the_unit_and_from_a_cue() -> None:
    counted = one(facts_of("Zorbatel compte 3,2 millions d'abonnés.", {"Zorbatel": "ORG"}), "subscribers")
    assert (counted.value, counted.unit) == (3.2e6, "subscribers")
    signed_up = one(
        facts_of("Plus de 5.000 personnes se sont inscrites sur Kivio.", {"Kivio": "ORG"}), "subscribers"
    )
    assert (signed_up.subject, signed_up.value, signed_up.unit, signed_up.qualifier) == (
        "Kivio",
        5000.0,
        "subscribers",
        ">",
    )


def test_job_cuts() -> None:
    fact = one(facts_of("Ferrox va supprimer 450 emplois en France.", {"Ferrox": "ORG"}), "job_cuts")
    assert (fact.subject, fact.value, fact.unit, fact.scope) == ("Ferrox", 450.0, "people", "France")


def test_market_share() -> None:
    fact = one(facts_of("Kivio détient désormais 18% de parts de marché.", {"Kivio": "ORG"}), "market_share")
    assert (fact.subject, fact.value, fact.unit) == ("Kivio", 18.0, "%")


def test_price_goes_to_the_product_named_next_to_it() -> None:
    facts = facts_of(
        "Zorbatel lance une offre payante: 40 chaînes avec Zorba Max pour 12,99 euros par mois.",
        {"Zorbatel": "ORG", "Zorba Max": "PRODUCT"},
    )
    fact = one(facts, "price")
    assert (fact.subject, fact.value, fact.unit, fact.period) == ("Zorba Max", 12.99, "EUR", "per month")


def test_network_length_and_cities_connected() -> None:
    facts = facts_of(
        "Telnova exploite 20.000 kilomètres de fibre optique et 120 villes raccordées.", {"Telnova": "ORG"}
    )
    assert (one(facts, "network_length").value, one(facts, "network_length").unit) == (20000.0, "km")
    assert (one(facts, "cities_connected").value, one(facts, "cities_connected").unit) == (120.0, "cities")


def test_fine() -> None:
    fact = one(
        facts_of("Le régulateur a infligé à Telnova une amende de 5 millions d'euros.", {"Telnova": "ORG"}),
        "fine",
    )
    assert (fact.subject, fact.value, fact.unit) == ("Telnova", 5e6, "EUR")


def test_compensation_goes_to_a_person() -> None:
    facts = facts_of(
        "Le patron de Ferrox, Paul Martin, a renoncé à son indemnité de départ de 2,3 millions d'euros.",
        {"Ferrox": "ORG", "Paul Martin": "PER"},
    )
    fact = one(facts, "compensation")
    assert (fact.subject, fact.value) == ("Paul Martin", 2.3e6)


def test_restated_amount_takes_the_previous_cue() -> None:
    facts = facts_of(
        "Paul Martin a renoncé à son indemnité de départ. La somme correspond à près de 4 millions d'euros.",
        {"Paul Martin": "PER"},
    )
    fact = one(facts, "compensation")
    assert (fact.subject, fact.value, fact.qualifier) == ("Paul Martin", 4e6, "~")


def test_part_after_dont_takes_the_type_and_its_own_scope() -> None:
    facts = facts_of(
        "Ferrox a réalisé un chiffre d'affaires de 900 millions d'euros,"
        " dont 300 millions pour le marché français.",
        {"Ferrox": "ORG"},
    )
    revenue = sorted((f.value, f.scope) for f in facts if f.type == "revenue")
    assert revenue == [(300e6, "France"), (900e6, None)]


def test_description_subject_takes_the_topic() -> None:
    facts = facts_of(
        "Ferrox domine le classement des éditeurs."
        " L'éditeur a réalisé un chiffre d'affaires de 571 millions d'euros.",
        {"Ferrox": "ORG"},
    )
    assert one(facts, "revenue").subject == "Ferrox"


def test_possessive_subject_takes_the_topic_not_the_organisation_compared() -> None:
    facts = facts_of(
        "Pelican, la maison mère de Kivio, a trébuché. Le groupe est plus exposé que Ferrox aux annonceurs. "
        "Son bénéfice net a atteint près de 7 milliards de dollars.",
        {"Pelican": "ORG", "Kivio": "ORG", "Ferrox": "ORG"},
    )
    assert one(facts, "net_income").subject == "Pelican"


def test_subject_in_a_subordinate_clause_refers_to_the_main_subject() -> None:
    facts = facts_of(
        "Les revenus de Ferrox ont grimpé de 11%, à 18,7 milliards de dollars,"
        " dont la société a sorti plus de 5 milliards de bénéfice net.",
        {"Ferrox": "ORG"},
    )
    assert one(facts, "net_income").subject == "Ferrox"
    assert one(facts, "revenue").value == 18.7e9


def test_market_subject_and_cited_source_give_no_fact() -> None:
    facts = facts_of(
        "Le marché de la vidéo représentait plus de 5 milliards de dollars de revenus en 2019,"
        " d'après le cabinet Statix.",
        {"Statix": "ORG"},
    )
    assert facts == []


def test_difference_change_and_counted_nouns_are_no_facts() -> None:
    facts = facts_of(
        "Ferrox a réalisé 11 milliards de bénéfice net, deux milliards de plus qu'attendu. "
        "Sa valorisation a baissé de 3 milliards d'euros. Ferrox a livré 100 millions de doses.",
        {"Ferrox": "ORG"},
    )
    assert [(f.type, f.value) for f in facts] == [("net_income", 11e9)]


def test_quarter_takes_the_publication_year() -> None:
    facts = facts_of(
        "Ludomax émerge du deuxième trimestre avec 5,2 milliards de dollars de bénéfice net.",
        {"Ludomax": "ORG"},
        published="2020-07-31",
    )
    assert one(facts, "net_income").period == "Q2 2020"


def test_no_entities_no_facts() -> None:
    assert facts_of("Le chiffre d'affaires atteint 3 millions d'euros.", {}) == []


def test_compte_is_a_plan_only_before_an_infinitive() -> None:
    staff = one(facts_of("Zorbatel compte environ 70 employés à Lyon.", {"Zorbatel": "ORG"}), "employees")
    assert not staff.is_target
    site = facts_of(
        "Le site de Zorbatel, qui compte entre 1.300 et 1.400 salariés, sera fermé.", {"Zorbatel": "ORG"}
    )
    assert site and not any(f.is_target for f in site)
    plan = one(
        facts_of("Zorbatel compte atteindre 30% de parts de marché.", {"Zorbatel": "ORG"}), "market_share"
    )
    assert (plan.value, plan.is_target) == (30.0, True)


def test_a_change_of_something_else_is_no_growth_of_the_entity() -> None:
    facts = facts_of(
        "Face à une hausse de 43% des messages haineux, Kivio a porté plainte. "
        "Le nombre de plaintes a augmenté de 20%. Kivio a grimpé de 7% en Bourse. "
        "Kivio a vu son chiffre d'affaires progresser de 12%.",
        {"Kivio": "ORG"},
    )
    # "a grimpé de 7% en Bourse" is the share price's move, not the company's growth
    assert sorted((f.type, f.value) for f in facts) == [("revenue_growth", 12.0)]


KIVIO_ZORBATEL: dict[str, EntityType] = {"Kivio": "ORG", "Zorbatel": "ORG"}


def test_figure_in_brackets_after_a_name_is_that_entitys() -> None:
    facts = facts_of("Kivio a racheté le fabricant Zorbatel (300 salariés) pour grandir.", KIVIO_ZORBATEL)
    assert (one(facts, "employees").subject, one(facts, "employees").value) == ("Zorbatel", 300.0)
    facts = facts_of("Kivio a racheté le fabricant Zorbatel (environ 300 salariés).", KIVIO_ZORBATEL)
    assert one(facts, "employees").subject == "Zorbatel"


def test_source_quoted_a_few_words_before_is_no_subject() -> None:
    facts = facts_of(
        "Zorbatel gère le service. Selon les informations du Courrier, le déficit cumulé atteindra"
        " 290 millions d'euros.",
        {"Zorbatel": "ORG", "Courrier": "ORG"},
    )
    assert one(facts, "net_income").subject == "Zorbatel"


def test_description_naming_another_entity_stands_for_the_one_named_before() -> None:
    facts = facts_of(
        "Pelican veut concurrencer Kivio sur ce marché, où la filiale du groupe Ferrox détient"
        " près de 60% de parts de marché.",
        {"Pelican": "ORG", "Kivio": "ORG", "Ferrox": "ORG"},
    )
    assert one(facts, "market_share").subject == "Kivio"


def test_a_cue_word_in_an_idiom_reads_no_number() -> None:
    facts = facts_of(
        "Zorbatel a versé une aide de 250 millions d'euros au profit des communes.", {"Zorbatel": "ORG"}
    )
    assert [f.type for f in facts if f.type == "net_income"] == []


def test_a_person_speaks_for_the_organisation_of_their_role() -> None:
    from fact_support import doc_with

    from veille.doc import Relation, Span
    from veille.relate.facts import FactExtractor

    text = (
        "Les négociations avec Pelican traînent. « Nous restons », a déclaré Anna Berg, directrice de Kivio."
        " Anna Berg s'est dite fière des 1.500 employés américains."
    )
    doc = doc_with(text, {"Pelican": "ORG", "Kivio": "ORG", "Anna Berg": "PER"})
    doc.relations.append(Relation("role", "per:anna-berg", "org:kivio", Span(0, 10), 0.9))
    facts = FactExtractor().process(doc).facts
    assert [(f.type, f.subject, f.value) for f in facts] == [("employees", "org:kivio", 1500.0)]


def test_subject_after_dont_belongs_to_the_noun_before_it() -> None:
    text = (
        "Zorbatel rappelle que les Régions, dont les pertes sont évaluées à 900 millions d'euros,"
        " ont vu leurs recettes garanties. Ferrox, dont le bénéfice a atteint 3 millions d'euros, recrute."
    )
    facts = facts_of(text, {"Zorbatel": "ORG", "Ferrox": "ORG"})
    assert [(f.type, f.subject, f.value) for f in facts] == [("net_income", "Ferrox", 3e6)]
