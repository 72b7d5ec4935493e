"""Throughput benchmark of the whole pipeline, on one core and on N worker processes, and the time
each stage takes (words/s per stage, so each linguistic backend is measured on the same text).

Reported as articles per second per core and peak memory, with the machine stated; no timing is
asserted anywhere (machines differ), the figures go into the README table.
"""

from __future__ import annotations

import os
import platform
import resource
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

from .pipeline import process_item, run, stages
from .readers import RawItem, iter_items, to_document
from .settings import Settings, load_settings


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


def _one(paths: list[str], workers: int, settings: Settings) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        summary = run(paths, db, settings, workers=workers)
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


def _one_ray(paths: list[str], workers: int, settings: Settings) -> dict[str, Any]:
    """One ``kroniek run --engine ray`` into a fresh database: a local Ray started and stopped,
    the coding, the Parquet tables and the import, all timed together (and the coding alone)."""
    from .engines import ray_engine

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        summary, ray_run = ray_engine.run(paths, db, settings, workers=workers)
        seconds = time.perf_counter() - start
    articles = summary.read - summary.failed - summary.skipped
    rate = articles / seconds if seconds else 0.0
    coding = articles / ray_run.code_seconds if ray_run.code_seconds else 0.0
    return {
        "engine": "ray",
        "workers": workers,
        "articles": articles,
        "seconds": round(seconds, 2),
        "ray_start_seconds": round(ray_run.start_seconds, 2),
        "coding_seconds": round(ray_run.code_seconds, 2),
        "articles_per_s": round(rate, 1),
        "articles_per_s_per_core": round(rate / max(1, workers), 1),
        "coding_articles_per_s": round(coding, 1),
        "summary": summary.line(),
    }


def engine_comparison(
    paths: list[str], workers: list[int], settings: Settings, repeat: int = 1
) -> dict[str, Any]:
    """For each worker count: a process-pool run and a Ray run of the same input, one after the
    other (so both meet the same load), ``repeat`` times, and the best of each compared: Ray's
    throughput as a share of the pool's. On a machine shared with other work the best run is
    the one least disturbed."""
    rows = []
    for n in workers:
        pools, rays = [], []
        for _ in range(repeat):
            pools.append(_one(paths, n, settings))
            rays.append(_one_ray(paths, n, settings))
        pool = max(pools, key=lambda r: float(r["articles_per_s"]))
        ray = max(rays, key=lambda r: float(r["articles_per_s"]))
        ratio = ray["articles_per_s"] / pool["articles_per_s"] if pool["articles_per_s"] else 0.0
        coding = ray["coding_articles_per_s"] / pool["articles_per_s"] if pool["articles_per_s"] else 0.0
        rows.append(
            {
                "workers": n,
                "pool": pool,
                "ray": ray,
                "ratio": round(ratio, 2),
                "coding_ratio": round(coding, 2),
                "pool_runs_per_s": [r["articles_per_s"] for r in pools],
                "ray_runs_per_s": [r["articles_per_s"] for r in rays],
            }
        )
    return {"engines": rows}


def stage_profile(paths: list[str], settings: Settings, limit: int) -> dict[str, Any]:
    """Seconds per stage over the first ``limit`` articles, in this process (models loaded first)."""
    items = [i for i in islice(iter_items(paths, settings["read"]), limit * 2) if isinstance(i, RawItem)][
        :limit
    ]
    bound = stages(settings)
    if items:  # load models and lexicons before timing
        process_item(items[0], settings)
    seconds = dict.fromkeys([name for name, _ in bound], 0.0)
    seconds["read"] = 0.0
    words = articles = 0
    for item in items:
        started = time.perf_counter()
        doc = to_document(item, settings["read"])
        seconds["read"] += time.perf_counter() - started
        try:
            for name, stage in bound:
                started = time.perf_counter()
                doc = stage(doc)
                seconds[name] += time.perf_counter() - started
        except Exception:  # a failing document is the pipeline's business; profile the rest
            continue
        words += len(doc.clean.split())
        articles += 1
    return {
        "articles": articles,
        "words": words,
        "backend": settings["analyse"]["backend"],
        "stages": {
            name: {
                "seconds": round(sec, 2),
                "ms_per_article": round(1000 * sec / max(1, articles), 1),
                "words_per_s": round(words / sec) if sec else None,
            }
            for name, sec in seconds.items()
        },
    }


def run_bench(
    paths: list[str],
    workers: int | list[int],
    settings: Settings | None = None,
    profile_limit: int = 200,
    pipeline: bool = True,
    engine: str = "process",
    repeat: int = 1,
) -> dict[str, Any]:
    """Time the pipeline on ``paths`` with 1 and ``workers`` processes, and each stage on one core.

    ``engine="ray"``: for each of ``workers``, a process-pool run and a Ray run, compared.
    """
    settings = settings or load_settings()
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise FileNotFoundError(f"bench input not found: {', '.join(missing)}")
    counts = [workers] if isinstance(workers, int) else list(workers)
    profile = stage_profile(paths, settings, profile_limit) if profile_limit else None
    runs: list[dict[str, Any]] = []
    if pipeline and engine == "process":
        if len(counts) == 1:  # as before: one process, then N
            counts = sorted({1, counts[0]})
        runs = [_one(paths, n, settings) for n in counts]
    engines = engine_comparison(paths, counts, settings, repeat) if pipeline and engine == "ray" else None
    own, child = _peak_rss_mb()
    machine = f"{_cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    figures: dict[str, Any] = {
        "machine": machine,
        "inputs": paths,
        "backend": settings["analyse"]["backend"],
        "runs": runs,
        "stage_profile": profile,
        "peak_rss_mb": {"main": round(own), "worker": round(child)},
    }
    lines = [
        f"machine: {machine}",
        f"inputs: {' '.join(paths)}",
        f"backend: {settings['analyse']['backend']}",
    ]
    if profile:
        lines.append(f"stages, one core, {profile['articles']} articles, {profile['words']} words:")
        for name, row in profile["stages"].items():
            rate = f"{row['words_per_s']:,} words/s" if row["words_per_s"] else "-"
            lines.append(f"  {name:12} {row['ms_per_article']:8.1f} ms/article  {rate}")
    for r in runs:
        lines.append(
            f"workers {r['workers']}: {r['articles']} articles in {r['seconds']} s = "
            f"{r['articles_per_s']} articles/s ({r['articles_per_s_per_core']} per core), "
            f"db {r['db_mb']} MiB"
        )
    for row in (engines or {}).get("engines", []):
        pool, ray = row["pool"], row["ray"]
        lines.append(
            f"{row['workers']} workers: process pool {pool['articles_per_s']} articles/s "
            f"({pool['articles_per_s_per_core']} per worker, {pool['seconds']} s); "
            f"Ray {ray['articles_per_s']} articles/s ({ray['articles_per_s_per_core']} per worker, "
            f"{ray['seconds']} s: Ray start {ray['ray_start_seconds']} s, coding {ray['coding_seconds']} s); "
            f"Ray / pool {row['ratio']:.2f} ({row['coding_ratio']:.2f} counting the coding alone)"
        )
        if len(row["pool_runs_per_s"]) > 1:
            lines.append(
                f"  every run, articles/s: pool {row['pool_runs_per_s']}, Ray {row['ray_runs_per_s']}"
            )
    if engines is not None:
        figures["engines"] = engines["engines"]
    lines.append(f"peak memory: main process {round(own)} MiB, largest worker {round(child)} MiB")
    if len(runs) == 2 and runs[0]["articles_per_s"]:
        speedup = runs[1]["articles_per_s"] / runs[0]["articles_per_s"]
        lines.append(f"speed-up with {runs[1]['workers']} workers: {speedup:.2f}x")
        figures["speedup"] = round(speedup, 2)
    return {"figures": figures, "lines": lines}
