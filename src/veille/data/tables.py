"""The one reader of the lists under `veille/data/` (lexicons kept as data, never as code).

Two kinds of list share one format: UTF-8 text, blank lines and `#` comment lines skipped.
- word lists (`*.txt`): one entry a line (`words`, `read_words`);
- tables (`*.tsv`): one row a line, cells split on tabs (`tsv_rows`, `read_rows`).

Every problem is a `ConfigError` naming the file and, for a bad row, the line: a typo in a list
must stop the run where it is, not silently drop or mangle entries. Callers normalise the entries
their own way (each matcher compares a different form of the text) and cache the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from veille.errors import ConfigError

DATA_ROOT = Path(__file__).resolve().parent
#: A line whose first non-space character is this is a comment.
COMMENT = "#"
#: The cell separator of tables; never allowed inside a word-list entry.
CELL_SEPARATOR = "\t"
#: "utf-8-sig" reads UTF-8 and drops a byte-order mark an editor may add, which would otherwise
#: glue itself to the first entry and stop it from ever matching.
ENCODING = "utf-8-sig"


def data_path(folder: str, name: str) -> Path:
    """The path of `data/<folder>/<name>` inside the installed package."""
    return DATA_ROOT / folder / name


def data_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line of `path` that is neither blank nor a comment."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"word list unreadable: {path}: {exc}") from exc
    try:
        content = raw.decode(ENCODING)
    except UnicodeDecodeError as exc:
        bad_line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{path}:{bad_line}: not UTF-8 text ({exc.reason})") from exc
    for number, line in enumerate(content.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith(COMMENT):
            yield number, line


def read_words(path: Path) -> list[str]:
    """The entries of a one-entry-a-line list, stripped, in file order.

    A tab inside an entry is an error: it means a table is being read as a word list.
    """
    entries = []
    for number, line in data_lines(path):
        entry = line.strip()
        if CELL_SEPARATOR in entry:
            raise ConfigError(f"{path}:{number}: one entry a line expected, found a tab-separated row")
        entries.append(entry)
    return entries


def words(folder: str, name: str) -> list[str]:
    """The entries of the word list `data/<folder>/<name>` (see `read_words`)."""
    return read_words(data_path(folder, name))


def read_rows(
    path: Path,
    width: int,
    *,
    at_least: bool = False,
    strip_first: bool = True,
    header: tuple[str, ...] | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every row of the table at `path`.

    A row must have exactly `width` cells (at least `width` with `at_least`). Cells are stripped,
    except the first one when `strip_first` is False (a list whose first column may hold
    meaningful spaces). With `header`, the first row must be exactly those column names and is
    not returned.
    """
    rows = data_lines(path)
    if header is not None:
        first = next(rows, None)
        if first is None or tuple(first[1].split(CELL_SEPARATOR)) != header:
            header_line = first[0] if first else 1
            raise ConfigError(f"{path}:{header_line}: header must be {'<TAB>'.join(header)}")
    for number, line in rows:
        cells = line.split(CELL_SEPARATOR)
        if len(cells) < width or (len(cells) > width and not at_least):
            raise ConfigError(f"{path}:{number}: expected {width} tab-separated columns, got {len(cells)}")
        yield number, [cell.strip() if i or strip_first else cell for i, cell in enumerate(cells)]


def tsv_rows(
    folder: str, name: str, width: int, *, at_least: bool = False, strip_first: bool = True
) -> Iterator[list[str]]:
    """The rows of the table `data/<folder>/<name>` (see `read_rows`)."""
    for _, cells in read_rows(data_path(folder, name), width, at_least=at_least, strip_first=strip_first):
        yield cells
