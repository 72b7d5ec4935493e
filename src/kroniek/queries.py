"""Read-only queries over a kroniek database, shared by the CLI (and later the web UI)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .store import Store


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
