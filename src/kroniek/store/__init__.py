"""The DuckDB store: one file, migrated on open, written one batch per transaction.

A batch (documents, duplicates and failures together) commits or does not: a run killed with
``kill -9`` leaves every earlier batch stored and the database usable; running the same command
again skips what is stored and completes the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from ..document import Document
from ..errors import Failure, Skip
from ..strings import json_text, valid_text
from .rows import (
    ANNOTATION_COLUMNS,
    DOCUMENT_COLUMNS,
    DUPLICATE_COLUMNS,
    DuplicateRecord,
    annotation_rows,
    document_row,
    duplicate_row,
)
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "DuplicateRecord", "Store", "StoreBusy"]


def _insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    conflict: str = "ON CONFLICT DO NOTHING",
) -> None:
    """Insert many rows at once through Arrow (row-by-row executemany is slow in DuckDB).

    Every string passes ``valid_text``: Arrow refuses a lone surrogate, and one would fail the batch.
    """
    if not rows:
        return
    batch = pa.table(
        {
            col: [valid_text(row[i]) if isinstance(row[i], str) else row[i] for row in rows]
            for i, col in enumerate(columns)
        }
    )
    quoted = ", ".join(f'"{c}"' for c in columns)
    con.register("_kroniek_batch", batch)
    try:
        con.execute(f"INSERT INTO {table} ({quoted}) SELECT {quoted} FROM _kroniek_batch {conflict}")
    finally:
        con.unregister("_kroniek_batch")


#: What the database or Arrow raise for a row they will not take. (A database that fails altogether
#: fails the last write of ``_write_one_by_one`` too, and that raises.)
_REFUSALS = (duckdb.Error, pa.ArrowException, ValueError, TypeError, OverflowError)


def _refusal(source: str, exc: Exception) -> Failure:
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
    return Failure(source, "store", "store_rejected", f"the database refused this input's rows: {reason}")


class StoreBusy(RuntimeError):
    """The database file is locked by another process, so it cannot be opened for writing."""


class Store:
    """A kroniek database. ``Store(path)`` creates or migrates it; ``read_only=True`` only reads."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no database at {self.path}")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            raise StoreBusy(
                f"{self.path} is open in another process (a kroniek serve, or another kroniek run): "
                "DuckDB allows one writer or many readers, so stop that process first (or, to add "
                "articles while the web UI is open, serve it with --watch DIR and copy them into DIR)"
            ) from exc
        if not read_only:
            self._migrate()
        elif self.version() != SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path} has schema version {self.version()}, this kroniek needs "
                f"{SCHEMA_VERSION}: open it once for writing (kroniek run) to migrate"
            )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        for number in range(self.version() + 1, SCHEMA_VERSION + 1):
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(MIGRATIONS[number - 1])
                self.con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    # -- runs -------------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> int:
        row = self.con.execute(
            "INSERT INTO runs (id, started_at, inputs) VALUES (nextval('run_ids'), ?, ?) RETURNING id",
            [dt.datetime.now(dt.UTC).replace(tzinfo=None), json_text(list(inputs))],
        ).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, read = ?, new = ?, stored = ?, duplicate = ?, "
            "near_duplicate = ?, skipped = ?, failed = ? WHERE id = ?",
            [
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
                counts["read"],
                counts["new"],
                counts["stored"],
                counts["duplicate"],
                counts["near_duplicate"],
                counts["skipped"],
                counts["failed"],
                run_id,
            ],
        )

    # -- reading state for dedup ----------------------------------------------------------
    def fingerprints(self) -> Iterator[tuple[str, str, str, bytes | None]]:
        cur = self.con.execute(
            "SELECT id, content_hash, source, signature FROM documents ORDER BY stored_at, id"
        )
        while rows := cur.fetchmany(10_000):
            yield from ((r[0], r[1], r[2], r[3]) for r in rows)

    def input_hashes(self) -> dict[str, str]:
        """source -> input hash of every input stored as a document or recorded as a duplicate."""
        rows = self.con.execute(
            "SELECT source, input_hash FROM documents WHERE input_hash IS NOT NULL "
            "UNION ALL SELECT source, input_hash FROM duplicates WHERE input_hash IS NOT NULL"
        ).fetchall()
        return dict(rows)

    def duplicate_sources(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT source FROM duplicates").fetchall()}

    # -- writing ----------------------------------------------------------------------------
    def write_batch(
        self,
        documents: Sequence[Document],
        duplicates: Sequence[DuplicateRecord],
        failures: Sequence[Failure],
        run_id: int | None = None,
        skipped: Sequence[Skip] = (),
    ) -> list[Failure]:
        """Store one batch in one transaction; rows already present are left as they are.

        Should the database refuse the batch (a row no stage ought to make: a number out of range,
        say), it is written again one input at a time, so that only the refused ones fail: each
        becomes a ``store/store_rejected`` failure, with every duplicate of a refused document.
        Returns those failures; none when the batch went in whole.
        """
        try:
            self._write(documents, duplicates, failures, run_id, skipped)
            return []
        except _REFUSALS:
            return self._write_one_by_one(documents, duplicates, failures, run_id, skipped)

    def _write_one_by_one(
        self,
        documents: Sequence[Document],
        duplicates: Sequence[DuplicateRecord],
        failures: Sequence[Failure],
        run_id: int | None,
        skipped: Sequence[Skip],
    ) -> list[Failure]:
        refused: list[Failure] = []
        refused_ids: set[str] = set()
        for doc in documents:
            try:
                self._write([doc], [], [], run_id, ())
            except _REFUSALS as exc:
                refused.append(_refusal(doc.meta.source, exc))
                refused_ids.add(doc.id)
        for dup in duplicates:
            if dup.duplicate_of in refused_ids:
                message = f"a copy of {dup.duplicate_of}, which the database refused"
                refused.append(Failure(dup.doc.meta.source, "store", "store_rejected", message))
                continue
            try:
                self._write([], [dup], [], run_id, ())
            except _REFUSALS as exc:
                refused.append(_refusal(dup.doc.meta.source, exc))
        for skip in skipped:
            try:
                self._write([], [], [], run_id, [skip])
            except _REFUSALS as exc:
                refused.append(_refusal(skip.source, exc))
        # Failure rows are plain valid text; should even they be refused, the database is broken.
        self._write([], [], [*failures, *refused], run_id, ())
        return refused

    def _write(
        self,
        documents: Sequence[Document],
        duplicates: Sequence[DuplicateRecord],
        failures: Sequence[Failure],
        run_id: int | None,
        skipped: Sequence[Skip],
    ) -> None:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            _insert(con, "documents", DOCUMENT_COLUMNS, [document_row(d, run_id) for d in documents])
            for table, rows in annotation_rows(documents):
                _insert(con, table, ANNOTATION_COLUMNS[table], rows, conflict="")
            _insert(con, "duplicates", DUPLICATE_COLUMNS, [duplicate_row(d, run_id) for d in duplicates])
            _insert(
                con,
                "skipped",
                ("source", "doc_id", "title", "published", "reason", "run_id"),
                [(s.source, s.doc_id, s.title, s.published, s.reason, run_id) for s in skipped],
            )
            if failures:
                # The latest verdict on an input replaces an earlier one (its error may differ).
                con.execute(
                    "DELETE FROM failures WHERE list_contains(?, source)",
                    [[valid_text(f.source) for f in failures]],
                )
            _insert(
                con,
                "failures",
                ("source", "stage", "error", "message", "run_id"),
                [(f.source, f.stage, f.error, f.message, run_id) for f in failures],
                conflict="ON CONFLICT DO UPDATE SET message = excluded.message, "
                'run_id = excluded.run_id, "at" = now()',
            )
            ok = [valid_text(d.meta.source) for d in documents]
            ok += [valid_text(d.doc.meta.source) for d in duplicates]
            if ok:
                # An input that now reads fine no longer counts as failed.
                con.execute("DELETE FROM failures WHERE list_contains(?, source)", [ok])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    # -- queries ----------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for table in ("documents", "duplicates", "skipped", "failures"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out
