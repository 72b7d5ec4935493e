"""The analyse stage: sentences, tokens and named entities of the clean text."""

from __future__ import annotations

from ..document import Document
from ..settings import Settings
from . import backend


def analyse(doc: Document, settings: Settings) -> Document:
    """Fill ``doc.sentences``, ``doc.tokens`` and ``doc.entities`` with the configured backend.

    Languages without a backend (``analyse.languages``) and ``analyse.backend = "none"`` leave
    them empty; later stages then work from the knowledge base alone.
    """
    config = settings["analyse"]
    if config["backend"] == "none" or doc.meta.language not in config["languages"] or not doc.clean:
        return doc
    result = backend(config["backend"], doc.meta.language or "nl").analyse(doc.clean)
    doc.sentences, doc.tokens, doc.entities = result.sentences, result.tokens, result.entities
    return doc
