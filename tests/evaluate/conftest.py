"""Markers of the evaluation tests."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "gate: the eval gate over ../shared dev gold (fails CI when a score drops below its floor)"
    )
