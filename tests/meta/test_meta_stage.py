"""MetadataStage: language, site, dateline date, warnings; never the crawl date."""

from __future__ import annotations

import pickle

import pytest

from veille.clean.html import HtmlCleaner
from veille.doc import Doc, Source, doc_id
from veille.errors import ConfigError, Warn
from veille.meta.stage import MetadataStage
from veille.pipeline import Pipeline

FRENCH_TEXT = (
    "Orange rachète un opérateur belge\n\n"
    "Publié le 12 mars 2024 à 10h30\n\n"
    "L'opérateur historique a annoncé jeudi le rachat de son concurrent belge pour un montant "
    "de 300 millions d'euros, selon un communiqué publié dans la matinée."
)
GERMAN_TEXT = (
    "Das Unternehmen hat am Dienstag mitgeteilt, dass es seinen größten Konkurrenten für zwei "
    "Milliarden Euro übernehmen wird. Die Behörden müssen noch zustimmen."
)


def text_doc(
    markup: str,
    *,
    text: str | None = None,
    url: str | None = None,
    fetched_at: str | None = None,
    title: str | None = "Un titre",
) -> Doc:
    raw = markup.encode("utf-8")
    doc = Doc(
        id=doc_id(raw),
        raw=raw,
        media_type="text",
        markup=markup,
        source=Source(path="x.txt", url=url),
        fetched_at=fetched_at,
    )
    doc.text = markup if text is None else text
    doc.title = title
    return doc


@pytest.fixture(scope="module")
def stage() -> MetadataStage:
    return MetadataStage()


def test_french_text_with_dateline(stage: MetadataStage) -> None:
    doc = stage.process(
        text_doc(FRENCH_TEXT, url="https://www.lesechos.fr/tech/x", fetched_at="2024-05-01T00:00:00Z")
    )
    assert doc.language == "fr"
    assert doc.published == "2024-03-12"
    assert doc.source.site == "lesechos.fr"
    assert doc.warnings == []


def test_dateline_read_from_the_scraped_text_when_cleaning_dropped_it(stage: MetadataStage) -> None:
    body = FRENCH_TEXT.split("\n\n", 2)[2]
    doc = stage.process(text_doc(FRENCH_TEXT, text=body))
    assert doc.published == "2024-03-12"


def test_no_date_stays_none_even_with_a_crawl_date(stage: MetadataStage) -> None:
    body = FRENCH_TEXT.replace("Publié le 12 mars 2024 à 10h30\n\n", "")
    doc = stage.process(text_doc(body, fetched_at="2024-05-01T08:00:00Z"))
    assert doc.published is None
    assert Warn.NO_DATE in doc.warnings
    assert doc.fetched_at == "2024-05-01T08:00:00Z"


def test_relative_dates_are_not_dates(stage: MetadataStage) -> None:
    doc = stage.process(text_doc("Un titre\n\nil y a 2 jours\n\n2 days ago\n\nDu texte en français ici."))
    assert doc.published is None


def test_cleaner_date_kept_and_malformed_date_dropped(stage: MetadataStage) -> None:
    doc = text_doc("Du texte en français sans date, assez long pour la langue.")
    doc.published = "2020-06-16"
    assert stage.process(doc).published == "2020-06-16"
    doc = text_doc("Du texte en français sans date, assez long pour la langue.")
    doc.published = "16 juin"
    assert stage.process(doc).published is None


def test_unsupported_language_warned(stage: MetadataStage) -> None:
    doc = stage.process(text_doc(GERMAN_TEXT))
    assert doc.language == "de"
    assert Warn.language_not_supported("de") in doc.warnings


def test_language_falls_back_to_title_then_declared(stage: MetadataStage) -> None:
    doc = stage.process(
        text_doc("", text="", title="The company agreed to buy its main rival for two billion")
    )
    assert doc.language == "en"
    doc = text_doc("", text="", title=None)
    doc.scratch["html_lang"] = "fr"
    doc = stage.process(doc)
    assert doc.language == "fr"
    assert Warn.NO_TITLE in doc.warnings


def test_site_name_from_cleaner_is_kept(stage: MetadataStage) -> None:
    doc = text_doc(FRENCH_TEXT, url="https://actu.orange.fr/x")
    doc.source.site = "Orange Actualités"
    assert stage.process(doc).source.site == "Orange Actualités"
    assert (
        stage.process(text_doc(FRENCH_TEXT, url="https://actu.orange.fr/x")).source.site == "actu.orange.fr"
    )


def test_english_numeric_dateline_is_month_first(stage: MetadataStage) -> None:
    markup = (
        "Acme buys Widget\n\nPosted 05/06/2023\n\nAcme Corp said on Tuesday it had agreed to buy "
        "Widget Inc for about two billion dollars in cash."
    )
    assert stage.process(text_doc(markup)).published == "2023-05-06"


def test_stage_contract_and_pickling(stage: MetadataStage) -> None:
    assert stage.name == "veille.meta.v1"
    with pytest.raises(ConfigError):
        Pipeline([stage])  # "text" comes from a cleaner, not from a reader
    Pipeline([HtmlCleaner(), stage])
    copy = pickle.loads(pickle.dumps(stage))
    assert copy.process(text_doc(FRENCH_TEXT)).language == "fr"
