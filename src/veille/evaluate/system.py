"""The system side: an output record (OUTPUT.md) read into what the scorer compares.

Relations and facts name entities by id; the scorer needs their names, so every id is mapped
to the keys (`match.name_key`) of the name and aliases of the record's entities carrying it. An
id that no entity of the record carries keeps no names and can match nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from veille.evaluate.match import canonical_type, name_keys
from veille.record import Record


@dataclass(frozen=True, slots=True)
class SystemEntity:
    id: str
    name: str
    type: str  # as the record gives it
    keys: frozenset[str]

    @property
    def match_type(self) -> str:
        return canonical_type(self.type)


@dataclass(slots=True)
class SystemView:
    """A record's text, metadata, entities (with id -> names) relations and facts."""

    text: str
    title: str | None
    published: str | None
    language: str | None
    entities: list[SystemEntity]
    keys_by_id: dict[str, frozenset[str]]
    names_by_id: dict[str, str]
    relations: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)

    def keys_of(self, entity_id: Any) -> frozenset[str]:
        """Names (as keys) of the entity with this id; none for an unknown or empty id."""
        if not isinstance(entity_id, str):
            return frozenset()
        return self.keys_by_id.get(entity_id, frozenset())

    def label(self, entity_id: Any) -> str:
        """A readable name for an id (the entity's name, else the id itself)."""
        if entity_id is None:
            return "-"
        return self.names_by_id.get(str(entity_id), str(entity_id))


def empty_view() -> SystemView:
    """What a rejected document contributes: nothing."""
    return SystemView("", None, None, None, [], {}, {})


def view_record(record: Record) -> SystemView:
    """Read a record (OUTPUT.md shape) into a `SystemView`; missing lists read as empty."""
    entities: list[SystemEntity] = []
    keys_by_id: dict[str, frozenset[str]] = {}
    names_by_id: dict[str, str] = {}
    for raw in record.get("entities") or []:
        name = str(raw.get("name") or "")
        entity_id = str(raw.get("id") or name)
        keys = name_keys([name, *(raw.get("aliases") or [])])
        entities.append(SystemEntity(entity_id, name, str(raw.get("type") or ""), keys))
        keys_by_id[entity_id] = keys_by_id.get(entity_id, frozenset()) | keys
        names_by_id.setdefault(entity_id, name)
    return SystemView(
        text=str(record.get("text") or ""),
        title=record.get("title"),
        published=record.get("published"),
        language=record.get("language"),
        entities=entities,
        keys_by_id=keys_by_id,
        names_by_id=names_by_id,
        relations=list(record.get("relations") or []),
        facts=list(record.get("facts") or []),
    )
