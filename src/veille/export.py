"""Exports of the store: records as JSONL, flat tables as CSV or Parquet, the graph as GraphML.

- `jsonl`: one output record (`../shared/spec/OUTPUT.md`) a line, in id order;
- `csv`, `parquet`: one file per table (documents, entities, aliases, mentions, relations, facts)
  in a folder, written by DuckDB's COPY (Parquet reads in pandas, polars, pyarrow, DuckDB);
- `graphml`: entities as nodes, relations aggregated per (source, target, type) as edges with
  their counts and best confidence; symmetric types are undirected edges. Opens in Gephi.

The queries are in `veille.store.explore`; this module only writes files.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from veille.errors import InputError
from veille.store import Store
from veille.store import explore as ex

LOGGER = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "graphml")
#: Formats written as one file per table into a folder.
TABLE_FORMATS: tuple[str, ...] = ("csv", "parquet")
TABLES: tuple[str, ...] = tuple(ex.EXPORT_TABLES)

# Characters XML 1.0 forbids (control characters other than tab, newline, carriage return).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_NODE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("label", "label", "string"),
    ("type", "type", "string"),
    ("documents", "documents", "int"),
    ("mentions", "mentions", "int"),
)
_EDGE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("type", "type", "string"),
    ("weight", "documents", "double"),
    ("relations", "relations", "int"),
    ("confidence", "confidence", "double"),
)


@dataclass(slots=True)
class ExportReport:
    """What an export wrote: the format, and (path, rows) per file."""

    format: str
    files: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"format": self.format, "files": self.files}


def export(
    db: str | Path,
    fmt: str,
    out: str | Path | None = None,
    *,
    tables: Sequence[str] | None = None,
    min_confidence: float = 0.0,
) -> ExportReport:
    """Export the store `db` as `fmt` to `out` (a file, or a folder for csv/parquet; None: stdout)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    chosen = list(tables or TABLES)
    unknown = [t for t in chosen if t not in TABLES]
    if unknown:
        raise InputError(f"unknown table(s) {', '.join(unknown)}; choose among {', '.join(TABLES)}")
    report = ExportReport(fmt)
    with Store(db, read_only=True) as store:
        con = store.connection
        if fmt in TABLE_FORMATS:
            if out is None:
                raise InputError(f"--format {fmt} writes one file per table: give an output folder")
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            for table in chosen:
                path = folder / f"{table}.{fmt}"
                rows = ex.copy_table(con, table, str(path), fmt)
                report.files.append({"path": str(path), "table": table, "rows": rows})
            return report
        writer = write_jsonl if fmt == "jsonl" else write_graphml
        if out is None:
            rows = writer(con, sys.stdout, min_confidence=min_confidence)
            report.files.append({"path": "-", "rows": rows})
        else:
            with open(out, "w", encoding="utf-8", newline="\n") as stream:
                rows = writer(con, stream, min_confidence=min_confidence)
            report.files.append({"path": str(out), "rows": rows})
    return report


def write_jsonl(con: ex.Con, stream: IO[str], *, min_confidence: float = 0.0) -> int:
    """Every stored record, one JSON object a line; return how many."""
    count = 0
    for record in ex.iter_records(con):
        if min_confidence:
            record["relations"] = [
                r for r in record.get("relations", []) if r["confidence"] >= min_confidence
            ]
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _xml(value: Any) -> str:
    return escape(_XML_INVALID.sub("", str(value)))


def _data(key: str, value: Any) -> str:
    if value is None:
        return ""
    return f"<data key={quoteattr(key)}>{_xml(value)}</data>"


def write_graphml(con: ex.Con, stream: IO[str], *, min_confidence: float = 0.0) -> int:
    """The knowledge graph as GraphML; return the number of edges."""
    graph = ex.graph_export(con, min_confidence=min_confidence)
    nodes = {node["id"]: node for node in graph["nodes"]}
    for edge in graph["edges"]:  # an edge may name an id no entity row describes
        for end in (edge["source"], edge["target"]):
            nodes.setdefault(end, {"id": end, "name": end, "type": "MISC", "documents": 0, "mentions": 0})
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for key, name, kind in _NODE_KEYS:
        stream.write(f'  <key id="n_{key}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
    for key, _, kind in _EDGE_KEYS:
        stream.write(f'  <key id="e_{key}" for="edge" attr.name="{key}" attr.type="{kind}"/>\n')
    stream.write('  <graph id="veille" edgedefault="directed">\n')
    for node in nodes.values():
        stream.write(
            f"    <node id={quoteattr(_XML_INVALID.sub('', node['id']))}>"
            + _data("n_label", node["name"])
            + _data("n_type", node["type"])
            + _data("n_documents", node["documents"])
            + _data("n_mentions", node["mentions"])
            + "</node>\n"
        )
    for index, edge in enumerate(graph["edges"]):
        directed = "false" if edge["symmetric"] else "true"
        stream.write(
            f'    <edge id="e{index}" source={quoteattr(_XML_INVALID.sub("", edge["source"]))} '
            f'target={quoteattr(_XML_INVALID.sub("", edge["target"]))} directed="{directed}">'
            + _data("e_type", edge["type"])
            + _data("e_weight", float(edge["documents"]))
            + _data("e_relations", edge["relations"])
            + _data("e_confidence", round(float(edge["confidence"]), 4))
            + "</edge>\n"
        )
    stream.write("  </graph>\n</graphml>\n")
    return len(graph["edges"])
