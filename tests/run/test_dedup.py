"""Near-duplicates: one wire story in three outlets is one story with three sources, in the store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from dedup_support import OTHERS, OUTLETS
from run_support import knowledge_pipeline, page_html, write_warc

from support import make_doc
from veille import api
from veille.run import merge
from veille.run.dedup import (
    MIN_WORDS,
    NUM_PERM,
    STORY_THRESHOLD,
    StoryIndex,
    assign_stories,
    signature,
    similarity,
)
from veille.run.layout import RunLayout
from veille.run.shard import run_shard
from veille.run.shards import load_or_create_plan
from veille.store import Store

pytest.importorskip("datasketch")


def _text(paragraphs: tuple[str, ...]) -> str:
    return "\n\n".join(paragraphs)


def test_signature_is_deterministic_and_separates_stories() -> None:
    wire = [signature(_text(p)) for *_, p in OUTLETS]
    others = [signature(_text(p)) for *_, p in OTHERS]
    assert wire[0] == signature(_text(OUTLETS[0][3])) and wire[0] is not None
    assert len(wire[0]) == NUM_PERM * 4
    for i, first in enumerate(wire):
        for second in wire[i + 1 :]:
            assert first and second and similarity(first, second) >= STORY_THRESHOLD
        for other in others:
            assert first and other and similarity(first, other) < STORY_THRESHOLD / 2
    assert signature(" ".join(["mot"] * (MIN_WORDS - 1))) is None  # too short to compare


def test_wire_story_in_three_outlets_is_one_story_with_three_sources(tmp_path: Path) -> None:
    pages = [
        (f"https://{i}.example.org/a", page_html(title, site, date, paragraphs))
        for i, (site, title, date, paragraphs) in enumerate(OUTLETS + OTHERS)
    ]
    warc = write_warc(tmp_path / "wire.warc.gz", pages[:2])
    warc2 = write_warc(tmp_path / "wire2.warc.gz", pages[2:])
    layout = RunLayout(tmp_path / "out")
    plan = load_or_create_plan(layout, [str(warc), str(warc2)], [s.name for s in knowledge_pipeline().stages])
    for spec in plan.specs():  # the shards, in this process: what a worker does
        run_shard(knowledge_pipeline, spec, layout.root)
    report = merge(layout.root, tmp_path / "kb.duckdb", factory=knowledge_pipeline)
    assert report.stories == {"documents": 5, "joined": 2, "merged": 0}
    with Store(tmp_path / "kb.duckdb", read_only=True) as store:
        stories = store.connection.execute(
            "SELECT story_id, title, n_documents, n_sources, sites FROM stories ORDER BY n_documents DESC"
        ).fetchall()
        earliest = store.connection.execute(
            "SELECT id FROM documents WHERE site = 'Ouest Réseaux' AND published = '2024-09-09'"
        ).fetchone()
    assert len(stories) == 3  # the wire story, and each independent article on its own
    story_id, title, n_documents, n_sources, sites = stories[0]
    assert (n_documents, n_sources) == (3, 3)
    assert sorted(sites) == ["Breizh Éco", "Le Quotidien des Télécoms", "Ouest Réseaux"]
    assert earliest is not None and story_id == earliest[0]  # the earliest copy, though read last
    assert title == "Vantelis rachète Brisemer Fibre"
    assert [row[2:4] for row in stories[1:]] == [(1, 1), (1, 1)]
    again = merge(layout.root, tmp_path / "kb.duckdb", factory=knowledge_pipeline)
    assert again.added == 0 and again.stories == {"documents": 0, "joined": 0, "merged": 0}

    # a plain ingest assigns stories too: the same ones (grouping ignores the reading order),
    # and assigning again finds nothing new
    api.ingest([str(warc2), str(warc)], db=tmp_path / "ingest.duckdb", pipeline=knowledge_pipeline())
    stories_sql = "SELECT doc_id, story_id, signature FROM story_members ORDER BY doc_id"
    with Store(tmp_path / "ingest.duckdb") as store:
        assert assign_stories(store.connection).documents == 0
        ingested = store.connection.execute(stories_sql).fetchall()
        assert len(ingested) == 5
    with Store(tmp_path / "kb.duckdb", read_only=True) as store:
        assert store.connection.execute(stories_sql).fetchall() == ingested


def _sig(values: np.ndarray) -> bytes:
    return bytes(values.astype("<u4").tobytes())


def test_an_article_bridging_two_stories_merges_them_and_documents_without_story_catch_up() -> None:
    rng = np.random.default_rng(7)
    base_a, base_c = rng.integers(0, 2**32, NUM_PERM), rng.integers(0, 2**32, NUM_PERM)
    bridge = np.concatenate([base_a[: NUM_PERM // 2], base_c[NUM_PERM // 2 :]])  # half of each
    sig_a, sig_c, sig_b = _sig(base_a), _sig(base_c), _sig(bridge)
    assert similarity(sig_a, sig_b) >= STORY_THRESHOLD and similarity(sig_c, sig_b) >= STORY_THRESHOLD
    with Store(":memory:") as store:
        docs = {}
        for name, published in (("a", "2024-01-03"), ("b", "2024-01-02"), ("c", "2024-01-05"), ("d", None)):
            doc = make_doc(f"article {name}", path=f"{name}.txt")
            doc.text, doc.published = f"article {name}", published
            docs[name] = doc
        from veille.record import to_record

        store.add_documents([(doc, to_record(doc)) for doc in docs.values()])
        index = StoryIndex(store.connection)
        assert index.add([(docs["a"].id, sig_a), (docs["c"].id, sig_c)]).joined == 0
        done = index.add([(docs["b"].id, sig_b)])
        assert (done.joined, done.merged) == (1, 1)
        assert StoryIndex(store.connection).catch_up().documents == 1  # "d": stored, no story yet
        rows = dict(store.connection.execute("SELECT doc_id, story_id FROM story_members").fetchall())
    assert {rows[docs[n].id] for n in "abc"} == {docs["b"].id}  # b is the earliest of the three
    assert rows[docs["d"].id] == docs["d"].id
