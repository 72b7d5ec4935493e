"""Inputs the tests build themselves: random-word articles, WARC files, and Documents as the
stages hand them to the store."""

from __future__ import annotations

import hashlib
import io
import random
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kroniek.document import Block, Document, Metadata, OffsetMap, Segment

WORDS = [
    "regering",
    "leger",
    "raket",
    "minister",
    "verklaring",
    "grens",
    "overleg",
    "sancties",
    "president",
    "top",
    "akkoord",
    "onderhandelingen",
    "woordvoerder",
    "hoofdstad",
    "delegatie",
    "bezoek",
    "oefening",
    "kernwapens",
    "verdrag",
    "veiligheidsraad",
    "ambassadeur",
    "bondgenoten",
    "steun",
    "druk",
    "dreiging",
    "lancering",
    "reactie",
    "kritiek",
    "gesprekken",
    "schiereiland",
    "marine",
    "troepen",
    "wapens",
    "levering",
    "handel",
    "grenspost",
    "conferentie",
]


def random_words(rng: random.Random, n: int) -> str:
    """``n`` random words: texts from different seeds share no long runs (no duplicates)."""
    return " ".join(rng.choice(WORDS) for _ in range(n))


def random_page(seed: int, paragraphs: int = 6) -> bytes:
    """An article page of random words: distinct per seed and hard to compress."""
    rng = random.Random(seed)
    paras = []
    for _ in range(paragraphs):
        sentences = [random_words(rng, 14).capitalize() + "." for _ in range(3)]
        paras.append("<p>" + " ".join(sentences) + "</p>")
    return (
        f"<!DOCTYPE html><html><head><title>Artikel {seed}</title></head><body><article>"
        f"<h1>Kop van artikel {seed}</h1>{''.join(paras)}</article></body></html>"
    ).encode()


def warc_bytes(records: list[tuple[str, str, bytes]], gz: bool) -> bytes:
    """A WARC file of response records ``(uri, content type, payload)``."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for uri, content_type, payload in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        # length given: warcio would otherwise buffer into a temp file it never closes
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), length=len(payload), http_headers=http
        )
        writer.write_record(record)
    return out.getvalue()


def html_warc(pages: list[bytes], gz: bool) -> bytes:
    """A WARC of HTML responses at https://example.org/a1, a2, ..."""
    return warc_bytes([(f"https://example.org/a{n}", "text/html", p) for n, p in enumerate(pages, 1)], gz)


def document(doc_id: str, text: str, source: str | None = None, **meta: Any) -> Document:
    """A Document as the stages leave it for the store: clean text (here the raw text itself), one
    paragraph, an offset map, a content hash; ``meta`` sets Metadata fields (title, url, ...)."""
    doc = Document(id=doc_id, raw=text, meta=Metadata(source=source or f"{doc_id}.txt", **meta))
    doc.clean = text
    doc.offsets = OffsetMap([Segment(0, len(text), 0, len(text), True)])
    doc.blocks = [Block(0, len(text))] if text else []
    identity = f"{doc_id}\n{text}".encode("utf-8", "surrogatepass")  # text of any kind, surrogates too
    doc.content_hash = hashlib.sha256(identity).hexdigest()
    return doc
