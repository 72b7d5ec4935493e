"""Throughput benchmark of read + clean + dedup + store, on one core and on N worker processes.

Reported as articles per second per core and peak memory, with the machine stated; no timing is
asserted anywhere (machines differ), the figures go into the README table.
"""

from __future__ import annotations

import os
import platform
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from .pipeline import run
from .settings import load_settings


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _one(paths: list[str], workers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        summary = run(paths, db, load_settings(), workers=workers)
        seconds = time.perf_counter() - start
        db_mb = db.stat().st_size / 2**20
    articles = summary.read - summary.failed - summary.skipped
    rate = articles / seconds if seconds else 0.0
    return {
        "workers": workers,
        "articles": articles,
        "seconds": round(seconds, 2),
        "articles_per_s": round(rate, 1),
        "articles_per_s_per_core": round(rate / max(1, workers), 1),
        "db_mb": round(db_mb, 1),
        "summary": summary.line(),
    }


def run_bench(paths: list[str], workers: int) -> dict[str, Any]:
    """Time the pipeline on ``paths`` with 1 and ``workers`` processes."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(f"bench input not found: {', '.join(missing)}")
    runs = [_one(paths, 1)]
    if workers > 1:
        runs.append(_one(paths, workers))
    own, child = _peak_rss_mb()
    machine = f"{_cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    figures = {
        "machine": machine,
        "inputs": paths,
        "runs": runs,
        "peak_rss_mb": {"main": round(own), "worker": round(child)},
    }
    lines = [f"machine: {machine}", f"inputs: {' '.join(paths)}"]
    for r in runs:
        lines.append(
            f"workers {r['workers']}: {r['articles']} articles in {r['seconds']} s = "
            f"{r['articles_per_s']} articles/s ({r['articles_per_s_per_core']} per core), "
            f"db {r['db_mb']} MiB"
        )
    lines.append(f"peak memory: main process {round(own)} MiB, largest worker {round(child)} MiB")
    if len(runs) == 2 and runs[0]["articles_per_s"]:
        speedup = runs[1]["articles_per_s"] / runs[0]["articles_per_s"]
        lines.append(f"speed-up with {workers} workers: {speedup:.2f}x")
        figures["speedup"] = round(speedup, 2)
    return {"figures": figures, "lines": lines}
