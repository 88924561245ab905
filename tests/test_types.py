"""All of src/ is annotated and type-checks under `mypy --strict` (STYLE.md), and ruff is clean."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _tool(name: str) -> list[str]:
    if shutil.which(name, path=str(Path(sys.executable).parent)) is None:
        pytest.skip(f"{name} is not installed (the dev extra)")
    return [sys.executable, "-m", name]


def test_source_type_checks_strictly() -> None:
    result = subprocess.run(
        [*_tool("mypy"), "--strict", "src/veille"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": "src"},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_source_and_tests_pass_ruff() -> None:
    result = subprocess.run(
        [*_tool("ruff"), "check", "src", "tests"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:]
