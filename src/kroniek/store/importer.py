"""Outcome rows of a coding engine into the store's tables, duplicates decided in input order.

An engine that codes in many places at once (``kroniek.engines.ray_engine``) writes one outcome
row per input item into ``DIR/outcomes/*.parquet``, in whatever order its workers finish, and
``DIR/manifest.json``. Here the rows are put back in input order (shard, then item: the order in
which ``kroniek run`` reads the same inputs) and the same ``Deduplicator`` as a local run decides,
item after item, what is new, what was stored before, and what is an exact or near duplicate of
an earlier document (the first copy in input order is the one stored, wherever its shard ran).
Ids are made unique in the same order. So the tables equal those of a local run, row for row.

- ``write_tables(DIR)`` writes the tables as Parquet beside the outcomes (``DIR/documents.parquet``,
  ``mentions``, ``timexes``, ``events``, ``quotes``, ``duplicates``, ``skipped``, ``failures``),
  deduplicated against a database's contents when one is named, else against nothing: DuckDB
  or any engine reads them in place.
- ``import_outcomes(DIR, db)`` stores them in a database in one transaction, deciding again
  against that database as it is now (so a directory can be imported later, or elsewhere).

A row that an engine wrote twice (a task retried after its worker died) counts once; a shard
whose end row or items are missing stops the import (nothing is stored) rather than lose
articles in silence.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from ..dedup import Deduplicator
from ..errors import Failure
from ..settings import Settings
from ..strings import path_text
from . import Store
from .rows import ANNOTATION_COLUMNS, DOCUMENT_COLUMNS, DUPLICATE_COLUMNS

if TYPE_CHECKING:
    from ..pipeline import RunSummary

__all__ = ["TABLES", "ImportError_", "Resolution", "import_outcomes", "read_manifest", "write_tables"]

#: The tables written as Parquet, in the order they are written.
TABLES = ("documents", "mentions", "timexes", "events", "quotes", "duplicates", "skipped", "failures")
SKIPPED_COLUMNS = ("source", "doc_id", "title", "published", "reason", "run_id")
FAILURE_COLUMNS = ("source", "stage", "error", "message", "run_id")
MANIFEST = "manifest.json"
OUTCOMES = "outcomes"
#: How many failures and near-duplicates a summary keeps as examples (as kroniek.pipeline does).
EXAMPLES = 100


class ImportError_(RuntimeError):
    """The outcome directory is missing, incomplete or not kroniek's."""


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not path.is_file():
        raise ImportError_(f"{directory} holds no {MANIFEST}: not a directory kroniek run --engine ray wrote")
    manifest: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return manifest


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


@dataclass
class Resolution:
    """The verdict on every item, in input order, and the counts of a run summary."""

    decisions: pa.Table
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    near: list[tuple[str, str, float]] = field(default_factory=list)


@dataclass
class _State:
    """What is stored already: the dedup index and the input hashes (empty without a database)."""

    dedup: Deduplicator
    known_inputs: dict[str, str]

    @classmethod
    def of(cls, store: Store | None, settings: Settings) -> _State:
        dedup = Deduplicator(settings)
        if store is None:
            return cls(dedup, {})
        dedup.load(store.fingerprints())
        dedup.duplicate_sources = store.duplicate_sources()
        return cls(dedup, store.input_hashes())


def _outcomes_view(con: duckdb.DuckDBPyConnection, directory: Path) -> None:
    """``kroniek_outcomes``: every item once (a row an engine wrote twice, once)."""
    files = directory / OUTCOMES / "*.parquet"
    if not any((directory / OUTCOMES).glob("*.parquet")):
        raise ImportError_(f"no outcome files in {directory / OUTCOMES}")
    con.execute(
        "CREATE OR REPLACE TEMP VIEW kroniek_outcomes AS SELECT * EXCLUDE (filename) "
        f"FROM read_parquet({_quoted(files)}, filename = true) "
        "QUALIFY row_number() OVER (PARTITION BY shard, item ORDER BY filename) = 1"
    )


def _keys(con: duckdb.DuckDBPyConnection) -> Iterator[tuple[Any, ...]]:
    """The columns that decide, item by item in input order (on ``con``: the view is its own)."""
    con.execute(
        "SELECT shard, item, kind, id, content_hash, source, signature, input_hash, stage, error, message "
        "FROM kroniek_outcomes ORDER BY shard, item"
    )
    while rows := con.fetchmany(10_000):
        yield from rows


def resolve(con: duckdb.DuckDBPyConnection, shards: int, state: _State) -> Resolution:
    """Decide every item in input order, as ``kroniek.pipeline.Ingestor`` does for a local run."""
    counts = dict.fromkeys(("read", "new", "stored", "duplicate", "near_duplicate", "skipped", "failed"), 0)
    resolution = Resolution(pa.table({}), counts)
    decided: list[tuple[int, int, str, str, str | None, float | None]] = []
    seen = [0] * shards
    ends: dict[int, int] = {}
    dedup = state.dedup
    for shard, item, kind, doc_id, chash, source, signature, input_hash, stage, error, message in _keys(con):
        if not 0 <= shard < shards:
            raise ImportError_(f"an outcome row names shard {shard}, but the run read {shards} inputs")
        if kind == "end":
            ends[shard] = item
            continue
        seen[shard] += 1
        counts["read"] += 1
        if kind == "failure":
            counts["failed"] += 1
            if len(resolution.failures) < EXAMPLES:
                resolution.failures.append(Failure(source, stage, error, message))
            continue
        if kind == "skip":
            counts["skipped"] += 1
            continue
        if kind == "unchanged" or state.known_inputs.get(source) == input_hash:
            counts["stored"] += 1
            continue
        decision = dedup.decide_key(source, chash, signature)
        if decision.verdict == "stored":
            counts["stored"] += 1
        elif decision.verdict == "new":
            final_id = dedup.unique_id(doc_id, chash)
            dedup.add(final_id, chash, source, signature)
            decided.append((shard, item, "new", final_id, None, None))
            counts["new"] += 1
        else:
            assert decision.of is not None
            dedup.duplicate_sources.add(source)
            decided.append((shard, item, decision.verdict, doc_id, decision.of, decision.similarity))
            if decision.verdict == "near":
                counts["near_duplicate"] += 1
                if len(resolution.near) < EXAMPLES:
                    resolution.near.append((source, decision.of, decision.similarity))
            else:
                counts["duplicate"] += 1
    lost = [s for s in range(shards) if ends.get(s) != seen[s]]
    if lost:
        detail = ", ".join(
            f"shard {s}: {seen[s]} items, end row says {ends.get(s, 'nothing')}" for s in lost[:5]
        )
        raise ImportError_(f"the outcomes are incomplete ({detail}): run the coding again")
    columns = ("shard", "item", "verdict", "id", "duplicate_of", "similarity")
    types = (pa.int32(), pa.int32(), pa.string(), pa.string(), pa.string(), pa.float64())
    resolution.decisions = pa.table(
        {
            c: pa.array([row[i] for row in decided], type=t)
            for i, (c, t) in enumerate(zip(columns, types, strict=True))
        }
    )
    return resolution


def _selects(run_id: str, with_position: bool) -> dict[str, str]:
    """The SELECT giving each table's rows, in input order, from the outcomes and the decisions."""
    joined = "kroniek_outcomes o JOIN kroniek_decisions d USING (shard, item)"
    position = "o.shard, o.item, " if with_position else ""
    doc_cols = ", ".join(
        "d.id AS id" if c == "id" else f"{run_id} AS run_id" if c == "run_id" else f'o."{c}"'
        for c in DOCUMENT_COLUMNS
    )
    selects = {
        "documents": f"SELECT {position}{doc_cols} FROM {joined} WHERE d.verdict = 'new' ORDER BY shard, item"
    }
    for table in ("mentions", "timexes", "events", "quotes"):
        fields = ", ".join(f'a."{c}"' for c in ANNOTATION_COLUMNS[table][1:])
        selects[table] = (
            f"SELECT d.id AS doc_id, {fields} FROM (SELECT shard, item, unnest(o.{table}) AS a, "
            f"unnest(range(len(o.{table}))) AS k FROM kroniek_outcomes o WHERE o.kind = 'document') x "
            "JOIN kroniek_decisions d USING (shard, item) WHERE d.verdict = 'new' ORDER BY shard, item, k"
        )
    dup_cols = {
        "doc_id": "o.id AS doc_id",
        "kind": "d.verdict AS kind",
        "duplicate_of": "d.duplicate_of",
        "similarity": "d.similarity",
        "clean_text": "CASE WHEN d.verdict = 'near' THEN o.clean_text END AS clean_text",
        "run_id": f"{run_id} AS run_id",
    }
    dups = ", ".join(dup_cols.get(c, f'o."{c}"') for c in DUPLICATE_COLUMNS)
    selects["duplicates"] = (
        f"SELECT {position}{dups} FROM {joined} WHERE d.verdict IN ('exact', 'near') ORDER BY shard, item"
    )
    selects["skipped"] = (
        f"SELECT {position}o.source, o.id AS doc_id, o.title, o.published, o.reason, {run_id} AS run_id "
        "FROM kroniek_outcomes o WHERE o.kind = 'skip' ORDER BY shard, item"
    )
    selects["failures"] = (
        f"SELECT {position}o.source, o.stage, o.error, o.message, {run_id} AS run_id "
        "FROM kroniek_outcomes o WHERE o.kind = 'failure' ORDER BY shard, item"
    )
    return selects


def _prepared(con: duckdb.DuckDBPyConnection, directory: Path, state: _State) -> Resolution:
    manifest = read_manifest(directory)
    _outcomes_view(con, directory)
    resolution = resolve(con, int(manifest["shards"]), state)
    con.register("kroniek_decisions", resolution.decisions)
    return resolution


def _summary(resolution: Resolution) -> RunSummary:
    from ..pipeline import RunSummary  # the pipeline imports the store: import it when used

    c = resolution.counts
    summary = RunSummary(
        c["read"], c["new"], c["stored"], c["duplicate"], c["near_duplicate"], c["skipped"], c["failed"]
    )
    summary.failures, summary.near = resolution.failures, resolution.near
    return summary


def write_tables(directory: Path, settings: Settings, base: Path | None = None) -> RunSummary:
    """Write the tables as Parquet in ``directory``, deduplicated against the database ``base``
    when it exists (else within the input alone); returns the run summary (a RunSummary)."""
    con = duckdb.connect()
    try:
        if base is not None and Path(base).exists():
            with Store(base, read_only=True) as store:
                state = _State.of(store, settings)
        else:
            state = _State.of(None, settings)
        resolution = _prepared(con, directory, state)
        rows: dict[str, int] = {}
        for table, select in _selects("NULL::INTEGER", with_position=True).items():
            path = directory / f"{table}.parquet"
            con.execute(f"COPY ({select}) TO {_quoted(path)} (FORMAT parquet)")
            counted = con.execute(f"SELECT count(*) FROM read_parquet({_quoted(path)})").fetchone()
            rows[table] = int(counted[0]) if counted else 0
    finally:
        con.close()
    manifest = read_manifest(directory)
    manifest["tables"] = rows
    manifest["deduplicated_against"] = str(base) if base is not None and Path(base).exists() else None
    manifest["summary"] = resolution.counts
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return _summary(resolution)


def import_outcomes(directory: Path, db: str | Path, settings: Settings) -> RunSummary:
    """Store the outcomes of ``directory`` in the database ``db`` (one transaction), deciding
    duplicates in input order against what ``db`` holds now; returns the run summary."""
    manifest = read_manifest(directory)
    with Store(db) as store:
        con = store.con
        resolution = _prepared(con, directory, _State.of(store, settings))
        run_id = store.start_run([path_text(str(p)) for p in manifest.get("inputs", [])])
        selects = _selects(str(run_id), with_position=False)
        con.execute("BEGIN TRANSACTION")
        try:
            _insert(con, "documents", DOCUMENT_COLUMNS, selects["documents"], "ON CONFLICT DO NOTHING")
            for table in ("mentions", "timexes", "events", "quotes"):
                _insert(con, table, ANNOTATION_COLUMNS[table], selects[table])
            _insert(con, "duplicates", DUPLICATE_COLUMNS, selects["duplicates"], "ON CONFLICT DO NOTHING")
            _insert(con, "skipped", SKIPPED_COLUMNS, selects["skipped"], "ON CONFLICT DO NOTHING")
            # The latest verdict on an input replaces an earlier one, as in Store.write_batch.
            failed = "SELECT source FROM kroniek_outcomes WHERE kind = 'failure'"
            con.execute(f"DELETE FROM failures WHERE source IN ({failed})")
            _insert(
                con,
                "failures",
                FAILURE_COLUMNS,
                selects["failures"],
                "ON CONFLICT DO UPDATE SET message = excluded.message, run_id = excluded.run_id, "
                '"at" = now()',
            )
            # An input that now reads fine no longer counts as failed.
            read_fine = "SELECT o.source FROM kroniek_outcomes o JOIN kroniek_decisions d USING (shard, item)"
            con.execute(f"DELETE FROM failures WHERE source IN ({read_fine})")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("kroniek_decisions")
            con.execute("DROP VIEW IF EXISTS kroniek_outcomes")
        store.finish_run(run_id, resolution.counts)
    return _summary(resolution)


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], select: str, conflict: str = ""
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO {table} ({names}) {select} {conflict}")
