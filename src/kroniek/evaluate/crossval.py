"""Train the events stage's judge (``events/learned.py``) on gold articles, and score it honestly:
by cross-validation over articles, never on the articles it was trained on.

1. Every gold article is analysed once; the events stage runs with the rules alone and records
   each sentence's candidate pairs with their features (``events.judge.SentencePairs``).
2. A pair is an event of its sentence when a gold event's quote lies in the sentence and the pair
   fits it (its actor among the gold actors, its recipient among the gold recipients, none for
   none; either way round for the symmetric types); its type is that event's.
3. ``train``: the event model (logistic) on all pairs, the type model (softmax) on the event
   pairs; the thresholds ``keep`` and ``add`` chosen by an inner cross-validation on the training
   articles only (the pair-level F1 of the rules' events kept and the pairs added).
4. ``cross_validate``: the development articles in ``folds`` folds by article; for each, a judge
   trained on the other folds and on the extra training articles (the seeds) codes the fold's
   articles, and the gold scorer (``evaluate.events``) scores all of them together.
"""

from __future__ import annotations

import copy
import json
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Document
from ..events.judge import SentencePairs, default_vocabulary
from ..events.learned import Features, Model, fit_logistic, fit_softmax
from ..events.lexicon import SYMMETRIC, lexicon
from ..events.stage import find_events
from ..settings import Settings
from .events import GoldArticle, score_events
from .losses import quote_span

#: The L2 penalties of the two models (fixed, not tuned on the scored articles).
EVENT_L2 = 3.0
TYPE_L2 = 3.0
KEEP_GRID = (0.0,)
ADD_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)


@dataclass(frozen=True)
class Example:
    doc: str
    features: Features
    label: str | None
    """The PLOVER type of the gold event the pair is, or None."""


def _rules_only(settings: Settings) -> Settings:
    out = copy.deepcopy(settings)
    out["events"]["learned"] = False
    return out


def examples(gold: Sequence[GoldArticle], docs: dict[str, Document], settings: Settings) -> list[Example]:
    """The labelled candidate pairs of the gold articles (the rules alone coding them)."""
    rules = _rules_only(settings)
    out: list[Example] = []
    for article in gold:
        doc = docs.get(article.doc)
        if doc is None:
            continue
        collected: list[SentencePairs] = []
        find_events(copy.copy(doc), rules, collect=collected)
        spans = [(e, quote_span(doc.clean, str(e.get("quote", "")))) for e in article.events]
        for sentence in collected:
            here = [
                e for e, span in spans if span and span[0] < sentence.span[1] and sentence.span[0] < span[1]
            ]
            for a, r, features in sentence.pairs:
                out.append(Example(article.doc, features, _label(a.codes, r.codes if r else None, here)))
    return out


def _label(
    actor: frozenset[str], recipient: frozenset[str] | None, events: list[dict[str, Any]]
) -> str | None:
    for e in events:
        gold_actor, gold_recipient = set(e.get("actor") or ()), set(e.get("recipient") or ())
        fits = bool(actor & gold_actor) and (
            bool(recipient & gold_recipient) if recipient else not gold_recipient
        )
        if not fits and recipient and e["type"] in SYMMETRIC:
            fits = bool(actor & gold_recipient) and bool(recipient & gold_actor)
        if fits:
            return str(e["type"])
    return None


def _pair_f1(model: Model, rows: Sequence[Example], keep: float, add: float) -> float:
    tp = fp = fn = 0
    for x in rows:
        p = model.probability(x.features)
        predicted = p >= keep if "rule" in x.features else p >= add
        tp += predicted and x.label is not None
        fp += predicted and x.label is None
        fn += (not predicted) and x.label is not None
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _fit(rows: Sequence[Example], vocabulary: frozenset[str], keep: float, add: float) -> Model:
    event = fit_logistic([x.features for x in rows], [int(x.label is not None) for x in rows], EVENT_L2)
    positives = [x for x in rows if x.label is not None]
    types = fit_softmax([x.features for x in positives], [str(x.label) for x in positives], TYPE_L2)
    return Model(event, types, vocabulary, keep, add)


def _folds(ids: Sequence[str], folds: int, seed: int = 13) -> list[list[str]]:
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    return [order[i::folds] for i in range(folds)]


def train(rows: Sequence[Example], vocabulary: frozenset[str], inner_folds: int = 4) -> Model:
    """A judge trained on ``rows``, its thresholds chosen by cross-validation inside them."""
    scores = {(k, a): 0.0 for k in KEEP_GRID for a in ADD_GRID}
    for held in _folds([x.doc for x in rows], inner_folds):
        test = set(held)
        model = _fit([x for x in rows if x.doc not in test], vocabulary, 0.0, 1.0)
        rest = [x for x in rows if x.doc in test]
        for key in scores:
            scores[key] += _pair_f1(model, rest, *key)
    keep, add = max(sorted(scores), key=lambda key: scores[key])
    return _fit(rows, vocabulary, keep, add)


def cross_validate(
    gold: Sequence[GoldArticle],
    docs: dict[str, Document],
    extra: Sequence[Example],
    settings: Settings,
    folds: int = 5,
) -> tuple[dict[str, Any], dict[str, Document]]:
    """Cross-validated event scores of the rules with the judge on the ``gold`` articles, and the
    articles as each fold's judge coded them; ``extra`` examples (other gold sets) are always in
    the training part."""
    lex = lexicon("nl")
    assert lex is not None
    vocabulary = default_vocabulary(lex)
    rows = examples(gold, docs, settings)
    coded: dict[str, Document] = {}
    chosen = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, held in enumerate(_folds([a.doc for a in gold], folds)):
            test = set(held)
            model = train([*extra, *(x for x in rows if x.doc not in test)], vocabulary)
            chosen.append({"fold": k, "articles": len(held), "keep": model.keep, "add": model.add})
            path = Path(tmp) / f"fold{k}.json"
            path.write_text(json.dumps(model.to_json()), "utf-8")
            fold_settings = copy.deepcopy(settings)
            fold_settings["events"]["learned"] = True
            fold_settings["events"]["learned_model"] = str(path)
            for doc_id in held:
                if doc_id in docs:
                    coded[doc_id] = find_events(copy.copy(docs[doc_id]), fold_settings)
    result = score_events(list(gold), coded)
    result["folds"] = chosen
    return result, coded
