"""Loading a gold file (format of `../shared/eval/GUIDELINES.md`) and finding its inputs.

Each entry's `path` is relative to the gold's shared root (`shared/` for
`shared/eval/dev/gold.json`). The root is not assumed: `resolve_input` tries the gold file's
folder, then each ancestor in turn, and takes the nearest one under which the path exists, so a
gold file can sit at any depth of a tree that holds its inputs.

The default gold is `<shared>/eval/dev/gold.json`, where `<shared>` is `$VEILLE_SHARED`, else the
`shared` folder beside the repository (`<repo>/../shared`), else `../shared` from the current
directory.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veille.errors import EvalError
from veille.evaluate.match import canonical_type, name_key, name_keys

LOGGER = logging.getLogger(__name__)

SHARED_ENV = "VEILLE_SHARED"
DEV_GOLD = Path("eval") / "dev" / "gold.json"
#: src/veille/evaluate/gold.py -> the repository root is three folders above `veille/`.
_REPO_ROOT = Path(__file__).resolve().parents[3]

_REQUIRED_KEYS = ("doc", "path", "title", "published", "body_must_contain", "body_must_not_contain")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A gold entity: its names (name + aliases) as keys and the types it may be given."""

    name: str
    type: str
    keys: frozenset[str]
    types: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoldRelation:
    type: str
    subject: str
    object: str
    subject_keys: frozenset[str]
    object_keys: frozenset[str]
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GoldFact:
    type: str
    subject: str | None
    subject_keys: frozenset[str]
    value: float
    unit: str
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class GoldEntry:
    """One annotated article."""

    doc: str
    path: str
    language: str | None
    title: str | None
    published: str | None
    body_must_contain: tuple[str, ...]
    body_must_not_contain: tuple[str, ...]
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    optional_relations: tuple[GoldRelation, ...]
    facts: tuple[GoldFact, ...]

    def keys_of(self, name: str | None) -> frozenset[str]:
        """All names of the gold entity called `name` (by name or alias), else `name` alone."""
        return entity_keys(self.entities, name)


def entity_keys(entities: tuple[GoldEntity, ...], name: str | None) -> frozenset[str]:
    """The keys of the entity among `entities` named `name` (by name or alias).

    A name that no listed entity carries (a relation or fact argument the annotator did not
    list) stands for itself.
    """
    if not name:
        return frozenset()
    key = name_key(name)
    for entity in entities:
        if key in entity.keys:
            return entity.keys
    return frozenset({key})


#: Relation fields that are not attributes.
_RELATION_FIELDS = frozenset({"type", "subject", "object", "note"})


def default_shared() -> Path:
    """The shared folder: `$VEILLE_SHARED`, else `<repo>/../shared`, else `./../shared`."""
    env = os.environ.get(SHARED_ENV)
    if env:
        return Path(env)
    beside_repo = _REPO_ROOT.parent / "shared"
    if beside_repo.is_dir():
        return beside_repo
    return Path.cwd().parent / "shared"


def default_gold() -> Path:
    return default_shared() / DEV_GOLD


def resolve_input(gold_path: Path, relative: str) -> Path | None:
    """The nearest ancestor folder of the gold file under which `relative` exists, joined."""
    for folder in gold_path.resolve().parents:
        candidate = folder / relative
        if candidate.exists():
            return candidate
    return None


def _entity(raw: dict[str, Any]) -> GoldEntity:
    names = [raw["name"], *raw.get("aliases", [])]
    types = {canonical_type(raw["type"])} | {canonical_type(t) for t in raw.get("also", [])}
    return GoldEntity(raw["name"], raw["type"], name_keys(names), frozenset(types))


def _relation(raw: dict[str, Any], entities: tuple[GoldEntity, ...]) -> GoldRelation:
    attributes = {k: v for k, v in raw.items() if k not in _RELATION_FIELDS}
    return GoldRelation(
        raw["type"],
        raw["subject"],
        raw["object"],
        entity_keys(entities, raw["subject"]),
        entity_keys(entities, raw["object"]),
        attributes,
    )


def _fact(raw: dict[str, Any], entities: tuple[GoldEntity, ...]) -> GoldFact:
    subject = raw.get("subject")
    return GoldFact(
        raw["type"],
        subject,
        entity_keys(entities, subject),
        float(raw["value"]),
        str(raw["unit"]),
        dict(raw),
    )


def parse_entry(raw: dict[str, Any]) -> GoldEntry:
    """One gold object -> a `GoldEntry`; raises `EvalError` naming what is missing or wrong."""
    missing = [key for key in _REQUIRED_KEYS if key not in raw]
    if missing:
        raise EvalError(f"gold entry {raw.get('doc', '?')!r} lacks {missing}")
    try:
        entities = tuple(_entity(e) for e in raw.get("entities", []))
        return GoldEntry(
            doc=raw["doc"],
            path=raw["path"],
            language=raw.get("language"),
            title=raw["title"],
            published=raw["published"],
            body_must_contain=tuple(raw["body_must_contain"]),
            body_must_not_contain=tuple(raw["body_must_not_contain"]),
            entities=entities,
            relations=tuple(_relation(r, entities) for r in raw.get("relations", [])),
            optional_relations=tuple(_relation(r, entities) for r in raw.get("optional_relations", [])),
            facts=tuple(_fact(f, entities) for f in raw.get("facts", [])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise EvalError(f"gold entry {raw['doc']!r} is malformed: {exc!r}") from exc


def load_gold(path: str | Path | None = None) -> tuple[Path, list[GoldEntry]]:
    """Read a gold file (default: the shared dev gold); returns its resolved path and entries."""
    gold_path = Path(path) if path is not None else default_gold()
    try:
        data = json.loads(gold_path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise EvalError(f"gold file not found: {gold_path}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"gold file {gold_path} cannot be read: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise EvalError(f"gold file {gold_path} is not a JSON list of objects")
    entries = [parse_entry(item) for item in data]
    LOGGER.info("loaded %d gold entries from %s", len(entries), gold_path)
    return gold_path.resolve(), entries
