"""JSONL: one article per line; field names detected from settings or given by the caller.

A broken line becomes a Failure for ``path:LINE``; the valid lines of the same file are kept. Strings
are made valid text (``kroniek.strings.valid_text``): a lone surrogate escape becomes U+FFFD.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..document import Metadata
from ..errors import Failure, KroniekError, Skip
from ..strings import valid_text
from .dates import parse_published
from .decode import decode
from .items import RawItem
from .lines import bounded_lines


@dataclass(frozen=True, slots=True)
class JsonFields:
    """Field names to use; None means: the first of the settings' candidates that is present."""

    id: str | None = None
    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None


def _pick(record: dict[str, Any], given: str | None, candidates: Iterable[str]) -> Any:
    if given is not None:
        return record.get(given)
    for name in candidates:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _line_text(line: bytes, number: int) -> str:
    """A line as text: UTF-8 (a byte-order mark on the first line allowed), else as detected."""
    if number == 1:
        line = line.removeprefix(codecs.BOM_UTF8)
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode(line, max_control_ratio=1.0)[0]  # a Windows-1252 export, say


def _fail(source: str, error: str, message: str) -> Failure:
    return Failure(source, "read", error, message)


def _text(value: object) -> str | None:
    """A metadata value as valid text (a lone surrogate from a JSON escape made U+FFFD)."""
    return valid_text(str(value)) if value not in (None, "") else None


def _parse(line: bytes, number: int) -> Any:
    """The JSON value of a line; KroniekError ``invalid_json`` with a readable reason if none."""
    try:
        text = _line_text(line, number)
    except KroniekError as exc:  # binary or undecodable: no JSON either
        raise KroniekError("invalid_json", f"not text: {exc.message}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = "" if exc.msg.endswith(" at") else " at"  # "Unterminated string starting at"
        raise KroniekError("invalid_json", f"not valid JSON: {exc.msg}{at} character {exc.pos + 1}") from exc
    except RecursionError as exc:
        raise KroniekError("invalid_json", "arrays or objects nested too deep to read") from exc
    except ValueError as exc:  # Python's limit on the digits of an integer (4300)
        raise KroniekError("invalid_json", "a number with too many digits to read") from exc


def read_jsonl(
    stream: BinaryIO, name: str, stem: str, fields: JsonFields, settings: dict[str, Any]
) -> Iterator[RawItem | Failure | Skip]:
    max_bytes = settings["max_document_bytes"]
    for number, line, size in bounded_lines(stream, max_bytes):
        source = f"{name}:{number}"
        if line is None:
            yield _fail(source, "too_large", f"line of {size} bytes > {max_bytes}")
            continue
        if not line.strip():
            continue
        try:
            record = _parse(line, number)
        except KroniekError as exc:
            yield _fail(source, exc.code, exc.message)
            continue
        if not isinstance(record, dict):
            yield _fail(source, "not_an_object", f"a JSON {type(record).__name__}, not an object")
            continue
        try:
            yield record_item(record, source, f"{stem}:{number}", fields, settings)
        except KroniekError as exc:
            yield _fail(source, exc.code, exc.message)


def record_item(
    record: dict[str, Any],
    source: str,
    default_id: str,
    fields: JsonFields,
    settings: dict[str, Any],
    fmt: str = "jsonl",
) -> RawItem | Skip:
    """The RawItem (or Skip) of one record (a JSON object, a Parquet row); KroniekError when it is
    no article. ``default_id`` is its id when the record names none."""
    text = _pick(record, fields.text, settings["text_fields"])
    if text in (None, ""):  # an empty text field is still the text field
        present = [fields.text] if fields.text else [f for f in settings["text_fields"] if f in record]
        text = record.get(present[0]) if present else None
    ident = _text(_pick(record, fields.id, settings["id_fields"])) or default_id
    title = _text(_pick(record, fields.title, settings["title_fields"]))
    raw_date = _pick(record, fields.date, settings["date_fields"])
    if isinstance(text, str) and not text.strip():
        # The record has its text field, left empty by the publisher (comic, photo, video).
        return Skip(source, ident, title, _text(raw_date), "empty text field")
    if not isinstance(text, str):
        raise KroniekError("no_text_field", f"no text field among {sorted(record)[:12]}")
    meta = Metadata(
        source=source,
        format=fmt,
        url=_text(_pick(record, fields.url, settings["url_fields"])),
        title=title.strip() if title else None,
    )
    parsed = parse_published(raw_date)
    if parsed is not None:
        meta.published, meta.published_precision = parsed
    elif raw_date not in (None, ""):
        meta.extra["published_unparsed"] = valid_text(str(raw_date)[:100])
    return RawItem(source, ident, "record", valid_text(text), meta)
