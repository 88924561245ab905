"""WARC files: response records become Docs; damage keeps what came before, then one Reject."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from ingest_support import FRENCH, PAGE, as_doc, as_reject, make_warc, read_all

from veille.doc import Doc, Reject, doc_id
from veille.errors import Reason

pytest.importorskip("warcio")

DATE = "2021-03-04T05:06:07Z"


def pages(count: int) -> list[tuple[str, str, bytes, str]]:
    return [
        ("response", f"https://example.com/{i}", PAGE.replace("Essai", f"Essai {i}").encode(), "text/html")
        for i in range(count)
    ]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "packed"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_response_records_become_docs_and_others_are_skipped(tmp_path: Path, name: str, packed: bool) -> None:
    path = write(tmp_path, name, make_warc(pages(3), gzip=packed, date=DATE))
    items = read_all(path)
    docs = [as_doc(item) for item in items]  # warcinfo and request records: no item at all
    assert [doc.source.url for doc in docs] == [f"https://example.com/{i}" for i in range(3)]
    # record 0 is warcinfo, then request/response pairs
    assert [doc.source.path for doc in docs] == [f"{path}#2", f"{path}#4", f"{path}#6"]
    first = docs[0]
    payload = PAGE.replace("Essai", "Essai 0").encode()
    assert first.raw == payload and first.id == doc_id(payload)  # HTTP headers stripped
    assert first.media_type == "html" and first.markup.startswith("<!DOCTYPE html>")
    assert first.fetched_at == DATE
    assert first.published is None  # the crawl date is never a publication date
    assert [item.position for item in items] == [0, 1, 2]


def test_http_charset_is_used(tmp_path: Path) -> None:
    records = [("response", "http://a.fr/", PAGE.encode("cp1252"), "text/html; charset=ISO-8859-1")]
    doc = as_doc(read_all(write(tmp_path, "a.warc", make_warc(records, gzip=False)))[0])
    assert FRENCH in doc.markup
    assert doc.encoding == "cp1252"
    assert doc.warnings == []


def test_resource_and_text_records(tmp_path: Path) -> None:
    records = [
        ("resource", "file:///notes.txt", FRENCH.encode(), "text/plain"),
        ("response", "http://a.fr/t", FRENCH.encode(), "text/plain; charset=utf-8"),
    ]
    items = read_all(write(tmp_path, "r.warc.gz", make_warc(records, gzip=True)))
    assert [(as_doc(item).media_type, as_doc(item).markup) for item in items] == [("text", FRENCH)] * 2


def test_non_page_payloads_and_statuses_are_rejected_not_lost(tmp_path: Path) -> None:
    records = [
        ("response", "http://a.fr/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
        ("response", "http://a.fr/doc.pdf", b"%PDF-1.4 ...", "application/pdf"),
        ("response", "http://a.fr/old", b"", "text/html|301 Moved Permanently"),
        ("response", "http://a.fr/page", PAGE.encode(), "text/html"),
    ]
    items = read_all(write(tmp_path, "mixed.warc", make_warc(records, gzip=False)))
    png, pdf, moved, page = items
    png_reject = as_reject(png, Reason.UNSUPPORTED)
    assert png_reject.url == "http://a.fr/logo.png" and "image/png" in png_reject.detail
    assert "application/pdf" in as_reject(pdf, Reason.UNSUPPORTED).detail
    assert "301" in as_reject(moved, Reason.HTTP_STATUS).detail
    assert as_doc(page).source.url == "http://a.fr/page"


def test_untyped_payload_is_sniffed(tmp_path: Path) -> None:
    records = [("response", "http://a.fr/x", PAGE.encode(), "application/octet-stream")]
    doc = as_doc(read_all(write(tmp_path, "x.warc", make_warc(records, gzip=False)))[0])
    assert doc.media_type == "html"


def test_empty_and_binary_payloads_are_rejected_with_their_record(tmp_path: Path) -> None:
    records = [
        ("response", "http://a.fr/empty", b"", "text/html"),
        ("response", "http://a.fr/noise", bytes(range(256)) * 20, "text/html"),
    ]
    path = write(tmp_path, "bad.warc", make_warc(records, gzip=False))
    empty, noise = read_all(path)
    assert as_reject(empty, Reason.EMPTY).path == f"{path}#2"
    assert as_reject(noise, Reason.BINARY).url == "http://a.fr/noise"


def assert_kept_then_corrupt(items: list[Doc | Reject], kept: int) -> Reject:
    assert all(isinstance(item, Doc) for item in items[:kept]), items
    assert len(items) == kept + 1, items
    return as_reject(items[-1], Reason.CORRUPT_WARC)


@pytest.mark.parametrize("packed", [False, True])
@pytest.mark.parametrize("cut", [40, 0.6])
def test_truncated_warc_keeps_the_records_before(tmp_path: Path, packed: bool, cut: float) -> None:
    data = make_warc(pages(4), gzip=packed)
    end = len(data) - int(cut) if cut >= 1 else int(len(data) * cut)
    items = read_all(write(tmp_path, "cut.warc" + (".gz" if packed else ""), data[:end]))
    docs = [item for item in items if isinstance(item, Doc)]
    assert 1 <= len(docs) < 4
    reject = assert_kept_then_corrupt(items, len(docs))
    assert "rest of the file skipped" in reject.detail


@pytest.mark.parametrize("packed", [False, True])
def test_corrupt_record_in_the_middle(tmp_path: Path, packed: bool) -> None:
    data = make_warc(pages(4), gzip=packed)
    third = data.index(b"https://example.com/2" if not packed else b"\x1f\x8b", len(data) // 2)
    broken = data[:third] + b"GARBAGE" * 40 + data[third + 280 :]
    items = read_all(write(tmp_path, "bad.warc" + (".gz" if packed else ""), broken))
    docs = [item for item in items if isinstance(item, Doc)]
    assert 1 <= len(docs) < 4
    assert all(doc.source.url != "https://example.com/3" for doc in docs)
    assert_kept_then_corrupt(items, len(docs))


def test_record_longer_than_its_content_length(tmp_path: Path) -> None:
    data = make_warc(pages(2), gzip=False)
    first = data.index(b"https://example.com/0</title>".replace(b"https://example.com/0", b"Essai 0"))
    broken = data[:first] + b"EXTRA BYTES NOT COUNTED " + data[first:]
    items = read_all(write(tmp_path, "long.warc", broken))
    assert not any(isinstance(item, Doc) and "EXTRA" in item.markup for item in items)
    as_reject(items[-1], Reason.CORRUPT_WARC)


def test_whole_file_gzip_warc_is_read(tmp_path: Path) -> None:
    data = gzip.compress(make_warc(pages(3), gzip=False))  # one gzip member, not one per record
    items = read_all(write(tmp_path, "whole.warc.gz", data))
    assert len([as_doc(item) for item in items]) == 3


def test_warc_with_an_unknown_name_is_sniffed(tmp_path: Path) -> None:
    items = read_all(write(tmp_path, "crawl-00001", make_warc(pages(2), gzip=True)))
    assert [as_doc(item).source.url for item in items] == ["https://example.com/0", "https://example.com/1"]


def test_not_a_warc_is_one_reject(tmp_path: Path) -> None:
    items = read_all(write(tmp_path, "fake.warc", b"hello, this is not a WARC file\n" * 10))
    assert len(items) == 1
    as_reject(items[0], Reason.CORRUPT_WARC)


def test_chunked_gzip_encoded_payload_is_undone(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = gzip.compress(PAGE.encode())
    chunked = b"".join(
        b"%x\r\n%s\r\n" % (len(body[i : i + 100]), body[i : i + 100]) for i in range(0, len(body), 100)
    )
    chunked += b"0\r\n\r\n"
    headers = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Encoding", "gzip"),
        ("Transfer-Encoding", "chunked"),
    ]
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record("http://a.fr/", "response", payload=io.BytesIO(chunked), http_headers=http)
    )
    (item,) = read_all(write(tmp_path, "enc.warc.gz", out.getvalue()))
    doc = as_doc(item)
    assert doc.markup == PAGE
    assert doc.id == doc_id(PAGE.encode())


def test_without_warcio_a_warc_is_one_reject_naming_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    path = write(tmp_path, "a.warc.gz", make_warc(pages(2), gzip=True))
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)  # import now fails
    (item,) = read_all(path)
    assert "veille[warc]" in as_reject(item, Reason.UNSUPPORTED).detail
