"""WARC files: HTML responses, streamed record by record (never loaded whole).

A truncated file keeps the records before the break; the broken record becomes a Failure.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..document import Metadata
from ..errors import Failure
from ..strings import valid_text
from .items import RawItem


def _record_id(record: Any, number: int) -> str:
    rid = record.rec_headers.get_header("WARC-Record-ID") or ""
    rid = rid.strip("<>").removeprefix("urn:uuid:")
    return rid or f"record-{number}"


def _starts_like_warc(head: bytes) -> bool:
    """WARC files start with ``WARC/``, ARC files with ``filedesc://`` (gzip: after inflating)."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip(b"\r\n").startswith((b"WARC/", b"filedesc://"))


def read_warc(
    stream: BinaryIO, head: bytes, name: str, settings: dict[str, Any]
) -> Iterator[RawItem | Failure]:
    """The HTML responses of a WARC file; ``head``: its first bytes (the stream is not moved)."""
    max_bytes = settings["max_document_bytes"]
    number = 0
    if not _starts_like_warc(head):
        yield Failure(f"{name}#1", "read", "warc_invalid", "the file does not start with a WARC record")
        return
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if record.rec_type != "response":
                continue
            uri = valid_text(record.rec_headers.get_header("WARC-Target-URI") or "")
            source = f"{name}#{uri or number}"
            if record.length and record.length > max_bytes:
                yield Failure(source, "read", "too_large", f"record of {record.length} bytes")
                continue
            payload = record.content_stream().read(max_bytes + 1)
            if getattr(record.raw_stream, "limit", 0) > 0:
                yield Failure(source, "read", "warc_truncated", "the file ends inside this record")
                return
            if record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            meta = Metadata(source=source, format="html", url=uri or None)
            crawled = record.rec_headers.get_header("WARC-Date")
            if crawled:
                meta.extra["crawled"] = crawled  # when it was fetched, not when it was published
            yield RawItem(source, _record_id(record, number), "html", payload, meta)
    except ArchiveLoadFailed as exc:
        yield Failure(f"{name}#{number + 1}", "read", "warc_invalid", valid_text(str(exc).strip()[:300]))
    except Exception:  # warcio fails in many ways on a file cut short (in gzip, in headers)
        message = f"the file ends or breaks inside record {number + 1}"
        yield Failure(f"{name}#{number + 1}", "read", "warc_truncated", message)
