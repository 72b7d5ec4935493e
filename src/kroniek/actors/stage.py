"""The actors stage: every actor mention of the clean text, resolved against the knowledge base."""

from __future__ import annotations

from ..document import Document
from ..settings import Settings
from .gazetteer import gazetteer
from .resolve import resolve_actors


def find_actors(doc: Document, settings: Settings) -> Document:
    config = settings["actors"]
    if doc.meta.language not in config["languages"] or not doc.clean:
        return doc
    gaz = gazetteer(doc.meta.language, tuple(config["kb_files"]))
    doc.mentions = resolve_actors(doc, gaz)
    return doc
