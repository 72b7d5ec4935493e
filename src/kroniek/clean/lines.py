"""Line-level cleaning: template placeholders, share/newsletter widgets, photo credits and captions.

Each raw line becomes a ``Line`` holding the raw spans it keeps ("pieces"); what it drops is
recorded as a ``Removal`` with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Removal
from ..languages import CleaningRules

# {{ title }}, {{ trans('...') }}, {% if x %}, and the same left half-rendered: {{ errors . email[0] }}
PLACEHOLDER_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}\n]{0,80}\}")
# A photo credit ("Beeld Gamma-Rapho via Getty Images") fits in this many characters.
CREDIT_MAX_CHARS = 120
# Widget lines are short: longer lines are article text and skip the widget patterns.
WIDGET_MAX_CHARS = 300
SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")


@dataclass
class Line:
    """One raw line and the raw spans kept from it."""

    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    caption: bool = False

    def text(self, raw: str) -> str:
        return " ".join(raw[a:b] for a, b in self.pieces)

    @property
    def kept_start(self) -> int:
        return self.pieces[0][0]

    @property
    def kept_end(self) -> int:
        return self.pieces[-1][1]


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END_RE.search(text))


def _trimmed(raw: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and raw[start].isspace():
        start += 1
    while end > start and raw[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _remove_placeholders(raw: str, start: int, end: int, removed: list[Removal]) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    pos = start
    for m in PLACEHOLDER_RE.finditer(raw, start, end):
        span = _trimmed(raw, pos, m.start())
        if span:
            pieces.append(span)
        removed.append(Removal(m.start(), m.end(), "template", m.group()))
        pos = m.end()
    span = _trimmed(raw, pos, end)
    if span:
        pieces.append(span)
    return pieces


def _strip_credit(
    line: Line, raw: str, rules: CleaningRules, removed: list[Removal], caption_min_words: int
) -> None:
    """Drop a photo credit at the end of the line; drop the caption too unless it is a sentence."""
    last_start, last_end = line.pieces[-1]
    # A credit is short and ends the line: only the tail is searched (it starts a line or follows
    # a sentence end, so one character of context before the tail is enough).
    tail_start = max(last_start, last_end - CREDIT_MAX_CHARS)
    text = raw[tail_start:last_end]
    match = None
    for pattern in (rules.credit_re, rules.agency_only_re):
        match = pattern.search(raw, tail_start, last_end) if tail_start > last_start else pattern.search(text)
        if match:
            break
    if not match:
        return
    cut = match.start() if tail_start > last_start else tail_start + match.start()
    removed.append(Removal(cut, last_end, "credit", raw[cut:last_end]))
    kept = _trimmed(raw, last_start, cut)
    line.pieces = line.pieces[:-1] + ([kept] if kept else [])
    if not line.pieces:
        return
    caption = line.text(raw)
    if ends_sentence(caption) and len(caption.split()) >= caption_min_words:
        line.caption = True  # a caption that says something ("Eind juli ontving Kim ...")
    else:
        removed.append(Removal(line.kept_start, line.kept_end, "caption", caption))
        line.pieces = []


def split_lines(
    raw: str, start: int, rules: CleaningRules, removed: list[Removal], caption_min_words: int
) -> list[Line]:
    """Raw lines from ``start`` on, with placeholders, widgets and credits taken out.

    Blank lines (or lines left empty) come back with no pieces: they separate paragraphs.
    """
    lines: list[Line] = []
    pos = start
    n = len(raw)
    while pos < n:
        nl = raw.find("\n", pos)
        end = n if nl < 0 else nl
        line = Line(pos, end, _remove_placeholders(raw, pos, end, removed))
        if line.pieces:
            text = line.text(raw)
            if len(text) <= WIDGET_MAX_CHARS and rules.widget_re.search(text):
                removed.append(Removal(line.kept_start, line.kept_end, "widget", text))
                line.pieces = []
            else:
                _strip_credit(line, raw, rules, removed, caption_min_words)
        lines.append(line)
        pos = end + 1
    return lines
