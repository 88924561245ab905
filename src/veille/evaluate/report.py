"""A result (see `runner.py`) as readable tables, for `veille eval` and `eval/gate.py`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_NAME_WIDTH = 30
_DOC_WIDTH = 28


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _share_rows(scores: Mapping[str, Any]) -> list[str]:
    rows = [f"{'score':<{_NAME_WIDTH}} {'value':>7} {'hits':>11}"]
    shares = dict(scores["shares"])
    shares["identity"] = scores["identity"]
    for name, share in shares.items():
        count = f"{share['hits']}/{share['total']}"
        rows.append(f"{name.replace('_', ' '):<{_NAME_WIDTH}} {_num(share['score']):>7} {count:>11}")
    return rows


def _prf_row(name: str, block: Mapping[str, Any]) -> str:
    system = f"{block['system_matched']}/{block['system']}"
    gold = f"{block['gold_matched']}/{block['gold']}"
    return (
        f"{name:<{_NAME_WIDTH}} {_num(block['precision']):>7} {_num(block['recall']):>7} "
        f"{_num(block['f1']):>7} {system:>11} {gold:>11}"
    )


def _prf_rows(scores: Mapping[str, Any]) -> list[str]:
    rows = [f"{'':<{_NAME_WIDTH}} {'P':>7} {'R':>7} {'F1':>7} {'sys ok':>11} {'gold found':>11}"]
    for kind in ("entities", "relations", "facts"):
        block = scores[kind]
        rows.append(_prf_row(kind, block))
        for type_name, counts in block["by_type"].items():
            rows.append(_prf_row(f"  {type_name}", counts))
        if kind == "relations":
            rows.append(f"  (optional relations found, not scored: {block['optional_found']})")
            for name, share in block["attributes"].items():
                count = f"{share['hits']}/{share['total']}"
                rows.append(f"  attribute {name:<{_NAME_WIDTH - 12}} {_num(share['score']):>7} {count:>11}")
    return rows


def _document_rows(documents: list[Mapping[str, Any]]) -> list[str]:
    columns = ("keep", "drop", "title", "date", "lang", "ent F1", "rel F1", "fact F1")
    rows = [f"{'document':<{_DOC_WIDTH}} " + " ".join(f"{c:>7}" for c in columns)]
    for doc in documents:
        values = (
            doc["body_keep"],
            doc["body_drop"],
            doc["title"],
            doc["date"],
            doc["language"],
            doc["entities"]["f1"],
            doc["relations"]["f1"],
            doc["facts"]["f1"],
        )
        name = doc["doc"][:_DOC_WIDTH]
        line = f"{name:<{_DOC_WIDTH}} " + " ".join(f"{_num(v):>7}" for v in values)
        rows.append(line + (f"  REJECTED {doc['rejected']}" if doc["rejected"] else ""))
    return rows


def _miss_rows(documents: list[Mapping[str, Any]], identity: Mapping[str, Any]) -> list[str]:
    rows: list[str] = []
    for doc in documents:
        found: list[str] = []
        for name, pair in doc["metadata"].items():
            if doc[name] == 0:
                found.append(f"  {name}: gold {pair['gold']!r}, system {pair['system']!r}")
        for heading, lists in (("miss", doc["misses"]), ("false alarm", doc["false_alarms"])):
            for kind, items in lists.items():
                found.extend(f"  {heading} {kind}: {item}" for item in items)
        if found:
            rows.extend([f"== {doc['doc']}", *found])
    broken = [item for item in identity["entities"] if not item["consistent"]]
    if broken:
        rows.append("== cross-article identity")
    for item in broken:
        missing = f", not found in {item['missing_in']}" if item["missing_in"] else ""
        rows.append(f"  {item['type']} {item['name']}: ids {item['ids']}{missing}")
    return rows


def format_report(result: Mapping[str, Any], *, misses: bool = False) -> str:
    """Every score as a table, one line per document, and (with `misses`) what went wrong."""
    scores = result["scores"]
    header = f"veille eval: {result['documents']} documents, {len(result['rejected'])} rejected"
    if result.get("gold"):
        header += f"  (gold: {result['gold']})"
    if result.get("seconds") is not None:
        header += f"  {result['seconds']} s"
    lines = [header, "", *_share_rows(scores), "", *_prf_rows(scores), ""]
    lines.extend(_document_rows(result["per_document"]))
    if misses:
        lines.extend(["", *_miss_rows(result["per_document"], scores["identity"])])
    return "\n".join(lines)
