"""The data model: one `Doc` owns the text; every annotation is an offset span into it.

Readers create a `Doc` from raw bytes (or a `Reject` when the bytes cannot be read at all),
stages fill in its fields, and `record.py` turns it into the output record of
`../shared/spec/OUTPUT.md`. Mentions and evidence are `Span`s over `doc.text`, never copies.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal["ORG", "PER", "LOC", "PRODUCT", "MISC"]
ENTITY_TYPES: tuple[EntityType, ...] = ("ORG", "PER", "LOC", "PRODUCT", "MISC")

#: What the reader knows of the payload's format.
MediaType = Literal["html", "text"]
Qualifier = Literal["=", "<", ">", "~"]


def doc_id(raw: bytes) -> str:
    """The document id: sha256 hex of the raw input bytes."""
    return hashlib.sha256(raw).hexdigest()


@dataclass(slots=True, frozen=True)
class Span:
    """A character range `[start, end)` over `doc.text`."""

    start: int
    end: int

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Source:
    """Where a document came from: input path, page URL, site (host or site name)."""

    path: str | None = None
    url: str | None = None
    site: str | None = None


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in `doc.text`, with the label its detector gave it."""

    span: Span
    label: EntityType
    source: str = "model"  # which detector found it: "model", "gazetteer", "pattern", ...
    entity_id: str | None = None  # set by linking


@dataclass(slots=True)
class Entity:
    """A canonical entity as seen in one document: id stable across documents."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Relation:
    """A typed relation between two entity ids, with the sentence that supports it."""

    type: str
    subject: str
    object: str
    evidence: Span
    confidence: float
    attributes: dict[str, Any] = field(default_factory=dict)
    more_evidence: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Fact:
    """A number said about an entity, normalised to base units, with its evidence."""

    type: str
    subject: str | None
    value: float
    unit: str
    evidence: Span
    confidence: float
    qualifier: Qualifier = "="
    period: str | None = None
    scope: str | None = None
    is_target: bool = False


@dataclass(slots=True)
class Doc:
    """One input document as it moves through the stages.

    `raw` holds the page's own bytes (after gzip inflation, WARC and HTTP unwrapping); `id` is their
    sha256, so the same page as a file, gzipped, in a JSONL line or in a WARC record has one id.
    `markup` is the decoded payload: HTML for `media_type == "html"`, the scraped text otherwise.
    `text` is the clean main text that every span points into.
    """

    id: str
    raw: bytes
    media_type: MediaType
    source: Source = field(default_factory=Source)
    markup: str = ""
    encoding: str | None = None
    fetched_at: str | None = None
    text: str = ""
    title: str | None = None
    published: str | None = None
    language: str | None = None
    category: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Scratch space a stage may hand to a later one (e.g. a parsed tree); never serialised.
    scratch: dict[str, Any] = field(default_factory=dict)
    #: Position of the input in the run (for ordering output as the inputs were given).
    position: int = 0

    def warn(self, code: str) -> None:
        """Record a problem that does not stop the document (once per code)."""
        if code not in self.warnings:
            self.warnings.append(code)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]


@dataclass(slots=True)
class Reject:
    """An input that could not be read at all: not a record, but never silently lost."""

    path: str | None
    reason: str
    detail: str = ""
    id: str | None = None
    url: str | None = None
    position: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "url": self.url,
            "id": self.id,
            "reason": self.reason,
            "detail": self.detail,
        }
