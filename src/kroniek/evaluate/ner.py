"""Named-entity recognition scored the CoNLL way: entity level, exact span and exact type.

Reads CoNLL-2002/2003 style files: one token a line, whitespace-separated columns (the token
first, the named-entity tag last, optional columns such as a POS tag between), a blank line between
sentences, ``-DOCSTART-`` lines between articles. Tags may be IOB1 (``I-`` opens an entity, ``B-``
only where two entities of one type touch), IOB2 (every entity opens with ``B-``) or IOBES; the
conversion to spans follows ``conlleval``: an entity starts at ``B-``/``S-``, or at an ``I-``/``E-``
whose type differs from the previous token's or that follows ``O``, so all three schemes read alike.

Spans are ``(start, end, type)`` with token indices, ``end`` exclusive. The scores are micro
averages over all entities, as ``conlleval`` reports them. This module is pure Python (no spaCy), so
the training scripts under ``training/ner`` load it by its file path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypedDict

Span = tuple[int, int, str]
Scheme = Literal["IOB1", "IOB2"]

DOCSTART = "-DOCSTART-"
#: The CoNLL-2002/2003 entity types; scores always list these, plus any other type that occurs.
CONLL_TYPES: tuple[str, ...] = ("LOC", "MISC", "ORG", "PER")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a CoNLL file: tokens, their tags as written, and the gold entity spans."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    spans: tuple[Span, ...]
    #: Index of the article (the ``-DOCSTART-`` section) the sentence belongs to, from 0.
    document: int = 0
    #: Extra columns between token and tag (CoNLL-2002 Dutch has a POS tag), one tuple per token.
    columns: tuple[tuple[str, ...], ...] = field(default=(), compare=False)


class TypeScores(TypedDict):
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int


class Scores(TypedDict):
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    correct: int
    per_type: dict[str, TypeScores]


def _split_tag(tag: str) -> tuple[str, str]:
    """``"B-PER"`` → ``("B", "PER")``; ``"O"`` → ``("O", "")``; a bare type reads as ``I``."""
    if tag == "O" or not tag:
        return "O", ""
    prefix, sep, kind = tag.partition("-")
    if sep and prefix in {"B", "I", "E", "S"}:
        return prefix, kind
    return "I", tag


def tags_to_spans(tags: Sequence[str]) -> list[Span]:
    """Entity spans from IOB1, IOB2 or IOBES tags, with ``conlleval``'s rules for chunk boundaries."""
    spans: list[Span] = []
    start: int | None = None
    current = ""
    for i, tag in enumerate(tags):
        prefix, kind = _split_tag(tag)
        begins = prefix in {"B", "S"} or (prefix in {"I", "E"} and (start is None or kind != current))
        if start is not None and (prefix == "O" or begins):
            spans.append((start, i, current))
            start = None
        if prefix == "O":
            current = ""
            continue
        if begins:
            start, current = i, kind
        if prefix in {"E", "S"} and start is not None:
            spans.append((start, i + 1, current))
            start = None
            current = ""
    if start is not None:
        spans.append((start, len(tags), current))
    return spans


def detect_scheme(sentences: Iterable[Sequence[str]]) -> Scheme:
    """``IOB1`` if some entity opens with ``I-`` (after ``O``, at the start, or after another type)."""
    for tags in sentences:
        previous = ""
        for tag in tags:
            prefix, kind = _split_tag(tag)
            if prefix == "I" and kind != previous:
                return "IOB1"
            previous = kind
    return "IOB2"


def spans_to_iob2(spans: Iterable[Span], length: int) -> list[str]:
    """IOB2 tags for ``length`` tokens from non-overlapping spans."""
    tags = ["O"] * length
    for start, end, kind in spans:
        if not 0 <= start < end <= length:
            raise ValueError(f"span ({start}, {end}, {kind!r}) is outside a sentence of {length} tokens")
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return tags


def decode_conll(data: bytes) -> str:
    """UTF-8 where the bytes are valid UTF-8, else Latin-1 (the original CoNLL-2002 distribution)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def parse_conll(text: str) -> list[Sentence]:
    """Sentences from the text of a CoNLL file; a line with fewer than two columns is an error."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    columns: list[tuple[str, ...]] = []
    document = 0
    seen_docstart = False

    def flush() -> None:
        if tokens:
            sentences.append(
                Sentence(
                    tokens=tuple(tokens),
                    tags=tuple(tags),
                    spans=tuple(tags_to_spans(tags)),
                    document=document,
                    columns=tuple(columns),
                )
            )
        tokens.clear()
        tags.clear()
        columns.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields:
            flush()
            continue
        if fields[0] == DOCSTART:
            flush()
            if seen_docstart or sentences:
                document += 1
            seen_docstart = True
            continue
        if len(fields) < 2:
            raise ValueError(f"line {number}: expected a token and a tag, got {line!r}")
        tokens.append(fields[0])
        tags.append(fields[-1])
        columns.append(tuple(fields[1:-1]))
    flush()
    return sentences


def read_conll(path: str | Path) -> list[Sentence]:
    """Read a CoNLL NER file (encoding detected: UTF-8, else Latin-1)."""
    return parse_conll(decode_conll(Path(path).read_bytes()))


def _prf(correct: int, gold: int, predicted: int) -> tuple[float, float, float]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_entities(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]]) -> Scores:
    """CoNLL entity-level precision, recall and F1 (micro), overall and per type.

    ``gold[i]`` and ``pred[i]`` are the spans of sentence ``i``; an entity counts as correct only
    when start, end and type all match. Types ``LOC``, ``MISC``, ``ORG`` and ``PER`` are always
    listed in ``per_type``, as is any other type that occurs.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    gold_set = {(i, *span) for i, spans in enumerate(gold) for span in spans}
    pred_set = {(i, *span) for i, spans in enumerate(pred) for span in spans}
    correct_set = gold_set & pred_set
    kinds = sorted(set(CONLL_TYPES) | {item[3] for item in gold_set | pred_set})
    per_type: dict[str, TypeScores] = {}
    for kind in kinds:
        g = sum(1 for item in gold_set if item[3] == kind)
        p = sum(1 for item in pred_set if item[3] == kind)
        c = sum(1 for item in correct_set if item[3] == kind)
        precision, recall, f1 = _prf(c, g, p)
        per_type[kind] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "gold": g,
            "predicted": p,
            "correct": c,
        }
    precision, recall, f1 = _prf(len(correct_set), len(gold_set), len(pred_set))
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "gold": len(gold_set),
        "predicted": len(pred_set),
        "correct": len(correct_set),
        "per_type": per_type,
    }


def format_scores(scores: Scores) -> str:
    """A small table: overall and per-type P/R/F1 with counts."""
    lines = [f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}{'ok':>8}"]
    rows: list[tuple[str, TypeScores | Scores]] = [*scores["per_type"].items(), ("overall", scores)]
    for name, row in rows:
        lines.append(
            f"{name:<8}{row['precision']:>8.4f}{row['recall']:>8.4f}{row['f1']:>8.4f}"
            f"{row['gold']:>8}{row['predicted']:>8}{row['correct']:>8}"
        )
    return "\n".join(lines)
