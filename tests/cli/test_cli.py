"""The `veille` command as a user runs it: exit codes, output formats, rejects on stderr."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from veille.record import validate

ARTICLE = """Acme Télécom signe avec Zeta Media

Acme Télécom a annoncé mardi un accord de distribution avec Zeta Media pour ses chaînes.
L'opérateur vise 2 millions d'abonnés d'ici 2027.
"""


def run(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "veille", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300
    )


@pytest.fixture()
def inputs(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "article.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    truncated = tmp_path / "cut.txt.gz"
    truncated.write_bytes(gzip.compress(ARTICLE.encode() * 50)[:60])
    return {"good": good, "empty": empty, "truncated": truncated}


def test_extract_prints_one_valid_record_and_exits_0(inputs: dict[str, Path]) -> None:
    result = run("extract", str(inputs["good"]))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert validate(record) == []
    assert record["title"] == "Acme Télécom signe avec Zeta Media"
    assert record["source"]["path"] == str(inputs["good"])


def test_rejects_go_to_stderr_as_json_and_exit_1(inputs: dict[str, Path]) -> None:
    result = run("extract", str(inputs["empty"]), str(inputs["good"]), str(inputs["truncated"]))
    assert result.returncode == 1
    assert len(result.stdout.decode().splitlines()) == 1
    rejects = [json.loads(line) for line in result.stderr.decode().splitlines() if line.startswith("{")]
    assert [(r["path"], r["reason"]) for r in rejects] == [
        (str(inputs["empty"]), "empty"),
        (str(inputs["truncated"]), "truncated_gzip"),
    ]


def test_json_format_and_output_file(inputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "records.json"
    result = run("extract", str(inputs["good"]), str(inputs["good"]), "--format", "json", "-o", str(out))
    assert result.returncode == 0
    records = json.loads(out.read_text("utf-8"))
    assert len(records) == 2 and records[0]["id"] == records[1]["id"]


def test_standard_input(inputs: dict[str, Path]) -> None:
    result = run("extract", "-", stdin=ARTICLE.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    assert json.loads(result.stdout)["title"].startswith("Acme Télécom")


def test_usage_error_exits_2() -> None:
    assert run("extract").returncode == 2
    assert run("extract", "x.html", "--format", "xml").returncode == 2


def test_ingest_is_idempotent_and_stats_count(inputs: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "kb.duckdb"
    first = run("ingest", str(inputs["good"]), str(inputs["empty"]), "--db", str(db))
    assert first.returncode == 1
    summary = json.loads(first.stdout.decode().splitlines()[-1])
    assert (summary["added"], summary["rejected"]) == (1, 1)
    again = run("ingest", str(inputs["good"]), str(inputs["empty"]), "--db", str(db))
    summary = json.loads(again.stdout.decode().splitlines()[-1])
    assert (summary["added"], summary["skipped"]) == (0, 1)
    stats = json.loads(run("stats", "--db", str(db), "--json").stdout)
    assert stats["documents"] == 1
    assert stats["rejects"] == 1


def test_serve_passes_the_cache_size_to_the_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from veille.cli.main import cli
    from veille.serve import app

    seen: dict[str, object] = {}

    def fake_run(db: object, **options: object) -> None:  # the real server would block
        seen.update(options, db=db)

    monkeypatch.setattr(app, "run", fake_run)
    db = str(tmp_path / "k.duckdb")
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--cache-entries", "0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen == {"db": db, "host": "127.0.0.1", "port": 8123, "allow_ingest": False, "cache_entries": 0}
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--cache-entries", "-1"])
    assert result.exit_code == 2
    assert "--cache-entries" in result.output
