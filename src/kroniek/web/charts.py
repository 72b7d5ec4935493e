"""Charts as inline SVG, drawn on the server: the timeline, a dyad's monthly series, the network.

Every chart is a function of the page data alone and returns markup with all text escaped, so the
same chart serves the web UI and the self-contained report, and works without JavaScript.
``link`` turns an event or actor into an address; the report passes one that points inside the file.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from ..timex import interval

__all__ = ["QUAD_COLOURS", "network_svg", "score_colour", "series_svg", "timeline_svg"]

QUAD_COLOURS = {
    "verbal_cooperation": "#74b36b",
    "material_cooperation": "#1f7a3a",
    "verbal_conflict": "#e08a2c",
    "material_conflict": "#c0262d",
}
Link = Callable[[dict[str, Any]], str | None]
SERIES_STYLES = 6
"""Line styles s0..s5 in the stylesheet, one per series of a chart."""


def score_colour(score: float) -> str:
    """Red for conflict, grey for neutral, green for cooperation (PLOVER scores run -10..10)."""
    t = max(-1.0, min(1.0, score / 6.0))
    grey, red, green = (150, 150, 150), (192, 38, 45), (31, 122, 58)
    end = green if t > 0 else red
    rgb = [round(g + (e - g) * abs(t)) for g, e in zip(grey, end, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _a(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """Axis ticks: years for long spans, months for short ones, at most about 12."""
    days = (hi - lo).days
    if days > 3 * 366:
        step = max(1, math.ceil((hi.year - lo.year + 1) / 12))
        return [
            (dt.date(y, 1, 1), str(y))
            for y in range(lo.year, hi.year + 1, step)
            if lo <= dt.date(y, 1, 1) <= hi
        ]
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    step = max(1, math.ceil(months / 12))
    out = []
    y, m = lo.year, lo.month
    for i in range(months + 1):
        d = dt.date(y, m, 1)
        if lo <= d <= hi and i % step == 0:
            out.append((d, f"{y}-{m:02d}"))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def _label(e: dict[str, Any]) -> str:
    actor = ",".join(e["actor"]) or "?"
    recipient = ",".join(e["recipient"]) or "–"
    aux = f" [{e['aux']}]" if e.get("aux") else ""
    text = (e.get("quote") or "").strip()
    if len(text) > 160:
        text = text[:157] + "…"
    return f"{e.get('date') or 'undated'} {e['type']} {actor} → {recipient}{aux}: {text}"


def _range(spans: list[tuple[dt.date, dt.date]]) -> tuple[dt.date, dt.date]:
    """The time axis: from the first to the last event, leaving out the 2% furthest off at each end.

    One event dated 2030 or 1950 among a year of news would squash the rest into a sliver; such
    outliers are drawn as squares at the edge of the axis (their tooltip gives their date).
    """
    mids = sorted(start + (end - start) / 2 for start, end in spans)
    cut = len(mids) // 50 if len(mids) >= 50 else 0
    core = mids[cut : len(mids) - cut]
    lo = min(min(s[0] for s in spans if core[0] <= s[0] + (s[1] - s[0]) / 2), core[0])
    hi = max(max(s[1] for s in spans if s[0] + (s[1] - s[0]) / 2 <= core[-1]), core[-1])
    return dt.date(lo.year, lo.month, 1), hi


def _jitter(e: dict[str, Any]) -> float:
    """A small vertical offset, the same in every drawing, so that equal scores do not hide each other."""
    return (zlib.crc32(f"{e['doc']}#{e['n']}".encode()) % 1000) / 1000 * 1.2 - 0.6


def timeline_svg(
    events: list[dict[str, Any]], link: Link, title: str, width: int = 960, height: int = 260
) -> Markup:
    """Events as points: x their date (the middle of its interval), y their PLOVER score.

    A filled point is an event stated as a fact; a hollow one is future, hypothetical or negated.
    A date that spans more than a month is drawn as a line across its span.
    """
    dated = [(e, iv) for e in events if (iv := interval(e.get("date"))) is not None]
    left, right, top, bottom = 48, 30, 24, 28
    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" data-points="{len(dated)}">',
        f'<text class="chart-title" x="{left}" y="14">{escape(title)}</text>',
    ]
    if not dated:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">no dated events</text></svg>'
        )
        return Markup("".join(parts))
    lo, hi = _range([iv for _, iv in dated])
    days = max((hi - lo).days, 1)

    def x(d: dt.date) -> float:
        d = min(max(d, lo), hi)
        return left + (width - left - right) * (d - lo).days / days

    def y(score: float) -> float:
        return top + (height - top - bottom) * (10 - score) / 20

    for s, name in ((5, "+5"), (0, "0"), (-5, "−5")):
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(s):.1f}" y2="{y(s):.1f}"/>')
        parts.append(f'<text class="axis" x="{left - 6}" y="{y(s) + 4:.1f}" text-anchor="end">{name}</text>')
    for d, name in _ticks(lo, hi):
        parts.append(
            f'<line class="tick" x1="{x(d):.1f}" x2="{x(d):.1f}" y1="{top}" y2="{height - bottom}"/>'
        )
        parts.append(f'<text class="axis" x="{x(d):.1f}" y="{height - 8}" text-anchor="middle">{name}</text>')
    for e, (start, end) in dated:
        colour = QUAD_COLOURS.get(e.get("quad") or "", "#777")
        score = float(e.get("score") or 0.0)
        mid = start + (end - start) / 2
        cx, cy = x(mid), y(score + _jitter(e))
        outside = not lo <= mid <= hi
        mark = ""
        if 31 < (end - start).days <= 400 and not outside:
            mark += (
                f'<line class="span" x1="{x(start):.1f}" x2="{x(end):.1f}" y1="{cy:.1f}" y2="{cy:.1f}" '
                f'stroke="{colour}"/>'
            )
        fill = "none" if e.get("aux") else colour
        shape = (
            f'<rect class="point outside" x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" '
            if outside
            else f'<circle class="point" cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" '
        )
        mark += (
            f'{shape}fill="{fill}" stroke="{colour}" data-event="{escape(e["doc"])}#{e["n"]}">'
            f"<title>{escape(_label(e))}</title>{'</rect>' if outside else '</circle>'}"
        )
        parts.append(_a(link(e), mark))
    parts.append("</svg>")
    return Markup("".join(parts))


def series_svg(
    series: dict[str, list[dict[str, Any]]],
    link: Callable[[str, str], str | None],
    label: Callable[[str], str] = lambda key: key.replace("-", " → "),
    width: int = 960,
    height: int = 280,
) -> Markup:
    """Monthly mean scores, one line per series (a dyad's directions, an actor's partners).

    ``series`` maps a key ("PRK-USA") to points ``{"month", "events", "mean_score"}``; each point's
    size is its number of events, and ``link(key, month)`` is where a click on it leads.
    """
    months = sorted({p["month"] for points in series.values() for p in points})
    left, right, top, bottom = 48, 30, 30, 28
    parts = [
        f'<svg class="chart series" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="cooperation and conflict per month" '
        f'data-points="{sum(len(v) for v in series.values())}">'
    ]
    if not months:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">'
            "no events dated to a month</text></svg>"
        )
        return Markup("".join(parts))
    first = dt.date.fromisoformat(months[0] + "-01")
    last = dt.date.fromisoformat(months[-1] + "-01")
    n = (last.year - first.year) * 12 + last.month - first.month

    def x(month: str) -> float:
        d = dt.date.fromisoformat(month + "-01")
        i = (d.year - first.year) * 12 + d.month - first.month
        inset = 24  # keep the first and last points clear of the axis labels
        return left + inset + (width - left - right - 2 * inset) * (i / n if n else 0.5)

    def y(score: float) -> float:
        return top + (height - top - bottom) * (10 - score) / 20

    for s, name in ((5, "+5 cooperation"), (0, "0"), (-5, "−5 conflict")):
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(s):.1f}" y2="{y(s):.1f}"/>')
        parts.append(f'<text class="axis" x="{left + 4}" y="{y(s) - 3:.1f}">{name}</text>')
    step = max(1, math.ceil((n + 1) / 12))  # at most about 12 labels, evenly spaced in time
    for i in range(0, n + 1, step):
        y_, m_ = divmod(first.month - 1 + i, 12)
        m = f"{first.year + y_}-{m_ + 1:02d}"
        parts.append(f'<text class="axis" x="{x(m):.1f}" y="{height - 8}" text-anchor="middle">{m}</text>')
    for i, (key, points) in enumerate(series.items()):
        cls = f"s{i % SERIES_STYLES}"
        name = label(key)
        parts.append(f'<text class="legend {cls}" x="{left + 8 + i * 160}" y="16">● {escape(name)}</text>')
        if len(points) > 1:
            path = " ".join(f"{x(p['month']):.1f},{y(p['mean_score']):.1f}" for p in points)
            parts.append(f'<polyline class="line {cls}" points="{path}"/>')
        for p in points:
            r = 3 + 2 * math.sqrt(p["events"])
            tip = f"{name} {p['month']}: {p['events']} events, mean score {p['mean_score']:+.2f}"
            dot = (
                f'<circle class="point {cls}" cx="{x(p["month"]):.1f}" '
                f'cy="{y(p["mean_score"]):.1f}" r="{r:.1f}" '
                f'data-month="{p["month"]}"><title>{escape(tip)}</title></circle>'
            )
            parts.append(_a(link(key, p["month"]), dot))
    parts.append("</svg>")
    return Markup("".join(parts))


def layout(
    nodes: list[str], edges: list[tuple[str, str, float]], iterations: int = 150
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions in the unit square, deterministic (start on a circle)."""
    import numpy as np

    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.5, 0.5)}
    index = {c: i for i, c in enumerate(nodes)}
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.stack([np.cos(angle), np.sin(angle)], axis=1) * 0.5
    weight = np.zeros((n, n))
    for a, b, w in edges:
        weight[index[a], index[b]] += w
        weight[index[b], index[a]] += w
    weight = np.log1p(weight)
    k = 1.0 / math.sqrt(n)
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        repulse = (k * k / dist**2)[:, :, None] * delta
        attract = (weight * dist / k)[:, :, None] * delta
        move = (repulse - attract).sum(axis=1)
        length = np.maximum(np.linalg.norm(move, axis=1), 1e-9)
        pos += move / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= 0.97
    pos -= pos.min(axis=0)
    pos /= np.maximum(pos.max(axis=0), 1e-9)
    return {c: (float(pos[i, 0]), float(pos[i, 1])) for c, i in index.items()}


def network_svg(
    network: dict[str, Any],
    link_node: Callable[[str], str | None],
    link_edge: Callable[[str, str], str | None],
    width: int = 960,
    height: int = 620,
) -> Markup:
    """Actors as circles sized by their events; edges as lines, width by events, colour by mean score."""
    nodes = network["nodes"]
    edges = network["edges"]
    pos = layout([n["id"] for n in nodes], [(e["source"], e["target"], e["events"]) for e in edges])
    pad = 40

    def at(code: str) -> tuple[float, float]:
        px, py = pos[code]
        return pad + px * (width - 2 * pad), pad + py * (height - 2 * pad)

    most = max([e["events"] for e in edges] + [1])
    biggest = max([n["events"] for n in nodes] + [1])
    parts = [
        f'<svg class="chart network" viewBox="0 0 {width} {height}" role="img" aria-label="actor network" '
        f'data-nodes="{len(nodes)}" data-edges="{len(edges)}">'
    ]
    if not nodes:
        parts.append(
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">no events in this period</text>'
        )
    for e in edges:
        (x1, y1), (x2, y2) = at(e["source"]), at(e["target"])
        w = 1 + 7 * math.sqrt(e["events"] / most)
        tip = f"{e['source']} – {e['target']}: {e['events']} events, mean score {e['mean_score']:+.2f}"
        line = (
            f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="{score_colour(e["mean_score"])}" stroke-width="{w:.1f}">'
            f"<title>{escape(tip)}</title></line>"
        )
        parts.append(_a(link_edge(e["source"], e["target"]), line))
    for n in nodes:
        cx, cy = at(n["id"])
        r = 6 + 16 * math.sqrt(n["events"] / biggest)
        node = (
            f'<g class="node" data-id="{escape(n["id"])}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}">'
            f"<title>{escape(n['id'])}: {n['events']} event links</title></circle>"
            f'<text x="{cx:.1f}" y="{cy + r + 12:.1f}" text-anchor="middle">{escape(n["id"])}</text></g>'
        )
        parts.append(_a(link_node(n["id"]), node))
    parts.append("</svg>")
    return Markup("".join(parts))
