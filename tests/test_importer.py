"""Outcome rows written in any order become the tables of a local run (kroniek.store.importer).

An engine here in the test plays Ray's part without Ray: it reads each input with the Ray
engine's own reader, codes batches with its own coding class, and writes the batches as Parquet
files in a scrambled order, one of them twice (a task retried after its worker died).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kroniek.engines.ray_engine import coder_class, plan, read_shard
from kroniek.pipeline import run
from kroniek.readers import JsonFields
from kroniek.settings import Settings, load_settings
from kroniek.store.importer import ImportError_, import_outcomes, write_tables

from .conftest import SAMPLE
from .tables import assert_same_tables, columns, table_rows, write_articles


def code_scrambled(paths: list[str], directory: Path, settings: Settings, seed: int = 1) -> None:
    """What ``code_with_ray`` does, in this process, finishing batches in a random order."""
    shards = plan(paths, directory, 2, settings)
    rows = [r for shard in shards for r in read_shard(shard, settings, JsonFields(), {})]
    rng = random.Random(seed)
    rng.shuffle(rows)  # items reach the workers in no particular order
    coder = coder_class(settings)()
    batches = [coder(pa.Table.from_pylist(rows[i : i + 5])) for i in range(0, len(rows), 5)]
    batches.append(batches[0])  # a batch written twice
    (directory / "outcomes").mkdir()
    for n, batch in enumerate(batches):
        pq.write_table(batch, directory / "outcomes" / f"part-{n:03d}.parquet")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The sample, and across inputs: an exact copy, a near copy, an id taken by another text."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLE, root / "sample")
    other = root / "other"
    other.mkdir()
    shutil.copy(SAMPLE / "nl" / "002_top_hanoi.txt", other / "copy_of_hanoi.txt")
    text = (SAMPLE / "nl" / "004_poetin_kim_vostotsjny.txt").read_text("utf-8")
    (other / "near_vostotsjny.txt").write_text(text.replace("Poetin", "Poetin zelf", 1), "utf-8")
    (other / "001_top_singapore.txt").write_text(" date 2019-03-01\nEen heel ander bericht.", "utf-8")
    write_articles(other / "more", 6)
    lines = [json.dumps({"id": "j1", "text": ""}), "{not json", json.dumps({"id": "j2", "text": "Kort."})]
    (other / "odd.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return [str(root / "sample"), str(other)]


def test_scrambled_outcomes_import_as_a_local_run(tmp_path: Path, corpus: list[str]) -> None:
    settings = load_settings(overrides=["ray.shard_files=4"])  # several inputs per shard
    local = run(corpus, tmp_path / "local.duckdb", settings, workers=1)
    directory = tmp_path / "out.parquet"
    code_scrambled(corpus, directory, settings)
    summary = import_outcomes(directory, tmp_path / "ray.duckdb", settings)
    assert summary.line() == local.line()
    assert (summary.duplicate, summary.near_duplicate, summary.skipped, summary.failed) == (1, 2, 1, 1)
    counts = assert_same_tables(tmp_path / "local.duckdb", tmp_path / "ray.duckdb")
    assert counts["events"] > 0 and counts["quotes"] > 0
    ids = {r[0] for r in table_rows(tmp_path / "ray.duckdb")["documents"]}
    assert "001_top_singapore" in ids and any(i.startswith("001_top_singapore~") for i in ids)

    again = import_outcomes(directory, tmp_path / "ray.duckdb", settings)
    assert (again.new, again.stored) == (0, summary.new + summary.duplicate + summary.near_duplicate)
    assert_same_tables(tmp_path / "local.duckdb", tmp_path / "ray.duckdb")


def test_parquet_tables_equal_the_local_database(tmp_path: Path, corpus: list[str]) -> None:
    settings = load_settings(overrides=["ray.shard_files=4"])  # several inputs per shard
    run(corpus, tmp_path / "local.duckdb", settings, workers=1)
    directory = tmp_path / "out.parquet"
    code_scrambled(corpus, directory, settings, seed=2)
    write_tables(directory, settings)
    local = table_rows(tmp_path / "local.duckdb")
    con = duckdb.connect(str(tmp_path / "local.duckdb"), read_only=True)
    for table in ("documents", "mentions", "events", "quotes", "duplicates", "skipped", "failures"):
        sql = f"SELECT {columns(con, table)} FROM '{directory / table}.parquet' ORDER BY ALL"
        assert con.execute(sql).fetchall() == local[table], table
    con.close()
    manifest = json.loads((directory / "manifest.json").read_text("utf-8"))
    assert manifest["tables"]["documents"] == len(local["documents"])


def test_import_decides_against_what_the_database_holds(tmp_path: Path, corpus: list[str]) -> None:
    """Half of the input stored before: the import stores the rest, as a local rerun would."""
    settings = load_settings(overrides=["ray.shard_files=4"])  # several inputs per shard
    for db in ("local.duckdb", "ray.duckdb"):
        run([corpus[0]], tmp_path / db, settings, workers=1)
    run(corpus, tmp_path / "local.duckdb", settings, workers=1)
    code_scrambled(corpus, tmp_path / "out.parquet", settings)
    import_outcomes(tmp_path / "out.parquet", tmp_path / "ray.duckdb", settings)
    assert_same_tables(tmp_path / "local.duckdb", tmp_path / "ray.duckdb")


def test_a_lost_batch_stops_the_import_and_stores_nothing(tmp_path: Path, corpus: list[str]) -> None:
    settings = load_settings(overrides=["ray.shard_files=4"])  # several inputs per shard
    directory = tmp_path / "out.parquet"
    code_scrambled(corpus, directory, settings)
    for part in sorted((directory / "outcomes").glob("*.parquet"))[1:4]:
        part.unlink()
    with pytest.raises(ImportError_, match="incomplete"):
        import_outcomes(directory, tmp_path / "ray.duckdb", settings)
    assert table_rows(tmp_path / "ray.duckdb")["documents"] == []
    with pytest.raises(ImportError_, match=r"manifest\.json"):
        import_outcomes(tmp_path, tmp_path / "x.duckdb", settings)
