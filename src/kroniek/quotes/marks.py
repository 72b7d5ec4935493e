"""Quotation marks: pair them into quoted spans, paragraph by paragraph.

Marks are read from their context, so one scan handles Dutch „...”, English “...”, German „...“,
straight "..." and '...', the typed ,,...'' of Dutch papers and «...». An apostrophe (zo'n, 's
avonds, auto's) is no mark. A quote left open at a paragraph's end continues when the next paragraph
opens with a mark of the same family (the convention for quotes over several paragraphs) and ends at
the paragraph's end otherwise, so an unclosed mark never swallows the rest of the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# one character class first lets the regex engine skip fast; ",," and "''" are told apart below
MARK = re.compile(r"[\"“”„«»‚‹›'‘’,][,']?")
_FAMILY = {",,": 2, "''": 2, '"': 2, "“": 2, "”": 2, "„": 2, "«": 3, "»": 3, "‹": 3, "›": 3}
_OPEN_ONLY = frozenset({",,", "„", "‚", "«", "‹"})
_CLOSE_ONLY = frozenset({"''", "»", "›"})
_BEFORE_OPEN = frozenset("([{:;—–-/\"“„'‘‚«‹*")
_AFTER_CLOSE = frozenset(",.;:!?)]}—–-\"”’'»›…*")
_APOSTROPHE = re.compile(r"(?:s|t|n|k|m|r|tje)(?![\w])|\d")
_NEWLINE = re.compile(r"\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A quoted span: ``start``-``end`` is the text without the marks."""

    start: int
    end: int
    open_at: int
    """Offset of the opening mark."""
    close_end: int | None
    """Offset just after the closing mark; None for a quote capped at its paragraph's end."""


def _family(mark: str) -> int:
    return _FAMILY.get(mark, 1)


def _can_open(text: str, start: int, end: int, mark: str) -> bool:
    if mark in _CLOSE_ONLY:
        return False
    right = text[end] if end < len(text) else ""
    if not right or right.isspace() or right in ",.;:!?)":
        return False
    if mark in _OPEN_ONLY:
        return True
    left = text[start - 1] if start else "\n"
    if not (left.isspace() or left in _BEFORE_OPEN):
        return False
    return not (mark in "'’" and _APOSTROPHE.match(text, end))


def _can_close(text: str, start: int, end: int, mark: str) -> bool:
    if mark in _OPEN_ONLY:
        return False
    left = text[start - 1] if start else ""
    if not left or left.isspace():
        return False
    right = text[end] if end < len(text) else ""
    return not right or right.isspace() or right in _AFTER_CLOSE


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quoted_spans(text: str) -> list[Span]:
    """Every quoted span of ``text``, in text order."""
    breaks = [m.start() for m in _NEWLINE.finditer(text)]
    spans: list[Span] = []

    def para_end(pos: int) -> int:
        i = bisect.bisect_right(breaks, pos)
        return breaks[i] if i < len(breaks) else len(text)

    def emit(open_at: int, start: int, end: int, close_end: int | None) -> None:
        s, e = _trim(text, start, end)
        if e > s:
            spans.append(Span(s, e, open_at, close_end))

    family = 0
    open_at = content = limit = -1
    for m in MARK.finditer(text):
        pos, end, mark = m.start(), m.end(), m.group(0)
        if end - pos == 2 and mark not in (",,", "''"):
            end, mark = pos + 1, mark[0]
        if mark == ",":
            continue
        if mark in "'‘’" and pos and end < len(text) and text[pos - 1].isalnum() and text[end].isalnum():
            continue  # an apostrophe: zo'n, auto's
        if family and pos >= limit:
            gap = text[limit:pos]
            if (
                _family(mark) == family
                and gap.strip() == ""
                and "\n" in gap
                and _can_open(text, pos, end, mark)
            ):
                limit = para_end(end)  # the quote goes on in the next paragraph
                continue
            emit(open_at, content, limit, None)
            family = 0
        if family:
            if _family(mark) != family:
                continue  # a quote inside the quote
            if _can_close(text, pos, end, mark):
                emit(open_at, content, pos, end)
                family = 0
            elif _can_open(text, pos, end, mark):  # the closing mark is missing
                emit(open_at, content, pos, None)
                open_at, content, limit = pos, end, para_end(end)
            continue
        if _can_open(text, pos, end, mark):
            family, open_at, content, limit = _family(mark), pos, end, para_end(end)
    if family:
        emit(open_at, content, limit, None)
    return spans
