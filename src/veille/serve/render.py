"""Templates and the helpers they use: escaping always on, links built here, numbers made readable."""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

import jinja2

from veille.serve.security import safe_url

#: Section titles of the entity profile (keys of `explore.SECTIONS`).
SECTION_TITLES: dict[str, str] = {
    "people": "People",
    "roles": "Roles",
    "partners": "Partners",
    "competitors": "Competitors",
    "mergers": "Mergers",
    "acquisitions": "Acquired",
    "acquired_by": "Acquired by",
    "divestments": "Sold",
    "sold_by": "Sold by",
    "subsidiaries": "Subsidiaries",
    "parents": "Parent companies",
    "stakes": "Stakes held",
    "shareholders": "Shareholders",
    "products": "Products and services",
    "makers": "Made by",
    "lawsuits_filed": "Lawsuits filed",
    "lawsuits_faced": "Lawsuits faced",
    "other": "Other relations",
}
_SCALES: tuple[tuple[float, str], ...] = ((1e9, "bn"), (1e6, "M"), (1e3, "k"))
_CURRENCY: dict[str, str] = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF"}
#: Attribute keys shown beside a relation, in this order.
SHOWN_ATTRIBUTES: tuple[str, ...] = ("title", "status", "percent", "amount", "currency", "buyer")


def entity_url(entity_id: str) -> str:
    return "/entity/" + quote(entity_id, safe=":@")


def doc_url(doc_id: str, ev: str | None = None) -> str:
    base = "/doc/" + quote(doc_id, safe="")
    return f"{base}?ev={quote(ev, safe='-')}#ev-{quote(ev, safe='-')}" if ev else base


def with_query(path: str, params: dict[str, Any], **changes: Any) -> str:
    """`path` with the query `params` updated by `changes` (None and empty values dropped)."""
    merged = {**params, **changes}
    pairs: list[tuple[str, Any]] = []
    for key, value in merged.items():
        values = value if isinstance(value, list) else [value]
        pairs.extend((key, v) for v in values if v is not None and v != "" and v != 0)
    return path + ("?" + urlencode(pairs) if pairs else "")


def number(value: Any, unit: str | None = None) -> str:
    """320000000, "EUR" -> "320 M€"; 15, "%" -> "15 %"; 12000, "km" -> "12 000 km"."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return "" if value is None else str(value)
    sign, magnitude = ("-" if value < 0 else ""), abs(float(value))
    symbol = _CURRENCY.get(unit or "")
    if symbol:
        for size, suffix in _SCALES:
            if magnitude >= size:
                return f"{sign}{_trim(magnitude / size)} {suffix}{symbol}"
        return f"{sign}{_trim(magnitude)} {symbol}"
    text = f"{magnitude:,.0f}".replace(",", "\u202f") if magnitude >= 1000 else _trim(magnitude)
    return f"{sign}{text} {unit}" if unit else f"{sign}{text}"


def _trim(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def attributes(attrs: Any) -> list[tuple[str, str]]:
    """The attributes worth showing beside a relation, as (key, text) pairs."""
    if not isinstance(attrs, dict):
        return []
    shown: list[tuple[str, str]] = []
    for key in SHOWN_ATTRIBUTES:
        value = attrs.get(key)
        if value in (None, ""):
            continue
        if key == "amount":
            shown.append((key, number(value, attrs.get("currency"))))
        elif key == "percent":
            shown.append((key, number(value, "%")))
        elif key != "currency" or "amount" not in attrs:
            shown.append((key, str(value)))
    return shown


def bars(
    points: list[dict[str, Any]], key: str, *, width: int = 600, height: int = 60
) -> list[dict[str, Any]]:
    """Bar geometry (x, y, w, h) for a small SVG chart of `points[i][key]`."""
    if not points:
        return []
    top = max(float(p[key]) for p in points) or 1.0
    step = width / len(points)
    return [
        {
            "x": round(i * step, 2),
            "w": round(max(step - 1, 1), 2),
            "h": round(height * float(p[key]) / top, 2),
            "y": round(height - height * float(p[key]) / top, 2),
            "point": p,
        }
        for i, p in enumerate(points)
    ]


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment: autoescape on for every template, undefined names are errors."""
    folder = resources.files("veille.serve").joinpath("templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        entity_url=entity_url,
        doc_url=doc_url,
        with_query=with_query,
        section_titles=SECTION_TITLES,
        bars=bars,
    )
    env.filters.update(safe_url=safe_url, number=number, attributes=attributes)
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
