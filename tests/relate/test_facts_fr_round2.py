"""Fact precision, second round: numbers about something else than the entity, on invented sentences."""

from __future__ import annotations

from fact_support import facts_of, one

from veille.doc import EntityType

VOSTREL: dict[str, EntityType] = {"Vostrel": "ORG"}


def test_a_share_price_move_is_no_growth() -> None:
    assert facts_of("L'action Vostrel a reculé de 2,38% à Wall Street.", VOSTREL) == []
    assert facts_of("A la Bourse de Paris, Vostrel a grimpé de 4%.", VOSTREL) == []


def test_a_trend_outside_the_stock_market_is_still_growth() -> None:
    fact = one(facts_of("Vostrel a progressé de 4% sur l'année.", VOSTREL), "growth")
    assert (fact.subject, fact.value) == ("Vostrel", 4.0)


def test_a_subject_naming_another_thing_gives_no_fact() -> None:
    text = (
        "Le groupe Vostrel a présenté ses comptes. Le taux d'occupation des hôtels en France a baissé"
        " de 12%, avec une perte sèche de 140 millions d'euros."
    )
    assert facts_of(text, VOSTREL) == []


def test_a_subject_holding_a_cue_still_measures_the_topic() -> None:
    text = "Le groupe Vostrel a présenté ses comptes. Le chiffre d'affaires du groupe a progressé de 5%."
    fact = one(facts_of(text, VOSTREL), "revenue_growth")
    assert (fact.subject, fact.value) == ("Vostrel", 5.0)


def test_a_bare_actor_subject_does_not_hide_the_entity() -> None:
    text = "Le régulateur a infligé à Vostrel une amende de 5 millions d'euros."
    assert one(facts_of(text, VOSTREL), "fine").subject == "Vostrel"


def test_public_deficit_and_asset_purchases_are_no_company_figures() -> None:
    text = "Le groupe Vostrel a présenté ses comptes. Le déficit public s'affichait à 120 milliards d'euros."
    assert facts_of(text, VOSTREL) == []
    text = "La Banque de Zembla va augmenter de 50 milliards d'euros son programme de rachat d'actifs."
    assert facts_of(text, {"Banque de Zembla": "ORG"}) == []


def test_money_voted_by_the_government_is_public() -> None:
    text = (
        "Le groupe Vostrel a présenté son plan. Au Sénat, le gouvernement a fait adopter une enveloppe"
        " de 490 millions d'euros pour l'industrie."
    )
    assert facts_of(text, VOSTREL) == []


def test_a_state_body_named_in_the_sentence_is_not_the_subject() -> None:
    text = "Au Sénat, une enveloppe de 490 millions d'euros a été votée pour décarboner l'industrie."
    assert facts_of(text, {"Sénat": "ORG"}) == []


def test_first_person_quote_of_a_person_is_no_company_figure() -> None:
    text = "Vostrel a fermé sa chaîne. \"J'avais presque 2 millions d'abonnés\", a dit Paul Grimaud."
    assert facts_of(text, {"Vostrel": "ORG", "Paul Grimaud": "PER"}) == []


def test_a_pronoun_takes_up_the_name_dislocated_before_it() -> None:
    text = (
        "Zorbex diffusera le championnat. Zorbex coûtera 29,90 euros par mois sans engagement. "
        "Zorbex sera également disponible via Bouygo, et des discussions sont en cours avec Fibo.\n\n"
        "Kalomba, elle, coûtera entre 19,90 euros mensuels et 24,90 euros."
    )
    facts = facts_of(text, {"Zorbex": "ORG", "Kalomba": "ORG", "Bouygo": "ORG", "Fibo": "ORG"})
    assert {(f.subject, f.value) for f in facts if f.type == "price"} == {("Zorbex", 29.9), ("Kalomba", 19.9)}


def test_a_size_is_positive_whatever_sign_is_written() -> None:
    fact = one(
        facts_of("Le groupe Vostrel prévoit des économies (-4 millions d'euros).", VOSTREL), "cost_savings"
    )
    assert fact.value == 4e6


def test_a_loss_keeps_its_sign() -> None:
    fact = one(facts_of("Vostrel a publié une perte nette de 3 millions d'euros.", VOSTREL), "net_income")
    assert fact.value == -3e6


def test_members_of_a_mutual_are_counted() -> None:
    fact = one(facts_of("La mutuelle Vostrel compte 2,8 millions de sociétaires.", VOSTREL), "subscribers")
    assert (fact.subject, fact.value, fact.unit) == ("Vostrel", 2.8e6, "subscribers")


def test_a_print_run_is_no_sale() -> None:
    facts = facts_of("Le magazine Vostrel a été imprimé à 200.000 exemplaires.", VOSTREL)
    assert [f.type for f in facts] == ["print_run"]


def test_hoping_to_raise_is_a_target() -> None:
    facts = facts_of("L'agence Vostrel a lancé une campagne, espérant lever 500.000 euros.", VOSTREL)
    assert one(facts, "investment").is_target


def test_a_figure_said_for_a_whole_sector_has_no_subject() -> None:
    text = (
        "Le groupe Vostrel a présenté ses comptes. Jusqu'à 500 millions d'euros de manque à gagner"
        " pour le secteur touristique."
    )
    assert facts_of(text, VOSTREL) == []


def test_a_company_figure_for_a_market_keeps_its_subject() -> None:
    text = "Vostrel a réalisé un chiffre d'affaires de 500 millions d'euros pour le marché français."
    assert one(facts_of(text, VOSTREL), "revenue").subject == "Vostrel"


def test_followers_of_a_persons_account_are_no_company_figure() -> None:
    text = (
        "Le compte Instagram de la chanteuse Lia Tomas, suivi par 80 millions d'abonnés, appartient à Facebo."
    )
    assert facts_of(text, {"Facebo": "ORG", "Lia Tomas": "PER"}) == []


def test_a_count_inside_the_subject_still_goes_to_the_entity_named_after() -> None:
    fact = one(facts_of("Plus de 100.000 personnes se sont inscrites sur Vostrel.", VOSTREL), "subscribers")
    assert (fact.subject, fact.value) == ("Vostrel", 100000.0)


def test_people_working_at_an_organisation_are_its_staff() -> None:
    fact = one(
        facts_of("Chez Bombar, 2.000 personnes travaillent au Québec.", {"Bombar": "ORG"}), "employees"
    )
    assert (fact.subject, fact.value, fact.unit) == ("Bombar", 2000.0, "people")


def test_a_move_among_the_days_stocks_is_no_growth() -> None:
    text = "Parmi les autres valeurs du jour, Vostrel a reculé de 2,38%, affecté par des rumeurs."
    assert facts_of(text, VOSTREL) == []


def test_a_monthly_amount_under_a_deal_is_a_price() -> None:
    text = "Grâce à un accord signé avec Vostrel, l'abonné pourra, pour 29,90 euros par mois, voir la chaîne."
    facts = facts_of(text, VOSTREL)
    assert [(f.type, f.value, f.period) for f in facts] == [("price", 29.9, "per month")]
