"""Readers: paths, directories, globs and stdin to ``RawItem``s, and RawItems to Documents.

``iter_items`` runs in the main process and only reads bytes and splits containers (JSONL lines,
WARC records); ``to_document`` does the decoding and parsing and runs in the worker processes.
Every input that cannot be read becomes a ``Failure``; nothing raises out of a batch. Inputs are
named by ``kroniek.strings.path_text`` (valid text that leads back to the file) and read within
``read.max_document_bytes`` while they are read (``lines``), whatever their size.

Example::

    >>> from kroniek.settings import load_settings
    >>> items = list(iter_items(["examples/sample/nl"], load_settings()["read"]))
"""

from __future__ import annotations

import glob
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from ..document import Document, Metadata
from ..errors import Failure, KroniekError, Skip
from ..strings import path_text, valid_text
from .decode import decode
from .html import html_document
from .items import RawItem
from .jsonl import JsonFields, read_jsonl
from .lines import Replayed, read_at_most
from .parquet import read_parquet
from .text import text_document
from .warc import read_warc

__all__ = [
    "Input",
    "JsonFields",
    "RawItem",
    "inputs",
    "iter_items",
    "known_format",
    "read_input",
    "to_document",
]

Format = Literal["text", "html", "jsonl", "warc", "parquet"]
_GLOB_CHARS = set("*?[")
#: Bytes read from the start of an input to tell its format.
SNIFF_BYTES = 4096


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", ".arc.gz"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _by_suffix(path: Path, s: dict[str, Any]) -> Format | None:
    name = path.name.lower()
    formats: tuple[Format, ...] = ("warc", "jsonl", "parquet", "html", "text")
    for fmt in formats:
        if any(name.endswith(suffix) for suffix in s[f"{fmt}_suffixes"]):
            return fmt
    return None


def known_format(path: Path, settings: dict[str, Any]) -> bool:
    """True when a file found in a folder would be read (its suffix is one of a format's)."""
    return _by_suffix(path, settings) is not None


def _sniff(head: bytes) -> Format:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    if start.startswith(b"warc/") or head[:2] == b"\x1f\x8b":
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")):
        return "html"
    if head.startswith(b"PAR1"):
        return "parquet"
    return "text"


@dataclass(frozen=True, slots=True)
class Input:
    """One input as named or found: a file (``path``), or stdin (``path`` None, name ``-``).

    ``explicit``: named on the command line (read whatever its suffix) rather than found in a
    folder (read only when its suffix is one kroniek reads).
    """

    name: str
    path: Path | None
    explicit: bool


def inputs(paths: Iterable[str]) -> Iterator[Input]:
    """The inputs under ``paths`` in the order every run reads them: globs expanded, folders walked
    recursively in sorted order (hidden files and folders left out)."""
    for name, path, explicit in _expand(paths):
        yield Input(name, path, explicit)


def _expand(paths: Iterable[str]) -> Iterator[tuple[str, Path | None, bool]]:
    """(name, path, named explicitly); path None for stdin."""
    for name in paths:
        if name == "-":
            yield "-", None, True
            continue
        name = os.path.normpath(name)
        path = Path(name)
        if not path.exists() and _GLOB_CHARS & set(name):
            matches = [m for m in sorted(glob.glob(name, recursive=True)) if Path(m).is_file()]
            if not matches:
                yield name, path, True  # reported as unreadable: no such file
            for match in matches:
                yield os.path.normpath(match), Path(match), True
            continue
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    if not file.startswith("."):
                        child = Path(root) / file
                        yield str(child), child, False
            continue
        yield name, path, True


def _read_file(
    name: str, path: Path, explicit: bool, s: dict[str, Any], fields: JsonFields
) -> Iterator[RawItem | Failure | Skip]:
    fmt = _by_suffix(path, s)
    if fmt is None and not explicit:
        return  # a folder's README, LICENSE and the like are not articles
    if not path.is_file():
        yield Failure(name, "read", "unreadable", "no such file")
        return
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
        stream.seek(0)
        fmt = fmt or _sniff(head)
        stem = path_text(_stem(path))
        yield from _read_stream(stream, head, name, stem, fmt, path.stat().st_size, s, fields)


def _read_stdin(s: dict[str, Any], fields: JsonFields) -> Iterator[RawItem | Failure | Skip]:
    """Standard input, streamed like a file (never read whole): its first bytes tell the format."""
    stdin = sys.stdin.buffer
    head = stdin.read(SNIFF_BYTES)
    stream = io.BufferedReader(Replayed(head, stdin))
    yield from _read_stream(stream, head, "-", "stdin", _sniff(head), None, s, fields)


def _read_stream(
    stream: BinaryIO,
    head: bytes,
    name: str,
    stem: str,
    fmt: Format,
    size: int | None,
    s: dict[str, Any],
    fields: JsonFields,
) -> Iterator[RawItem | Failure | Skip]:
    """Items of one input; ``size`` None where it is not known before reading (stdin)."""
    max_bytes = s["max_document_bytes"]
    if fmt == "jsonl":
        yield from read_jsonl(stream, name, stem, fields, s)
    elif fmt == "parquet":
        yield from read_parquet(stream, name, stem, fields, s)
    elif fmt == "warc":
        yield from read_warc(stream, head, name, s)
    elif size is not None and size > max_bytes:  # refused without reading it
        yield Failure(name, "read", "too_large", f"{size} bytes > {max_bytes}")
    elif (data := read_at_most(stream, max_bytes)) is None:  # it grew, or it is a stream
        yield Failure(name, "read", "too_large", f"more than {max_bytes} bytes")
    else:
        yield RawItem(name, stem, fmt, data, Metadata(source=name, format=fmt))


def iter_items(
    paths: Iterable[str], settings: dict[str, Any], fields: JsonFields | None = None
) -> Iterator[RawItem | Failure | Skip]:
    """Everything under ``paths`` as RawItems, and a Failure for each input that can't be read."""
    fields = fields or JsonFields()
    for source in inputs(paths):
        yield from read_input(source, settings, fields)


def read_input(
    source: Input, settings: dict[str, Any], fields: JsonFields | None = None
) -> Iterator[RawItem | Failure | Skip]:
    """One input's items (a file's JSONL lines, WARC records, Parquet rows, or the file itself).

    What ``iter_items`` does for each input; an engine that reads inputs in parallel (one input
    per task) calls it on each and gets the same items in the same order.
    """
    fields = fields or JsonFields()
    name = path_text(source.name)  # what the store calls the input: valid text, back to the name
    try:
        if source.path is None:
            yield from _read_stdin(settings, fields)
        else:
            yield from _read_file(name, source.path, source.explicit, settings, fields)
    except OSError as exc:
        yield Failure(name, "read", "unreadable", exc.strerror or type(exc).__name__)
    except Exception as exc:  # a reader bug must cost one input, not the batch
        yield Failure.from_exception(name, "read", exc)


def to_document(item: RawItem, settings: dict[str, Any]) -> Document:
    """Decode and parse one RawItem; raises KroniekError for input that is no article."""
    meta = item.meta
    meta.source = item.source
    if isinstance(item.data, str):
        text, meta.encoding = valid_text(item.data), meta.encoding or "utf-8"
    else:
        text, meta.encoding = decode(item.data, settings["max_control_ratio"])
    if not text.strip():
        raise KroniekError("empty", "the record's text is empty")
    if item.kind == "html":
        return html_document(text, item.doc_id, meta, settings["html_min_words"])
    if item.kind == "text":
        return text_document(text, item.doc_id, meta)
    return Document(id=item.doc_id, raw=text, meta=meta)
