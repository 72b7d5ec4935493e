"""Helpers for comparing databases row for row, and articles the tests write themselves."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import duckdb

from .builders import random_words

#: Every table a run fills.
TABLES = ("documents", "mentions", "timexes", "events", "quotes", "duplicates", "skipped", "failures")
#: Columns that say when or in which run a row was written, not what it holds.
WHEN = {"run_id", "stored_at", "at"}


def columns(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """A table's columns, quoted, without the columns that say when a row was written."""
    names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in WHEN]
    return ", ".join(f'"{c}"' for c in names)


def table_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, without the columns that say when it was written."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT {columns(con, t)} FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    finally:
        con.close()


def assert_same_tables(a: Path, b: Path) -> dict[str, int]:
    """The two databases hold the same rows in every table; returns the row counts."""
    rows_a, rows_b = table_rows(a), table_rows(b)
    for table in TABLES:
        assert len(rows_a[table]) == len(rows_b[table]), table
        assert rows_a[table] == rows_b[table], table
    return {table: len(rows) for table, rows in rows_a.items()}


SENTENCES = [
    "Rusland viel Oekraïne aan met raketten.",
    "Noord-Korea lanceerde een raket richting Japan.",
    "De Verenigde Staten dreigden Iran met nieuwe sancties.",
    "Frankrijk en Duitsland ondertekenden een akkoord over defensie.",
    "China beschuldigde Taiwan van provocaties.",
    "Kim Jong-un ontmoette Vladimir Poetin in Vladivostok.",
]


def article(rng: random.Random, n: int) -> str:
    """A short Dutch news text with a date header, an event sentence and words of its own."""
    day = 1 + n % 28
    return (
        f" date 2019-03-{day:02d}\n{rng.choice(SENTENCES)} {random_words(rng, 40).capitalize()}.\n\n"
        f"{rng.choice(SENTENCES)} {random_words(rng, 30).capitalize()}.\n"
    )


def write_articles(folder: Path, count: int, seed: int = 3, start: int = 0) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"art{n:03d}.txt"
        path.write_text(article(rng, n), "utf-8")
        paths.append(path)
    return paths
