"""Paragraph assembly: rejoin hard-wrapped lines, tell headings from text.

Scraped articles come in two shapes. Most hold one paragraph per line, separated by blank lines.
Some are hard-wrapped at a fixed width, sometimes with a blank line after *every* wrapped line, so
that a wrap and a paragraph break look the same. The document is classed first (``wrap_width``),
then each pair of neighbouring lines is joined or split by the rules in ``_joins``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..document import BlockKind
from .lines import Line, ends_sentence


@dataclass
class Paragraph:
    lines: list[Line]
    kind: BlockKind = "paragraph"


def _starts_lower(text: str) -> bool:
    first = text.lstrip("'\"‘“(«-–—")[:1]
    return first.islower() or first.isdigit()


def _starts_upper(text: str) -> bool:
    first = text.lstrip("'\"‘“(«")[:1]
    return first.isupper()


def wrap_width(texts: list[str], settings: dict[str, Any]) -> int | None:
    """The wrap width of a hard-wrapped document, or None when its lines are paragraphs."""
    long = [t for t in texts if len(t) >= 30]
    if len(long) < 4:
        return None
    lengths = sorted(len(t) for t in long)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 160:
        return None
    open_ended = sum(1 for t in long if len(t) >= 0.6 * width and not ends_sentence(t))
    return width if open_ended / len(long) >= settings["wrap_min_share"] else None


def _is_heading(text: str, following: str | None, width: int | None, s: dict[str, Any]) -> bool:
    if following is None or not _starts_upper(text) or not _starts_upper(following):
        return False
    if ends_sentence(text) or text.rstrip()[-1:] in ",;:-–(":
        return False
    if len(text.split()) > s["heading_max_words"] or len(text) > s["heading_max_chars"]:
        return False
    return width is None or len(text) <= 0.7 * width


def _joins(prev: str, nxt: str, blank_between: bool, width: int | None, s: dict[str, Any]) -> bool:
    """Whether ``nxt`` continues the paragraph that ``prev`` is in."""
    if width is None:
        return not blank_between and (not ends_sentence(prev) or _starts_lower(nxt))
    if not ends_sentence(prev) or _starts_lower(nxt):
        return True
    first_word = nxt.split(maxsplit=1)[0] if nxt.split() else ""
    # A sentence end on a full line is a wrap; on a short line it ends the paragraph.
    return bool(len(prev) + 1 + len(first_word) > s["wrap_full_ratio"] * width)


def assemble(lines: list[Line], raw: str, settings: dict[str, Any]) -> list[Paragraph]:
    """Group cleaned lines into paragraphs, headings and captions."""
    kept = [(i, ln, ln.text(raw)) for i, ln in enumerate(lines) if ln.pieces]
    width = wrap_width([t for _, ln, t in kept if not ln.caption], settings)
    paragraphs: list[Paragraph] = []
    prev_index = -2
    for k, (i, line, text) in enumerate(kept):
        following = kept[k + 1][2] if k + 1 < len(kept) else None
        if line.caption:
            paragraphs.append(Paragraph([line], "caption"))
        elif _is_heading(text, following, width, settings):
            paragraphs.append(Paragraph([line], "heading"))
        elif (
            paragraphs
            and paragraphs[-1].kind == "paragraph"
            and _joins(paragraphs[-1].lines[-1].text(raw), text, i > prev_index + 1, width, settings)
        ):
            paragraphs[-1].lines.append(line)
        else:
            paragraphs.append(Paragraph([line]))
        prev_index = i
    return paragraphs
