"""An article's clean text as HTML, with actors, time expressions and event evidence marked.

Spans may overlap (an actor inside an event's evidence): the text is cut at every span boundary
and each piece carries the classes of all spans over it. Every piece of text is escaped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

__all__ = ["Span", "annotated_blocks", "spans_of"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # actor | timex | evidence
    label: str
    event: int | None = None


def spans_of(article: dict[str, Any]) -> list[Span]:
    """The spans to mark in one article's page data (:meth:`WebData.article`)."""
    spans = [
        Span(
            m["start"], m["end"], "actor", " · ".join(str(v) for v in (m["name"], m["code"], m["role"]) if v)
        )
        for m in article["mentions"]
    ]
    spans += [
        Span(t["start"], t["end"], "timex", str(t["value"] or t["precision"])) for t in article["timexes"]
    ]
    for e in article["events"]:
        parties = f"{','.join(e['actor'])} → {','.join(e['recipient']) or '–'}"
        label = f"{e['type']} {parties} {e['date'] or ''}".strip()
        spans += [Span(ev["start"], ev["end"], "evidence", label, e["n"]) for ev in e["evidence"]]
    return spans


def _piece(text: str, over: list[Span]) -> str:
    if not over:
        return str(escape(text))
    kinds = sorted({s.kind for s in over})
    events = sorted({s.event for s in over if s.event is not None})
    title = "\n".join(dict.fromkeys(s.label for s in over))
    attrs = f' class="{" ".join(kinds)}" title="{escape(title)}"'
    if events:
        attrs += f' data-events="{" ".join(str(n) for n in events)}"'
    return f"<mark{attrs}>{escape(text)}</mark>"


def _html(text: str, offset: int, spans: Iterable[Span]) -> Markup:
    """``text`` (which starts at ``offset`` in the article) with the spans over it marked."""
    end = offset + len(text)
    inside = [s for s in spans if s.start < end and s.end > offset and s.end > s.start]
    cuts = sorted({offset, end} | {max(offset, min(end, p)) for s in inside for p in (s.start, s.end)})
    out = []
    for a, b in itertools.pairwise(cuts):
        if b <= a:
            continue
        over = [s for s in inside if s.start <= a and s.end >= b]
        out.append(_piece(text[a - offset : b - offset], over))
    return Markup("".join(out))


def annotated_blocks(article: dict[str, Any]) -> list[dict[str, Any]]:
    """The article as blocks (``kind``: paragraph, heading, caption) of marked-up HTML."""
    doc = article["document"]
    text: str = doc["text"]
    spans = spans_of(article)
    blocks = doc["blocks"] or [[0, len(text), "paragraph"]]
    return [{"kind": kind, "html": _html(text[start:end], start, spans)} for start, end, kind in blocks]
