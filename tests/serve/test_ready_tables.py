"""The desk's precomputed serving tables answer exactly what the per-request queries compute.

`explore` answers an unfiltered profile or graph, and counts an unfiltered timeline, from tables
built when the desk opens the store (counterparts ranked per section, every centre's graph
edges); a filtered question still computes its answer. A random web of relations over many
articles must give the same answer both ways, page by page and for every graph size.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import make_doc
from veille.doc import Doc, Entity, Relation, Span
from veille.record import to_record
from veille.serve.desk import Desk
from veille.store import Store
from veille.store import explore as ex

#: A confidence floor under every relation's: it keeps all of them but takes the computing path.
ANY_CONFIDENCE = 1e-9
ENTITIES = 14
ARTICLES = 30
TYPES = ("partnership", "competition", "acquisition", "role", "subsidiary")


def _web(seed: int) -> list[Doc]:
    """Articles naming random entities, each with a few random relations over its sentences."""
    rng = random.Random(seed)
    ids = [f"org:e{index:02d}" for index in range(ENTITIES)]
    docs = []
    for number in range(ARTICLES):
        named = rng.sample(ids, rng.randint(2, 6))
        sentences = [f"Phrase {n} de l'article {number} sur {' et '.join(named)}." for n in range(4)]
        text = " ".join(sentences)
        doc = make_doc(text, path=f"{number}.txt", url=f"https://example.org/{number}")
        doc.text, doc.title, doc.language = text, f"Article {number}", "fr"
        doc.published = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if number % 5 else None
        doc.entities = [
            Entity(
                entity_id,
                entity_id.upper(),
                "ORG",
                [],
                [Span(text.index(entity_id), text.index(entity_id) + 7)],
            )
            for entity_id in named
        ]
        start = 0
        for sentence in sentences:
            span = Span(start, start + len(sentence))
            start += len(sentence) + 1
            for _ in range(rng.randint(0, 2)):
                subject, other = rng.sample(named, 2)
                confidence = round(rng.uniform(0.2, 0.95), 2)
                doc.relations.append(Relation(rng.choice(TYPES), subject, other, span, confidence))
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ex.Con]:
    path: Path = tmp_path_factory.mktemp("ready") / "web.duckdb"
    with Store(path) as store:
        store.add_documents([(doc, to_record(doc)) for doc in _web(seed=11)])
    desk = Desk(path)
    try:
        yield desk._cursor()
    finally:
        desk.close()


def _entity_ids(con: ex.Con) -> list[str]:
    return [str(row[0]) for row in con.execute("SELECT id FROM memory.x_entities ORDER BY id").fetchall()]


def test_the_web_has_busy_entities(con: ex.Con) -> None:
    """The comparison means something only if entities have many counterparts and events."""
    busiest = max(ex.entity(con, e)["relations"] for e in _entity_ids(con))  # type: ignore[index]
    assert busiest >= 15


def test_connections_ready_equal_computed(con: ex.Con) -> None:
    for entity_id in _entity_ids(con):
        for cap in (0, 1, 3):
            ready = ex.connections(con, entity_id, per_section=cap)
            computed = ex.connections(con, entity_id, min_confidence=ANY_CONFIDENCE, per_section=cap)
            assert ready == computed, (entity_id, cap)


def test_timeline_pages_ready_equal_computed(con: ex.Con) -> None:
    for entity_id in _entity_ids(con):
        for limit, offset in ((4, 0), (4, 4), (7, 3), (50, 0), (5, 1000)):
            ready = ex.timeline(con, entity_id, limit=limit, offset=offset)
            computed = ex.timeline(con, entity_id, min_confidence=ANY_CONFIDENCE, limit=limit, offset=offset)
            assert ready.as_dict() == computed.as_dict(), (entity_id, limit, offset)


def test_entity_documents_pages_walk_the_articles_latest_first(con: ex.Con) -> None:
    for entity_id in _entity_ids(con):
        expected = [
            str(row[0])
            for row in con.execute(
                "SELECT doc_id FROM memory.x_mentions WHERE entity_id = $1 ORDER BY k", [entity_id]
            ).fetchall()
        ]
        walked = [
            item["id"]
            for offset in range(0, len(expected) + 3, 3)
            for item in ex.entity_documents(con, entity_id, limit=3, offset=offset).items
        ]
        assert walked == expected and expected, entity_id
        assert ex.entity_documents(con, entity_id, limit=3).total == len(expected)


def test_graph_ready_equals_computed_for_every_size(con: ex.Con) -> None:
    for entity_id in _entity_ids(con):
        for max_nodes in (2, 4, 7, 40, ex.MAX_GRAPH_NODES):
            ready = ex.graph(con, entity_id, max_nodes=max_nodes)
            computed = ex.graph(con, entity_id, max_nodes=max_nodes, types=list(TYPES))
            assert ready == computed, (entity_id, max_nodes)
            assert len(ready["nodes"]) <= max_nodes - 1
