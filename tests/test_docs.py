"""The docs keep up with the code: every CLI command is in the README, the public API is pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

import veille
from veille.cli.main import cli

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert f"veille {command}" in (REPO / "README.md").read_text("utf-8")


def test_every_top_level_package_is_on_the_architecture_map() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text("utf-8")
    for path in sorted((REPO / "src" / "veille").iterdir()):
        if path.is_dir() and (path / "__init__.py").exists():
            assert f"{path.name}/" in text, path.name


def test_public_api_is_pinned() -> None:
    assert veille.__all__ == sorted(veille.__all__, key=lambda name: (not name[0].isupper(), name))
    assert set(veille.__all__) >= {"extract", "ingest", "stats", "entity", "relations", "facts", "run"}
    for name in veille.__all__:
        assert hasattr(veille, name), name
