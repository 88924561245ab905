"""English constructions of `rules_english.py`, the English lexicon rows and the English frame
checks, one invented sentence each (measured on FIRE by bench/fire_relations.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Triples = Callable[..., set[tuple[str, str, str]]]
Relations = Callable[..., list[dict[str, Any]]]


def _en(triples: Triples, marked: str) -> set[tuple[str, str, str]]:
    return triples(marked, "en")


def test_wholly_owned_subsidiary_is_not_read_backwards(triples: Triples) -> None:
    # "owned" describes the noun here: it must not make Lumen the owner of Helios
    assert _en(
        triples, "[Lumen|ORG], a wholly owned subsidiary of [Helios Group|ORG], opened an office."
    ) == {("subsidiary", "Lumen", "Helios Group")}


def test_indirect_wholly_owned_subsidiary(triples: Triples) -> None:
    assert _en(
        triples, "[Lumen|ORG], an indirect wholly-owned subsidiary of [Helios|ORG], signed the lease."
    ) == {("subsidiary", "Lumen", "Helios")}


def test_apposition_with_adverb_and_adjectives(triples: Triples) -> None:
    found = _en(triples, "[Lumen AB|ORG] (currently a wholly owned Swedish subsidiary of [Helios|ORG]) grew.")
    assert found == {("subsidiary", "Lumen AB", "Helios")}


def test_owner_possessive_subsidiary_name(triples: Triples) -> None:
    assert _en(triples, "[Helios|ORG]'s wholly-owned subsidiary [Lumen|ORG] opened a plant.") == {
        ("subsidiary", "Lumen", "Helios")
    }


def test_headline_owner_subsidiary_name(triples: Triples) -> None:
    assert _en(triples, "[Helios|ORG] Subsidiary [Lumen|ORG] Opens Office in Lagos") == {
        ("subsidiary", "Lumen", "Helios")
    }


def test_coordinated_owner_and_its_subsidiary(triples: Triples) -> None:
    found = _en(
        triples, "The test covers [Helios Group|ORG] and its primary bank subsidiary [Lumen Bank|ORG]."
    )
    assert found == {("subsidiary", "Lumen Bank", "Helios Group")}


def test_its_parent_company(triples: Triples) -> None:
    found = _en(triples, "In 2005, [Lumen|ORG] separated from its parent company, energy group [Helios|ORG].")
    assert found == {("subsidiary", "Lumen", "Helios")}


def test_parent_predicate(triples: Triples) -> None:
    found = _en(triples, "[Helios Holdings|ORG] is the parent company of wholly-owned [Lumen|ORG].")
    assert found == {("subsidiary", "Lumen", "Helios Holdings")}


def test_owned_by_passive_keeps_the_owner_as_parent(triples: Triples) -> None:
    found = _en(triples, "[Lumen|ORG], which is wholly owned and controlled by [Helios|ORG], bought ships.")
    assert ("subsidiary", "Lumen", "Helios") in found
    assert ("subsidiary", "Helios", "Lumen") not in found


def test_title_list_before_the_organisation(relations_of: Relations) -> None:
    found = relations_of(
        "[Dana Reed|PER] previously served as Chairman of the Board, President and Chief Executive "
        "Officer of [Northwind Foods|ORG] from 2006 to 2010.",
        "en",
    )
    assert [(r["subject"], r["object"], r["attributes"].get("title")) for r in found] == [
        ("Dana Reed", "Northwind Foods", "Chairman of the Board, President and Chief Executive Officer")
    ]


def test_capitalised_title(relations_of: Relations) -> None:
    found = relations_of(
        "[Ana Ruiz|PER] served as the Finance Director of [Castor Energy|ORG] until 2008.", "en"
    )
    assert [(r["subject"], r["object"], r["attributes"].get("title")) for r in found] == [
        ("Ana Ruiz", "Castor Energy", "Finance Director")
    ]


def test_title_after_a_modifier_word(triples: Triples) -> None:
    assert _en(triples, "[Ana Ruiz|PER] has been a senior analyst at [Castor Advisors|ORG] since 2007.") == {
        ("role", "Ana Ruiz", "Castor Advisors")
    }


def test_company_title_list_name(relations_of: Relations) -> None:
    found = relations_of("Riders will benefit, [Northwind|ORG] Founder and CEO [Dana Reed|PER] said.", "en")
    assert [(r["subject"], r["object"], r["attributes"].get("title")) for r in found] == [
        ("Dana Reed", "Northwind", "Founder and CEO")
    ]


def test_employment_agreement_between(triples: Triples) -> None:
    found = _en(
        triples, "10.5 Employment Agreement, dated May 2, 2011, between [Castor Labs|ORG] and [Ana Ruiz|PER]."
    )
    assert found == {("role", "Ana Ruiz", "Castor Labs")}


def test_bought_from_gives_the_seller(relations_of: Relations) -> None:
    found = relations_of(
        "[Castor|ORG] bought [Lumen|ORG] from [Helios Group|ORG] in 1995 for $800 million.", "en"
    )
    by_type = {r["type"]: r for r in found}
    assert (by_type["divestment"]["subject"], by_type["divestment"]["object"]) == ("Helios Group", "Lumen")
    assert by_type["divestment"]["attributes"]["buyer"] == "org:castor"
    assert (by_type["acquisition"]["subject"], by_type["acquisition"]["object"]) == ("Castor", "Lumen")


def test_acquisition_of_a_business_from_a_seller(triples: Triples) -> None:
    found = _en(
        triples, "Costs rose with our acquisition of the [Lumen|ORG] business from [Helios|ORG] last year."
    )
    assert ("divestment", "Helios", "Lumen") in found
    assert ("subsidiary", "Lumen", "Helios") not in found  # the deal is made: Lumen is no longer Helios's


def test_acquisition_from_a_seller_with_capitalised_adjective(triples: Triples) -> None:
    found = _en(
        triples, "[Castor|ORG] completed its acquisition of Bermuda-based [Lumen Re|ORG] from [Helios|ORG]."
    )
    assert ("divestment", "Helios", "Lumen Re") in found


def test_he_after_the_one_person_named_in_the_sentence(triples: Triples) -> None:
    found = _en(
        triples,
        "Before that, [Ben Ortiz|PER] was at [Castor|ORG], where he served as Vice President of [Lumen|ORG].",
    )
    assert ("role", "Ben Ortiz", "Lumen") in found


def test_possessive_acquisition_with_capitalised_adjective(triples: Triples) -> None:
    found = _en(
        triples, "[Castor Insurance|ORG] completed its acquisition of Bermuda-based [Lumen Re|ORG] in May."
    )
    assert ("acquisition", "Castor Insurance", "Lumen Re") in found


def test_owner_acquisition_predicate(triples: Triples) -> None:
    found = _en(triples, "[Castor|ORG]'s first acquisition was [Lumen Software|ORG] in March 1990.")
    assert ("acquisition", "Castor", "Lumen Software") in found


def test_headline_merger_of_two_companies(triples: Triples) -> None:
    assert _en(triples, "[Castor|ORG], [Lumen|ORG] agree to merge") == {("merger", "Castor", "Lumen")}


def test_merger_is_not_read_across_a_comma(triples: Triples) -> None:
    found = _en(
        triples, "It binds [Castor|ORG] and [Lumen Bank|ORG], as successor by merger to [Helios Bank|ORG]."
    )
    assert ("merger", "Castor", "Lumen Bank") not in found
    assert ("merger", "Helios Bank", "Lumen Bank") in found


def test_merger_planned_by(triples: Triples) -> None:
    assert _en(triples, "Merger Is Planned By [Castor|ORG] and [Lumen Industries|ORG]") == {
        ("merger", "Castor", "Lumen Industries")
    }


def test_product_development_verb(triples: Triples) -> None:
    assert _en(triples, "[Castor|ORG] develops [Beamly|PRODUCT] and related services.") == {
        ("product", "Castor", "Beamly")
    }


def test_role_preposition_with(triples: Triples) -> None:
    assert _en(triples, "[Ben Ortiz|PER] was a senior partner with [Castor Partners|ORG] until 2002.") == {
        ("role", "Ben Ortiz", "Castor Partners")
    }


def test_relative_pronoun_patient_of_a_passive(triples: Triples) -> None:
    # the product is the one "which" follows, not the sentence's subject
    found = _en(
        triples,
        "As a treatment for gout , [NEXPAVID|PRODUCT] competes in the U.S. with [Kynorex|PRODUCT] ,"
        " which is being commercialized by [Genvira|ORG] .",
    )
    assert ("product", "Genvira", "Kynorex") in found
    assert ("product", "Genvira", "NEXPAVID") not in found


def test_sold_to_a_subsidiary_of_names_the_buyer_group(relations_of: Relations) -> None:
    found = relations_of("In May, [Castor|ORG] sold [Lumen|ORG] to a subsidiary of [Helios Group|ORG].", "en")
    divestments = [
        (r["subject"], r["object"], r["attributes"].get("buyer")) for r in found if r["type"] == "divestment"
    ]
    assert divestments == [("Castor", "Lumen", "org:helios-group")]
    assert ("acquisition", "Helios Group", "Lumen") in {(r["type"], r["subject"], r["object"]) for r in found}


def test_products_sold_to_customers_are_products_not_divestments(triples: Triples) -> None:
    assert _en(triples, "[Castor|ORG] sells its [Lumen|PRODUCT] software to banks.") == {
        ("product", "Castor", "Lumen")
    }
    assert _en(triples, "[Castor|ORG] sold [Lumen|ORG] to [Helios|ORG].") >= {
        ("divestment", "Castor", "Lumen")
    }


def test_product_which_is_sold_by_a_company(triples: Triples) -> None:
    found = _en(
        triples, "[Lumen|PRODUCT] gained share from [Orbix|PRODUCT] , which is sold by [Genvira|ORG] ."
    )
    assert ("product", "Genvira", "Orbix") in found
    assert not {t for t in found if t[0] == "divestment"}


def test_we_as_subject_is_not_the_name_before_the_verb(triples: Triples) -> None:
    found = _en(
        triples,
        "In 2012 , we completed our acquisition of [Lumen N.V.|ORG] and purchased the optical business"
        " from [Helios , Inc.|ORG]",
    )
    assert ("acquisition", "Lumen N.V.", "Helios , Inc.") not in found


def test_buying_a_stake_is_no_acquisition(triples: Triples) -> None:
    found = _en(triples, "[Castor|ORG] to buy [Lumen|ORG] stake for $ 3 billion")
    assert ("acquisition", "Castor", "Lumen") not in found
    assert ("stake", "Castor", "Lumen") in found


def test_coordinated_owner_of_its_subsidiary_wins_over_the_sentence_subject(triples: Triples) -> None:
    found = _en(
        triples,
        "References to [Helios|ORG] mean [Castor Holdings|ORG] and its wholly owned subsidiary , [Lumen|ORG]",
    )
    assert found == {("subsidiary", "Lumen", "Castor Holdings")}


def test_while_at_company_person(triples: Triples) -> None:
    assert _en(triples, "While at [Castor|ORG] , [Ms. Ruiz|PER] advised start-ups .") == {
        ("role", "Ms. Ruiz", "Castor")
    }


def test_company_possessive_person(triples: Triples) -> None:
    assert _en(triples, "[Castor|ORG]'s [Dana Reed|PER] earned $ 9 M in 2021") == {
        ("role", "Dana Reed", "Castor")
    }
    assert _en(triples, "[Castor|ORG]'s [Lumen|PRODUCT] sold well .") == set()


def test_person_then_company_possessive_titles(relations_of: Relations) -> None:
    found = relations_of(
        "[Dana Reed|PER] , [Castor|ORG] s Chairman of the Board and Chief Executive Officer , signed .", "en"
    )
    assert [(r["type"], r["subject"], r["object"]) for r in found] == [("role", "Dana Reed", "Castor")]
    former = relations_of("[Dana Reed|PER] , [Castor|ORG]'s former chairman , signed .", "en")
    assert [r["attributes"].get("status") for r in former] == ["former"]


def test_has_also_been_an_adjective_title_with(relations_of: Relations) -> None:
    found = relations_of(
        "[Mr. Reed|PER] , has also been a financial advisor with [Castor Securities|ORG] .", "en"
    )
    assert [(r["type"], r["subject"], r["object"]) for r in found] == [
        ("role", "Mr. Reed", "Castor Securities")
    ]


def test_has_been_since_is_a_current_role(relations_of: Relations) -> None:
    found = relations_of("[Ana Ruiz|PER] has been Chief Executive Officer of [Castor|ORG] since 2012 .", "en")
    assert [(r["type"], r["attributes"].get("status")) for r in found] == [("role", None)]
