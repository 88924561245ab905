"""Gzip: recognising it, inflating one page with a size cap, and naming stream errors.

A single gzipped page is inflated in memory with `zlib` (fast, bounded by `MAX_INPUT_BYTES`);
containers (WARC, JSONL) are inflated as a stream with `gzip.GzipFile`. A gzip stream that ends
before its end-of-stream marker is *truncated*; one whose data or checksum is wrong is *corrupt*.
A truncated single page is a reject, not a shortened record: a cut article would otherwise pass
for a complete one.
"""

from __future__ import annotations

import gzip
import logging
import zlib

from veille.errors import InputError, Reason

LOGGER = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
#: zlib window bits meaning "gzip header and trailer expected" (16 + MAX_WBITS).
_GZIP_WBITS = 16 + zlib.MAX_WBITS


def is_gzip(head: bytes) -> bool:
    return head.startswith(GZIP_MAGIC)


def gunzip(data: bytes, limit: int) -> bytes:
    """Inflate all gzip members of `data`, raising `InputError` past `limit` bytes or on damage."""
    parts: list[bytes] = []
    total = 0
    rest = data
    while rest:
        if not is_gzip(rest):
            if rest.strip(b"\x00"):
                LOGGER.debug("ignoring %d bytes of trailing data after gzip stream", len(rest))
            break
        inflater = zlib.decompressobj(_GZIP_WBITS)
        try:
            # max_length bounds the output, so a gzip bomb never inflates past the limit
            part = inflater.decompress(rest, limit + 1 - total)
        except zlib.error as exc:
            raise InputError(Reason.CORRUPT_GZIP, f"gzip data is damaged: {exc}") from exc
        total += len(part)
        if total > limit:
            raise InputError(Reason.TOO_LARGE, f"inflates to more than {limit} bytes")
        parts.append(part)
        if not inflater.eof:
            raise InputError(Reason.TRUNCATED_GZIP, f"gzip stream ends early, after {total} inflated bytes")
        rest = inflater.unused_data
    return parts[0] if len(parts) == 1 else b"".join(parts)


def gunzip_head(data: bytes, size: int) -> bytes:
    """The first `size` inflated bytes of the gzip stream starting `data` (b"" if unreadable)."""
    try:
        return zlib.decompressobj(_GZIP_WBITS).decompress(data, size)
    except zlib.error:
        return b""


def stream_error(exc: BaseException) -> InputError:
    """The reject reason for an exception raised while reading a (possibly gzipped) stream."""
    if isinstance(exc, EOFError):
        return InputError(Reason.TRUNCATED_GZIP, f"gzip stream ends early: {exc}")
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return InputError(Reason.CORRUPT_GZIP, f"gzip data is damaged: {exc}")
    return InputError(Reason.UNREADABLE, f"read error: {exc}")


#: What a read from a gzip stream or a file can raise on bad data or a failing disk.
STREAM_ERRORS: tuple[type[BaseException], ...] = (EOFError, OSError, zlib.error)
