"""Paths: directories in sorted order, skipped and refused files, standard input, input order."""

from __future__ import annotations

import builtins
import gzip
import io
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from ingest_support import FRENCH, PAGE, as_doc, as_reject, make_warc, read_all

from veille.doc import Doc, Reject
from veille.errors import Reason
from veille.ingest import read_inputs


def names(items: list[Doc | Reject]) -> list[str]:
    return [Path(str(item.source.path if isinstance(item, Doc) else item.path)).name for item in items]


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(FRENCH)
    (tmp_path / "b" / "a.html").write_text(PAGE)
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "a.txt").write_text(FRENCH)
    (tmp_path / ".hidden.html").write_text(PAGE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(FRENCH)
    items = read_all(tmp_path)
    assert names(items) == ["a.txt", "a.html", "z.txt", "c.html.gz"]
    assert [item.position for item in items] == [0, 1, 2, 3]
    assert all(isinstance(item, Doc) for item in items)
    assert items[1].source.path == str(tmp_path / "b" / "a.html")  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["logo.png", "rapport.pdf", "pages.zip", "data.json", "photo.JPG"])
def test_files_that_are_not_pages_are_rejected_not_skipped(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"\x89PNG whatever")
    (item,) = read_all(tmp_path)
    assert "not pages" in as_reject(item, Reason.UNSUPPORTED).detail


def test_missing_path_is_not_found(tmp_path: Path) -> None:
    items = read_all(tmp_path / "absent.html", tmp_path / "nope")
    assert [as_reject(item, Reason.NOT_FOUND).path for item in items] == [
        str(tmp_path / "absent.html"),
        str(tmp_path / "nope"),
    ]


def test_dangling_symlink_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "dead.html").symlink_to(tmp_path / "gone.html")
    (tmp_path / "ok.html").write_text(PAGE)
    dead, ok = read_all(tmp_path)
    assert "symbolic link" in as_reject(dead, Reason.UNREADABLE).detail
    as_doc(ok)


def test_fifo_in_a_directory_is_unreadable_and_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    (item,) = read_all(tmp_path)
    assert "not a regular file" in as_reject(item, Reason.UNREADABLE).detail


def test_fifo_named_explicitly_is_read_like_stdin(tmp_path: Path) -> None:
    fifo = tmp_path / "stream"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as pipe:
            pipe.write(gzip.compress(PAGE.encode()))

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        (item,) = read_all(fifo)
    finally:
        writer.join(timeout=10)
    assert as_doc(item).markup == PAGE


def test_permission_denied_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tests run as root, where chmod 000 does not stop reading: make open() refuse instead
    locked = tmp_path / "locked.html"
    locked.write_text(PAGE)
    (tmp_path / "open.html").write_text(PAGE)
    real_open = builtins.open

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    first, second = read_all(tmp_path)
    assert as_reject(first, Reason.UNREADABLE).detail == "Permission denied"
    assert as_doc(second).source.path == str(tmp_path / "open.html")


def test_unexpected_error_ends_one_input_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import veille.ingest.files as files

    def broken(*args: Any, **kwargs: Any) -> Doc:
        raise RuntimeError("bug")

    (tmp_path / "a.html").write_text(PAGE)
    monkeypatch.setattr(files, "page_item", broken)
    items = list(read_inputs([str(tmp_path / "a.html"), str(tmp_path / "missing.html")]))
    assert "RuntimeError" in as_reject(items[0], Reason.UNREADABLE).detail
    as_reject(items[1], Reason.NOT_FOUND)


def test_inputs_keep_their_order_and_positions(tmp_path: Path) -> None:
    (tmp_path / "one.html").write_text(PAGE)
    (tmp_path / "two.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n')
    (tmp_path / "three.txt").write_text(FRENCH)
    paths = [tmp_path / "three.txt", tmp_path / "missing.txt", tmp_path / "two.jsonl", tmp_path / "one.html"]
    items = read_all(*paths)
    assert names(items) == ["three.txt", "missing.txt", "two.jsonl:1", "two.jsonl:2", "one.html"]
    assert [item.position for item in items] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("data", "media"),
    [
        (PAGE.encode(), "html"),
        (FRENCH.encode(), "text"),
        (gzip.compress(PAGE.encode()), "html"),
        (FRENCH.encode("cp1252"), "text"),
    ],
)
def test_stdin_page(data: bytes, media: str) -> None:
    (item,) = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    doc = as_doc(item)
    assert doc.media_type == media
    assert doc.source.path == "-"
    assert FRENCH in doc.markup


def test_stdin_warc_and_jsonl_are_streamed() -> None:
    class Pipe(io.RawIOBase):
        """A non-seekable stdin, as a shell pipe is."""

        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = self._data.read(min(len(buffer), 1000))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    warc = make_warc([("response", "http://a.fr/", PAGE.encode(), "text/html")], gzip=True)
    (doc,) = list(read_inputs(["-"], stdin=io.BufferedReader(Pipe(warc))))
    assert as_doc(doc).source.path == "-#2" and as_doc(doc).source.url == "http://a.fr/"
    jsonl = b'{"url": "u", "text": "premier"}\n{"url": "v", "text": "second"}\n'
    items = list(read_inputs(["-"], stdin=io.BufferedReader(Pipe(jsonl))))
    assert [as_doc(item).markup for item in items] == ["premier", "second"]


@pytest.mark.parametrize(("data", "reason"), [(b"", Reason.EMPTY), (os.urandom(5000), Reason.BINARY)])
def test_bad_stdin_is_a_reject(data: bytes, reason: str) -> None:
    (item,) = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert as_reject(item, reason).path == "-"


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text(PAGE)
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    items = read_all(tmp_path)
    assert names(items) == ["page.html"]
