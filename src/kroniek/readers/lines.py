"""Reading within a limit: lines and files are cut off while they are read, never after.

A JSONL line of 2 GiB (or a file with no newline at all) costs at most ``max_bytes`` and a buffer
of memory: the rest of the line is read through in steps of ``SKIP_BUFFER`` bytes and dropped.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

#: Bytes read at a time while skipping the rest of a line that is too long.
SKIP_BUFFER = 1 << 20


def bounded_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(number, line, size)`` for every line; ``line`` is None when it is longer than ``max_bytes``
    (its newline counted), and ``size`` then says how long it was."""
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) <= max_bytes:
            yield number, line, len(line)
        elif line.endswith(b"\n"):  # exactly one byte too long
            yield number, None, len(line)
        else:
            yield number, None, len(line) + _skip_line(stream)


def _skip_line(stream: BinaryIO) -> int:
    """Read past the next newline (or to the end); the number of bytes read."""
    skipped = 0
    if not stream.seekable():
        while chunk := stream.readline(SKIP_BUFFER):
            skipped += len(chunk)
            if chunk.endswith(b"\n"):
                break
        return skipped
    buffer = bytearray(SKIP_BUFFER)
    while n := stream.readinto(buffer):  # type: ignore[attr-defined]
        newline = buffer.find(b"\n", 0, n)
        if newline >= 0:
            stream.seek(newline + 1 - n, 1)  # give back what follows the newline
            return skipped + newline + 1
        skipped += n
    return skipped


def read_at_most(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """The rest of ``stream``, or None when it holds more than ``max_bytes`` (reading one more)."""
    data = stream.read(max_bytes + 1)
    return data if len(data) <= max_bytes else None


class Replayed(io.RawIOBase):
    """``head`` again, then the rest of ``rest``: a stream (stdin) sniffed without being held whole."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
