"""What readers hand to the workers: one unparsed input with its metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from ..document import Metadata

ItemKind = Literal["text", "html", "record"]


@dataclass(slots=True)
class RawItem:
    """One article as read, before decoding and parsing (cheap to make, picklable).

    ``kind``: ``text`` (seed-format bytes), ``html`` (page bytes) or ``record`` (already decoded
    text with metadata, from a JSONL line).
    """

    source: str
    doc_id: str
    kind: ItemKind
    data: bytes | str
    meta: Metadata = field(default_factory=lambda: Metadata(source=""))

    def input_hash(self) -> str:
        """SHA-256 of the input as read: an unchanged input read again needs no processing."""
        data = self.data.encode("utf-8", "surrogatepass") if isinstance(self.data, str) else self.data
        return hashlib.sha256(data).hexdigest()
