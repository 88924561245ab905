"""Exports: JSONL records, CSV and Parquet tables (read back with pandas, polars, pyarrow), GraphML."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desk_data import HOSTILE_ENTITY, build_store
from veille.doc import Doc
from veille.errors import InputError
from veille.export import TABLES, export
from veille.record import validate

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Doc]]:
    path = tmp_path_factory.mktemp("export") / "s.duckdb"
    return path, build_store(path)


def test_jsonl_is_one_valid_record_a_line(store: tuple[Path, list[Doc]], tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    report = export(store[0], "jsonl", out)
    assert report.files == [{"path": str(out), "rows": 4}]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == sorted(d.id for d in store[1])
    for record in records:
        assert validate(record) == []


def test_jsonl_min_confidence_drops_weak_relations(store: tuple[Path, list[Doc]], tmp_path: Path) -> None:
    out = tmp_path / "strong.jsonl"
    export(store[0], "jsonl", out, min_confidence=0.8)
    relations = [r for line in out.read_text().splitlines() for r in json.loads(line)["relations"]]
    assert len(relations) == 3 and all(r["confidence"] >= 0.8 for r in relations)


def test_csv_one_file_per_table(store: tuple[Path, list[Doc]], tmp_path: Path) -> None:
    report = export(store[0], "csv", tmp_path / "csv")
    assert {f["table"] for f in report.files} == set(TABLES)
    with (tmp_path / "csv" / "relations.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6
    acquisition = next(r for r in rows if r["type"] == "acquisition")
    assert acquisition["subject_name"] == "Orange" and acquisition["object_name"] == "Armor Fibre"
    assert json.loads(acquisition["attributes"])["amount"] == 320000000
    assert acquisition["evidence_text"] == "Orange rachète Armor Fibre pour 320 millions d'euros."
    with (tmp_path / "csv" / "entities.csv").open(encoding="utf-8", newline="") as handle:
        names = {r["id"]: r["name"] for r in csv.DictReader(handle)}
    assert names["org:evil"] == HOSTILE_ENTITY  # data kept as is; CSV quoting keeps it one field


def test_parquet_reads_in_pandas_polars_and_pyarrow(store: tuple[Path, list[Doc]], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    report = export(store[0], "parquet", tmp_path / "pq", tables=["relations", "facts", "documents"])
    assert [f["rows"] for f in report.files] == [6, 2, 4]
    table = pq.read_table(tmp_path / "pq" / "relations.parquet")
    assert table.num_rows == 6 and "evidence_text" in table.column_names
    pandas = pytest.importorskip("pandas")
    facts = pandas.read_parquet(tmp_path / "pq" / "facts.parquet")
    assert sorted(facts["type"]) == ["deal_value", "revenue"]
    assert facts.loc[facts["type"] == "revenue", "value"].iloc[0] == 43.5e9
    polars = pytest.importorskip("polars")
    docs = polars.read_parquet(tmp_path / "pq" / "documents.parquet")
    assert docs.height == 4 and docs.filter(polars.col("published").is_null()).height == 1


def test_graphml_opens_as_xml_with_typed_edges(store: tuple[Path, list[Doc]], tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    report = export(store[0], "graphml", out)
    assert report.files[0]["rows"] == 6
    root = ET.parse(out).getroot()
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None
    keys = {k.get("id"): k.get("attr.name") for k in root.findall(f"{GRAPHML}key")}
    nodes = {n.get("id"): n for n in graph.findall(f"{GRAPHML}node")}
    assert "org:orange" in nodes
    labels = {
        n.get("id"): d.text
        for n in nodes.values()
        for d in n.findall(f"{GRAPHML}data")
        if keys[d.get("key")] == "label"
    }
    assert labels["org:evil"] == HOSTILE_ENTITY  # escaped in the file, intact once parsed
    edges = graph.findall(f"{GRAPHML}edge")
    directed = {(e.get("source"), e.get("target")): e.get("directed") for e in edges}
    assert directed[("org:orange", "org:armor-fibre")] == "true"
    assert directed[("org:orange", "org:sfr")] == "false"  # competition is symmetric
    for edge in edges:
        assert edge.get("source") in nodes and edge.get("target") in nodes


def test_graphml_survives_control_characters(tmp_path: Path) -> None:
    from desk_data import orange_deal
    from veille.record import to_record
    from veille.store import Store

    doc = orange_deal()
    doc.entities[1].name = "Armor\x00Fibre\x1b"
    with Store(tmp_path / "c.duckdb") as store:
        store.add_documents([(doc, to_record(doc))])
    export(tmp_path / "c.duckdb", "graphml", tmp_path / "c.graphml")
    ET.parse(tmp_path / "c.graphml")


def test_bad_format_and_table(store: tuple[Path, list[Doc]], tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown export format"):
        export(store[0], "xlsx", tmp_path / "x")
    with pytest.raises(InputError, match="unknown table"):
        export(store[0], "csv", tmp_path / "x", tables=["secrets"])
    with pytest.raises(InputError, match="output folder"):
        export(store[0], "parquet", None)
