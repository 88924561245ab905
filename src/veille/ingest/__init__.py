"""Readers: files, directories, standard input, gzip, WARC and JSONL -> `Doc` or `Reject`.

    files.py    paths -> inputs: directory walk, opening, choosing the reader
    formats.py  which reader: by file name, else by the first bytes
    gz.py       gzip detection, capped inflation, naming stream errors
    page.py     one page's bytes -> Doc (empty and binary checks, media type, decoding)
    decode.py   charsets: BOM, UTF-8, declared charset, detection; the binary test
    warc.py     WARC/ARC records (warcio) with damage detection
    jsonl.py    one page per JSON line
    ranges.py   one byte range of a big WARC or JSONL file (a shard of a split run)
    streams.py  re-reading an input from its start after sniffing
    limits.py   size limits

`Doc.id` is the sha256 of the page's own bytes: after gzip inflation (a page gzipped or not has
the same id), the HTTP payload of a WARC record (after chunked/content-encoding are undone), or
the UTF-8 encoding of a JSONL line's `html`/`text` string.
"""

from veille.ingest.files import read_inputs
from veille.ingest.limits import MAX_INPUT_BYTES

__all__ = ["MAX_INPUT_BYTES", "read_inputs"]
