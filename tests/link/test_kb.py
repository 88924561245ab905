"""The knowledge base: seeding, learning, guards on what it learns, loading from the store."""

from __future__ import annotations

from link_support import article, small_gazetteer

from veille.doc import Doc
from veille.link.kb import KnowledgeBase, StoreKB
from veille.link.linker import EntityLinker, bind_store
from veille.pipeline import Pipeline, Stage
from veille.record import to_record
from veille.store import Store


def test_seeded_from_gazetteer_without_former_names() -> None:
    kb = KnowledgeBase(small_gazetteer())
    assert kb.ids_by_key("british telecom") == {"org:bt-group"}
    assert kb.ids_by_core("bt") == {"org:bt-group"}  # "BT Group" without its group word
    assert kb.ids_by_key("france telecom") == set()  # a former name is no alias
    assert kb.ids_by_surname("ghosn") == {"per:carlos-ghosn"}
    assert kb.get("org:orange") is not None and kb.get("org:orange").from_gazetteer  # type: ignore[union-attr]


def test_learning_grows_aliases() -> None:
    kb = KnowledgeBase(small_gazetteer())
    kb.learn("org:proximus", "Proximus", "ORG", ["Belgacom", "groupe Proximus"])
    assert kb.ids_by_key("belgacom") == {"org:proximus"}
    assert kb.ids_by_core("proximus") == {"org:proximus"}
    assert kb.get("org:proximus").documents == 1  # type: ignore[union-attr]


def test_learning_refuses_subsidiaries_and_distinct_forms() -> None:
    kb = KnowledgeBase(small_gazetteer())
    assert not kb.add_alias("org:canal-plus", "Canal+ Afrique")  # a subsidiary, and distinct in ambiguous.tsv
    assert not kb.add_alias("org:renault", "Canal+ Afrique")  # ambiguous.tsv gives the form to its own id
    assert kb.is_distinct("Canal+ Afrique", "org:canal-plus")
    assert not kb.is_distinct("Canal+ Afrique", "org:canal-plus-afrique")
    assert not kb.add_alias("org:orange", "Orange Belgium")  # a qualifier: a subsidiary
    assert not kb.add_alias("org:free", "Free Mobile")
    assert kb.add_alias("org:free", "Free SAS")  # a legal form: an alias
    assert kb.ids_by_key("orange belgium") == {"org:orange-belgium"}


class _Grouped(Stage):
    """Stands for the recogniser and grouper: the test articles come with their entities."""

    name = "test.grouped.v1"
    assigns = ("entities",)

    def process(self, doc: Doc) -> Doc:
        return doc


def test_store_kb_reads_what_earlier_runs_stored() -> None:
    gazetteer = small_gazetteer()
    first = article(
        "Proximus, ex-Belgacom, signe avec Netflix. Le groupe Proximus vise 2025.",
        [("Proximus", "ORG", ["Belgacom", "groupe Proximus"]), ("Netflix", "ORG", [])],
        path="p1.txt",
    )
    linker = EntityLinker(KnowledgeBase(gazetteer))
    with Store(":memory:") as store:
        doc = linker.process(first)
        store.add_documents([(doc, to_record(doc))])
        kb = StoreKB(store, gazetteer)
        # A fresh pipeline bound to the store links to what the store holds.
        pipeline = Pipeline([_Grouped(), EntityLinker()])
        assert bind_store(pipeline, store) == 1
    assert kb.ids_by_key("belgacom") == {"org:proximus"}
    assert kb.get("org:proximus").documents == 1  # type: ignore[union-attr]
    bound = pipeline.stages[1]
    assert isinstance(bound, EntityLinker) and isinstance(bound.kb, StoreKB)
    later = article("Belgacom change de nom.", [("Belgacom", "ORG", [])], path="p2.txt")
    assert [e.id for e in bound.process(later).entities] == ["org:proximus"]


def _run(linker: EntityLinker, texts: list[tuple[str, str, str]]) -> list[str]:
    docs = [article(text, [(name, "ORG", [])], path=f"{i}.txt") for i, (text, name, _) in enumerate(texts)]
    return [linker.process(doc).entities[0].id for doc in docs]


def test_relinking_after_a_stored_run_gives_the_same_ids(tmp_path: object) -> None:
    """A second run over the same articles, with the knowledge base the first run stored, changes no id."""
    texts = [
        ("Le Finacial Times le dit.", "Finacial Times", ""),
        ("The Financial Times says so.", "Financial Times", ""),
        ("Proximus (ex Belgacom) grows.", "Proximus", ""),
        ("Belgacom shrinks.", "Belgacom", ""),
        ("BT Group hires.", "BT Group", ""),
    ]
    gazetteer = small_gazetteer()
    db = f"{tmp_path}/kb.duckdb"
    first_linker = EntityLinker(KnowledgeBase(gazetteer))
    docs = [article(text, [(name, "ORG", [])], path=f"{i}.txt") for i, (text, name, _) in enumerate(texts)]
    with Store(db) as store:
        store.add_documents([(doc, to_record(first_linker.process(doc))) for doc in docs])
    first = [doc.entities[0].id for doc in docs]
    assert first == [
        "org:finacial-times",
        "org:finacial-times",
        "org:proximus",
        "org:belgacom",
        "org:bt-group",
    ]
    with Store(db, read_only=True) as store:
        second_linker = EntityLinker(StoreKB(store, gazetteer))
    assert _run(second_linker, texts) == first
