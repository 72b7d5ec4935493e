"""Rows for the store's tables, built from Documents: what ``Store.write_batch`` inserts and what
the Ray engine writes as Parquet, so both hold the same values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..document import Document, Quote
from ..strings import json_text


@dataclass(frozen=True, slots=True)
class DuplicateRecord:
    doc: Document
    kind: str
    duplicate_of: str
    similarity: float


def date_of(published: str | None) -> dt.date | None:
    if published is None:
        return None
    parts = [int(p) for p in published.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def document_row(doc: Document, run_id: int | None) -> tuple[Any, ...]:
    m = doc.meta
    return (
        doc.id,
        doc.content_hash,
        m.source,
        m.input_hash,
        m.format,
        m.url,
        m.title,
        m.published,
        m.published_precision,
        date_of(m.published),
        m.language,
        m.encoding,
        doc.raw,
        doc.clean,
        json_text(doc.offsets.to_rows()),
        json_text([[b.start, b.end, b.kind] for b in doc.blocks]),
        json_text([[r.raw_start, r.raw_end, r.reason] for r in doc.removed]),
        json_text(m.extra) if m.extra else None,
        doc.signature,
        run_id,
    )


def quote_row(doc_id: str, n: int, q: Quote) -> tuple[Any, ...]:
    return (
        doc_id,
        n,
        q.start,
        q.end,
        q.speaker,
        q.speaker_start,
        q.speaker_end,
        q.kind,
        q.cue,
        q.speaker_name,
        q.speaker_code,
    )


def annotation_rows(documents: Sequence[Document]) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Rows for the annotation tables that later stages fill (mentions, timexes, events, quotes)."""
    mentions, timexes, events, quotes = [], [], [], []
    for d in documents:
        mentions += [
            (d.id, m.start, m.end, m.text, m.kind, m.name, m.code, m.qid, m.sector, m.role, m.affiliation)
            for m in d.mentions
        ]
        timexes += [(d.id, t.start, t.end, t.text, t.value, t.precision, t.anchor) for t in d.timexes]
        events += [
            (
                d.id,
                n,
                e.type,
                e.mode,
                json_text(e.actor),
                json_text(e.recipient),
                e.date,
                e.date_source,
                e.aux,
                e.historical,
                e.score,
                e.quad,
                json_text(e.evidence),
                json_text(e.contexts),
                e.quote,
            )
            for n, e in enumerate(d.events)
        ]
        quotes += [quote_row(d.id, n, q) for n, q in enumerate(d.quotes)]
    return [("mentions", mentions), ("timexes", timexes), ("events", events), ("quotes", quotes)]


DOCUMENT_COLUMNS = (
    "id",
    "content_hash",
    "source",
    "input_hash",
    "format",
    "url",
    "title",
    "published",
    "published_precision",
    "published_date",
    "language",
    "encoding",
    "raw_text",
    "clean_text",
    "offset_map",
    "blocks",
    "removed",
    "extra",
    "signature",
    "run_id",
)
ANNOTATION_COLUMNS = {
    "mentions": (
        "doc_id",
        "start",
        "end",
        "text",
        "kind",
        "name",
        "code",
        "qid",
        "sector",
        "role",
        "affiliation",
    ),
    "timexes": ("doc_id", "start", "end", "text", "value", "precision", "anchor"),
    "events": (
        "doc_id",
        "n",
        "type",
        "mode",
        "actor",
        "recipient",
        "date",
        "date_source",
        "aux",
        "historical",
        "score",
        "quad",
        "evidence",
        "contexts",
        "quote",
    ),
    "quotes": (
        "doc_id",
        "n",
        "start",
        "end",
        "speaker",
        "speaker_start",
        "speaker_end",
        "kind",
        "cue",
        "speaker_name",
        "speaker_code",
    ),
}


DUPLICATE_COLUMNS = (
    "source",
    "doc_id",
    "kind",
    "duplicate_of",
    "similarity",
    "title",
    "published",
    "url",
    "content_hash",
    "input_hash",
    "clean_text",
    "run_id",
)


def duplicate_row(d: DuplicateRecord, run_id: int | None) -> tuple[Any, ...]:
    """A duplicates row; a near-duplicate keeps its text (it differs from the stored copy)."""
    return (
        d.doc.meta.source,
        d.doc.id,
        d.kind,
        d.duplicate_of,
        d.similarity,
        d.doc.meta.title,
        d.doc.meta.published,
        d.doc.meta.url,
        d.doc.content_hash,
        d.doc.meta.input_hash,
        d.doc.clean if d.kind == "near" else None,
        run_id,
    )
