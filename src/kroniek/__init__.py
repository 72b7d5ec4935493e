"""kroniek: political event data from news articles: who did what to whom, when, and which
sentence says so.

    >>> import kroniek
    >>> doc = kroniek.process(" date 2019-02-28 Trump en Kim troffen elkaar in Hanoi.")
    >>> doc.meta.published_precision
    'day'
"""

from __future__ import annotations

from pathlib import Path

from .document import (
    Block,
    Document,
    Entity,
    Event,
    Mention,
    Metadata,
    OffsetMap,
    Quote,
    Removal,
    Sentence,
    TimeExpression,
    Token,
)
from .errors import Failure, KroniekError
from .pipeline import STAGES, RunSummary, process, run
from .settings import load_settings
from .store import Store

__all__ = [
    "STAGES",
    "Block",
    "Document",
    "Entity",
    "Event",
    "Failure",
    "KroniekError",
    "Mention",
    "Metadata",
    "OffsetMap",
    "Quote",
    "Removal",
    "RunSummary",
    "Sentence",
    "Store",
    "TimeExpression",
    "Token",
    "load_settings",
    "open",
    "process",
    "run",
]
__version__ = "0.1.0"


def open(db: str | Path) -> Store:
    """Open a kroniek database read-only, for queries: ``kroniek.open("x.duckdb").query(sql)``."""
    return Store(db, read_only=True)
