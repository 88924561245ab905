"""Quality floors: minimum scores a result must reach (the eval gate, `eval/floors.json`).

A floors file is a JSON object from score name to minimum, e.g.
`{"body_keep": 0.99, "entities.f1": 0.6, "relations.role.recall": 0.5}`; keys starting with `_`
are comments. Score names are those of `flat_scores`: the top-level shares (`body_keep`,
`body_drop`, `title`, `date`, `language`, `identity`), `<kind>.<precision|recall|f1>` and
`<kind>.<TYPE>.<precision|recall|f1>` for entities, relations and facts, and
`relations.attributes.<title|status|buyer>`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from veille.errors import EvalError

_PRF = ("precision", "recall", "f1")
_SHARES = ("body_keep", "body_drop", "title", "date", "language")


def flat_scores(result: Mapping[str, Any]) -> dict[str, float | None]:
    """Every overall score of a result under one dotted name."""
    scores = result["scores"]
    flat: dict[str, float | None] = {name: scores.get(name) for name in _SHARES}
    flat["identity"] = scores.get("identity", {}).get("score")
    for kind in ("entities", "relations", "facts"):
        block = scores.get(kind, {})
        for metric in _PRF:
            flat[f"{kind}.{metric}"] = block.get(metric)
        for type_name, counts in block.get("by_type", {}).items():
            for metric in _PRF:
                flat[f"{kind}.{type_name}.{metric}"] = counts.get(metric)
    for name, share in scores.get("relations", {}).get("attributes", {}).items():
        flat[f"relations.attributes.{name}"] = share.get("score")
    return flat


def check_floors(result: Mapping[str, Any], floors: Mapping[str, Any]) -> list[str]:
    """One readable line per floor not reached (an unknown or unscored name fails too)."""
    flat = flat_scores(result)
    failures: list[str] = []
    for name, floor in sorted(floors.items()):
        if name.startswith("_"):
            continue
        if name not in flat:
            failures.append(f"{name}: no such score (floor {floor})")
            continue
        value = flat[name]
        if value is None:
            failures.append(f"{name}: nothing to score (floor {floor})")
        elif value < float(floor):
            failures.append(f"{name}: {value:.4f} < floor {float(floor):.4f}")
    return failures


def load_floors(path: str | Path) -> dict[str, Any]:
    """Read a floors file; `EvalError` when it is missing or not a JSON object of numbers."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"floors file {path} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise EvalError(f"floors file {path} is not a JSON object")
    bad = [k for k, v in data.items() if not k.startswith("_") and not isinstance(v, int | float)]
    if bad:
        raise EvalError(f"floors file {path}: non-numeric floors for {bad}")
    return data
