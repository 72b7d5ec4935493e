"""HTML pages: main text and title by trafilatura, publication date by htmldate.

The Document's ``raw`` is the text trafilatura extracted (one block per line, made into
blank-line separated paragraphs); offsets point into it, not into the HTML.
"""

from __future__ import annotations

import logging

import htmldate
import trafilatura

from ..document import Document, Metadata
from ..errors import KroniekError
from .dates import parse_published

# trafilatura and htmldate log every page they find hard; their verdict reaches us as a result.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def html_document(html: str, doc_id: str, meta: Metadata, min_words: int = 10) -> Document:
    """A Document from an HTML page; ``no_main_text`` when trafilatura finds no article text."""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=meta.url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=False,
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken pages
        raise KroniekError("no_main_text", f"HTML extraction failed: {exc}") from exc
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise KroniekError("no_main_text", "trafilatura found no main text in the page")
    if len(text.split()) < min_words:
        raise KroniekError("no_main_text", f"only {len(text.split())} words of text: {text[:80]!r}")
    meta.format = "html"
    meta.title = meta.title or getattr(result, "title", None)
    meta.url = meta.url or getattr(result, "url", None)
    if meta.published is None:
        try:
            found = htmldate.find_date(html, url=meta.url, original_date=True, extensive_search=False)
        except Exception:  # htmldate is a best effort; no date is an honest answer
            found = None
        parsed = parse_published(found)
        if parsed is not None:
            meta.published, meta.published_precision = parsed
    raw = "\n\n".join(line for line in text.splitlines() if line.strip())
    return Document(id=doc_id, raw=raw, meta=meta)
