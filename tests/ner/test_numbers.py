"""The number recogniser: real-world formats in French and English, negatives, separators, offsets."""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pytest

from veille.ner.number_rules import guess_language, parse_number
from veille.ner.numbers import Quantity, find_quantities

NBSP, NNBSP = "\u00a0", "\u202f"


def only(text: str, lang: str | None = None) -> Quantity:
    """The one quantity of `text`; fails when there are none or several."""
    found = find_quantities(text, lang)
    assert len(found) == 1, [(text[q.span.start : q.span.end], q.value, q.unit) for q in found]
    return found[0]


# (text, lang, expression quoted by the span, value, unit, kind, qualifier)
FORMATS = [
    # French money
    (
        "Le chiffre d’affaires: moins de 100 millions d’euros.",
        "fr",
        "moins de 100 millions d’euros",
        1e8,
        "EUR",
        "money",
        "<",
    ),
    ("un budget de 100 millions d'euros", "fr", "100 millions d'euros", 1e8, "EUR", "money", "="),
    ("levée de 100 M€ cette année", "fr", "100 M€", 1e8, "EUR", "money", "="),
    ("valorisé 800 M€.", "fr", "800 M€", 8e8, "EUR", "money", "="),
    ("soit 800 millions € au total", "fr", "800 millions €", 8e8, "EUR", "money", "="),
    (
        "un chiffre d'affaires de 5,32 milliards d'euros",
        "fr",
        "5,32 milliards d'euros",
        5.32e9,
        "EUR",
        "money",
        "=",
    ),
    (
        "ont investi plus de 32 milliards $ au premier trimestre",
        "fr",
        "plus de 32 milliards $",
        3.2e10,
        "USD",
        "money",
        ">",
    ),
    (
        "valorisé à plus de 44 milliards de dollars.",
        "fr",
        "plus de 44 milliards de dollars",
        4.4e10,
        "USD",
        "money",
        ">",
    ),
    ("une cession de 1,5 Md€", "fr", "1,5 Md€", 1.5e9, "EUR", "money", "="),
    ("des actifs pour 1,5 Mds€", "fr", "1,5 Mds€", 1.5e9, "EUR", "money", "="),
    ("une dette de 2 mds d'euros", "fr", "2 mds d'euros", 2e9, "EUR", "money", "="),
    (
        "une perte nette de 801 millions d'euros en 2019",
        "fr",
        "801 millions d'euros",
        8.01e8,
        "EUR",
        "money",
        "=",
    ),
    ("4,2 milliards d'euros de ventes", "fr", "4,2 milliards d'euros", 4.2e9, "EUR", "money", "="),
    ("un total de 2,384 milliards d'euros", "fr", "2,384 milliards d'euros", 2.384e9, "EUR", "money", "="),
    ("Google a mis un milliard de dollars", "fr", "un milliard de dollars", 1e9, "USD", "money", "="),
    ("débloquer six milliards d'euros", "fr", "six milliards d'euros", 6e9, "EUR", "money", "="),
    ("un demi-milliard de dollars", "fr", "un demi-milliard de dollars", 5e8, "USD", "money", "="),
    (f"une amende de 10{NBSP}000 €", "fr", f"10{NBSP}000 €", 1e4, "EUR", "money", "="),
    ("un salaire de 45 k€ par an", "fr", "45 k€ par an", 4.5e4, "EUR", "money", "="),
    ("l'offre à 9,99 euros par mois.", "fr", "9,99 euros par mois", 9.99, "EUR", "money", "="),
    ("à -301 millions d'euros", "fr", "-301 millions d'euros", -3.01e8, "EUR", "money", "="),
    (
        "environ 690 millions d'euros de manque à gagner",
        "fr",
        "environ 690 millions d'euros",
        6.9e8,
        "EUR",
        "money",
        "~",
    ),
    (
        "jusqu'à 110 millions d'euros complémentaires",
        "fr",
        "jusqu'à 110 millions d'euros",
        1.1e8,
        "EUR",
        "money",
        "<",
    ),
    ("un butin de 40 millions de livres", "fr", "40 millions de livres", 4e7, "GBP", "money", "="),
    ("2 milliards de francs suisses", "fr", "2 milliards de francs suisses", 2e9, "CHF", "money", "="),
    ("un prix de 1 996 250 €", "fr", "1 996 250 €", 1996250, "EUR", "money", "="),
    # English money
    ("Revenue rose to $5.32bn.", "en", "$5.32bn", 5.32e9, "USD", "money", "="),
    ("a $5.32 billion deal", "en", "$5.32 billion", 5.32e9, "USD", "money", "="),
    ("a €1.2bn bond", "en", "€1.2bn", 1.2e9, "EUR", "money", "="),
    ("paid £300m for it", "en", "£300m", 3e8, "GBP", "money", "="),
    ("for about $2bn in cash", "en", "about $2bn", 2e9, "USD", "money", "~"),
    ("a fine of USD 3 million", "en", "USD 3 million", 3e6, "USD", "money", "="),
    ("sales of EUR 450m", "en", "EUR 450m", 4.5e8, "EUR", "money", "="),
    ("worth CHF 1.2 billion", "en", "CHF 1.2 billion", 1.2e9, "CHF", "money", "="),
    ("an upfront payment of about $1 billion.", "en", "about $1 billion", 1e9, "USD", "money", "~"),
    ("firms with over $50 billion in assets", "en", "over $50 billion", 5e10, "USD", "money", ">"),
    ("an increase of $625,000 in payments", "en", "$625,000", 625000, "USD", "money", "="),
    ("an operating loss of EUR 0.8 mn.", "en", "EUR 0.8 mn", 8e5, "EUR", "money", "="),
    ("purchases of Rs 690 crore.", "en", "Rs 690 crore", 6.9e9, "INR", "money", "="),
    # percent
    ("Objectif: 30% de croissance", "fr", "30%", 30, "%", "percent", "="),
    (f"une part de 30{NBSP}%", "fr", f"30{NBSP}%", 30, "%", "percent", "="),
    (f"une part de 30{NNBSP}%", "fr", f"30{NNBSP}%", 30, "%", "percent", "="),
    ("une hausse de 30 pour cent", "fr", "30 pour cent", 30, "%", "percent", "="),
    ("des ventes à +4,5 %", "fr", "+4,5 %", 4.5, "%", "percent", "="),
    ("un PIB à -2,3 %", "fr", "-2,3 %", -2.3, "%", "percent", "="),
    ("avec près de 40 % des voix", "fr", "près de 40 %", 40, "%", "percent", "~"),
    ("plus de 60% de parts de marché", "fr", "plus de 60%", 60, "%", "percent", ">"),
    ("en hausse de... 0,2%.", "fr", "0,2%", 0.2, "%", "percent", "="),
    ("nearly 10% of sales", "en", "nearly 10%", 10, "%", "percent", "~"),
    ("an 11.25 percent stake", "en", "11.25 percent", 11.25, "%", "percent", "="),
    ("down 6.7 percentage points", "en", "6.7 percentage points", 6.7, "pp", "percent", "="),
    # measures
    ("avec 55.000 kilomètres de fibre optique", "fr", "55.000 kilomètres", 55000, "km", "quantity", "="),
    ("un réseau de 12 000 kilomètres", "fr", "12 000 kilomètres", 12000, "km", "quantity", "="),
    (f"un réseau de 12{NBSP}000 km", "fr", f"12{NBSP}000 km", 12000, "km", "quantity", "="),
    (f"un réseau de 12{NNBSP}000 kms", "fr", f"12{NNBSP}000 kms", 12000, "km", "quantity", "="),
    ("des débits up to 1 Gbit/s", "en", "up to 1 Gbit/s", 1, "Gbit/s", "quantity", "<"),
    ("jusqu'à 10 Gb/s en fibre", "fr", "jusqu'à 10 Gb/s", 10, "Gbit/s", "quantity", "<"),
    ("une centrale de 1 000 MW", "fr", "1 000 MW", 1000, "MW", "quantity", "="),
    ("un bloc de 625 ch", "fr", "625 ch", 625, "hp", "quantity", "="),
    ("jusqu'à 180 km/h", "fr", "jusqu'à 180 km/h", 180, "km/h", "quantity", "<"),
    ("1,7 milliard d'heures de vidéo", "fr", "1,7 milliard d'heures", 1.7e9, "hours", "quantity", "="),
    # counts
    ("et 350 grandes villes inter-connectées", "fr", "350 grandes villes", 350, "cities", "count", "="),
    ("350 villes", "fr", "350 villes", 350, "cities", "count", "="),
    ("avec 3 millions d'abonnés", "fr", "3 millions d'abonnés", 3e6, "subscribers", "count", "="),
    ("avec 3 M d'abonnés", "fr", "3 M d'abonnés", 3e6, "subscribers", "count", "="),
    ("deux millions d'abonnés", "fr", "deux millions d'abonnés", 2e6, "subscribers", "count", "="),
    ("1,2 million de clients", "fr", "1,2 million de clients", 1.2e6, "customers", "count", "="),
    ("plus de 2 000 salariés", "fr", "plus de 2 000 salariés", 2000, "employees", "count", ">"),
    ("environ 500 emplois", "fr", "environ 500 emplois", 500, "jobs", "count", "~"),
    ("quelque 200 magasins", "fr", "quelque 200 magasins", 200, "stores", "count", "~"),
    ("2,5 millions de foyers", "fr", "2,5 millions de foyers", 2.5e6, "households", "count", "="),
    ("299 millions d'utilisateurs", "fr", "299 millions d'utilisateurs", 2.99e8, "users", "count", "="),
    (
        "plus de 574 000 voitures commercialisées",
        "fr",
        "plus de 574 000 voitures",
        574000,
        "vehicles",
        "count",
        ">",
    ),
    (
        "Plus de 100.000 personnes se sont inscrites",
        "fr",
        "Plus de 100.000 personnes",
        100000,
        "people",
        "count",
        ">",
    ),
    (
        "La start-up d'une quarantaine de collaborateurs",
        "fr",
        "une quarantaine de collaborateurs",
        40,
        "employees",
        "count",
        "~",
    ),
    (
        "près d'1,8 milliard de personnes",
        "fr",
        "près d'1,8 milliard de personnes",
        1.8e9,
        "people",
        "count",
        "~",
    ),
    ("Molotov propose 33 chaînes", "fr", "33 chaînes", 33, "channels", "count", "="),
    ("plus de 175.000 emplois", "fr", "plus de 175.000 emplois", 175000, "jobs", "count", ">"),
    ("au moins 465.300 personnes", "fr", "au moins 465.300 personnes", 465300, "people", "count", ">"),
    ("1.234.567 habitants", "fr", "1.234.567 habitants", 1234567, "people", "count", "="),
    ("vingt-cinq salariés", "fr", "vingt-cinq salariés", 25, "employees", "count", "="),
    ("more than 5,000 employees", "en", "more than 5,000 employees", 5000, "employees", "count", ">"),
    (
        "We had approximately 408,000 employees",
        "en",
        "approximately 408,000 employees",
        408000,
        "employees",
        "count",
        "~",
    ),
    ("10 million new subscribers", "en", "10 million new subscribers", 1e7, "subscribers", "count", "="),
    ("a million users", "en", "a million users", 1e6, "users", "count", "="),
    ("some 3,000 stores", "en", "some 3,000 stores", 3000, "stores", "count", "~"),
    ("ten cities", "en", "ten cities", 10, "cities", "count", "="),
    # bare counts (unit "") keep their scale and qualifier
    ("dont 834 millions pour le marché français", "fr", "834 millions", 8.34e8, "", "count", "="),
    ("près de 60 milliards de chiffre d'affaires", "fr", "près de 60 milliards", 6e10, "", "count", "~"),
]


@pytest.mark.parametrize(("text", "lang", "quoted", "value", "unit", "kind", "qualifier"), FORMATS)
def test_formats(
    text: str, lang: str, quoted: str, value: float, unit: str, kind: str, qualifier: str
) -> None:
    q = only(text, lang)
    assert text[q.span.start : q.span.end] == quoted
    assert math.isclose(q.value, value, rel_tol=1e-9)
    assert (q.unit, q.kind, q.qualifier) == (unit, kind, qualifier)


@pytest.mark.parametrize(("text", "lang", "quoted", "value", "unit", "kind", "qualifier"), FORMATS)
def test_formats_without_lang(
    text: str, lang: str, quoted: str, value: float, unit: str, kind: str, qualifier: str
) -> None:
    """With no language given, the guess and the cues next to the number read the same values."""
    q = only(text)
    assert (text[q.span.start : q.span.end], q.unit) == (quoted, unit)
    assert math.isclose(q.value, value, rel_tol=1e-9)


NEGATIVES = [
    "La 5G arrive.",
    "un écran 4K",
    "la mise à jour iOS 14 est sortie",
    "sous Windows 11 depuis",
    "l'iPhone 12 Pro",
    "le 1er juillet",
    "il finit 3e du classement",
    "la 19ème place",
    "en 2019 le groupe",
    "le plan 2020-2023",
    "la saison 2019/20",
    "le 31 mars",
    "les 27 et 28 juin",
    "March 31, 2020 was",
    "le 31/03/2020 à Paris",
    "le 2020-03-31",
    "à 10h19 ce matin",
    "vers 21:00",
    "appelez le 01 23 45 67 89",
    "appelez le +33 1 23 45 67 89",
    "call (555) 123-4567",
    "la Covid-19 progresse",
    "le SARS-CoV-2",
    "un Airbus A320",
    "le sommet du G7",
    "version 1.2.3 du logiciel",
    "l'adresse 192.168.1.1",
    "l'éditeur 10/18",
    "score final 3-1",
    "l'article 8 de la Convention",
    "le n°3 du classement",
    "ils sont placés en quarantaine pour",
    "il a deux enfants",
    "un des deux",
    "Formule 1",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == [], [text[q.span.start : q.span.end] for q in find_quantities(text)]


def test_version_like_numbers_give_no_unit() -> None:
    """Product names may leave nothing at all; never a money, percent or measured quantity."""
    for text in ("Android 10", "la PS5", "le Galaxy S20", "la Clio 5", "la 4G+"):
        assert all(q.kind == "count" and q.unit == "" for q in find_quantities(text)), text


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("9,99 euros par mois", "month"),
        ("30 € par an", "year"),
        ("$15 per month", "month"),
        ("$100 a year", "year"),
        ("5 €/mois", "month"),
        ("2 euros par action", "share"),
        ("4 dollars HT par mois", "month"),
    ],
)
def test_period(text: str, per: str) -> None:
    q = only(text)
    assert q.per == per
    assert q.span == type(q.span)(0, len(text))


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("en hausse de 3 %", "up"),
        ("Ses recettes ont reculé de quelque 2%", "down"),
        ("le chiffre d'affaires a progressé de 5,1%", "up"),
        ("sales rose 5%", "up"),
        ("profit fell by 12%", "down"),
        ("(+65% en un an)", "up"),
        ("-8,7%", "down"),
        ("une part de 30 %", None),
    ],
)
def test_change(text: str, change: str | None) -> None:
    q = only(text)
    assert q.change == change
    assert q.value > 0 or text.startswith("-")


def test_ranges_share_unit_and_scale() -> None:
    text = "portant ses cessions de 1,5 à 2,5 milliards d'euros, entre 177 et 188 M, de 10 à 15 %"
    values = [(text[q.span.start : q.span.end], q.value, q.unit) for q in find_quantities(text, "fr")]
    assert values == [
        ("1,5", 1.5e9, "EUR"),
        ("2,5 milliards d'euros", 2.5e9, "EUR"),
        ("177", 1.77e8, ""),
        ("188 M", 1.88e8, ""),
        ("10", 10, "%"),
        ("15 %", 15, "%"),
    ]


def test_range_does_not_scale_a_large_first_number() -> None:
    first, second = find_quantities("de 800 000 à 1,2 million de clients", "fr")
    assert (first.value, first.unit) == (800000, "customers")
    assert second.value == 1.2e6


def test_range_needs_an_opener() -> None:
    """ "in 2011 to $455.9 million" is no range: the year stays a year (and is dropped)."""
    found = find_quantities("from $459.1 million in 2011 to $455.9 million in 2012.", "en")
    assert [q.value for q in found] == [459.1e6, 455.9e6]


def test_noun_of_unknown_counts() -> None:
    q = only("l'avenir des 200 pilotes qui volaient")
    assert (q.unit, q.noun, q.value) == ("", "pilotes", 200)
    assert only("dont 834 millions pour le marché").noun is None


def test_qualifier_after_the_number() -> None:
    assert only("100 millions d'euros environ").qualifier == "~"
    assert only("3 ans ou plus").qualifier == ">"


def test_several_in_one_sentence_keep_order_and_offsets() -> None:
    text = (
        "Le chiffre d'affaires du groupe a progressé de 5,1% à 35,1 milliards d'euros, "
        "contre un bénéfice de 141 millions un an plus tôt."
    )
    found = find_quantities(text)
    quoted = [text[q.span.start : q.span.end] for q in found]
    assert quoted == ["5,1%", "35,1 milliards d'euros", "141 millions"]
    assert [q.number_text for q in found] == ["5,1", "35,1", "141"]


@pytest.mark.parametrize(
    ("s", "lang", "expected"),
    [
        ("55.000", "fr", 55000),
        ("55.000", "en", 55.0),
        ("55.000", None, 55000),
        ("5,32", None, 5.32),
        ("5,32", "en", 5.32),
        ("1,234.5", None, 1234.5),
        ("1.234,5", None, 1234.5),
        ("1,234", "en", 1234),
        ("1,234", "fr", 1.234),
        ("1,234", None, 1234),
        (f"1{NBSP}234,5", None, 1234.5),
        (f"1{NNBSP}234,5", "fr", 1234.5),
        ("12 000", None, 12000),
        ("1.234.567", "fr", 1234567),
        ("1,234,567", "fr", 1234567),
        ("0,125", "fr", 0.125),
        ("0.500", "fr", 0.5),
        ("-2,3", "fr", -2.3),
        ("+4.5", "en", 4.5),
        ("deux", None, 2),
        ("quatre-vingt-dix", None, 90),
        ("two hundred", None, 200),
        ("1.2.3", None, None),
        ("12 34", None, None),
        ("abc", None, None),
        ("", None, None),
    ],
)
def test_parse_number(s: str, lang: str | None, expected: float | None) -> None:
    assert parse_number(s, lang) == expected


def test_scaled_comma_is_decimal_without_lang() -> None:
    assert parse_number("2,384", None, scaled=True) == 2.384
    assert parse_number("2,384", "en", scaled=True) == 2384


def test_billion_follows_the_language() -> None:
    assert only("un billion d'euros", "fr").value == 1e12
    assert only("one billion euros", "en").value == 1e9


def test_guess_language() -> None:
    assert guess_language("Le groupe a publié une perte nette de 801 millions d'euros en 2019.") == "fr"
    assert guess_language("The group reported a net loss of $801 million for the year.") == "en"
    assert guess_language("12 345") is None


def test_apostrophes_and_spaces_are_equivalent() -> None:
    plain = only("moins de 100 millions d'euros")
    curly = only(f"moins{NBSP}de 100{NNBSP}millions d’euros")
    assert (plain.value, plain.unit, plain.qualifier) == (curly.value, curly.unit, curly.qualifier)
    assert plain.span == curly.span


def _orangesum_articles(shared: Path, limit: int) -> list[str]:
    path = shared / "corpus" / "orangesum-fr" / "parsed_all.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} not found")
    articles: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            articles.append(json.loads(line)["article"])
            if len(articles) >= limit:
                break
    return articles


def test_real_articles_spans_quote_the_text(shared: Path) -> None:
    """On 300 real articles: every span quotes its number, values are finite, spans never overlap."""
    total = 0
    for text in _orangesum_articles(shared, 300):
        found = find_quantities(text)
        total += len(found)
        previous_end = 0
        for q in found:
            quoted = text[q.span.start : q.span.end]
            assert q.number_text in quoted
            assert q.span.start >= previous_end
            assert math.isfinite(q.value)
            assert q.kind in ("money", "percent", "quantity", "count")
            previous_end = q.span.end
    assert total > 1000  # ~7 a article on this corpus
