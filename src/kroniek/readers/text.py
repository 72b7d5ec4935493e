"""Plain-text articles in the seed format.

An optional first line ``␠date 2026-02-26`` (or ``␠date 2023-09``) gives the publication date; the
first line of the text (a caption or the lead) may follow on the same line. Without a header the
publication date stays unknown (None), never today's date.
"""

from __future__ import annotations

import re

from ..document import Document, Metadata
from .dates import partial_date

HEADER_RE = re.compile(
    r"^\ufeff?[ \t]*date:?[ \t]+(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?=[ \t\r\n]|$)[ \t]*"
)


def text_document(text: str, doc_id: str, meta: Metadata) -> Document:
    """A Document from seed-format text; the header, if any, sets the publication date."""
    body_start = 0
    m = HEADER_RE.match(text)
    if m:
        parsed = partial_date(m.group(1), m.group(2), m.group(3))
        if parsed is not None:
            meta.published, meta.published_precision = parsed
        else:  # a header with no real date ("2023-13-45"): not text, and no date either
            meta.extra["header_invalid"] = m.group(0).strip()
        body_start = m.end()
        rest_of_line = text[body_start : text.find("\n", body_start) % (len(text) + 1)]
        meta.extra["header_glued"] = "1" if rest_of_line.strip() else "0"
    return Document(id=doc_id, raw=text, meta=meta, body_start=body_start)
