"""How fast the web UI answers: every kind of page and its JSON twin, over a real HTTP server.

The pages to ask for are taken from the database itself (its busiest dyads and actors, its
articles, its most mentioned names as search terms), so the benchmark runs on any database. With
``every=True`` it also asks for every article and every actor page once, and counts the answers
that are not 200.
"""

from __future__ import annotations

import math
import random
import statistics
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .app import json_twin, serve_in_thread
from .data import WebData

__all__ = ["bench_pages", "page_urls"]


def page_urls(data: WebData, articles: int = 20, seed: int = 7) -> dict[str, list[str]]:
    """Representative addresses per kind of page, chosen from what the database holds."""
    dyads = data.dyads(limit=5)
    codes = data.choices()["codes"][:5]
    ids = [r["id"] for r in data.query("SELECT id FROM documents ORDER BY id")]
    busiest = [
        r["doc_id"]
        for r in data.query(
            "SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id ORDER BY n DESC, doc_id LIMIT ?",
            [articles // 2],
        )
    ]
    rng = random.Random(seed)
    picked = busiest + rng.sample(ids, min(len(ids), articles - len(busiest)))
    people = [
        r["name"]
        for r in data.query(
            "SELECT name, count(*) AS n FROM mentions WHERE kind = 'person' AND name IS NOT NULL "
            "GROUP BY name ORDER BY n DESC, name LIMIT 3"
        )
    ]
    months = sorted(
        m for m in (r["published"] for r in data.query("SELECT DISTINCT published FROM documents")) if m
    )
    period = f"from={months[len(months) // 3][:7]}&to={months[2 * len(months) // 3][:7]}" if months else ""
    top = codes[0] if codes else "USA"
    return {
        "overview": ["/"],
        "timeline": ["/timeline", f"/timeline?actor={top}", "/timeline?quad=material_conflict&historical=no"],
        "dyad": [f"/dyads/{quote(d['actor'])}-{quote(d['recipient'])}" for d in dyads],
        "network": ["/network", f"/network?{period}"],
        "articles": ["/articles", "/articles?page=5"],
        "article": [f"/articles/{quote(i, safe='')}" for i in picked],
        "actors": ["/actors", f"/actors?q={quote(people[0][:4])}" if people else "/actors?q=a"],
        "actor": [f"/actors/{quote(c, safe='')}" for c in codes]
        + [f"/actors/{quote(p, safe='')}" for p in people],
        "search": [f"/search?q={quote(p)}" for p in people] + [f"/search?q={quote(top)}"],
    }


def _get(url: str) -> tuple[int, float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    return status, time.perf_counter() - started, len(body)


def bench_pages(
    db: str | Path, repeats: int = 3, every: bool = False, max_rows: int = 1000
) -> dict[str, Any]:
    """Time each page and its JSON twin ``repeats`` times; returns the figures per kind of page."""
    data = WebData(db, max_rows=max_rows)
    try:
        urls = page_urls(data)
        all_ids = [r["id"] for r in data.query("SELECT id FROM documents ORDER BY id")] if every else []
        all_codes = data.choices()["codes"] if every else []
    finally:
        data.close()
    timings: dict[str, list[float]] = defaultdict(list)
    sizes: dict[str, list[int]] = defaultdict(list)
    failed: list[str] = []
    with serve_in_thread(db, max_rows) as base:
        _get(f"{base}/")  # warm up: templates compiled, first query planned
        for kind, paths in urls.items():
            for path in paths:
                twin = json_twin(*path.split("?", 1))
                for variant, address in ((kind, path), (f"{kind}.json", twin)):
                    for _ in range(repeats):
                        status, seconds, size = _get(base + address)
                        if status != 200:
                            failed.append(f"{status} {address}")
                        timings[variant].append(seconds)
                        sizes[variant].append(size)
        checked = 0
        started = time.perf_counter()
        for path in [f"/articles/{quote(i, safe='')}" for i in all_ids] + [
            f"/actors/{quote(c, safe='')}" for c in all_codes
        ]:
            status, seconds, _ = _get(base + path)
            checked += 1
            timings["every page"].append(seconds)
            if status != 200:
                failed.append(f"{status} {path}")
        every_seconds = time.perf_counter() - started
    figures = {
        kind: {
            "requests": len(t),
            "median_ms": round(1000 * statistics.median(t), 1),
            "p95_ms": round(1000 * sorted(t)[math.ceil(0.95 * len(t)) - 1], 1),  # nearest rank
            "max_ms": round(1000 * max(t), 1),
            "median_kib": round(statistics.median(sizes[kind]) / 1024, 1) if sizes.get(kind) else None,
        }
        for kind, t in timings.items()
    }
    return {
        "db": str(db),
        "figures": figures,
        "failed": failed,
        "every_page": {"checked": checked, "seconds": round(every_seconds, 1)} if every else None,
        "slowest_ms": round(1000 * max(max(t) for t in timings.values()), 1),
    }
