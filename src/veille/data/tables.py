"""One reader for the tab-separated word lists under `veille/data/` (lexicons kept as data)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from veille.errors import ConfigError

DATA_ROOT = Path(__file__).resolve().parent


def tsv_rows(
    folder: str, name: str, width: int, *, at_least: bool = False, strip_first: bool = True
) -> Iterator[list[str]]:
    """The rows of `data/<folder>/<name>`: blank and `#` lines skipped, cells split on tabs.

    A row must have exactly `width` cells (at least `width` with `at_least`); a wrong row or a
    missing file is a `ConfigError` naming the file and line. Cells are stripped, except the first
    one when `strip_first` is False (a list whose first column may hold meaningful spaces).
    """
    path = DATA_ROOT / folder / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"word list unreadable: {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < width or (len(cells) > width and not at_least):
            raise ConfigError(f"{path}:{number}: expected {width} tab-separated columns, got {len(cells)}")
        yield [cell.strip() if i or strip_first else cell for i, cell in enumerate(cells)]
