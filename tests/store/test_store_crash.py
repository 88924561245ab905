"""Kill-and-resume: a writer killed with SIGKILL leaves whole batches; a re-run completes them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from veille.store import Store

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
WRITER = HERE / "crash_writer.py"
#: Per generated document: 4 mentions, 1 relation, 1 fact, 1 own entity (+2 shared by all).
MENTIONS_PER_DOC = 4
SHARED_ENTITIES = 2
WAIT_SECONDS = 60

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}


def _writer(db: Path, n: int, batch: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(n), str(batch), *extra],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _read_until(proc: subprocess.Popen[str], prefix: str) -> list[str]:
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if line.startswith(prefix):
            return lines
    raise AssertionError(f"writer never printed {prefix!r}; got {lines}")


def _kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=WAIT_SECONDS)
    assert proc.returncode == -signal.SIGKILL


def _check_consistent(db: Path) -> int:
    """Assert every stored document is whole; return how many there are."""
    with Store(db, read_only=True) as store:
        con = store.connection

        def one(sql: str) -> int:
            row = con.execute(sql).fetchone()
            assert row is not None
            return int(row[0])

        docs = one("SELECT count(*) FROM documents")
        assert one("SELECT count(DISTINCT id) FROM documents") == docs
        mismatched = "SELECT count(*) FROM documents WHERE record->>'$.id' != id OR record->>'$.text' != text"
        assert one(mismatched) == 0
        assert one("SELECT count(*) FROM mentions") == MENTIONS_PER_DOC * docs
        assert one("SELECT count(*) FROM relations") == docs
        assert one("SELECT count(*) FROM facts") == docs
        assert one("SELECT count(*) FROM entities") == (docs + SHARED_ENTITIES if docs else 0)
        orphans = "SELECT count(*) FROM {} WHERE doc_id NOT IN (SELECT id FROM documents)"
        for table in ("mentions", "relations", "facts"):
            assert one(orphans.format(table)) == 0
        for table in ("mentions", "relations", "facts"):  # no document without its rows
            assert one(f"SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM {table})") == 0
        return docs


def _rerun_completes(db: Path, n: int, batch: int, already: int, *extra: str) -> None:
    proc = _writer(db, n, batch, *extra)
    out, _ = proc.communicate(timeout=WAIT_SECONDS)
    assert proc.returncode == 0, out
    added = sum(int(line.split()[2]) for line in out.splitlines() if line.startswith("committed"))
    assert added == n - already, out
    assert _check_consistent(db) == n


def test_kill_inside_a_transaction_then_resume(tmp_path: Path) -> None:
    db, n, batch = tmp_path / "v.duckdb", 40, 8
    proc = _writer(db, n, batch, "--stall-at", "2")
    lines = _read_until(proc, "inside 2")
    _kill(proc)
    assert lines == ["committed 0 8", "committed 1 8", "inside 2"]
    # batch 2's documents were inserted but not committed: none of them may survive
    assert _check_consistent(db) == 2 * batch
    _rerun_completes(db, n, batch, 2 * batch)


@pytest.mark.parametrize("delay", [0.1, 0.6])
def test_kill_at_a_random_moment_then_resume(tmp_path: Path, delay: float) -> None:
    # ~1000 documents/s here: the later kill lands after DuckDB's first automatic checkpoint
    db, n, batch = tmp_path / "v.duckdb", 2000, 50
    proc = _writer(db, n, batch, "--filler", "3000")
    _read_until(proc, "committed 0")
    time.sleep(delay)
    if proc.poll() is not None:
        pytest.fail("writer finished before it could be killed; make the run longer")
    _kill(proc)
    docs = _check_consistent(db)
    assert docs % batch == 0 and 0 < docs < n
    _rerun_completes(db, n, batch, docs, "--filler", "3000")


def _ingest_ready() -> bool:
    try:
        import veille.clean.html  # noqa: F401
        from veille.ingest import read_inputs  # noqa: F401
    except ImportError:
        return False
    return True


ARTICLE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Dépêche {i}</title></head>
<body><nav>Accueil | Télécoms | Contact</nav><article><h1>Dépêche {i} : l'opérateur {i} accélère</h1>
<p>L'opérateur numéro {i} a annoncé mardi un plan d'investissement de {i} millions d'euros dans la fibre
optique, afin de raccorder plusieurs villes moyennes avant la fin de l'année prochaine.</p>
<p>Selon son directeur général, ce programme doit permettre de gagner des parts de marché face aux
concurrents historiques, tout en maîtrisant les coûts d'exploitation du réseau.</p>
<p>Les analystes saluent une stratégie prudente mais rappellent que la concurrence reste vive sur
les offres groupées, en particulier auprès des entreprises.</p></article>
<footer>© Exemple Presse {i}</footer></body></html>
"""


@pytest.mark.skipif(not _ingest_ready(), reason="veille.ingest / veille.clean.html not written yet")
def test_kill_api_ingest_then_resume(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    n, batch = 30, 4
    for i in range(n):
        (inputs / f"{i:02d}.html").write_text(ARTICLE.format(i=i), encoding="utf-8")
    db = tmp_path / "v.duckdb"
    script = HERE / "crash_ingest.py"
    proc = subprocess.Popen(
        [sys.executable, str(script), str(db), str(inputs), str(batch), "0.1"],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert proc.stdout is not None
    for _ in range(3 * batch + 2):  # items 1..13 processed: at least 3 batches committed
        assert proc.stdout.readline().strip() == "item"
    _kill(proc)
    with Store(db, read_only=True) as store:
        con = store.connection
        row = con.execute(
            "SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE record->>'$.id' = id "
            "AND record->>'$.text' = text AND n_chars = length(text)) FROM documents"
        ).fetchone()
    assert row is not None
    docs, distinct, whole = row
    assert docs == distinct == whole
    assert docs % batch == 0 and 3 * batch <= docs < n
    rerun = subprocess.run(
        [sys.executable, str(script), str(db), str(inputs), str(batch), "0"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=WAIT_SECONDS,
    )
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout.splitlines()[-1])
    assert (report["read"], report["skipped"], report["added"]) == (n, docs, n - docs)
    with Store(db, read_only=True) as store:
        assert len(store.document_ids()) == n
        assert store.stats()["documents"] == n
