"""What a linguistic backend returns, and the alignment of its words to the clean text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..document import Entity, Sentence, Token

#: Coarse (Universal) POS of CGN tags, the tag set of Frog and the Dutch corpora.
CGN_TO_UPOS = {
    "N": "NOUN",
    "WW": "VERB",
    "ADJ": "ADJ",
    "VZ": "ADP",
    "LID": "DET",
    "VNW": "PRON",
    "BW": "ADV",
    "TW": "NUM",
    "LET": "PUNCT",
    "SPEC": "X",
    "TSW": "INTJ",
}


def cgn_upos(tag: str) -> str:
    """``N(eigen,...)`` and ``SPEC(deeleigen)`` -> PROPN; ``VG(neven)`` -> CCONJ; ``WW(...)`` -> VERB."""
    head = tag.split("(", 1)[0]
    if tag.startswith(("N(eigen", "SPEC(deeleigen")):
        return "PROPN"
    if head == "VG":
        return "CCONJ" if "neven" in tag else "SCONJ"
    return CGN_TO_UPOS.get(head, "X")


@dataclass
class Analysis:
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def align(text: str, words: Sequence[str], start: int = 0) -> list[tuple[int, int]]:
    """Character spans of ``words`` in ``text``, searched in order from ``start``.

    A backend may join a multi-word unit with ``_`` ("Kim_Jong-un") or normalise a character
    (quotes); a word not found nearby gets an empty span at the current position, so offsets
    stay monotone and never point at the wrong words.
    """
    spans = []
    pos = start
    for word in words:
        parts = [p for p in word.split("_") if p] or [word]
        at = text.find(parts[0], pos, pos + 200 + len(parts[0]))
        if at < 0:
            spans.append((pos, pos))
            continue
        end = at + len(parts[0])
        for part in parts[1:]:
            nxt = text.find(part, end, end + 10 + len(part))
            if nxt < 0:
                break
            end = nxt + len(part)
        spans.append((at, end))
        pos = end
    return spans


def entities_from_iob(text: str, tokens: Sequence[Token], labels: Sequence[str]) -> list[Entity]:
    """Entity spans from per-token IOB labels (``B-PER``, ``I-PER``, ``O``)."""
    entities: list[Entity] = []
    current: tuple[int, int, str] | None = None
    for token, label in zip(tokens, labels, strict=True):
        kind = label[2:] if len(label) > 2 else ""
        inside = label.startswith("I-") and current is not None and current[2] == kind
        if current is not None and not inside:
            entities.append(Entity(current[0], current[1], text[current[0] : current[1]], current[2]))
            current = None
        if label.startswith("B-") or (label.startswith("I-") and current is None):
            current = (token.start, token.end, kind)
        elif inside and current is not None:
            current = (current[0], token.end, kind)
    if current is not None:
        entities.append(Entity(current[0], current[1], text[current[0] : current[1]], current[2]))
    return [e for e in entities if e.end > e.start]
