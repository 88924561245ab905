"""Name forms and guards: which pairs of names may denote one entity."""

from __future__ import annotations

import pytest

from veille.link import fuzzy


@pytest.mark.parametrize(
    ("first", "second", "relation"),
    [
        ("BT Group", "BT", fuzzy.ALIAS),
        ("Fiat", "groupe Fiat", fuzzy.ALIAS),
        ("Audi", "Audi AG", fuzzy.ALIAS),
        ("PSA", "Groupe PSA", fuzzy.ALIAS),
        ("Société Générale", "SOCIETE GENERALE", fuzzy.SAME),
        ("Canal+", "Canal+ Afrique", fuzzy.SUBSIDIARY),
        ("Orange", "Orange Belgium", fuzzy.SUBSIDIARY),
        ("Vodafone", "Vodafone Italia", fuzzy.SUBSIDIARY),
        ("BT", "BT Global Services", fuzzy.SUBSIDIARY),
        ("Free", "Free Mobile", fuzzy.SUBSIDIARY),
        ("Hachette", "Hachette Livre", fuzzy.EXTENDED),
        ("Apollo", "Apollo Global Management", fuzzy.EXTENDED),
        ("Canal+", "Canal", fuzzy.EXTENDED),  # '+' is read 'plus': not punctuation to drop
        ("Financial Times", "Finacial Times", fuzzy.TYPO),
        ("TF1", "TF2", fuzzy.DIFFERENT),
        ("Orange Belgium", "Orange Belgique", fuzzy.DIFFERENT),
        ("Vodafone Italia", "Vodafone India", fuzzy.DIFFERENT),
        ("Renault", "Renaud", fuzzy.DIFFERENT),  # too short for a typo
    ],
)
def test_compare_names(first: str, second: str, relation: str) -> None:
    assert fuzzy.compare_names(first, second) == relation


def test_descriptor_dropped_only_in_lower_case() -> None:
    assert fuzzy.core_key("la société Renault") == "renault"
    assert fuzzy.core_key("Société Générale") == "societe generale"
    assert fuzzy.core_key("BT Group plc") == "bt"
    assert fuzzy.core_key("Group") == "group"  # never empty


@pytest.mark.parametrize(
    ("surface", "guarded"),
    [
        ("orange", True),
        ("Orange", False),
        ("ORANGE", False),
        ("groupe Orange", False),
        ("groupe orange", True),
        ("free", True),
        ("Free", False),
        ("renault", False),
    ],
)
def test_common_words_need_their_capital(surface: str, guarded: bool) -> None:
    assert fuzzy.needs_capital(surface) is guarded


def test_extra_case_forms_extend_the_list() -> None:
    assert not fuzzy.needs_capital("proximus")
    assert fuzzy.needs_capital("proximus", frozenset({"proximus"}))


def test_person_forms() -> None:
    assert fuzzy.person_key("M. de Tavernost") == "de tavernost"
    assert fuzzy.person_key("Mme Delbos") == "delbos"
    assert fuzzy.surnames("luca de meo") == ["meo", "de meo"]
    assert fuzzy.surnames("bruno le maire") == ["maire", "le maire"]
    assert fuzzy.surnames("ghosn") == []
    assert fuzzy.is_surname_form("de meo") and fuzzy.is_surname_form("ghosn")
    assert not fuzzy.is_surname_form("luca de meo")


def test_acronyms() -> None:
    assert fuzzy.is_acronym_of("Afep", "Association française des entreprises privées")
    assert fuzzy.is_acronym_of("AFP", "Agence France-Presse")
    assert not fuzzy.is_acronym_of("AFP", "Agence")
    assert not fuzzy.is_acronym_of("afp", "Agence France-Presse")
    assert not fuzzy.is_acronym_of("SFR", "Agence France-Presse")


def test_typo_candidates_keep_single_slips_only() -> None:
    keys = ["financial times", "financial news", "the times", "tf1"]
    assert [k for k, _ in fuzzy.typo_candidates("finacial times", keys)] == ["financial times"]
    assert fuzzy.typo_candidates("tf2", keys) == []
    assert fuzzy.typo_candidates("financial timez", []) == []


def test_typo_guards() -> None:
    assert fuzzy.is_typo("societe general", "societe generale")
    assert not fuzzy.is_typo("bouygues telecoms", "bouygues telecom")  # a qualifier word differs
    assert not fuzzy.is_typo("orange france", "orange franco")  # a qualifier differs
    assert not fuzzy.is_typo("canal plus 1234", "canal plus 1235")  # digits differ
    assert not fuzzy.is_typo("financial times", "binancial times")  # first letter differs
