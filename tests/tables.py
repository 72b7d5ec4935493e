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


FILLER = [
    "De {0} van de {1} is volgens de {2} niet in het {3} gebleven.",
    "Een {0} zei dat de {1} en de {2} over de {3} hebben gesproken.",
    "Het is nog niet duidelijk of de {0} ook naar de {1} gaat, meldt de {2}.",
    "Op de {0} werd een {1} gehouden, maar de {2} wilde daar niets over zeggen.",
]


def article(rng: random.Random, n: int) -> str:
    """A short Dutch news text (a date header, event sentences, Dutch filler that makes it its own)
    that every stage has work on."""
    day = 1 + n % 28

    def filler() -> str:
        return rng.choice(FILLER).format(*random_words(rng, 4).split())

    first = " ".join([rng.choice(SENTENCES), *(filler() for _ in range(4))])
    second = " ".join([rng.choice(SENTENCES), *(filler() for _ in range(3))])
    return f" date 2019-03-{day:02d}\n{first}\n\n{second}\n"


def write_articles(folder: Path, count: int, seed: int = 3, start: int = 0) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"art{n:03d}.txt"
        path.write_text(article(rng, n), "utf-8")
        paths.append(path)
    return paths
