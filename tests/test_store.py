"""The DuckDB store: schema versions, idempotent runs, resuming after kill -9."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kroniek.document import Document, Event, Mention, Metadata, TimeExpression
from kroniek.pipeline import run
from kroniek.settings import Settings, load_settings
from kroniek.store import SCHEMA_VERSION, Store

from .builders import random_words


def _corpus(path: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = random_words(rng, 60) + "."
            out.write(
                json.dumps({"id": f"d{i}", "title": f"Bericht {i}", "published": "2019-03-01", "text": text})
            )
            out.write("\n")
    return path


def test_new_database_has_current_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "k.duckdb") as store:
        assert store.version() == SCHEMA_VERSION
        tables = {r["table_name"] for r in store.query("SELECT table_name FROM information_schema.tables")}
    assert {
        "documents",
        "failures",
        "duplicates",
        "skipped",
        "mentions",
        "timexes",
        "events",
        "quotes",
    } <= tables
    with Store(tmp_path / "k.duckdb") as again:  # opening twice migrates nothing twice
        assert again.query("SELECT count(*) AS n FROM schema_version")[0]["n"] == SCHEMA_VERSION


def test_read_only_open_of_a_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_running_twice_adds_nothing(tmp_path: Path, settings: Settings) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 120)
    db = tmp_path / "k.duckdb"
    first = run([str(corpus)], db, settings, workers=1)
    assert (first.read, first.new, first.failed) == (120, 120, 0)
    second = run([str(corpus)], db, settings, workers=1)
    assert (second.new, second.stored, second.duplicate) == (0, 120, 0)
    with Store(db, read_only=True) as store:
        assert store.counts() == {"documents": 120, "duplicates": 0, "skipped": 0, "failures": 0}
        assert store.query("SELECT count(*) AS n FROM runs")[0]["n"] == 2


def test_kill_9_halfway_then_rerun_completes_with_each_article_once(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 1000)
    db = tmp_path / "k.duckdb"
    script = f"""
import os, signal
from kroniek.pipeline import run
from kroniek.settings import load_settings
seen = 0
def die_halfway(_):
    global seen
    seen += 1
    if seen == 550:
        os.kill(os.getpid(), signal.SIGKILL)
run([{str(corpus)!r}], {str(db)!r}, load_settings(overrides=["run.batch_size=100"]), workers=1,
    on_item=die_halfway)
"""
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300)
    assert killed.returncode == -9, killed.stderr.decode()
    with Store(db, read_only=True) as store:
        stored_before = store.counts()["documents"]
    assert 0 < stored_before < 1000  # earlier batches committed, the one in flight lost
    summary = run([str(corpus)], db, load_settings(overrides=["run.batch_size=100"]), workers=1)
    assert summary.stored == stored_before
    assert summary.new == 1000 - stored_before
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT count(*) AS n, count(DISTINCT id) AS ids FROM documents")
        assert rows[0] == {"n": 1000, "ids": 1000}
        assert store.counts()["duplicates"] == 0


def test_annotation_layers_are_stored(tmp_path: Path) -> None:
    doc = Document(id="a", raw="Kim ontmoette Trump in 2019.", meta=Metadata(source="a.txt"))
    doc.clean, doc.content_hash = doc.raw, "h" * 64
    doc.mentions = [Mention(0, 3, "Kim", "person", "Kim Jong-un", "PRK", "Q56226", "GOV")]
    doc.timexes = [TimeExpression(23, 27, "2019", "2019", "year", "text")]
    doc.events = [Event("CONSULT", ["PRK"], ["USA"], [(0, 27)], date="2019", historical=True)]
    with Store(tmp_path / "k.duckdb") as store:
        store.write_batch([doc], [], [])
        assert store.query("SELECT name, code FROM mentions") == [{"name": "Kim Jong-un", "code": "PRK"}]
        assert store.query("SELECT value FROM timexes") == [{"value": "2019"}]
        row = store.query("SELECT type, actor, recipient, historical FROM events")[0]
    assert (row["type"], json.loads(row["actor"]), row["historical"]) == ("CONSULT", ["PRK"], True)


def test_parallel_run_matches_serial_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 80)
    serial = run([str(corpus)], tmp_path / "a.duckdb", load_settings(), workers=1)
    parallel = run([str(corpus)], tmp_path / "b.duckdb", load_settings(), workers=2)
    assert serial.counts() == parallel.counts()
    with Store(tmp_path / "a.duckdb", read_only=True) as a, Store(tmp_path / "b.duckdb", read_only=True) as b:
        sql = "SELECT id, content_hash, clean_text FROM documents ORDER BY id"
        assert a.query(sql) == b.query(sql)


def test_rerun_does_not_process_unchanged_inputs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", 30)
    db = tmp_path / "k.duckdb"
    run([str(corpus)], db, load_settings(), workers=1)

    def must_not_run(*_: object) -> None:
        raise AssertionError("an unchanged input was processed again")

    monkeypatch.setattr("kroniek.pipeline.process_item", must_not_run)
    again = run([str(corpus)], db, load_settings(), workers=1)
    assert (again.read, again.stored, again.new, again.failed) == (30, 30, 0, 0)
    # Changed lines are processed: an edit of a few words is a near-duplicate of the stored
    # version, a new text a new document.
    monkeypatch.undo()
    lines = corpus.read_text("utf-8").splitlines()
    lines[3] = lines[3].replace('"text": "', '"text": "Nieuw: ')
    lines[5] = json.dumps({"id": "d5", "text": "Een heel ander bericht over de top in Hanoi."})
    corpus.write_text("\n".join(lines) + "\n", "utf-8")
    changed = run([str(corpus)], db, load_settings(), workers=1)
    assert (changed.stored, changed.near_duplicate, changed.new) == (28, 1, 1)
