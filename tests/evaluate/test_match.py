"""The matching rules of GUIDELINES.md, Scoring, as pure functions."""

from __future__ import annotations

from veille.evaluate.match import (
    OWNERSHIP_FAMILY,
    canonical_type,
    fold_whitespace,
    name_key,
    name_keys,
    relation_frame,
    unit_key,
    value_matches,
)


def test_name_key_ignores_case_accents_and_punctuation() -> None:
    assert name_key("France Télécom") == name_key("FRANCE TELECOM")
    assert name_key("Calmann-Lévy") == name_key("Calmann Levy") == name_key("CalmannLévy")
    assert name_key("L’Oréal") == name_key("L'Oreal") == name_key("L Oréal") == "loreal"
    assert name_key('Tyler "Ninja" Blevins') == name_key("Tyler Ninja Blevins")
    assert name_key("  Prisma\u00a0média ") == "prismamedia"


def test_name_key_keeps_different_names_apart() -> None:
    assert name_key("BT") != name_key("BT Group")
    assert name_key("Canal+") != name_key("Canal")  # '+' is a symbol, not punctuation


def test_name_keys_drops_empty_names() -> None:
    assert name_keys(["BT", "", None, "..."]) == frozenset({"bt"})


def test_product_and_misc_are_one_type() -> None:
    assert canonical_type("MISC") == canonical_type("PRODUCT") == "PRODUCT"
    assert canonical_type("org") == "ORG"


def test_product_is_turned_to_the_subsidiary_direction() -> None:
    assert relation_frame("product", "Proximus", "Pickx") == (OWNERSHIP_FAMILY, "Pickx", "Proximus")
    assert relation_frame("subsidiary", "Pickx", "Proximus") == (OWNERSHIP_FAMILY, "Pickx", "Proximus")
    assert relation_frame("role", "A", "B") == ("role", "A", "B")


def test_value_within_one_percent() -> None:
    assert value_matches(801_000_000, 801_000_000)
    assert value_matches(807_000_000, 801_000_000)  # 0.75% off
    assert not value_matches(810_000_000, 801_000_000)  # 1.1% off
    assert value_matches(-803_000_000, -801_000_000)
    assert not value_matches(801_000_000, -801_000_000)
    assert value_matches(0.0, 0.0) and not value_matches(0.001, 0.0)
    assert not value_matches(float("nan"), 1.0)


def test_units_and_whitespace() -> None:
    assert unit_key(" eur ") == unit_key("EUR")
    assert unit_key("people") != unit_key("subscribers")
    assert fold_whitespace("a \n\t b ") == "a b"
