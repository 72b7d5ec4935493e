"""Events out of kroniek: PLOVER JSON lines, CSV and Parquet, from the rows of :func:`kroniek.queries.events`.

PLOVER records follow the field names of the PLOVER manual's "Data Fields" chapter
(``data/plover/PLOVER_MANUAL.tex``, table "PLOVER JSON"): ``id``, ``date``, ``enddate``,
``actor`` and ``recipient`` (lists of entity objects ``{"code": ...}``), ``event`` (a list of event
types), ``event_text``, ``quad_code``, ``event_scale``, ``mode``, ``context``, ``text_info``,
``cite_info``, ``coder``, ``has_event``; plus ``event_type`` (one type, as POLECAT names it).
What PLOVER has no field for sits under ``kroniek``: the document id and event number, the date
as coded (``2023-09``, ``2022-SU``), where the date came from, the auxiliary mode, the historical
flag, the quad name, every evidence span with its offsets, and the quote's source.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from .timex import interval

__all__ = [
    "CSV_COLUMNS",
    "QUAD_CODES",
    "csv_row",
    "parquet_row",
    "plover_record",
    "write_csv",
    "write_jsonl",
    "write_parquet",
    "write_plover_jsonl",
]

QUAD_CODES = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}
"""PLOVER's numeric quad categories (manual, table "Quad categories in PLOVER")."""

CSV_COLUMNS = (
    "doc",
    "n",
    "date",
    "date_source",
    "type",
    "mode",
    "actor",
    "recipient",
    "aux",
    "historical",
    "quad",
    "score",
    "contexts",
    "quote",
    "evidence",
    "source",
    "source_kind",
    "source_cue",
    "title",
    "published",
)
"""CSV columns; lists are joined with ";", evidence spans written as ``start-end``."""


def _coder() -> str:
    try:
        return f"kroniek {metadata.version('kroniek')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "kroniek"


def _entities(codes: Iterable[str]) -> list[dict[str, str]]:
    return [{"code": code} for code in codes]


def plover_record(row: dict[str, Any], coder: str | None = None) -> dict[str, Any]:
    """One PLOVER JSON record for one event row of :func:`kroniek.queries.events`.

    ``date`` is the first day of the event's date interval (YYYY-MM-DD, as PLOVER requires) and
    ``enddate`` its last day when it spans more than one; both are null for an event without a
    concrete date (the coded value stays in ``kroniek.date``).
    """
    span = interval(row.get("date"))
    start = span[0].isoformat() if span else None
    last = (span[1] - timedelta(days=1)).isoformat() if span else None
    evidence = row.get("evidence") or []
    first = evidence[0] if evidence else None
    quad = row.get("quad")
    return {
        "id": f"{row['doc']}-{row['n']}",
        "has_event": True,
        "date": start,
        "enddate": last if last != start else None,
        "actor": _entities(row.get("actor") or []),
        "recipient": _entities(row.get("recipient") or []),
        "event": [row["type"]],
        "event_type": row["type"],
        "mode": [row["mode"]] if row.get("mode") else None,
        "context": list(row["contexts"]) if row.get("contexts") else None,
        "quad_code": QUAD_CODES.get(quad) if quad else None,
        "event_scale": row.get("score"),
        "event_text": [e["text"] for e in evidence],
        "text_info": {"start": first["start"], "end": first["end"]} if first else None,
        "cite_info": {
            "citation": row["doc"],
            "title": row.get("title"),
            "url": row.get("url"),
            "language": row.get("language"),
            "coder": coder or _coder(),
            "codebook": "plover",
        },
        "coder": coder or _coder(),
        "kroniek": {
            "doc": row["doc"],
            "n": row["n"],
            "date": row.get("date"),
            "date_source": row.get("date_source"),
            "published": row.get("published"),
            "aux": row.get("aux"),
            "historical": row.get("historical"),
            "quad": quad,
            "evidence": [[e["start"], e["end"]] for e in evidence],
            "source": row.get("source"),
        },
    }


@contextmanager
def _opened(target: str | Path | IO[str]) -> Iterator[IO[str]]:
    if isinstance(target, str | Path):
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield target


def write_plover_jsonl(rows: Iterable[dict[str, Any]], path: str | Path | IO[str]) -> int:
    """Write one PLOVER record per line to a file (or an open text stream); returns the count."""
    coder = _coder()
    count = 0
    with _opened(path) as fh:
        for row in rows:
            fh.write(json.dumps(plover_record(row, coder), ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path | IO[str]) -> int:
    """Write the event rows as they are, one JSON object per line; returns the count."""
    count = 0
    with _opened(path) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


def csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event row flattened for CSV: lists joined with ";", the source as three columns."""
    source = row.get("source") or {}
    flat = {
        **{key: row.get(key) for key in CSV_COLUMNS},
        "evidence": [f"{e['start']}-{e['end']}" for e in row.get("evidence") or []],
        "source": source.get("name"),
        "source_kind": source.get("kind"),
        "source_cue": source.get("cue"),
    }
    return {key: _cell(flat[key]) for key in CSV_COLUMNS}


def write_csv(rows: Iterable[dict[str, Any]], path: str | Path | IO[str]) -> int:
    """Write the event rows as CSV (header first; lists joined with ";"); returns the count."""
    count = 0
    with _opened(path) as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(csv_row(row))
            count += 1
    return count


def _parquet_schema() -> Any:
    import pyarrow as pa

    span = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
    source = pa.struct(
        [("name", pa.string()), ("code", pa.string()), ("kind", pa.string()), ("cue", pa.string())]
    )
    return pa.schema(
        [
            ("doc", pa.string()),
            ("n", pa.int32()),
            ("date", pa.string()),
            ("date_start", pa.date32()),
            ("date_end", pa.date32()),
            ("date_source", pa.string()),
            ("type", pa.string()),
            ("mode", pa.string()),
            ("actor", pa.list_(pa.string())),
            ("recipient", pa.list_(pa.string())),
            ("aux", pa.string()),
            ("historical", pa.bool_()),
            ("quad", pa.string()),
            ("quad_code", pa.int8()),
            ("score", pa.float64()),
            ("contexts", pa.list_(pa.string())),
            ("quote", pa.string()),
            ("evidence", pa.list_(span)),
            ("source", source),
            ("title", pa.string()),
            ("published", pa.string()),
            ("url", pa.string()),
            ("language", pa.string()),
        ]
    )


def parquet_row(row: dict[str, Any]) -> dict[str, Any]:
    """One event row with typed columns: ``date_start`` / ``date_end`` the first and last day of its date."""
    span = interval(row.get("date"))
    quad = row.get("quad")
    return {
        **{key: row.get(key) for key in _parquet_schema().names},
        "date_start": span[0] if span else None,
        "date_end": span[1] - timedelta(days=1) if span else None,
        "quad_code": QUAD_CODES.get(quad) if quad else None,
    }


def write_parquet(rows: Iterable[dict[str, Any]], path: str | Path, batch: int = 10_000) -> int:
    """Write the event rows as one Parquet file (typed columns, lists and structs kept); returns the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with pq.ParquetWriter(target, schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(parquet_row(row))
            if len(chunk) == batch:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
        count += len(chunk)
    return count
