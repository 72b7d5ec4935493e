"""One self-contained HTML file with the UI's views: overview, timeline, dyads, network, events.

The stylesheet is inlined and the charts are inline SVG; the file has no script and names no
address outside itself, and its Content-Security-Policy (``default-src 'none'``) stops a browser
from loading anything even if some text did. Links point inside the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import charts
from .app import environment
from .data import NotFound, WebData

__all__ = ["REPORT_CSP", "build_report", "write_report"]

REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)


def _version() -> str:
    try:
        return metadata.version("kroniek")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "?"


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text)


def _month_link(anchor: str) -> Callable[[str, str], str]:
    return lambda key, month: f"#{anchor}-{month}"


def build_report(data: WebData, *, dyads: int = 6, network_nodes: int = 40) -> str:
    """The report's HTML for one database: the top ``dyads`` dyads (both directions together)."""
    overview = data.overview()
    timeline = data.timeline({})
    pairs: list[tuple[str, str]] = []
    for d in data.dyads(limit=4 * dyads):
        pair = (min(d["actor"], d["recipient"]), max(d["actor"], d["recipient"]))
        if pair not in pairs:
            pairs.append(pair)
        if len(pairs) == dyads:
            break
    dyad_pages: list[dict[str, Any]] = []
    for a, b in pairs:
        try:
            page = data.dyad(a, b)
        except NotFound:  # pragma: no cover - a pair from the dyad list always has events
            continue
        anchor = f"dyad-{_anchor(a)}-{_anchor(b)}"
        page["anchor"] = anchor
        page["svg"] = charts.series_svg(page["series"], _month_link(anchor))
        dyad_pages.append(page)
    in_report = {f"{p['a']}-{p['b']}" for p in dyad_pages} | {f"{p['b']}-{p['a']}" for p in dyad_pages}
    network = data.network({}, max_nodes=network_nodes)
    svg_network = charts.network_svg(
        network,
        lambda code: None,
        lambda a, b: f"#dyad-{_anchor(min(a, b))}-{_anchor(max(a, b))}" if f"{a}-{b}" in in_report else None,
    )
    events = data.all_events()
    css = resources.files("kroniek.web").joinpath("static/kroniek.css").read_text("utf-8")
    env = environment()
    template = env.get_template("report.html")
    return template.render(
        css=Markup(css.replace("</", "<\\/")),
        csp=REPORT_CSP,
        db_name=data.path.name,
        made=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=_version(),
        overview=overview,
        timeline=timeline,
        new_svg=charts.timeline_svg(timeline["events"], lambda e: None, "New events (dated in the article)"),
        historical_svg=charts.timeline_svg(
            timeline["historical"],
            lambda e: None,
            "Historical mentions (well before publication)",
            height=200,
        ),
        dyads=dyad_pages,
        network=network,
        network_svg=svg_network,
        events=events,
    )


def write_report(db: str | Path, output: str | Path, *, max_rows: int = 5000, dyads: int = 6) -> int:
    """Write the report for ``db`` to ``output``; returns its size in bytes."""
    data = WebData(db, max_rows=max_rows, timeout_s=120.0)
    try:
        html = build_report(data, dyads=dyads)
    finally:
        data.close()
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, "utf-8")
    return len(html.encode("utf-8"))
