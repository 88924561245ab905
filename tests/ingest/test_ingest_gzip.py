"""Gzipped pages: same id as the plain page, truncated and corrupt streams, size cap."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest
from ingest_support import FRENCH, PAGE, as_doc, as_reject, read_all, read_one

from veille.errors import InputError, Reason
from veille.ingest.gz import gunzip


@pytest.mark.parametrize(("name", "media"), [("page.html.gz", "html"), ("article.txt.gz", "text")])
def test_gzipped_page_has_the_id_of_the_plain_page(tmp_path: Path, name: str, media: str) -> None:
    content = PAGE if media == "html" else FRENCH
    plain = tmp_path / name.removesuffix(".gz")
    plain.write_text(content, encoding="utf-8")
    packed = tmp_path / name
    packed.write_bytes(gzip.compress(content.encode("utf-8")))
    doc_plain, doc_packed = (as_doc(item) for item in read_all(plain, packed))
    assert doc_packed.media_type == media
    assert doc_packed.markup == content
    assert doc_packed.raw == content.encode("utf-8")
    assert doc_packed.id == doc_plain.id
    assert doc_packed.source.path == str(packed)


def test_gzip_is_recognised_by_its_magic_bytes(tmp_path: Path) -> None:
    path = tmp_path / "page.html"  # no .gz in the name
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    assert as_doc(read_one(path)).markup == PAGE


def test_gzip_without_a_telling_name_is_sniffed_inside(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    assert as_doc(read_one(path)).media_type == "html"


def test_multi_member_gzip_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "two.txt.gz"
    path.write_bytes(gzip.compress(b"premier membre, ") + gzip.compress(FRENCH.encode()))
    assert as_doc(read_one(path)).markup == "premier membre, " + FRENCH


def test_truncated_gzip_page_is_rejected(tmp_path: Path) -> None:
    packed = gzip.compress((PAGE * 50).encode("utf-8"))
    path = tmp_path / "cut.html.gz"
    path.write_bytes(packed[: len(packed) // 2])
    reject = as_reject(read_one(path), Reason.TRUNCATED_GZIP)
    assert reject.path == str(path)


def test_corrupt_gzip_page_is_rejected(tmp_path: Path) -> None:
    packed = bytearray(gzip.compress((PAGE * 50).encode("utf-8")))
    packed[len(packed) // 2 : len(packed) // 2 + 16] = b"\xff" * 16
    path = tmp_path / "bad.html.gz"
    path.write_bytes(bytes(packed))
    as_reject(read_one(path), Reason.CORRUPT_GZIP)


def test_gzip_with_a_wrong_checksum_is_corrupt() -> None:
    packed = bytearray(gzip.compress(FRENCH.encode()))
    packed[-8] ^= 0xFF  # CRC32 in the trailer
    with pytest.raises(InputError) as info:
        gunzip(bytes(packed), 1000)
    assert info.value.reason == Reason.CORRUPT_GZIP


def test_gzip_bomb_stops_at_the_limit() -> None:
    packed = zlib.compress(b"\0" * 2_000_000, wbits=31)
    with pytest.raises(InputError) as info:
        gunzip(packed, 1_000_000)
    assert info.value.reason == Reason.TOO_LARGE


def test_empty_gzip_is_an_empty_page(tmp_path: Path) -> None:
    path = tmp_path / "rien.html.gz"
    path.write_bytes(gzip.compress(b""))
    as_reject(read_one(path), Reason.EMPTY)
