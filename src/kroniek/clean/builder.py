"""Builds clean text piece by piece while recording where each piece came from in the raw text."""

from __future__ import annotations

import re

from ..document import OffsetMap, Segment

_SPACE_RUN = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)


class TextBuilder:
    """Appends raw spans (copied) or replacement strings (mapped to a raw span) to clean text."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self.length = 0

    def _add(self, text: str, raw_start: int, raw_end: int, copy: bool) -> None:
        if not text:
            return
        last = self._segments[-1] if self._segments else None
        if (
            copy
            and last is not None
            and last.copy
            and last.clean_end == self.length
            and last.raw_end == raw_start
        ):
            self._segments[-1] = Segment(
                last.clean_start, self.length + len(text), last.raw_start, raw_end, True
            )
        else:
            self._segments.append(Segment(self.length, self.length + len(text), raw_start, raw_end, copy))
        self._parts.append(text)
        self.length += len(text)

    def copy(self, raw_start: int, raw_end: int) -> None:
        """Append ``raw[raw_start:raw_end]``, with runs of odd or repeated spaces made one space."""
        text = self.raw[raw_start:raw_end]
        pos = 0
        for m in _SPACE_RUN.finditer(text):
            self._add(text[pos : m.start()], raw_start + pos, raw_start + m.start(), True)
            self._add(" ", raw_start + m.start(), raw_start + m.end(), False)
            pos = m.end()
        self._add(text[pos:], raw_start + pos, raw_end, True)

    def replace(self, text: str, raw_start: int, raw_end: int) -> None:
        """Append ``text`` standing for ``raw[raw_start:raw_end]`` (a joined line break, a fix)."""
        if text == self.raw[raw_start:raw_end]:
            self._add(text, raw_start, raw_end, True)
        else:
            self._add(text, raw_start, raw_end, False)

    def text(self) -> str:
        return "".join(self._parts)

    def offset_map(self) -> OffsetMap:
        return OffsetMap(list(self._segments))
