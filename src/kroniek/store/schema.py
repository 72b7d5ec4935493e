"""Database schema as numbered migrations; ``schema_version`` records which ones ran.

Offsets in ``mentions``, ``timexes``, ``events`` and ``quotes`` are character offsets into
``documents.clean_text`` (end exclusive). Add a migration to change the schema; never edit one
that has shipped.
"""

from __future__ import annotations

from functools import cache

import duckdb
import pyarrow as pa

MIGRATIONS: list[str] = [
    # 1: documents, failures, duplicates, runs, and the annotation tables later stages fill.
    """
    CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL UNIQUE,
        source VARCHAR NOT NULL,
        input_hash VARCHAR,             -- SHA-256 of the input as read: reruns skip unchanged inputs
        format VARCHAR NOT NULL,
        url VARCHAR,
        title VARCHAR,
        published VARCHAR,              -- YYYY-MM-DD, YYYY-MM or YYYY, as precise as known
        published_precision VARCHAR,    -- day | month | year
        published_date DATE,            -- first day of `published`, for range queries
        language VARCHAR,
        encoding VARCHAR,
        raw_text VARCHAR NOT NULL,      -- the decoded input the cleaner started from
        clean_text VARCHAR NOT NULL,
        offset_map JSON NOT NULL,       -- [[clean_start, clean_end, raw_start, raw_end, copy]]
        blocks JSON NOT NULL,           -- [[start, end, kind]] paragraphs, headings, captions
        removed JSON NOT NULL,          -- [[raw_start, raw_end, reason]] what cleaning left out
        extra JSON,
        signature BLOB,                 -- MinHash signature (near-duplicate detection)
        run_id INTEGER,
        stored_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE duplicates (
        source VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,          -- exact | near
        duplicate_of VARCHAR NOT NULL,  -- documents.id of the stored copy
        similarity DOUBLE NOT NULL,
        title VARCHAR,
        published VARCHAR,
        url VARCHAR,
        content_hash VARCHAR NOT NULL,
        input_hash VARCHAR,
        clean_text VARCHAR,             -- kept for near-duplicates: their text differs
        run_id INTEGER,
        "at" TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE skipped (
        source VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        title VARCHAR,
        published VARCHAR,
        reason VARCHAR NOT NULL,
        run_id INTEGER,
        "at" TIMESTAMP NOT NULL DEFAULT current_timestamp
    );
    CREATE TABLE failures (
        source VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        error VARCHAR NOT NULL,
        message VARCHAR NOT NULL,
        run_id INTEGER,
        "at" TIMESTAMP NOT NULL DEFAULT current_timestamp,
        PRIMARY KEY (source, stage, error)
    );
    CREATE SEQUENCE run_ids START 1;
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        inputs JSON NOT NULL,
        read INTEGER, new INTEGER, stored INTEGER, duplicate INTEGER, near_duplicate INTEGER,
        skipped INTEGER, failed INTEGER
    );
    CREATE TABLE mentions (
        doc_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR, code VARCHAR,
        qid VARCHAR, sector VARCHAR
    );
    CREATE TABLE timexes (
        doc_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text VARCHAR NOT NULL, value VARCHAR, precision VARCHAR NOT NULL, anchor VARCHAR
    );
    CREATE TABLE events (
        doc_id VARCHAR NOT NULL, n INTEGER NOT NULL, type VARCHAR NOT NULL, mode VARCHAR,
        actor JSON NOT NULL, recipient JSON NOT NULL, date VARCHAR, date_source VARCHAR,
        aux VARCHAR, historical BOOLEAN NOT NULL, score DOUBLE, quad VARCHAR,
        evidence JSON NOT NULL
    );
    CREATE TABLE quotes (
        doc_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        speaker VARCHAR, speaker_start INTEGER, speaker_end INTEGER
    );
    """,
    # 2: actor mentions carry the role phrase's role and the affiliation the text gives
    # ("hoogleraar Koreastudies aan de Universiteit Leiden" -> Leiden University).
    """
    ALTER TABLE mentions ADD COLUMN role VARCHAR;
    ALTER TABLE mentions ADD COLUMN affiliation VARCHAR;
    """,
    # 3: events carry PLOVER contexts and the quote they are reported in; quotes are numbered per
    # document and say how they are attributed (direct, indirect, according) and to whom.
    """
    ALTER TABLE events ADD COLUMN contexts JSON;
    ALTER TABLE events ADD COLUMN quote INTEGER;
    ALTER TABLE quotes ADD COLUMN n INTEGER;
    ALTER TABLE quotes ADD COLUMN kind VARCHAR;
    ALTER TABLE quotes ADD COLUMN cue VARCHAR;
    ALTER TABLE quotes ADD COLUMN speaker_name VARCHAR;
    ALTER TABLE quotes ADD COLUMN speaker_code VARCHAR;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


@cache
def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of one table as the migrations leave it (JSON columns are text), for
    writing its rows as Parquet that DuckDB reads back into the same columns."""
    con = duckdb.connect()
    try:
        for migration in MIGRATIONS:
            con.execute(migration)
        schema: pa.Schema = con.execute(f"SELECT * FROM {table} LIMIT 0").arrow().schema
        return schema
    finally:
        con.close()
