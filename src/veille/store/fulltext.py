"""The word index over articles and evidence sentences (tantivy), kept beside the DuckDB store.

Why tantivy and not DuckDB's `fts` extension: the installed DuckDB is 2.0.0 and there is no
network at run time, so the extension must come from PyPI; `duckdb-extension-fts` (1.5.5) and
`duckdb-ext-fts` (1.4.4) are built for older DuckDB versions and fail to initialise under 2.0.0
("Missing DB manager"), even with `allow_extensions_metadata_mismatch`. A hand-made BM25 token
table in DuckDB answered in 25-90 ms per query on 20,000 OrangeSum articles (one thread, no load)
against under 1 ms for tantivy, which also stems French, folds accents and does phrase queries.

Layout: `<store file>.search/` (a RAM index for an in-memory store). One tantivy document per
article (`kind` "doc", fields `title` and `body`) and one per distinct evidence span of its
relations and facts (`kind` "evidence", `key` "<doc id>:<start>:<end>"). A store only ever adds
whole documents with all their relations and facts, so the index is brought up to date by adding
the ids it lacks (`refresh`). Snippets (`snippets.py`) come back as plain text segments, never HTML.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from veille.errors import StoreError
from veille.store.snippets import snippet, stems_pattern

LOGGER = logging.getLogger(__name__)

#: Bump when the schema or the analyser changes: an index of another version is rebuilt.
INDEX_VERSION = 2
_VERSION_FILE = "veille-index.json"
ANALYZER = "veille_fold_fr"
#: Tokens longer than this are not indexed (URLs, base64 junk): tantivy's own default limit.
MAX_TOKEN_CHARS = 40
#: Writer memory: tantivy needs at least 15 MB per thread; 64 MB indexed 20,000 articles in one pass.
WRITER_HEAP = 64_000_000
#: Snippet length in characters (about two lines of a results list).
SNIPPET_CHARS = 220
#: Title matches weigh twice body matches: a title names the article's subject.
TITLE_BOOST = 2.0
#: Documents added per writer commit when catching up.
REFRESH_BATCH = 2000

_META_FIELDS: tuple[str, ...] = ("published", "site", "url")

KIND_DOC = "doc"
KIND_EVIDENCE = "evidence"


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("kind", stored=True, tokenizer_name="raw")
    builder.add_text_field("doc_id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name=ANALYZER)
    builder.add_text_field("body", stored=True, tokenizer_name=ANALYZER)
    for name in _META_FIELDS:  # shown with a hit, so a search needs no trip to the store
        builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _analyzer() -> Any:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("french"))
        .build()
    )


def index_path(db: str) -> Path | None:
    """Where the index of the store file `db` lives; None for an in-memory store."""
    return None if db == ":memory:" else Path(f"{db}.search")


@dataclass(slots=True)
class Hit:
    """One search hit: an article, or an evidence span of one."""

    kind: str
    doc_id: str
    score: float
    snippet: list[dict[str, Any]]
    start: int | None = None
    end: int | None = None
    document: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "doc_id": self.doc_id,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "start": self.start,
            "end": self.end,
            "document": self.document,
        }


class WordIndex:
    """Articles and evidence sentences, searchable by words, beside one store file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._schema = _schema()
        self._index = self._open(path)
        self._analyzer = _analyzer()
        self._index.register_tokenizer(ANALYZER, self._analyzer)

    def _open(self, path: Path | None) -> tantivy.Index:
        if path is None:
            return tantivy.Index(self._schema)
        version = path / _VERSION_FILE
        if path.is_dir() and not self._version_ok(version):
            LOGGER.warning("word index %s is of another version: rebuilding it", path)
            for child in path.iterdir():
                if child.is_file():
                    child.unlink()
        try:
            path.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(self._schema, path=str(path), reuse=True)
            version.write_text(json.dumps({"version": INDEX_VERSION}), encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise StoreError(f"cannot open the word index {path}: {exc}") from exc
        return index

    @staticmethod
    def _version_ok(version: Path) -> bool:
        try:
            return bool(json.loads(version.read_text(encoding="utf-8")).get("version") == INDEX_VERSION)
        except (OSError, ValueError):
            return False

    def indexed_ids(self) -> set[str]:
        """Ids of the articles the index holds (read from the term dictionary, no document fetched)."""
        self._index.reload()
        searcher = self._index.searcher()
        if searcher.num_docs == 0:
            return set()
        return {str(term) for term, _ in searcher.terms_with_prefix("doc_id", "")}

    def add(self, rows: Sequence[dict[str, Any]]) -> int:
        """Index documents given as rows of `explore.documents_for_index`; return how many."""
        if not rows:
            return 0
        writer = self._index.writer(WRITER_HEAP, 1)
        try:
            for row in rows:
                meta = {name: row.get(name) or "" for name in _META_FIELDS}
                writer.add_document(
                    tantivy.Document(
                        key=row["id"],
                        kind=KIND_DOC,
                        doc_id=row["id"],
                        title=row["title"] or "",
                        body=row["text"],
                        **meta,
                    )
                )
                for span in row["evidence"]:
                    key = f"{row['id']}:{span['start']}:{span['end']}"
                    writer.add_document(
                        tantivy.Document(
                            key=key, kind=KIND_EVIDENCE, doc_id=row["id"], title="", body=span["text"], **meta
                        )
                    )
            writer.commit()
            writer.wait_merging_threads()
        except ValueError as exc:
            raise StoreError(f"cannot write the word index {self.path}: {exc}") from exc
        self._index.reload()
        return len(rows)

    def search(
        self, text: str, *, kind: str | None = None, limit: int = 20, offset: int = 0
    ) -> tuple[int, list[Hit]]:
        """Hits for the words of `text` (tantivy's query language, parsed leniently), best first."""
        query, _errors = self._index.parse_query_lenient(
            text, ["title", "body"], field_boosts={"title": TITLE_BOOST}
        )
        if kind is not None:
            query = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, query),
                    (tantivy.Occur.Must, tantivy.Query.term_query(self._schema, "kind", kind)),
                ]
            )
        searcher = self._index.searcher()
        result = searcher.search(query, limit, count=True, offset=offset)
        pattern = stems_pattern(self._analyzer.analyze(text))
        hits = [self._hit(searcher.doc(address), float(score), pattern) for score, address in result.hits]
        count: int | None = getattr(result, "count", None)
        return int(count or 0), hits

    @staticmethod
    def _hit(doc: tantivy.Document, score: float, pattern: re.Pattern[str] | None) -> Hit:
        fields = doc.to_dict()

        def first(name: str) -> str | None:
            values = fields.get(name) or [None]
            return str(values[0]) if values[0] else None

        kind = str(first("kind"))
        hit = Hit(kind, str(first("doc_id")), score, snippet(first("body") or "", pattern, SNIPPET_CHARS))
        hit.document = {
            "id": hit.doc_id,
            "title": first("title") if kind == KIND_DOC else None,
            **{name: first(name) for name in _META_FIELDS},
        }
        if kind == KIND_EVIDENCE:
            _, start, end = str(first("key")).rsplit(":", 2)
            hit.start, hit.end = int(start), int(end)
        return hit
