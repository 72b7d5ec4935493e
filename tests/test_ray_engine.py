"""kroniek run --engine ray against a local Ray (127.0.0.1, 2 coding workers) that the tests start:
the same rows as a local run, also with a worker killed mid-run; kroniek import of its Parquet.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import app
from kroniek.pipeline import RunSummary, run
from kroniek.settings import load_settings

from .conftest import SAMPLE, need_ray, shared_path
from .tables import TABLES, assert_same_tables, table_rows, write_articles

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    """One local Ray for the module (starting one takes seconds): 2 coding workers, no dashboard."""
    need_ray()
    from kroniek.engines.ray_engine import ray_session

    with ray_session(None, 2, load_settings()):
        yield


def _ray_cli(paths: list[str], db: Path, *extra: str) -> str:
    result = runner.invoke(app, ["run", *paths, "--engine", "ray", "--workers", "2", "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def _summary_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("read ")).split(" → ")[0]


def test_sample_and_seeds_equal_a_local_run_and_import_again(tmp_path: Path) -> None:
    paths = [str(SAMPLE), str(shared_path("seeds"))]
    local = run(paths, tmp_path / "local.duckdb", load_settings(), workers=2)
    output = _ray_cli(paths, tmp_path / "ray.duckdb", "--parquet", str(tmp_path / "tables"))
    assert _summary_line(output) == local.line()
    counts = assert_same_tables(tmp_path / "local.duckdb", tmp_path / "ray.duckdb")
    assert counts["documents"] == local.new and counts["duplicates"] == 1 and counts["events"] > 50

    # The Parquet folder stored in another database: the same rows; a second import adds nothing.
    for attempt in (1, 2):
        imported = runner.invoke(
            app, ["import", str(tmp_path / "tables"), "--db", str(tmp_path / "other.duckdb")]
        )
        assert imported.exit_code == 0, imported.output
        assert ("new 20" if attempt == 1 else "new 0 · already stored 21") in imported.output
    assert_same_tables(tmp_path / "local.duckdb", tmp_path / "other.duckdb")

    # Running the same input into the same database again adds nothing.
    again = _ray_cli(paths, tmp_path / "ray.duckdb", "--parquet", str(tmp_path / "tables"))
    assert "new 0 · already stored 21" in again
    assert_same_tables(tmp_path / "local.duckdb", tmp_path / "ray.duckdb")


def _events_sorted(db: Path) -> list[str]:
    """``kroniek export --format jsonl``, its lines sorted."""
    out = db.with_suffix(".events.jsonl")
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return sorted(out.read_text("utf-8").splitlines())


def test_both_corpora_on_ray_equal_a_local_run_with_two_workers(
    tmp_path: Path, corpora_run: tuple[list[str], Path, RunSummary]
) -> None:
    inputs, local_db, local = corpora_run
    output = _ray_cli(inputs, tmp_path / "ray.duckdb")
    assert _summary_line(output) == local.line()
    ray_events, local_events = _events_sorted(tmp_path / "ray.duckdb"), _events_sorted(local_db)
    assert len(ray_events) > 1000
    assert ray_events == local_events
    ray_rows, local_rows = table_rows(tmp_path / "ray.duckdb"), table_rows(local_db)
    for table in TABLES:  # documents, mentions, timexes, events, quotes, duplicates, ...
        assert ray_rows[table] == local_rows[table], table


def _coding_workers() -> list[int]:
    """The pids of the Ray actors that run the stages (their process title names the class)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if title.startswith(b"ray::MapWorker(MapBatches(Coder))"):
            pids.append(int(entry.name))
    return pids


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path: Path) -> None:
    from kroniek.engines import ray_engine

    write_articles(tmp_path / "in", 160)
    # Small shards and blocks: the run is many batches, so a kill lands in the middle of it.
    settings = load_settings(overrides=["ray.shard_files=8", "ray.block_kib=8", "run.chunk_size=4"])
    local = run([str(tmp_path / "in")], tmp_path / "local.duckdb", settings, workers=1)
    outcomes = tmp_path / "tables" / "outcomes"
    result: dict[str, object] = {}

    def ray_run() -> None:
        try:
            result["summary"] = ray_engine.run(
                [str(tmp_path / "in")],
                tmp_path / "ray.duckdb",
                settings,
                workers=2,
                parquet=tmp_path / "tables",
            )[0]
        except Exception as exc:  # reported below
            result["error"] = exc

    earlier = set(_coding_workers())  # actors of an earlier run that may not have ended yet
    thread = threading.Thread(target=ray_run)
    thread.start()
    deadline = time.monotonic() + 240
    while not (outcomes.is_dir() and any(outcomes.glob("*.parquet")) and set(_coding_workers()) - earlier):
        assert thread.is_alive() and time.monotonic() < deadline, result
        time.sleep(0.05)
    victim = min(set(_coding_workers()) - earlier)
    written_before = len(list(outcomes.glob("*.parquet")))
    os.kill(victim, signal.SIGKILL)
    thread.join(timeout=300)
    assert not thread.is_alive()
    assert "error" not in result, result["error"]
    summary = result["summary"]
    assert isinstance(summary, RunSummary)
    assert victim not in _coding_workers()
    assert len(list(outcomes.glob("*.parquet"))) > written_before  # the run went on after the kill
    assert summary.line() == local.line()
    assert (summary.new, summary.failed) == (160, 0)
    assert_same_tables(tmp_path / "local.duckdb", tmp_path / "ray.duckdb")
    manifest = json.loads((tmp_path / "tables" / "manifest.json").read_text("utf-8"))
    assert manifest["shards"] == 20 and manifest["tables"]["documents"] == 160


def test_the_local_ray_listens_on_loopback_only() -> None:
    import ray

    assert ray._private.worker._global_node.node_ip_address == "127.0.0.1"


def test_bench_compares_ray_with_the_process_pool(tmp_path: Path) -> None:
    from kroniek.bench import run_bench

    result = run_bench([str(SAMPLE)], [1], load_settings(), profile_limit=0, engine="ray")
    (row,) = result["figures"]["engines"]
    assert row["pool"]["summary"] == row["ray"]["summary"]
    assert row["ray"]["articles_per_s"] > 0 and row["ratio"] > 0
    assert any("Ray / pool" in line for line in result["lines"])
