"""Relations of one document against its gold, and their attributes.

A pure function of (`GoldEntry`, `SystemView`). GUIDELINES, Scoring:

- a system relation matches a gold relation when the types agree (`subsidiary` and `product`
  being one family, see `match.relation_frame`) and subject and object match: the system
  entity carrying the id shares a name with the gold argument (argument types are not checked:
  typing is scored with the entities). Symmetric types match in either order;
- a system relation matching a required gold relation is correct; one matching only an
  `optional_relations` entry is neutral (left out of precision); one matching neither is a
  false alarm. Recall is over the required relations only;
- attributes are scored apart, over required gold relations that are found and carry the
  attribute: `title` compares like names (case, accents, punctuation ignored), `status`
  case-insensitively, `buyer` by the names of the entity the system's id points to. It is
  right when any of the matching system relations has it right.

Per-type counts put a gold relation under its type and a system relation under its own type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from veille.evaluate.counts import Matching, Share
from veille.evaluate.gold import GoldEntry, GoldRelation
from veille.evaluate.match import is_symmetric, name_key, name_keys, relation_frame, status_key
from veille.evaluate.system import SystemView

#: The relation attributes the guidelines score.
SCORED_ATTRIBUTES: tuple[str, ...] = ("title", "status", "buyer")


@dataclass(slots=True)
class RelationMatching(Matching):
    """Relation counts plus the neutral (optional) hits and the attribute scores."""

    optional_found: int = 0
    attributes: dict[str, Share] = field(default_factory=dict)
    attribute_misses: list[str] = field(default_factory=list)


def relation_matches(system: dict[str, Any], gold: GoldRelation, view: SystemView) -> bool:
    """Same family and both arguments matching by name (either order when symmetric)."""
    sys_family, sys_a, sys_b = relation_frame(
        str(system.get("type")), view.keys_of(system.get("subject")), view.keys_of(system.get("object"))
    )
    gold_family, gold_a, gold_b = relation_frame(gold.type, gold.subject_keys, gold.object_keys)
    if sys_family != gold_family:
        return False
    if sys_a & gold_a and sys_b & gold_b:
        return True
    return is_symmetric(gold.type) and bool(sys_a & gold_b and sys_b & gold_a)


def _system_label(system: dict[str, Any], view: SystemView) -> str:
    subject, obj = view.label(system.get("subject")), view.label(system.get("object"))
    return f"{system.get('type')}({subject} -> {obj})"


def _gold_label(gold: GoldRelation) -> str:
    return f"{gold.type}({gold.subject} -> {gold.object})"


def _attribute_right(
    name: str, gold_value: Any, system_value: Any, entry: GoldEntry, view: SystemView
) -> bool:
    if system_value is None:
        return False
    if name == "buyer":
        system_keys = view.keys_of(system_value) or name_keys([str(system_value)])
        return bool(system_keys & entry.keys_of(str(gold_value)))
    if name == "status":
        return status_key(str(system_value)) == status_key(str(gold_value))
    return name_key(str(system_value)) == name_key(str(gold_value))


def _score_attributes(
    gold: GoldRelation,
    matches: list[dict[str, Any]],
    entry: GoldEntry,
    view: SystemView,
    result: RelationMatching,
) -> None:
    for name in SCORED_ATTRIBUTES:
        if name not in gold.attributes:
            continue
        gold_value = gold.attributes[name]
        values = [(m.get("attributes") or {}).get(name) for m in matches]
        right = any(_attribute_right(name, gold_value, v, entry, view) for v in values)
        result.attributes.setdefault(name, Share()).count(right)
        if not right:
            shown = [view.label(v) if name == "buyer" else v for v in values]
            result.attribute_misses.append(f"{_gold_label(gold)} {name}: gold {gold_value!r}, system {shown}")


def score_relations(entry: GoldEntry, view: SystemView) -> RelationMatching:
    result = RelationMatching()
    matches: dict[int, list[dict[str, Any]]] = {}
    for system in view.relations:
        required = [i for i, gold in enumerate(entry.relations) if relation_matches(system, gold, view)]
        for index in required:
            matches.setdefault(index, []).append(system)
        if required:
            result.system_item(str(system.get("type")), True)
        elif any(relation_matches(system, gold, view) for gold in entry.optional_relations):
            result.optional_found += 1
        else:
            result.system_item(str(system.get("type")), False)
            result.false_alarms.append(_system_label(system, view))
    for index, gold in enumerate(entry.relations):
        found = matches.get(index, [])
        result.gold_item(gold.type, bool(found))
        if found:
            _score_attributes(gold, found, entry, view, result)
        else:
            result.misses.append(_gold_label(gold))
    return result
