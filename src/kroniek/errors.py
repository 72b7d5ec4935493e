"""Error catalogue: every way a document can fail, with a stable code.

A failed document is never dropped silently: it becomes a ``Failure`` (source, stage, error code,
message), stored in the ``failures`` table, and the batch goes on.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

from .strings import valid_text

#: code -> what it means (shown by ``kroniek failures --db FILE``)
CATALOGUE: dict[str, str] = {
    "empty": "the input holds no text",
    "binary": "the input is binary data, not text",
    "too_large": "the input is larger than read.max_document_bytes",
    "undecodable": "no text encoding decodes the bytes",
    "unreadable": "the operating system could not read the input",
    "unknown_format": "the input format is not one kroniek reads",
    "invalid_json": "a JSONL line is not valid JSON",
    "not_an_object": "a JSONL line is valid JSON but not an object",
    "no_text_field": "a JSONL record has no text field",
    "no_main_text": "no article text could be extracted from the HTML",
    "warc_truncated": "the WARC file ends inside a record",
    "warc_invalid": "the WARC file could not be parsed",
    "date_out_of_range": "a publication date outside the years 1000 to 2999",
    "no_text_after_cleaning": "cleaning left no article text",
    "store_rejected": "the database refused the document's rows (the rest of its batch is stored)",
    "internal": "an unexpected error in a stage (a bug: please report it)",
}


class KroniekError(Exception):
    """A document-level error with a catalogue code and the stage that raised it."""

    def __init__(self, code: str, message: str, stage: str = "read") -> None:
        if code not in CATALOGUE:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
        self.stage = stage


@dataclass(frozen=True, slots=True)
class Skip:
    """A record that is valid but holds no article text (a comic, a photo or video item).

    Not a failure: the input is as its publisher made it. Kept in the ``skipped`` table.
    """

    source: str
    doc_id: str
    title: str | None
    published: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Failure:
    """One failed input: what failed, where, and why."""

    source: str
    stage: str
    error: str
    message: str

    @classmethod
    def from_exception(cls, source: str, stage: str, exc: BaseException) -> Failure:
        if isinstance(exc, KroniekError):
            return cls(source, exc.stage, exc.code, valid_text(exc.message))
        return cls(source, stage, "internal", bug_report(stage, exc))


def bug_report(stage: str, exc: BaseException) -> str:
    """A readable message for an error no code covers: which stage, where in kroniek, what.

    ``unexpected error in the time stage (OverflowError at timex/resolve.py:248: date value out
    of range); a bug in kroniek, please report it``
    """
    where = ""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "kroniek" in Path(f.filename).parts]
    if frames:
        parts = Path(frames[-1].filename).parts
        package = len(parts) - 1 - parts[::-1].index("kroniek")  # the innermost kroniek folder
        where = f" at {'/'.join(parts[package + 1 :])}:{frames[-1].lineno}"
    detail = str(exc)[:200]
    what = f"{type(exc).__name__}{where}" + (f": {detail}" if detail else "")
    return valid_text(f"unexpected error in the {stage} stage ({what}); a bug in kroniek, please report it")
