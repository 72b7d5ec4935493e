"""What a coding engine writes for each input item: one wide row, whatever became of the item.

A row holds the item's place in the input (``shard``: the input's number in the order a run
reads inputs; ``item``: the item's number inside it) and its outcome: a document with every
column of the ``documents`` table and its mentions, time expressions, events and quotes as lists,
a failure, a skip (a record with an empty text field), an input stored before byte for byte
(``unchanged``), or the end of a shard (``end``, whose ``item`` is the shard's item count, so a
lost item can be told from an input that had none).

Rows are plain Arrow (the schema comes from the store's migrations), so Parquet files of them can
be read by DuckDB or any engine; ``kroniek.store.importer`` turns them into the store's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import pyarrow as pa

from ..document import Document
from ..errors import Failure, Skip
from ..readers import RawItem
from ..store.rows import ANNOTATION_COLUMNS, DOCUMENT_COLUMNS, annotation_rows, document_row
from ..store.schema import arrow_schema
from ..strings import valid_text

__all__ = ["ANNOTATIONS", "End", "Unchanged", "outcome_row", "outcome_schema", "outcome_table"]

#: The annotation tables, each a list column of the outcome row.
ANNOTATIONS = ("mentions", "timexes", "events", "quotes")


@dataclass(frozen=True, slots=True)
class Unchanged:
    """An input stored before, byte for byte: not processed again."""

    source: str
    input_hash: str


@dataclass(frozen=True, slots=True)
class End:
    """The end of a shard: it held ``count`` items."""

    count: int


Item = RawItem | Failure | Skip | Unchanged | End
Outcome = Document | Failure | Skip | Unchanged | End

_DOCUMENT_FIELDS = tuple(c for c in DOCUMENT_COLUMNS if c != "run_id")


@cache
def outcome_schema() -> pa.Schema:
    """shard, item, kind, the documents columns, failure and skip fields, the annotation lists."""
    documents = arrow_schema("documents")
    fields = [pa.field("shard", pa.int32()), pa.field("item", pa.int32()), pa.field("kind", pa.string())]
    fields += [documents.field(name) for name in _DOCUMENT_FIELDS]
    fields += [pa.field(name, pa.string()) for name in ("stage", "error", "message", "reason")]
    for table in ANNOTATIONS:
        schema = arrow_schema(table)
        struct = pa.struct([schema.field(c) for c in ANNOTATION_COLUMNS[table] if c != "doc_id"])
        fields.append(pa.field(table, pa.list_(struct)))
    return pa.schema(fields)


def outcome_row(shard: int, item: int, outcome: Outcome) -> dict[str, Any]:
    """The wide row of one outcome (columns it does not use are left out: null)."""
    row: dict[str, Any] = {"shard": shard, "item": item}
    if isinstance(outcome, Document):
        row["kind"] = "document"
        row.update(zip(DOCUMENT_COLUMNS, document_row(outcome, None), strict=True))
        del row["run_id"]
        for table, rows in annotation_rows([outcome]):
            columns = ANNOTATION_COLUMNS[table][1:]  # without doc_id: the row's document
            row[table] = [dict(zip(columns, r[1:], strict=True)) for r in rows]
    elif isinstance(outcome, Failure):
        row.update(kind="failure", source=outcome.source, stage=outcome.stage)
        row.update(error=outcome.error, message=outcome.message)
    elif isinstance(outcome, Skip):
        row.update(kind="skip", source=outcome.source, id=outcome.doc_id, title=outcome.title)
        row.update(published=outcome.published, reason=outcome.reason)
    elif isinstance(outcome, Unchanged):
        row.update(kind="unchanged", source=outcome.source, input_hash=outcome.input_hash)
    else:
        row.update(kind="end", item=outcome.count)
    return row


def _valid(value: Any) -> Any:
    """Strings made valid text (``kroniek.strings.valid_text``), in lists and structs too: Arrow
    refuses a lone surrogate, as the store does."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, list):
        return [_valid(v) for v in value]
    if isinstance(value, dict):
        return {k: _valid(v) for k, v in value.items()}
    return value


def outcome_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist([_valid(row) for row in rows], schema=outcome_schema())
