"""The one reader of `veille/data/` lists: comments, blank lines, encoding, and errors that name the
file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from veille.data import tables
from veille.data.tables import DATA_ROOT, read_rows, read_words, tsv_rows, words
from veille.errors import ConfigError


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def test_words_skip_comments_and_blank_lines_and_strip(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.txt", "# heading\n\n  alpha  \n   # indented comment\nbeta gamma\n\t\n")
    assert read_words(path) == ["alpha", "beta gamma"]


def test_words_drop_a_byte_order_mark(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.txt", "\ufeffalpha\nbeta\n".encode())
    assert read_words(path) == ["alpha", "beta"]


def test_words_reject_a_tab_separated_row_with_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.txt", "alpha\n# c\nbeta\tgamma\n")
    with pytest.raises(ConfigError, match=r"list\.txt:3: one entry a line"):
        read_words(path)


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "list.txt", b"alpha\nbeta\ncaf\xe9\n")
    with pytest.raises(ConfigError, match=r"list\.txt:3: not UTF-8"):
        read_words(path)


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.txt"):
        read_words(tmp_path / "missing.txt")


def test_rows_check_width_and_name_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "table.tsv", "# a comment\na\t1\n\nb\t2\t3\n")
    rows = read_rows(path, 2)
    assert next(rows) == (2, ["a", "1"])
    with pytest.raises(ConfigError, match=r"table\.tsv:4: expected 2 tab-separated columns, got 3"):
        next(rows)
    assert [cells for _, cells in read_rows(path, 2, at_least=True)] == [["a", "1"], ["b", "2", "3"]]


def test_rows_keep_the_first_cell_as_written_when_asked(tmp_path: Path) -> None:
    path = _write(tmp_path / "table.tsv", " k m \t x \n")
    assert list(read_rows(path, 2)) == [(1, ["k m", "x"])]
    assert list(read_rows(path, 2, strip_first=False)) == [(1, [" k m ", "x"])]


def test_rows_check_the_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "table.tsv", "# comment\nname\tvalue\na\t1\n")
    assert list(read_rows(path, 2, header=("name", "value"))) == [(3, ["a", "1"])]
    with pytest.raises(ConfigError, match=r"table\.tsv:2: header must be id<TAB>value"):
        list(read_rows(path, 2, header=("id", "value")))


def test_folder_helpers_read_under_the_data_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    _write(tmp_path / "demo" / "a.txt", "one\ntwo\n")
    _write(tmp_path / "demo" / "b.tsv", "k\tv\n")
    monkeypatch.setattr(tables, "DATA_ROOT", tmp_path)
    assert words("demo", "a.txt") == ["one", "two"]
    assert list(tsv_rows("demo", "b.tsv", 2)) == [["k", "v"]]


WORD_LISTS = sorted(path for path in DATA_ROOT.glob("*/*.txt") if not path.name.startswith("README"))


@pytest.mark.parametrize("path", WORD_LISTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_packaged_word_list_reads(path: Path) -> None:
    assert read_words(path)
