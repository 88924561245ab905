"""Helpers for the reader tests: read one path, build small WARC files with warcio."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from veille.doc import Doc, Reject
from veille.ingest import read_inputs

FRENCH = "L’opérateur a annoncé un accord avec la RTBF. Élève à Noël, ça coûte 5 €."
PAGE = f"<!DOCTYPE html><html><head><title>Essai</title></head><body><p>{FRENCH}</p></body></html>"


def read_all(*paths: str | Path) -> list[Doc | Reject]:
    return list(read_inputs([str(path) for path in paths]))


def read_one(path: str | Path) -> Doc | Reject:
    items = read_all(path)
    assert len(items) == 1, items
    return items[0]


def as_doc(item: Doc | Reject) -> Doc:
    assert isinstance(item, Doc), item
    return item


def as_reject(item: Doc | Reject, reason: str) -> Reject:
    assert isinstance(item, Reject), item
    assert item.reason == reason, item
    return item


def make_warc(
    records: Sequence[tuple[str, str, bytes, str]],
    *,
    gzip: bool,
    date: str = "2021-03-04T05:06:07Z",
) -> bytes:
    """A WARC: a warcinfo record, then for each (type, url, payload, content type) a request
    and the record itself ("response" with HTTP headers, or "resource")."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "veille-tests"}))
    for rec_type, url, payload, content_type in records:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request)
        )
        warc_headers = {"WARC-Date": date}
        if rec_type == "response":
            status = content_type.split("|")[1] if "|" in content_type else "200 OK"
            http = StatusAndHeaders(
                status, [("Content-Type", content_type.split("|")[0])], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                http_headers=http,
                warc_headers_dict=warc_headers,
            )
        else:
            record = writer.create_warc_record(
                url,
                "resource",
                payload=io.BytesIO(payload),
                warc_content_type=content_type,
                warc_headers_dict=warc_headers,
            )
        writer.write_record(record)
    return out.getvalue()
