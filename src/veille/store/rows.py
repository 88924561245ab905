"""(Doc, Record) batches -> the rows of each store table, as plain tuples.

Pure functions, no database: `store.py` writes what these return. Documents come from the `Doc`
(source, media type, encoding) and its record (the JSON kept whole); entities, aliases, mentions,
relations and facts come from the record, so the tables always agree with the stored JSON.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from veille.doc import Doc
from veille.record import Record

Row = tuple[Any, ...]

_NON_WORD = re.compile(r"[\W_]+")


def alias_norm(alias: str) -> str:
    """The lookup key of an alias: case-folded, accents stripped, punctuation runs -> one space.

    "Société Générale", "SOCIETE GENERALE" and "société-générale" share the key "societe generale".
    """
    decomposed = unicodedata.normalize("NFKD", alias.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare).strip()


def _span_cols(span: dict[str, Any]) -> tuple[int, int, str]:
    return int(span["start"]), int(span["end"]), str(span["text"])


def document_row(doc: Doc, record: Record, now: datetime) -> Row:
    """One `documents` row, in `DOCUMENT_COLUMNS` order."""
    return (
        doc.id,
        doc.source.path,
        doc.source.url,
        doc.source.site,
        record.get("language"),
        record.get("title"),
        record.get("published"),
        record.get("category"),
        record["text"],
        list(record.get("warnings", [])),
        json.dumps(record, ensure_ascii=False),
        doc.media_type,
        doc.encoding,
        doc.fetched_at,
        now,
        len(record["text"]),
    )


DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("path", "VARCHAR"),
    ("url", "VARCHAR"),
    ("site", "VARCHAR"),
    ("language", "VARCHAR"),
    ("title", "VARCHAR"),
    ("published", "VARCHAR"),
    ("category", "VARCHAR"),
    ("text", "VARCHAR"),
    ("warnings", "VARCHAR[]"),
    ("record", "VARCHAR"),  # cast to JSON by the column type
    ("media_type", "VARCHAR"),
    ("encoding", "VARCHAR"),
    ("fetched_at", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"),
    ("n_chars", "BIGINT"),
)
ENTITY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("name", "VARCHAR"),
    ("type", "VARCHAR"),
    ("first_seen", "TIMESTAMP"),
    ("last_seen", "TIMESTAMP"),
)
ALIAS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("alias", "VARCHAR"),
    ("norm", "VARCHAR"),
    ("entity_id", "VARCHAR"),
)
MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "VARCHAR"),
    ("entity_id", "VARCHAR"),
    ("start", "BIGINT"),
    ('"end"', "BIGINT"),
    ("text", "VARCHAR"),
    ("label", "VARCHAR"),
)
RELATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "VARCHAR"),
    ("type", "VARCHAR"),
    ("subject", "VARCHAR"),
    ("object", "VARCHAR"),
    ("attributes", "VARCHAR"),  # cast to JSON by the column type
    ("evidence_start", "BIGINT"),
    ("evidence_end", "BIGINT"),
    ("evidence_text", "VARCHAR"),
    ("confidence", "DOUBLE"),
)
FACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("doc_id", "VARCHAR"),
    ("type", "VARCHAR"),
    ("subject", "VARCHAR"),
    ("value", "DOUBLE"),
    ("unit", "VARCHAR"),
    ("qualifier", "VARCHAR"),
    ("period", "VARCHAR"),
    ("scope", "VARCHAR"),
    ("is_target", "BOOLEAN"),
    ("evidence_start", "BIGINT"),
    ("evidence_end", "BIGINT"),
    ("evidence_text", "VARCHAR"),
    ("confidence", "DOUBLE"),
)


@dataclass(slots=True)
class AnnotationRows:
    """The knowledge rows of a batch of records, entities and aliases de-duplicated."""

    entities: dict[str, Row] = field(default_factory=dict)
    aliases: dict[tuple[str, str], Row] = field(default_factory=dict)
    mentions: list[Row] = field(default_factory=list)
    relations: list[Row] = field(default_factory=list)
    facts: list[Row] = field(default_factory=list)


def annotation_rows(records: Iterable[Record], now: datetime) -> AnnotationRows:
    """Entities, aliases, mentions, relations and facts of `records`, in column order.

    A mention's `label` is its entity's type (the record keeps mentions under their entity).
    Every entity's name is also stored as one of its aliases.
    """
    rows = AnnotationRows()
    for record in records:
        doc_id = record["id"]
        for entity in record.get("entities", []):
            entity_id = entity["id"]
            rows.entities.setdefault(entity_id, (entity_id, entity["name"], entity["type"], now, now))
            for alias in [entity["name"], *entity.get("aliases", [])]:
                norm = alias_norm(alias)
                if norm:
                    rows.aliases.setdefault((norm, entity_id), (alias, norm, entity_id))
            for mention in entity.get("mentions", []):
                rows.mentions.append((doc_id, entity_id, *_span_cols(mention), entity["type"]))
        for relation in record.get("relations", []):
            rows.relations.append(
                (
                    doc_id,
                    relation["type"],
                    relation["subject"],
                    relation["object"],
                    json.dumps(relation.get("attributes", {}), ensure_ascii=False),
                    *_span_cols(relation["evidence"]),
                    float(relation["confidence"]),
                )
            )
        for fact in record.get("facts", []):
            rows.facts.append(
                (
                    doc_id,
                    fact["type"],
                    fact.get("subject"),
                    float(fact["value"]),
                    fact["unit"],
                    fact.get("qualifier", "="),
                    fact.get("period"),
                    fact.get("scope"),
                    bool(fact.get("is_target", False)),
                    *_span_cols(fact["evidence"]),
                    float(fact["confidence"]),
                )
            )
    return rows
