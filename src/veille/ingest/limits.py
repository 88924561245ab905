"""Size limits and read sizes shared by the readers."""

from __future__ import annotations

#: Largest single document (a page, a WARC record payload, a JSONL line) a reader accepts.
#: Set well above real pages (the largest of the 3,712 HTML pages in ../shared/corpus is under
#: 3 MB) so that a 50 MB page is still a record: the cleaner caps what it processes, the reader
#: only refuses what would be unreasonable to hold in memory. Containers (WARC, JSONL) are
#: streamed and have no size limit of their own.
MAX_INPUT_BYTES = 64 * 1024 * 1024

#: Bytes read from the start of an input to recognise its format (gzip, WARC, JSONL, HTML).
SNIFF_BYTES = 4096

#: Block size when skipping data we do not keep (rest of an oversized record or line).
READ_CHUNK_BYTES = 1024 * 1024
