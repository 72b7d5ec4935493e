"""Read-only queries over a kroniek database, shared by the CLI (and later the web UI)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from .events.lexicon import TYPES
from .store import Store
from .timex import interval


def documents(db: str | Path, limit: int = 50) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.query(
            "SELECT id, published, published_precision, language, format, title, source, "
            "len(string_split(clean_text, ' ')) AS words, "
            "coalesce(title, '» ' || left(clean_text, 70)) AS title_or_lead FROM documents "
            "ORDER BY published_date NULLS LAST, id LIMIT ?",
            [limit],
        )


def document(db: str | Path, doc_id: str) -> dict[str, Any] | None:
    with Store(db, read_only=True) as store:
        rows = store.query(
            "SELECT id, source, format, url, title, published, published_precision, language, "
            "encoding, content_hash, raw_text, clean_text, blocks, removed, extra FROM documents "
            "WHERE id = ?",
            [doc_id],
        )
    if not rows:
        return None
    row = rows[0]
    for key in ("blocks", "removed", "extra"):
        row[key] = json.loads(row[key]) if row[key] else ([] if key != "extra" else {})
    return row


def failures(db: str | Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.query('SELECT source, stage, error, message, "at" FROM failures ORDER BY source, stage')


def duplicates(db: str | Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.query(
            "SELECT source, doc_id, kind, similarity, duplicate_of, title, published FROM duplicates "
            "ORDER BY kind, source"
        )


def actors(db: str | Path, limit: int = 100, kind: str | None = None) -> list[dict[str, Any]]:
    """Actors with their mention and document counts, codes, sectors and roles, most mentioned first."""
    with Store(db, read_only=True) as store:
        return store.query(
            "SELECT name, kind, code, any_value(qid) AS qid, count(*) AS mentions, "
            "count(DISTINCT doc_id) AS documents, "
            "string_agg(DISTINCT sector, ', ' ORDER BY sector) AS sectors, "
            "string_agg(DISTINCT role, ', ' ORDER BY role) AS roles, "
            "string_agg(DISTINCT affiliation, '; ' ORDER BY affiliation) AS affiliations "
            "FROM mentions WHERE name IS NOT NULL AND (? IS NULL OR kind = ?) "
            "GROUP BY name, kind, code ORDER BY mentions DESC, name LIMIT ?",
            [kind, kind, limit],
        )


def actors_per_document(db: str | Path, kind: str | None = None) -> list[dict[str, Any]]:
    """One row per (document, actor): the document id, canonical name, kind, code, QID, mentions."""
    with Store(db, read_only=True) as store:
        return store.query(
            "SELECT doc_id AS doc, name, kind, code, any_value(qid) AS qid, count(*) AS mentions "
            "FROM mentions WHERE name IS NOT NULL AND (? IS NULL OR kind = ?) "
            "GROUP BY doc_id, name, kind, code ORDER BY doc_id, min(start)",
            [kind, kind],
        )


PLOVER_TYPES = TYPES
"""The 16 PLOVER event types (PLOVER manual, "Summary of event categories")."""
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
AUX_VALUES = ("future", "hypothetical", "negation", "none")
"""Values of the ``aux`` filter: an auxiliary mode, or ``none`` for events stated as facts."""


EVENT_SELECT = (
    "SELECT e.doc_id AS doc, e.n, e.type, e.mode, CAST(e.actor AS VARCHAR[]) AS actor, "
    "CAST(e.recipient AS VARCHAR[]) AS recipient, e.date, e.date_source, e.aux, e.historical, "
    "e.score, e.quad, coalesce(CAST(e.contexts AS VARCHAR[]), []) AS contexts, "
    "list_transform(CAST(e.evidence AS INTEGER[][]), x -> {'start': x[1], 'end': x[2], "
    "'text': substring(d.clean_text, x[1] + 1, x[2] - x[1])}) AS evidence, "
    "q.speaker_name, q.speaker, q.speaker_code, q.kind AS quote_kind, q.cue, "
    "d.title, d.published, d.url, d.language "
    "FROM events e JOIN documents d ON d.id = e.doc_id "
    "LEFT JOIN quotes q ON q.doc_id = e.doc_id AND q.n = e.quote"
)
"""The event columns (table ``events`` as ``e``, ``documents`` as ``d``); add WHERE and ORDER BY, and
pass each row through :func:`event_row`."""


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The half-open day interval ``[first day of FROM, day after the last day of TO)``.

    Either side may be None (open). Raises ValueError for a value that is not a date, or for
    TO before FROM.
    """
    lo: dt.date | None = None
    hi: dt.date | None = None
    if date_from is not None:
        span = interval(date_from)
        if span is None:
            raise ValueError(f"not a date: {date_from!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        lo = span[0]
    if date_to is not None:
        span = interval(date_to)
        if span is None:
            raise ValueError(f"not a date: {date_to!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
        hi = span[1]
    if lo is not None and hi is not None and hi <= lo:
        raise ValueError(f"the range ends ({date_to}) before it starts ({date_from})")
    return lo, hi


def in_range(value: str | None, lo: dt.date | None, hi: dt.date | None) -> bool:
    """Whether the day interval of ``value`` overlaps ``[lo, hi)``; an event without one does not."""
    span = interval(value)
    if span is None:
        return False
    return (hi is None or span[0] < hi) and (lo is None or span[1] > lo)


def event_where(
    *,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    quad: str | None = None,
    aux: str | None = None,
    historical: bool | None = None,
    doc: str | None = None,
) -> tuple[str, list[Any]]:
    """The SQL condition (table ``events`` as ``e``) and its parameters for the event filters.

    None leaves a filter out; ``aux="none"`` selects events without an auxiliary mode.
    """
    where: list[str] = ["TRUE"]
    params: list[Any] = []
    for column, value in (("actor", actor), ("recipient", recipient)):
        if value is not None:
            where.append(f"list_contains(CAST(e.{column} AS VARCHAR[]), ?)")
            params.append(value)
    for column, value in (("type", type), ("quad", quad), ("doc_id", doc)):
        if value is not None:
            where.append(f"e.{column} = ?")
            params.append(value)
    if aux == "none":
        where.append("e.aux IS NULL")
    elif aux is not None:
        where.append("e.aux = ?")
        params.append(aux)
    if historical is not None:
        where.append("e.historical = ?")
        params.append(historical)
    return " AND ".join(where), params


def events(
    db: str | Path,
    *,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    quad: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    aux: str | None = None,
    historical: bool | None = None,
    doc: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events with their evidence text, the quote's source and the document's title and date.

    Filters combine with AND; None leaves a filter out. ``actor`` / ``recipient`` match when the
    code is one of the event's actors / recipients; ``aux="none"`` selects events without an
    auxiliary mode; ``date_from`` / ``date_to`` (any value :func:`kroniek.timex.interval` reads,
    both ends inclusive) keep events whose date interval overlaps the range, so "2019" is in
    ``--from 2019-06 --to 2019-06`` and events without a date are left out. Ordered by
    publication date, document, event number.
    """
    lo, hi = date_bounds(date_from, date_to)
    sql_where, params = event_where(
        actor=actor, recipient=recipient, type=type, quad=quad, aux=aux, historical=historical, doc=doc
    )
    dated = lo is not None or hi is not None
    sql_limit = ""
    if limit is not None and not dated:  # the date filter runs in Python, after the query
        sql_limit = " LIMIT ?"
        params.append(limit)
    with Store(db, read_only=True) as store:
        rows = store.query(
            f"{EVENT_SELECT} WHERE {sql_where} "
            f"ORDER BY d.published_date NULLS LAST, e.doc_id, e.n{sql_limit}",
            params,
        )
    out: list[dict[str, Any]] = []
    for row in rows:
        if dated and not in_range(row["date"], lo, hi):
            continue
        out.append(event_row(row))
        if limit is not None and len(out) >= limit:
            break
    return out


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    """One row of :data:`EVENT_SELECT` as an event record: lists as lists, the quote's source as one dict."""
    name, said_by = row.pop("speaker_name"), row.pop("speaker")
    speaker = name or said_by
    source = {
        "name": speaker,
        "code": row.pop("speaker_code"),
        "kind": row.pop("quote_kind"),
        "cue": row.pop("cue"),
    }
    evidence = row.pop("evidence") or []
    title, published, url, language = (row.pop(k) for k in ("title", "published", "url", "language"))
    return {
        **row,
        "actor": list(row["actor"] or []),
        "recipient": list(row["recipient"] or []),
        "contexts": list(row["contexts"] or []),
        "evidence": evidence,
        "quote": evidence[0]["text"] if evidence else None,
        "source": source if speaker is not None or source["kind"] is not None else None,
        "title": title,
        "published": published,
        "url": url,
        "language": language,
    }
