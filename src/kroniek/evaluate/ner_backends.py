"""Named entities of CoNLL sentences from kroniek's backends, for ``kroniek eval ner``.

The fast backend's model reads the gold tokens as they are; Frog tokenises the sentence itself
(joined with spaces), and its entity spans are mapped back to the gold tokens by character offset.
Frog's PRO (products) and EVE (events) count as MISC, as CoNLL-2002 has no such types.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from .ner import Sentence, Span

_LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "PRO": "MISC", "EVE": "MISC"}


def predict(backend_name: str, sentences: Sequence[Sentence]) -> tuple[list[list[Span]], float]:
    """Predicted spans per sentence (token indices, end exclusive) and words per second."""
    if backend_name == "fast":
        return _fast(sentences)
    return _frog(backend_name, sentences)


def _fast(sentences: Sequence[Sentence]) -> tuple[list[list[Span]], float]:
    import spacy
    from spacy.tokens import Doc

    from ..nlp.fast_backend import packaged_model

    path = packaged_model()
    if path is None:
        raise RuntimeError("the fast backend's NER model is missing (kroniek/models/nl_ner_fast)")
    nlp = spacy.load(path)
    started = time.perf_counter()
    docs = nlp.pipe((Doc(nlp.vocab, words=list(s.tokens)) for s in sentences), batch_size=256)
    spans = [[(e.start, e.end, _LABELS.get(e.label_, "MISC")) for e in doc.ents] for doc in docs]
    return spans, _rate(sentences, started)


def _frog(backend_name: str, sentences: Sequence[Sentence]) -> tuple[list[list[Span]], float]:
    from ..nlp import backend

    frog = backend(backend_name)
    started = time.perf_counter()
    out = []
    for sentence in sentences:
        text = " ".join(sentence.tokens)
        starts, pos = [], 0
        for token in sentence.tokens:
            starts.append(pos)
            pos += len(token) + 1
        found: list[Span] = []
        for entity in frog.analyse(text).entities:
            first = max((i for i, s in enumerate(starts) if s <= entity.start), default=0)
            last = max((i for i, s in enumerate(starts) if s < entity.end), default=first)
            found.append((first, last + 1, _LABELS.get(entity.label, "MISC")))
        out.append(found)
    return out, _rate(sentences, started)


def _rate(sentences: Sequence[Sentence], started: float) -> float:
    words = sum(len(s.tokens) for s in sentences)
    return words / max(time.perf_counter() - started, 1e-9)
