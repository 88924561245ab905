"""Fixtures of the desk's tests: a hand-built store, the app over it, an in-process client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_data import build_store
from support import REPO
from veille.doc import Doc

pytest.importorskip("fastapi")
pytest.importorskip("tantivy")

from fastapi import FastAPI
from fastapi.testclient import TestClient

from veille import api
from veille.serve.app import create_app


@pytest.fixture(scope="module")
def desk_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Doc]]:
    """A store holding the hand-built documents of `desk_data`, and those documents."""
    path = tmp_path_factory.mktemp("desk") / "desk.duckdb"
    docs = build_store(path)
    return path, docs


@pytest.fixture(scope="module")
def app(desk_store: tuple[Path, list[Doc]]) -> Iterator[FastAPI]:
    app = create_app(desk_store[0])
    yield app
    app.state.desk.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def docs(desk_store: tuple[Path, list[Doc]]) -> list[Doc]:
    return desk_store[1]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested with the default pipeline, plus the hand-built records."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    report = api.ingest([str(REPO / "demo" / "corpus")], db=db)
    assert report.added >= 15 and report.rejected == 0
    build_store(db)  # hand-built entities, relations and facts beside the demo articles
    return db
