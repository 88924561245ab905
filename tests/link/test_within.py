"""In-article grouping on hand-written texts and mentions (no model)."""

from __future__ import annotations

import re

from support import make_doc
from veille.doc import EntityType, Mention, Span
from veille.link.stage import MentionGrouper
from veille.link.within import Grouper
from veille.ner.gazetteer import AmbiguousForm, Entry, Gazetteer


def _entry(entity_id: str, name: str, entity_type: str, aliases: tuple[str, ...] = ()) -> Entry:
    return Entry(entity_id, name, entity_type, aliases, "", "", "", (), "test.tsv")


GAZETTEER = Gazetteer(
    [
        _entry("org:zorglub-group", "Zorglub Group", "ORG", ("Zorglub", "Zorglub Telecom")),
        _entry("per:carla-ghosnet", "Carla Ghosnet", "PER"),
        _entry("per:anne-dupin", "Anne Dupin", "PER"),
        _entry("per:paul-dupin", "Paul Dupin", "PER"),
    ],
    [AmbiguousForm("Zorglub", "org:zorglub-group", "prefer", "")],
)


def mark(text: str, *spec: tuple[str, EntityType, str] | tuple[str, EntityType, str, str]) -> list[Mention]:
    """Mentions of every occurrence of each (surface, label, source[, entity_id]) in `text`."""
    found: list[Mention] = []
    for item in spec:  # earlier (longer) surfaces first: a later one never overlaps them
        surface, label, source = item[0], item[1], item[2]
        entity_id = item[3] if len(item) > 3 else None
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if any(m.span.start < match.end() and match.start() < m.span.end for m in found):
                continue
            found.append(Mention(Span(match.start(), match.end()), label, source, entity_id))
    return sorted(found, key=lambda m: m.span.start)


def group(
    text: str, mentions: list[Mention], gazetteer: Gazetteer = GAZETTEER
) -> dict[str, tuple[str, list[str], int]]:
    entities = Grouper(gazetteer).entities(text, mentions)
    return {e.name: (e.type, e.aliases, len(e.mentions)) for e in entities}


def test_former_name_and_short_form_join_the_full_name() -> None:
    # the seed-004 shape, with invented names and no gazetteer entry
    text = "Blorp Group (ex Blorp Industries) revient. Blorp veut grandir. Blorp Group recrute."
    mentions = mark(
        text, ("Blorp Group", "ORG", "model"), ("Blorp Industries", "ORG", "model"), ("Blorp", "ORG", "model")
    )
    entities = Grouper(Gazetteer([], [])).entities(text, mentions)
    assert len(entities) == 1
    entity = entities[0]
    assert entity.name == "Blorp Group" and entity.type == "ORG"
    assert set(entity.aliases) == {"Blorp Industries", "Blorp"}
    assert entity.id == "org:blorp-group"
    assert len(entity.mentions) == 4


def test_gazetteer_id_and_name_win() -> None:
    text = "Zorglub Telecom a signé. Zorglub paiera."
    mentions = mark(
        text,
        ("Zorglub Telecom", "ORG", "gazetteer", "org:zorglub-group"),
        ("Zorglub", "ORG", "gazetteer", "org:zorglub-group"),
    )
    entities = Grouper(GAZETTEER).entities(text, mentions)
    assert [(e.id, e.name) for e in entities] == [("org:zorglub-group", "Zorglub Telecom")]
    assert entities[0].aliases == ["Zorglub"]


def test_acronym_in_brackets_joins_its_long_form() -> None:
    text = "L'Association des fabricants de zinc (AFZ) proteste. L'AFZ saisit la justice."
    mentions = mark(text, ("Association des fabricants de zinc", "ORG", "model"), ("AFZ", "ORG", "model"))
    result = group(text, mentions)
    assert result == {"Association des fabricants de zinc": ("ORG", ["AFZ"], 3)}


def test_bracketed_list_is_not_an_acronym_or_alias() -> None:
    text = "Le groupe Mediarama (RTX, Fun Onde) vend. Mediarama attend."
    mentions = mark(
        text, ("Mediarama", "ORG", "model"), ("RTX", "ORG", "model"), ("Fun Onde", "ORG", "model")
    )
    assert set(group(text, mentions)) == {"Mediarama", "RTX", "Fun Onde"}


def test_surname_joins_the_only_person_with_it() -> None:
    text = "Nicolas de Tavernier dirige. M. de Tavernier a dit. Tavernier a signé."
    mentions = mark(
        text,
        ("Nicolas de Tavernier", "PER", "pattern"),
        ("M. de Tavernier", "PER", "cue"),
        ("Tavernier", "ORG", "model"),
    )
    result = group(text, mentions)
    assert list(result) == ["Nicolas de Tavernier"]
    assert result["Nicolas de Tavernier"][0] == "PER"


def test_group_is_not_the_person_bearing_its_name() -> None:
    text = "Le groupe Lagardo vend. Arnaud Lagardo a signé. Lagardo perd."
    mentions = mark(text, ("Arnaud Lagardo", "PER", "pattern"), ("Lagardo", "ORG", "model"))
    for mention in mentions:
        if text[mention.span.start - 7 : mention.span.start] == "groupe ":
            mention.source = "cue"
    result = group(text, mentions)
    assert result["Lagardo"][0] == "ORG" and result["Arnaud Lagardo"][0] == "PER"
    assert "groupe Lagardo" in result["Lagardo"][1]


def test_type_vote_gazetteer_then_cue_then_model() -> None:
    text = "Quantel signe. Quantel vend. Quantel perd. La société Quantel gagne."
    mentions = mark(text, ("Quantel", "PER", "model"))
    mentions[-1].label, mentions[-1].source = "ORG", "cue"
    assert group(text, mentions)["Quantel"][0] == "ORG"


def test_lone_model_person_word_is_an_organisation_and_product_words_make_a_product() -> None:
    text = "Alphabo gagne. Alphabo Music recrute. Zapflix Gaming aussi."
    mentions = mark(
        text,
        ("Alphabo Music", "ORG", "model"),
        ("Alphabo", "PER", "model"),
        ("Zapflix Gaming", "PER", "model"),
    )
    result = group(text, mentions, Gazetteer([], []))
    assert result["Alphabo"][0] == "ORG"
    assert result["Alphabo Music"][0] == "PRODUCT"
    assert result["Zapflix Gaming"][0] == "PRODUCT"


def test_known_surname_alone_takes_the_gazetteer_person() -> None:
    text = "Le scandale Ghosnet a secoué le groupe. Un Dupin est venu."
    mentions = mark(text, ("Ghosnet", "ORG", "model"), ("Dupin", "PER", "model"))
    entities = {e.name: e for e in Grouper(GAZETTEER).entities(text, mentions)}
    assert (entities["Ghosnet"].id, entities["Ghosnet"].type) == ("per:carla-ghosnet", "PER")
    assert entities["Dupin"].id != "per:anne-dupin"  # two gazetteer people are named Dupin


def test_nickname_forms_are_aliases() -> None:
    text = 'Le transfert de Tyler "Ninjo" Blevans a coûté cher. Ninjo reviendra.'
    mentions = mark(text, ('Tyler "Ninjo" Blevans', "PER", "pattern"), ("Ninjo", "ORG", "model"))
    result = group(text, mentions)
    assert list(result) == ['Tyler "Ninjo" Blevans']
    assert set(result['Tyler "Ninjo" Blevans'][1]) >= {"Ninjo", "Tyler Blevans"}


def test_stage_sets_entities_and_mention_ids() -> None:
    text = "Blorp Group (ex Blorp Industries) revient."
    doc = make_doc(text)
    doc.text = text
    doc.mentions = mark(text, ("Blorp Group", "ORG", "model"), ("Blorp Industries", "ORG", "model"))
    MentionGrouper(gazetteer=Gazetteer([], [])).process(doc)
    assert [e.id for e in doc.entities] == ["org:blorp-group"]
    assert {m.entity_id for m in doc.mentions} == {"org:blorp-group"}
