"""Shared fixtures: where ../shared is."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import REPO, SHARED


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder; tests that need it skip when it is absent."""
    if not (SHARED / "spec" / "document.schema.json").exists():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
