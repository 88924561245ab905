"""Run tests: make the helpers beside this file importable (also by spawned workers and Ray)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import pytest  # noqa: E402
from run_support import knowledge_pipeline, make_big_warc, make_crawl, store_contents  # noqa: E402

from veille import api  # noqa: E402


@pytest.fixture(scope="session")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented crawl folder of run_support.make_crawl (read-only for the tests)."""
    return make_crawl(tmp_path_factory.mktemp("crawl") / "crawl")


@pytest.fixture(scope="session")
def reference(crawl: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[object, ...]]]:
    """The store contents of a plain single-process `api.ingest` of the crawl."""
    db = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    api.ingest([str(crawl)], db=db, pipeline=knowledge_pipeline())
    return store_contents(db)


@pytest.fixture(scope="session")
def big_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One WARC.gz of numbered invented pages, to be cut into byte ranges (read-only)."""
    return make_big_warc(tmp_path_factory.mktemp("big") / "big.warc.gz")


@pytest.fixture(scope="session")
def big_reference(
    big_warc: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[tuple[object, ...]]]:
    """The store contents of a plain single-process `api.ingest` of the unsplit big WARC."""
    db = tmp_path_factory.mktemp("big-reference") / "reference.duckdb"
    api.ingest([str(big_warc)], db=db, pipeline=knowledge_pipeline())
    return store_contents(db)
