"""Going back to the start of an input whose first bytes were read to recognise it."""

from __future__ import annotations

import io
from typing import BinaryIO, cast


class PrefixedReader(io.RawIOBase):
    """A raw stream that yields `head`, then whatever is left in `rest` (for pipes and stdin)."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def start_of(stream: BinaryIO) -> int | None:
    """Where `stream` is now, if it can be sought back to."""
    try:
        return stream.tell() if stream.seekable() else None
    except (OSError, ValueError):
        return None


def from_start(stream: BinaryIO, start: int | None, head: bytes) -> BinaryIO:
    """`stream` read again from `start`: sought back if possible, else `head` replayed first."""
    if start is not None:
        try:
            stream.seek(start)
            return stream
        except (OSError, ValueError):
            pass
    return cast(BinaryIO, io.BufferedReader(PrefixedReader(head, stream)))
