"""Parquet: one article per row, with the same fields as a JSONL record (``id``, ``title``,
``published``, ``text``, ``url``, or the names given with ``--text-field`` and the like).

Rows are read a row group at a time (never the whole file). A row is ``path:ROW`` (1-based), as a
JSONL line is ``path:LINE``; dates and timestamps stored as such are read as ISO text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import Failure, KroniekError, Skip
from .items import RawItem
from .jsonl import JsonFields, record_item

#: Rows converted to Python at a time.
BATCH_ROWS = 1024


def _plain(value: Any) -> Any:
    """A date or timestamp as ISO text (what a JSONL file would hold); anything else as it is."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def read_parquet(
    stream: BinaryIO, name: str, stem: str, fields: JsonFields, settings: dict[str, Any]
) -> Iterator[RawItem | Failure | Skip]:
    try:
        table = pq.ParquetFile(stream)
    except (pa.ArrowInvalid, OSError) as exc:
        yield Failure(name, "read", "unreadable", f"not a Parquet file: {exc}")
        return
    number = 0
    for batch in table.iter_batches(batch_size=BATCH_ROWS):
        for row in batch.to_pylist():
            number += 1
            record = {key: _plain(value) for key, value in row.items()}
            source = f"{name}:{number}"
            try:
                yield record_item(record, source, f"{stem}:{number}", fields, settings, fmt="parquet")
            except KroniekError as exc:
                yield Failure(source, "read", exc.code, exc.message)
