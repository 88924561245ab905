"""HtmlCleaner on hand-written pages (French and English, with page furniture) and on the
dev-gold OrangeSum pages read from ../shared."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from support import SHARED
from veille.clean.html import MAX_MARKUP_CHARS, HtmlCleaner, cap_markup
from veille.doc import Doc, Source, doc_id
from veille.errors import Warn
from veille.meta.stage import MetadataStage

FRENCH_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Orange signe un accord avec Free sur la fibre - Le Journal Télécom</title>
<meta property="og:title" content="Orange signe un accord avec Free sur la fibre - Le Journal Télécom">
<meta property="og:site_name" content="Le Journal Télécom">
<link rel="canonical" href="https://www.journal-telecom.fr/operateurs/accord-fibre">
<meta property="article:section" content="Opérateurs">
<meta property="article:published_time" content="2021-03-04T08:15:00+01:00">
</head><body>
<div id="cookie-banner"><p>Nous utilisons des cookies pour améliorer votre expérience.</p>
<button>Tout accepter</button><button>Tout refuser</button></div>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/telecoms">Télécoms</a></li>
<li><a href="/medias">Médias</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<main><article>
<h1>Orange signe un accord avec Free sur la fibre</h1>
<p class="date">Publié le 4 mars 2021 à 08h15</p>
<p>L'opérateur historique Orange a signé jeudi un accord de mutualisation de la fibre optique avec
son concurrent Free, filiale du groupe Iliad, pour couvrir les zones rurales du pays.</p>
<figure><img src="x.jpg" alt="">
<figcaption>Le siège d'Orange à Issy-les-Moulineaux. © AFP</figcaption></figure>
<p>Selon les deux groupes, l'accord porte sur près de deux millions de prises supplémentaires d'ici
la fin de l'année 2022, pour un montant estimé à 300 millions d'euros.</p>
<div class="ad">Publicité</div>
<p>Lire aussi : Bouygues Telecom accélère dans la 5G</p>
<p>Le régulateur des télécoms, l'Arcep, devra encore valider les modalités techniques de ce
partenariat, qui pourrait inspirer d'autres opérateurs européens selon plusieurs analystes.</p>
</article>
<aside class="related"><h3>Sur le même sujet</h3><ul>
<li><a href="/a">SFR lance une nouvelle box pour les particuliers</a></li>
<li><a href="/b">Free Mobile gagne des abonnés au premier trimestre</a></li></ul></aside>
</main>
<footer><p>© 2021 Le Journal Télécom - Tous droits réservés</p>
<ul><li><a href="/mentions">Mentions légales</a></li><li><a href="/cgu">CGU</a></li></ul></footer>
</body></html>"""

ENGLISH_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Acme Corp buys Widget Inc for $2 billion | Tech Daily</title>
<meta property="og:site_name" content="Tech Daily">
</head><body>
<div class="consent">We use cookies to personalise content. <a href="#">Accept all cookies</a></div>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav>
<article>
<h1>Acme Corp buys Widget Inc for $2 billion</h1>
<p>Acme Corp said on Tuesday it had agreed to buy Widget Inc, the maker of industrial sensors,
for about $2 billion in cash, its largest acquisition since the company was founded.</p>
<p>Advertisement</p>
<p>The deal, which still needs approval from regulators in the United States and Europe, is
expected to close in the second half of next year, the companies said in a joint statement.</p>
<p>Chief executive Jane Doe said the purchase would double Acme's sales of connected devices
and give it a foothold in the fast-growing market for factory automation software.</p>
<p>Sign up for our newsletter to get the latest tech news every morning.</p>
</article>
<section class="related"><h2>Related stories</h2>
<a href="/x">Widget Inc shares jump on takeover talk</a></section>
<footer>All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def html_doc(
    markup: str, *, url: str | None = None, path: str = "page.html", fetched_at: str | None = None
) -> Doc:
    raw = markup.encode("utf-8")
    return Doc(
        id=doc_id(raw),
        raw=raw,
        media_type="html",
        markup=raw.decode("utf-8"),
        source=Source(path=path, url=url),
        fetched_at=fetched_at,
    )


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def cleaner() -> HtmlCleaner:
    return HtmlCleaner()


def test_french_page_body_title_date_category(cleaner: HtmlCleaner) -> None:
    doc = cleaner.process(html_doc(FRENCH_PAGE, url="https://www.journal-telecom.fr/operateurs/accord"))
    assert doc.title == "Orange signe un accord avec Free sur la fibre"
    assert doc.published == "2021-03-04"
    assert doc.category == "Opérateurs"
    assert doc.source.site == "Le Journal Télécom"
    text = folded(doc.text)
    assert "accord de mutualisation de la fibre optique" in text
    assert "300 millions d'euros" in text
    assert "l'Arcep, devra encore valider" in text
    for furniture in (
        "Nous utilisons des cookies",
        "Tout accepter",
        "Accueil",
        "Publicité",
        "Lire aussi",
        "SFR lance une nouvelle box",
        "Mentions légales",
        "Tous droits réservés",
        "Publié le 4 mars",
        "© AFP",
    ):
        assert furniture not in doc.text, furniture
    assert not doc.text.startswith("Orange signe un accord")  # the headline is not body text
    assert doc.warnings == []


def test_page_url_from_canonical_link_only_when_the_reader_had_none(cleaner: HtmlCleaner) -> None:
    doc = cleaner.process(html_doc(FRENCH_PAGE))
    assert doc.source.url == "https://www.journal-telecom.fr/operateurs/accord-fibre"
    doc = cleaner.process(html_doc(FRENCH_PAGE, url="https://mirror.example.org/a"))
    assert doc.source.url == "https://mirror.example.org/a"


def test_paragraphs_are_separated_by_exactly_one_blank_line(cleaner: HtmlCleaner) -> None:
    doc = cleaner.process(html_doc(ENGLISH_PAGE))
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 3
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert "\n\n\n" not in doc.text


def test_english_page_furniture_dropped_and_site_suffix_stripped(cleaner: HtmlCleaner) -> None:
    doc = cleaner.process(html_doc(ENGLISH_PAGE, url="https://techdaily.example.com/acme"))
    assert doc.title == "Acme Corp buys Widget Inc for $2 billion"
    assert "agreed to buy Widget Inc" in doc.text
    assert "foothold in the fast-growing market" in doc.text
    for furniture in (
        "We use cookies",
        "Advertisement",
        "Sign up for our newsletter",
        "Related stories",
        "Widget Inc shares jump",
        "Privacy policy",
        "All rights reserved",
    ):
        assert furniture not in doc.text, furniture


def test_no_date_in_page_means_none_never_the_crawl_date(cleaner: HtmlCleaner) -> None:
    doc = cleaner.process(html_doc(ENGLISH_PAGE, fetched_at="2023-05-17T10:00:00Z"))
    assert doc.published is None
    doc = MetadataStage().process(doc)
    assert doc.published is None
    assert Warn.NO_DATE in doc.warnings


def test_date_after_the_fetch_is_not_a_publication_date(cleaner: HtmlCleaner) -> None:
    doc = cleaner.process(html_doc(FRENCH_PAGE, fetched_at="2020-01-01T00:00:00Z"))
    assert doc.published != "2021-03-04"


INDEX_PAGE = """<!DOCTYPE html><html lang="fr"><head><title>Télécoms : toute l'actualité - Le Journal</title>
<meta property="og:type" content="website"></head><body>
<div class="consent"><p>Le Journal et ses 120 partenaires utilisent des cookies pour mesurer l'audience
et vous proposer des contenus adaptés.
Vous pouvez accepter, refuser ou paramétrer vos choix à tout moment.</p></div>
<main><h1>Télécoms</h1><section>
<article><a href="/a"><h2>Orange investit dans la fibre</h2></a><span class="date">12/03/2024</span></article>
<article><a href="/b"><h2>SFR réorganise sa filiale</h2></a><span class="date">10/03/2024</span></article>
<article><a href="/c"><h2>Free gagne des abonnés</h2></a><span class="date">09/03/2024</span></article>
</section><section class="newsletter"><h2>La newsletter</h2>
<p>Chaque matin à 7 heures, l'essentiel de l'actualité télécom dans votre boîte mail.</p></section></main>
</body></html>"""


def test_index_page_has_no_text_and_no_date(cleaner: HtmlCleaner) -> None:
    doc = cleaner.process(html_doc(INDEX_PAGE))
    assert doc.text == ""
    assert Warn.NO_TEXT in doc.warnings
    assert doc.published is None


def test_text_documents_are_left_alone(cleaner: HtmlCleaner) -> None:
    raw = b"Un titre\n\nUn paragraphe."
    doc = Doc(id=doc_id(raw), raw=raw, media_type="text", markup=raw.decode())
    assert cleaner.process(doc).text == ""


def test_empty_and_unparsable_markup_warn_no_text(cleaner: HtmlCleaner) -> None:
    for markup in ("", "   ", "<html><body></body></html>"):
        doc = cleaner.process(html_doc(markup))
        assert doc.text == ""
        assert Warn.NO_TEXT in doc.warnings


def test_huge_page_is_cut_and_warned() -> None:
    filler = "<div><p>" + "bla " * 200 + "</p></div>\n"
    markup = (
        "<html><body>" + FRENCH_PAGE.split("<body>")[1].split("</body>")[0] + filler * 40 + "</body></html>"
    )
    cleaner = HtmlCleaner(max_markup_chars=20_000)
    doc = cleaner.process(html_doc(markup))
    assert Warn.HUGE_PAGE in doc.warnings
    assert "accord de mutualisation" in doc.text
    small = HtmlCleaner().process(html_doc(FRENCH_PAGE))
    assert Warn.HUGE_PAGE not in small.warnings


def test_cap_markup_cuts_before_a_tag() -> None:
    markup = "<p>" + "a" * 50 + "</p><p>" + "b" * 50 + "</p>"
    cut = cap_markup(markup, 60)
    assert cut == "<p>" + "a" * 50 + "</p>"
    assert cap_markup(markup, 10_000) == markup
    assert MAX_MARKUP_CHARS >= 2_000_000  # above the largest real page of the eval corpora (1.6 MB)


def test_stage_declares_its_contract() -> None:
    assert HtmlCleaner.name == "veille.clean.html.v1"
    assert HtmlCleaner.requires == ("markup",)
    assert set(HtmlCleaner.assigns) == {"text", "title", "published", "category"}


# ------------------------------------------------------------------ dev gold (OrangeSum pages)
def _gold_pages() -> list[dict[str, object]]:
    gold_path = SHARED / "eval" / "dev" / "gold.json"
    if not gold_path.exists():
        return []
    entries = json.loads(gold_path.read_text(encoding="utf-8"))
    return [entry for entry in entries if str(entry["path"]).endswith(".html.gz")]


def _read_gold_doc(entry: dict[str, object]) -> Doc:
    path = SHARED / str(entry["path"])
    raw = gzip.decompress(Path(path).read_bytes())
    return html_doc(raw.decode("utf-8"), path=str(path))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def gold_results(cleaner: HtmlCleaner) -> list[tuple[dict[str, object], Doc]]:
    entries = _gold_pages()
    if not entries:
        pytest.skip(f"dev gold not found under {SHARED}")
    meta = MetadataStage()
    return [(entry, meta.process(cleaner.process(_read_gold_doc(entry)))) for entry in entries]


def test_gold_pages_body_keep_and_drop(gold_results: list[tuple[dict[str, object], Doc]]) -> None:
    kept = total_keep = dropped = total_drop = 0
    for entry, doc in gold_results:
        text = _fold(doc.text)
        must = [_fold(s) for s in entry["body_must_contain"]]  # type: ignore[attr-defined]
        must_not = [_fold(s) for s in entry["body_must_not_contain"]]  # type: ignore[attr-defined]
        kept += sum(s in text for s in must)
        total_keep += len(must)
        dropped += sum(s not in text for s in must_not)
        total_drop += len(must_not)
    assert kept / total_keep >= 0.99
    assert dropped / total_drop >= 0.99


def test_gold_pages_title_and_date(gold_results: list[tuple[dict[str, object], Doc]]) -> None:
    titles = sum(_fold(doc.title or "") == _fold(str(entry["title"])) for entry, doc in gold_results)
    dates = sum(doc.published == entry["published"] for entry, doc in gold_results)
    assert titles / len(gold_results) >= 0.95
    assert dates / len(gold_results) >= 0.95
    assert all(doc.language == "fr" for _, doc in gold_results)
    assert all(not doc.title.endswith("Orange Actualités") for _, doc in gold_results if doc.title)
