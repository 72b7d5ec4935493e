"""Tagging, lemmas and dependencies scored on a CoNLL-U file, CoNLL 2018 style, tokens given.

Reads CoNLL-U (UD 2): one word a line with ten tab-separated columns; multiword-token ranges
(``3-4``) and empty nodes (``8.1``) are skipped, so every sentence is its basic tree over its words.

Scores, over every word (punctuation included), as micro averages:

- ``upos``: the universal POS tag is the gold one;
- ``lemma``: the lemma equals the gold lemma once ``_`` is taken out of both. UD Dutch writes the
  parts of compounds and particle verbs with ``_`` ("basis_niveau", "op_roepen"); kroniek's lemmas
  are the words joined ("basisniveau", "oproepen"), so that is what is compared. ``lemma_exact``
  compares the strings as they are;
- ``uas``: the head is the gold head; ``las``: the head and the universal part of the relation
  (``nsubj:pass`` counts as ``nsubj``, as the CoNLL 2018 evaluation script's LAS does);
- ``xpos`` (where a backend gives CGN tags) and ``las_full`` (the relation with its subtype).

Pure Python (no spaCy), so the training scripts under ``training/parse`` load it by its path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict


@dataclass(frozen=True)
class Word:
    """One word of a CoNLL-U sentence; ``head`` is a 0-based index in the sentence, -1 for the root."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    space_after: bool = True


@dataclass(frozen=True)
class UDSentence:
    sent_id: str
    text: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Predicted:
    """What a backend says about one gold word."""

    upos: str
    lemma: str
    head: int
    deprel: str
    xpos: str = ""


class ParseScores(TypedDict):
    upos: float
    xpos: float
    lemma: float
    lemma_exact: float
    uas: float
    las: float
    las_full: float
    words: int
    sentences: int


def parse_conllu(text: str) -> list[UDSentence]:
    """Sentences of a CoNLL-U text; a word line without ten columns is an error."""
    sentences: list[UDSentence] = []
    words: list[Word] = []
    sent_id = sent_text = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            if words:
                sentences.append(UDSentence(sent_id, sent_text, tuple(words)))
            words, sent_id, sent_text = [], "", ""
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            if key.strip() == "sent_id":
                sent_id = value.strip()
            elif key.strip() == "text":
                sent_text = value.strip()
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"line {number}: {len(cols)} columns, CoNLL-U has 10")
        if not cols[0].isdigit():  # "3-4" multiword token, "8.1" empty node
            continue
        head = int(cols[6]) - 1 if cols[6].isdigit() else -1
        words.append(
            Word(
                form=cols[1],
                lemma=cols[2],
                upos=cols[3],
                xpos=cols[4] if cols[4] != "_" else "",
                feats=cols[5] if cols[5] != "_" else "",
                head=head,
                deprel=cols[7],
                space_after="SpaceAfter=No" not in cols[9].split("|"),
            )
        )
    if words:
        sentences.append(UDSentence(sent_id, sent_text, tuple(words)))
    return sentences


def read_conllu(path: Path) -> list[UDSentence]:
    return parse_conllu(path.read_text(encoding="utf-8"))


def plain_lemma(lemma: str) -> str:
    """A UD Dutch lemma as kroniek writes lemmas: compound and particle parts joined."""
    return lemma.replace("_", "") if lemma != "_" else lemma


def universal(deprel: str) -> str:
    """``nsubj:pass`` -> ``nsubj``; ``root`` and ``ROOT`` -> ``root``."""
    return deprel.split(":", 1)[0].lower()


def base_lemma(sentence: UDSentence, i: int) -> str:
    """The lemma a lemmatizer should give word ``i`` before its particle is joined: a verb with a
    ``compound:prt`` dependent loses that particle ("spoorde" ... "aan": "aan_sporen" -> "sporen");
    every other lemma is joined ("basis_niveau" -> "basisniveau")."""
    lemma = sentence.words[i].lemma
    for word in sentence.words:
        if word.head == i and word.deprel == "compound:prt":
            prefix = word.form.lower() + "_"
            if lemma.lower().startswith(prefix):
                return plain_lemma(lemma[len(prefix) :])
    return plain_lemma(lemma)


def score(gold: Sequence[UDSentence], predicted: Sequence[Sequence[Predicted]]) -> ParseScores:
    """Micro-averaged scores of ``predicted`` (one list per sentence, one item per gold word)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    n = upos = xpos = xpos_n = lemma = lemma_exact = uas = las = las_full = 0
    for sentence, preds in zip(gold, predicted, strict=True):
        if len(sentence.words) != len(preds):
            raise ValueError(
                f"sentence {sentence.sent_id!r}: {len(sentence.words)} words, {len(preds)} predicted"
            )
        for g, p in zip(sentence.words, preds, strict=True):
            n += 1
            upos += g.upos == p.upos
            if g.xpos:
                xpos_n += 1
                xpos += _cgn(g.xpos) == _cgn(p.xpos)
            lemma += plain_lemma(g.lemma) == plain_lemma(p.lemma)
            lemma_exact += g.lemma == p.lemma
            if g.head == p.head:
                uas += 1
                las += universal(g.deprel) == universal(p.deprel)
                las_full += g.deprel.lower() == p.deprel.lower()

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return ParseScores(
        upos=ratio(upos, n),
        xpos=ratio(xpos, xpos_n),
        lemma=ratio(lemma, n),
        lemma_exact=ratio(lemma_exact, n),
        uas=ratio(uas, n),
        las=ratio(las, n),
        las_full=ratio(las_full, n),
        words=n,
        sentences=len(gold),
    )


def _cgn(tag: str) -> str:
    """``VZ|init`` and ``VZ(init)`` alike; ``LET()`` = ``LET``."""
    return tag.replace("(", "|").replace(",", "|").rstrip(")").rstrip("|")


def cgn_from_ud(xpos: str) -> str:
    """A UD Dutch XPOS (``WW|pv|tgw|ev``) in Frog's notation (``WW(pv,tgw,ev)``), kroniek's ``Token.tag``."""
    head, _, rest = xpos.partition("|")
    return f"{head}({rest.replace('|', ',')})"


def format_scores(rows: Iterable[tuple[str, ParseScores, float]]) -> str:
    """A plain table: one row per (label, scores, words per second)."""
    keys = ("upos", "xpos", "lemma", "lemma_exact", "uas", "las", "las_full")
    lines = [f"{'backend':<12}" + "".join(f"{k:>12}" for k in keys) + f"{'words/s':>10}"]
    for label, scores, rate in rows:
        values = "".join(f"{scores[k]:>12.3f}" for k in keys)  # type: ignore[literal-required]
        lines.append(f"{label:<12}{values}{rate:>10,.0f}")
    return "\n".join(lines)
