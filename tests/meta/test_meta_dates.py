"""Dateline parsing: French and English datelines, and what is not a dateline."""

from __future__ import annotations

import datetime as dt

import pytest

from veille.meta.dates import dateline_of, fetch_day, find_dateline, is_stamp_line

TODAY = dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("line", "value", "kind"),
    [
        ("Publié le 12 mars 2024", "2024-03-12", "published"),
        ("Publié le 12 mars 2024 à 10h30", "2024-03-12", "published"),
        ("Publié le 1er février 2024", "2024-02-01", "published"),
        ("Mis à jour le 13 mars 2024", "2024-03-13", "updated"),
        ("Le 03/02/2021 à 10h", "2021-02-03", "published"),
        ("lundi 12 février 2024", "2024-02-12", "published"),
        ("12.03.2024", "2024-03-12", "published"),
        ("Publié le 12/03/24 à 14h05", "2024-03-12", "published"),
        ("12 mars 2024 - 10:30", "2024-03-12", "published"),
        ("Publié en août 2023", "2023-08", "published"),
        ("Publie le 5 aout 2023", "2023-08-05", "published"),
        ("Par Jean Dupont | 12 mars 2024", "2024-03-12", "published"),
        ("Par Jean Dupont, publié le 12 mars 2024, mis à jour le 13 mars 2024", "2024-03-12", "published"),
        ("Mis à jour le 14 mars 2024 | Publié le 12 mars 2024", "2024-03-12", "published"),
        ("12 mars 2024 | Mis à jour le 14 mars 2024", "2024-03-12", "published"),
        ("March 3, 2024", "2024-03-03", "published"),
        ("3 March 2024", "2024-03-03", "published"),
        ("Mar. 3, 2024", "2024-03-03", "published"),
        ("Monday, March 3rd, 2024", "2024-03-03", "published"),
        ("Published: 2024-03-03", "2024-03-03", "published"),
        ("2024-03-03T10:00:00Z", "2024-03-03", "published"),
        ("Posted on 3 Mar 2024", "2024-03-03", "published"),
        ("Updated March 3, 2024 at 10:00 a.m. ET", "2024-03-03", "updated"),
        ("By Jane Doe - Sept. 21, 2019", "2019-09-21", "published"),
    ],
)
def test_datelines(line: str, value: str, kind: str) -> None:
    found = dateline_of(line, latest=TODAY)
    assert found is not None, line
    assert (found.value, found.kind) == (value, kind)


@pytest.mark.parametrize(
    "line",
    [
        "Le rapport publié le 12 mars 2024 montre une hausse des abonnements.",
        "Le 12 mars 2024, Orange a annoncé la fin du réseau cuivre.",
        "2 jours ago",
        "il y a 3 heures",
        "Publié hier",
        "Publié le 31/02/2024",  # no such day
        "Publié le 12 mars 2030",  # after the latest possible date
        "Publié le 12 mars 1970",  # before the web
        "Le chiffre d'affaires a atteint 12,5 milliards en 2024",
        "",
    ],
)
def test_not_datelines(line: str) -> None:
    assert dateline_of(line, latest=TODAY) is None


def test_numeric_order_follows_language_unless_impossible() -> None:
    assert dateline_of("Posted 05/06/2023", day_first=False, latest=TODAY).value == "2023-05-06"  # type: ignore[union-attr]
    assert dateline_of("Publié le 05/06/2023", day_first=True, latest=TODAY).value == "2023-06-05"  # type: ignore[union-attr]
    assert dateline_of("Posted 25/06/2023", day_first=False, latest=TODAY).value == "2023-06-25"  # type: ignore[union-attr]


def test_find_dateline_in_first_lines_prefers_publication() -> None:
    text = "Menu\nOrange rachète un concurrent\nMis à jour le 14 mars 2024\nPublié le 12 mars 2024\n\nCorps."
    found = find_dateline(text, latest=TODAY)
    assert found is not None and found.value == "2024-03-12"
    only_update = "Titre\nMis à jour le 14 mars 2024\nCorps du texte."
    assert find_dateline(only_update, latest=TODAY).value == "2024-03-14"  # type: ignore[union-attr]


def test_find_dateline_ignores_lines_past_the_top() -> None:
    text = "\n".join(["Un paragraphe de texte."] * 20 + ["Publié le 12 mars 2024"])
    assert find_dateline(text, latest=TODAY) is None
    assert find_dateline("Pas de date ici.\nNi là.", latest=TODAY) is None


def test_latest_bound_excludes_later_dates() -> None:
    assert dateline_of("Publié le 12 mars 2024", latest=dt.date(2024, 3, 11)) is None
    assert dateline_of("Publié le 12 mars 2024", latest=dt.date(2024, 3, 12)) is not None


def test_fetch_day() -> None:
    assert fetch_day("2024-03-12T10:00:00Z") == dt.date(2024, 3, 12)
    assert fetch_day("2024-03-12") == dt.date(2024, 3, 12)
    assert fetch_day("yesterday") is None
    assert fetch_day(None) is None


@pytest.mark.parametrize(
    "folded",
    [
        "publie le 12 mars 2024 a 10h32",
        "mis a jour le 12/03/2024",
        "tuesday, march 12, 2024",
        "lun. 5 aout 2019",  # weekday abbreviations come from the same list as dateline_of's
        "poste le 3 mars 2024",
        "published march 3, 2024, 10:00 am | updated march 4, 2024",
        "12 mars 2030",  # the shape only: no date bound
    ],
)
def test_stamp_lines(folded: str) -> None:
    assert is_stamp_line(folded)


@pytest.mark.parametrize(
    "folded",
    [
        "par jean dupont | 12 mars 2024",  # a byline: dateline_of reads it, the cleaner keeps it
        "mars 2024",  # month and year: an archive link, not a stamp
        "le rapport publie le 12 mars 2024 montre une hausse",
        "il y a 3 heures",
    ],
)
def test_not_stamp_lines(folded: str) -> None:
    assert not is_stamp_line(folded)


def test_posted_in_french_is_a_publication_cue() -> None:
    assert dateline_of("Posté le 3 mars 2024 | Jean Dupont", latest=TODAY) is not None
