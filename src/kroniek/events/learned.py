"""A learned judge of who did what to whom in a sentence, beside the rules.

The rules code what their predicates and frames say; news says much of it in ways no rule
foresees ("Het kabinet hoopt dat ...", "Volgens Iran overtrad het schip ..."), and the rules also
code what the codebook leaves out. For each sentence the judge takes every ordered pair of the
sentence's participants (the groups named there, the references resolved to a participant, the
speaker of a quote, the subject of the sentence before), and alone (no recipient), and
estimates, from what the rules found there and what the sentence says, how likely it is that the
pair is an event's actor and recipient:

- a rule's event whose pair scores below ``events.learned_keep`` is left out;
- a pair no rule coded that scores ``events.learned_add`` or more becomes an event, its type from
  a second model (a softmax over the 16 types on the same features).

Both are linear models (logistic and softmax regression with an L2 penalty) over sparse binary
features, trained by ``training/events/train.py`` on the gold articles (seeds and news_dev) and
shipped as JSON (``models/events_nl.json``). Scores on the gold come from cross-validation by
article (``kroniek eval events --cross-validate``), never from the training fit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..document import Document
from ..kb import KnowledgeBase
from .clauses import Clause
from .coder import Candidate, Coded, markers
from .lexicon import TYPES, Lexicon
from .participants import Group
from .statements import speaker_codes

Features = dict[str, float]


@dataclass(frozen=True)
class Party:
    """A participant of a sentence, as the judge sees it."""

    codes: frozenset[str]
    start: int
    prep: str
    subject: bool
    main: bool
    quoted: bool
    clause: int
    opener: str
    source: str
    """named | reference | speaker | context"""


def parties(
    doc: Document,
    sentence: tuple[int, int],
    clauses: Sequence[Clause],
    clause_groups: Sequence[Sequence[Group]],
    context: tuple[str, ...],
    kb: KnowledgeBase,
) -> list[Party]:
    """The participants of a sentence, each code set once, in text order (then the speaker and
    the subject of the sentence before)."""
    out: list[Party] = []
    for k, (clause, groups) in enumerate(zip(clauses, clause_groups, strict=True)):
        subject = next((g for g in groups if g.prep is None and g.codes), None)
        for g in groups:
            if not g.codes:
                continue
            out.append(
                Party(
                    codes=frozenset(g.codes),
                    start=g.start,
                    prep=g.prep or "-",
                    subject=g is subject,
                    main=clause.opener is None,
                    quoted=any(q.start <= g.start < q.end for q in doc.quotes),
                    clause=k,
                    opener=clause.opener or "-",
                    source="reference" if g.reference else "named",
                )
            )
    for quote in doc.quotes:
        if quote.start < sentence[1] and sentence[0] < quote.end:
            codes = speaker_codes(doc, quote, kb)
            if codes:
                start = quote.speaker_start if quote.speaker_start is not None else quote.start
                out.append(Party(frozenset(codes), start, "-", True, True, False, -1, "-", "speaker"))
    if context:
        out.append(Party(frozenset(context), sentence[0], "-", True, True, False, -1, "-", "context"))
    seen: set[frozenset[str]] = set()
    unique = []
    for p in out:
        if p.codes not in seen:
            seen.add(p.codes)
            unique.append(p)
    return unique


def sentence_features(
    clauses: Sequence[Clause],
    lex: Lexicon,
    coded: Sequence[Coded],
    dropped: Sequence[Candidate],
    vocabulary: frozenset[str],
) -> Features:
    """What the sentence says, whoever it is about: the rules' types, markers, predicate words."""
    f: Features = {}
    for c in coded:
        f[f"ptype:{c.type}"] = 1.0
    for d in dropped:
        f[f"dtype:{d.type}"] = 1.0
    for clause in clauses:
        for kind in markers(clause, lex):
            f[f"mk:{kind}"] = 1.0
        for i, w in enumerate(clause.words):
            for lemma in (w.lemma, clause.extra_lemmas.get(i, "")):
                if lemma in vocabulary:
                    f[f"lem:{lemma}"] = 1.0
    return f


def _overlap(a: Iterable[str], b: frozenset[str]) -> bool:
    return bool(set(a) & b)


def pair_features(a: Party, r: Party | None, sentence: Features, coded: Sequence[Coded], n: int) -> Features:
    """The features of one ordered pair: the sentence's, the rules' verdict on this pair, where
    each side stands."""
    f = dict(sentence)
    rcodes = r.codes if r is not None else frozenset()
    for c in coded:
        if _overlap(c.actor, a.codes) and (_overlap(c.recipient, rcodes) if r else not c.recipient):
            f["rule"] = 1.0
            f[f"rule:{c.type}"] = 1.0
        elif r is not None and _overlap(c.actor, rcodes) and _overlap(c.recipient, a.codes):
            f["rule_reversed"] = 1.0
        elif _overlap(c.actor, a.codes):
            f["rule_actor"] = 1.0
    for side, p in (("A", a), ("R", r)):
        if p is None:
            f["R:none"] = 1.0
            continue
        f[f"{side}:prep:{p.prep}"] = 1.0
        f[f"{side}:source:{p.source}"] = 1.0
        f[f"{side}:opener:{p.opener}"] = 1.0
        if p.subject:
            f[f"{side}:subject"] = 1.0
        if p.main:
            f[f"{side}:main"] = 1.0
        if p.quoted:
            f[f"{side}:quoted"] = 1.0
    if r is not None:
        f["order:actor_first" if a.start < r.start else "order:recipient_first"] = 1.0
        f["same_clause" if a.clause == r.clause else "other_clause"] = 1.0
        f[f"distance:{min(abs(a.start - r.start) // 40, 5)}"] = 1.0
    f[f"parties:{min(n, 5)}"] = 1.0
    f["bias"] = 1.0
    return f


def candidates(ps: Sequence[Party]) -> list[tuple[Party, Party | None]]:
    """Every ordered pair of participants with no code in common, and each participant alone."""
    out: list[tuple[Party, Party | None]] = []
    for a in ps:
        out.append((a, None))
        out.extend((a, r) for r in ps if r is not a and not (a.codes & r.codes))
    return out


@dataclass(frozen=True)
class Model:
    """The judge: a logistic model of whether a pair is an event, a softmax model of its type."""

    event: dict[str, float]
    type_weights: dict[str, dict[str, float]]
    vocabulary: frozenset[str]
    keep: float
    add: float

    def probability(self, f: Features) -> float:
        z = sum(self.event.get(k, 0.0) * v for k, v in f.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def type_of(self, f: Features) -> str:
        scores = {t: sum(w.get(k, 0.0) * v for k, v in f.items()) for t, w in self.type_weights.items()}
        return max(sorted(scores), key=lambda t: scores[t])

    def to_json(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "types": self.type_weights,
            "vocabulary": sorted(self.vocabulary),
            "keep": self.keep,
            "add": self.add,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Model:
        return cls(
            event={str(k): float(v) for k, v in data["event"].items()},
            type_weights={t: {str(k): float(v) for k, v in w.items()} for t, w in data["types"].items()},
            vocabulary=frozenset(str(w) for w in data["vocabulary"]),
            keep=float(data["keep"]),
            add=float(data["add"]),
        )


def packaged_model_path(language: str) -> Path:
    return Path(str(resources.files("kroniek").joinpath("models", f"events_{language}.json")))


@cache
def load_model(path: str) -> Model | None:
    """The judge stored at ``path`` ("" or a missing file: none)."""
    if not path or not Path(path).is_file():
        return None
    return Model.from_json(json.loads(Path(path).read_text("utf-8")))


def model_for(language: str, setting: str) -> Model | None:
    """``events.learned_model``: "packaged" (the shipped model of the language), "" (none) or a path."""
    if setting == "packaged":
        return load_model(str(packaged_model_path(language)))
    return load_model(setting)


# --- training ------------------------------------------------------------------------------------


def _index(rows: Sequence[Features], min_count: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in rows:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    kept = sorted(k for k, n in counts.items() if n >= min_count or k == "bias")
    return {k: i for i, k in enumerate(kept)}


def _matrix(rows: Sequence[Features], index: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    data, cols, ptr = [], [], [0]
    for f in rows:
        for k, v in sorted(f.items()):
            if k in index:
                cols.append(index[k])
                data.append(v)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(rows), len(index)))


def fit_logistic(
    rows: Sequence[Features], labels: Sequence[int], l2: float, min_count: int = 2
) -> dict[str, float]:
    """L2-penalised logistic regression by L-BFGS (deterministic: no sampling)."""
    import numpy as np
    from scipy.optimize import minimize

    index = _index(rows, min_count)
    x = _matrix(rows, index)
    y = np.asarray(labels, dtype=float)

    def loss(w: Any) -> tuple[float, Any]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        eps = 1e-12
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * l2 * float(w @ w)
        grad = x.T @ (p - y) + l2 * w
        return float(value), grad

    result = minimize(loss, np.zeros(len(index)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return {k: round(float(result.x[i]), 6) for k, i in index.items() if abs(result.x[i]) > 1e-6}


def fit_softmax(
    rows: Sequence[Features], labels: Sequence[str], l2: float, min_count: int = 2
) -> dict[str, dict[str, float]]:
    """L2-penalised softmax regression over the PLOVER types present in ``labels``."""
    import numpy as np
    from scipy.optimize import minimize

    types = [t for t in TYPES if t in set(labels)]
    index = _index(rows, min_count)
    x = _matrix(rows, index)
    y = np.zeros((len(rows), len(types)))
    for i, label in enumerate(labels):
        y[i, types.index(label)] = 1.0
    d, k = len(index), len(types)

    def loss(flat: Any) -> tuple[float, Any]:
        w = flat.reshape(d, k)
        z = x @ w
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        value = -np.sum(y * np.log(p + 1e-12)) + 0.5 * l2 * float(np.sum(w * w))
        grad = x.T @ (p - y) + l2 * w
        return float(value), np.asarray(grad).ravel()

    result = minimize(loss, np.zeros(d * k), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = result.x.reshape(d, k)
    return {
        t: {name: round(float(w[i, j]), 6) for name, i in index.items() if abs(w[i, j]) > 1e-6}
        for j, t in enumerate(types)
    }
