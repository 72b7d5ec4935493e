"""Linguistic analysis behind one interface: sentences, tokens (lemma, POS, dependencies) and
named entities with character offsets into the clean text.

Backends: ``fast`` (spaCy tokenizer, rule sentences, the project's NER model; no parser) and
``accurate`` (Frog with its dependency parser). ``backend(name)`` keeps one instance per process.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

from .analysis import Analysis, align, cgn_upos, entities_from_iob


class Backend(Protocol):
    name: str

    def analyse(self, text: str) -> Analysis: ...


BACKENDS = ("fast", "accurate", "accurate-noparse")


@cache
def backend(name: str, language: str = "nl") -> Backend:
    """The backend called ``name`` for ``language``, loaded once per process. English has one
    backend (spaCy's small English pipeline) under every name."""
    if name == "fast" or (language == "en" and name in BACKENDS):
        from .fast_backend import FastBackend

        return FastBackend(language=language)
    if language != "nl":
        raise ValueError(f"no {name!r} backend for language {language!r}")
    if name in ("accurate", "accurate-noparse"):
        from .frog_backend import FrogBackend

        return FrogBackend(parser=name == "accurate")
    raise ValueError(f"unknown backend {name!r} (known: {', '.join(BACKENDS)})")


__all__ = ["BACKENDS", "Analysis", "Backend", "align", "backend", "cgn_upos", "entities_from_iob"]
