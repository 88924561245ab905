"""Near-duplicate articles -> stories: the same wire story in five outlets is one story, five sources.

Each article's clean text is cut into word 5-shingles (case-folded, accents and punctuation
dropped) and summarised by a MinHash signature (datasketch, 128 permutations, fixed seed: the
same text always gives the same bytes, whichever worker computed it). Workers compute the
signatures (`signature`); the merge, in one process, puts them in an LSH index and groups
articles (`StoryIndex`): an article joins the stories of every earlier article whose estimated
Jaccard similarity reaches `STORY_THRESHOLD`, and stories it bridges become one. A story's id is
the id of its earliest document (by publication date, then crawl date, then id), so it does not
depend on which outlet was read first.

The store keeps one `story_members` row per document (story id, signature) and a `stories` view
(documents, sources, sites per story); see the `003_stories` migration.

Memory: the index holds every signature of the store (512 bytes each, ~0.6 GB per million
articles with the LSH tables). A window (only stories of the last N days) is the next step for
longer archives.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from veille.errors import MissingExtra

LOGGER = logging.getLogger(__name__)

#: Words per shingle: 5 is the usual size for near-duplicate news (long enough that two
#: different articles on one topic share few shingles, short enough to survive light edits).
SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
#: Estimated Jaccard similarity of the shingle sets from which two articles are one story. Set on
#: tests/run/dedup_support.py's invented wire story (three outlets' lightly edited copies score
#: 0.75-0.89 against each other, two independent articles on the same deal 0.0) and on the first
#: 12,000 OrangeSum articles of ../shared: of 25 pairs sampled between 0.4 and 0.6, those from 0.5
#: up were all rewrites or updates of one wire story; below, two issues of a templated column
#: scored 0.48. Lower merges distinct events of one running story, higher misses rewritten copies.
STORY_THRESHOLD = 0.5
#: Texts shorter than this many words get no signature (a story of their own): a brief's handful
#: of shingles would match another brief's by chance.
MIN_WORDS = 40

#: Documents read at a time when giving stories to stored documents that have none.
CATCH_UP_ROWS = 1024

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(bare)


def _require() -> Any:
    try:
        import datasketch
    except ImportError as exc:
        raise MissingExtra("dedup", "datasketch") from exc
    return datasketch


def available() -> bool:
    """Whether datasketch (the `veille[dedup]` extra) is installed."""
    try:
        _require()
    except MissingExtra:
        return False
    return True


def signature(text: str) -> bytes | None:
    """The MinHash signature of `text` (uint32 little-endian), or None when it is too short."""
    words = _words(text)
    if len(words) < MIN_WORDS:
        return None
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    minhash = _require().MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(sorted(shingles))
    return bytes(minhash.hashvalues.astype("<u4").tobytes())


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal hash values."""
    import numpy as np

    a = np.frombuffer(first, dtype="<u4")
    b = np.frombuffer(second, dtype="<u4")
    return float(np.count_nonzero(a == b)) / len(a)


def _order_key(published: str | None, fetched_at: str | None, doc_id: str) -> tuple[str, str, str]:
    # "~" sorts after every digit: a document without a date is never the earliest if one has a date
    return (published or "~", fetched_at or "~", doc_id)


@dataclass(slots=True)
class StoryReport:
    documents: int = 0  # documents given a story
    joined: int = 0  # of which joined an earlier story
    merged: int = 0  # stories that became one because an article bridged them


class StoryIndex:
    """The stories of a store and the LSH index of their signatures; writes `story_members`."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        datasketch = _require()
        self._con = con
        self._lean = datasketch.LeanMinHash
        self._lsh = datasketch.MinHashLSH(threshold=STORY_THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, bytes] = {}
        self._story: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._key: dict[str, tuple[str, str, str]] = {}
        self._load()

    def _minhash(self, sig: bytes) -> Any:
        import numpy as np

        return self._lean(seed=SEED, hashvalues=np.frombuffer(sig, dtype="<u4"), scheme=SCHEME)

    def _load(self) -> None:
        rows = self._con.execute(
            """SELECT m.doc_id, m.story_id, m.signature, d.published, d.fetched_at
               FROM story_members m JOIN documents d ON d.id = m.doc_id ORDER BY m.doc_id"""
        ).fetchall()
        for doc_id, story_id, sig, published, fetched_at in rows:
            self._story[doc_id] = story_id
            self._members.setdefault(story_id, []).append(doc_id)
            self._key[doc_id] = _order_key(published, fetched_at, doc_id)
            if sig is not None:
                self._signatures[doc_id] = bytes(sig)
                self._lsh.insert(doc_id, self._minhash(bytes(sig)))
        LOGGER.info("story index: %d documents, %d stories", len(self._story), len(self._members))

    def catch_up(self) -> StoryReport:
        """Give a story to every stored document without one (a merge killed half-way, `ingest`)."""
        cursor = self._con.execute(
            """SELECT id, text FROM documents WHERE id NOT IN (SELECT doc_id FROM story_members)
               ORDER BY ingested_at, id"""
        )
        items: list[tuple[str, bytes | None]] = []
        while batch := cursor.fetchmany(CATCH_UP_ROWS):
            items.extend((str(doc_id), signature(str(text))) for doc_id, text in batch)
        return self.add(items)

    def _matches(self, sig: bytes) -> list[str]:
        candidates = sorted(self._lsh.query(self._minhash(sig)))
        return [other for other in candidates if similarity(sig, self._signatures[other]) >= STORY_THRESHOLD]

    def add(self, items: Sequence[tuple[str, bytes | None]]) -> StoryReport:
        """Assign stories to stored documents (in this order) and write them in one transaction."""
        report = StoryReport()
        items = [(doc_id, sig) for doc_id, sig in items if doc_id not in self._story]
        if not items:
            return report
        keys = self._document_keys([doc_id for doc_id, _ in items])
        changed: dict[str, str] = {}
        for doc_id, sig in items:
            self._key[doc_id] = keys[doc_id]
            stories = sorted({self._story[other] for other in self._matches(sig)}) if sig else []
            members = [doc_id]
            for story_id in stories:
                members.extend(self._members.pop(story_id))
            story_id = min(members, key=self._key.__getitem__)
            self._members[story_id] = members
            for member in members:
                if self._story.get(member) != story_id:
                    self._story[member] = story_id
                    changed[member] = story_id
            if sig is not None:
                self._signatures[doc_id] = sig
                self._lsh.insert(doc_id, self._minhash(sig))
            report.documents += 1
            report.joined += bool(stories)
            report.merged += max(0, len(stories) - 1)
        fresh = {doc_id: sig for doc_id, sig in items}
        self._write(fresh, changed)
        return report

    def _document_keys(self, ids: Iterable[str]) -> dict[str, tuple[str, str, str]]:
        wanted = list(ids)
        rows = self._con.execute(
            "SELECT id, published, fetched_at FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))",
            [wanted],
        ).fetchall()
        keys = {doc_id: _order_key(published, fetched_at, doc_id) for doc_id, published, fetched_at in rows}
        missing = [doc_id for doc_id in wanted if doc_id not in keys]
        if missing:
            raise KeyError(f"documents not in the store: {missing[:3]}")
        return keys

    def _write(self, fresh: dict[str, bytes | None], changed: dict[str, str]) -> None:
        new_ids = list(fresh)
        moved = [(doc_id, story_id) for doc_id, story_id in changed.items() if doc_id not in fresh]
        self._con.begin()
        try:
            self._con.execute(
                """INSERT INTO story_members (doc_id, story_id, signature)
                   SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::BLOB[])""",
                [new_ids, [changed[doc_id] for doc_id in new_ids], [fresh[doc_id] for doc_id in new_ids]],
            )
            if moved:
                self._con.execute(
                    """UPDATE story_members SET story_id = s.story_id
                       FROM (SELECT unnest($1::VARCHAR[]) AS doc_id, unnest($2::VARCHAR[]) AS story_id) s
                       WHERE story_members.doc_id = s.doc_id""",
                    [[doc_id for doc_id, _ in moved], [story_id for _, story_id in moved]],
                )
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise


def assign_stories(con: duckdb.DuckDBPyConnection) -> StoryReport:
    """Give a story to every stored document without one; nothing when datasketch is missing.

    For `api.ingest` after its writes: stories then match those of `veille run` + merge (the
    grouping does not depend on the order documents come in).
    """
    if not available():
        LOGGER.warning("near-duplicate detection skipped: pip install 'veille[dedup]'")
        return StoryReport()
    return StoryIndex(con).catch_up()
