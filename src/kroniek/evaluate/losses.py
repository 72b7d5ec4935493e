"""Where events are lost: for every gold tuple the coder misses, the first place it went wrong, and
for every prediction no gold tuple matches, what it should have been.

A missed gold tuple (not matched at type level) is put in the first of these that applies:

1. ``type_wrong`` / ``quad_wrong``: a prediction matches it at interaction level (actors and date
   right) with another type of the same quad class, or of another quad class;
2. ``date_wrong``: a prediction has its type and participants, with a date outside the gold period;
3. ``quote_not_found``: its quote is not in the clean text (cleaning lost it);
4. ``no_predicate``: the coder matched no predicate in the quote's sentences; split by whether
   the actor stage named both sides there (``no_predicate/named``), or not (``no_predicate/actor
   unnamed``, ``no_predicate/recipient unnamed``);
5. ``dropped/<rule>``: predicates matched there, and a rule dropped each (``no_actor``,
   ``no_recipient``, ``topic_noun``, ``same_sentence_with_recipient``);
6. ``actor_wrong``, ``recipient_wrong``, ``both_wrong``: events were coded there, with other
   participants (what was found is listed);
7. ``other``: events with the right participants were coded there, but merged or dated away.

An unmatched prediction is ``type_wrong`` / ``quad_wrong`` (a gold tuple with its participants and
date has another type), ``date_wrong``, ``participants_wrong`` (a gold tuple of its sentence has
other participants), ``duplicate`` (the gold tuple of its sentence is already matched by another
prediction) or ``no_gold_event`` (no gold event in its sentences: spurious).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..document import Document
from ..events.coder import Candidate
from ..events.codes import event_codes
from ..kb import KnowledgeBase
from .events import QUADS, GoldArticle, Tuple, compatible, gold_tuples, match, predicted_tuples


@dataclass(frozen=True)
class Loss:
    doc: str
    category: str
    event: str
    text: str
    found: str = ""


def quote_span(clean: str, quote: str) -> tuple[int, int] | None:
    """Where a gold quote lies in the clean text, whitespace compared collapsed."""
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(re.escape(w) for w in words), clean)
    return (found.start(), found.end()) if found else None


def _sentences(doc: Document, span: tuple[int, int]) -> tuple[int, int]:
    """The sentences a span lies in, as one span."""
    inside = [s for s in doc.sentences if s.end > span[0] and s.start < span[1]]
    if not inside:
        return span
    return inside[0].start, max(inside[-1].end, span[1])


def _roles(p: Tuple, g: Tuple) -> tuple[bool, bool]:
    """Whether the actor and the recipient sides agree (either way round for symmetric types)."""

    def meets(a: frozenset[str], b: frozenset[str]) -> bool:
        return bool(a & b) or (not a and not b)

    straight = (meets(p.actor, g.actor), meets(p.recipient, g.recipient))
    if all(straight):
        return straight
    from ..events.lexicon import SYMMETRIC

    if g.type in SYMMETRIC or p.type in SYMMETRIC:
        swapped = (meets(p.actor, g.recipient), meets(p.recipient, g.actor))
        if all(swapped):
            return swapped
    return straight


def _label(actor: tuple[str, ...] | frozenset[str], recipient: tuple[str, ...] | frozenset[str]) -> str:
    return f"{'+'.join(sorted(actor)) or '-'}->{'+'.join(sorted(recipient)) or '-'}"


class _Article:
    """One gold article with its predictions, matchings, spans and trace."""

    def __init__(self, article: GoldArticle, doc: Document | None, trace: list[Candidate], kb: KnowledgeBase):
        self.article, self.doc, self.trace = article, doc, trace
        self.gold = gold_tuples(article)
        self.predicted = predicted_tuples(doc) if doc else []
        self.typed = dict((j, i) for i, j in match(self.predicted, self.gold, "type"))
        self.interaction = dict((j, i) for i, j in match(self.predicted, self.gold, "interaction"))
        self.evidence: dict[Any, list[tuple[int, int]]] = {}
        for e in doc.events if doc else []:
            key = (e.type, frozenset(e.actor), frozenset(e.recipient), e.date)
            self.evidence.setdefault(key, []).extend(e.evidence)
        self.spans: list[list[tuple[int, int]]] = []
        for g in self.gold:
            quotes = [" ".join(str(e.get("quote", "")).split()) for e in article.events if _key(e) == g.key]
            spans = [s for q in quotes if doc and (s := quote_span(doc.clean, q))]
            self.spans.append([_sentences(doc, s) for s in spans] if doc else [])
        self.named: list[set[str]] = []
        for spans in self.spans:
            codes: set[str] = set()
            for a, b in spans:
                for m in doc.mentions if doc else []:
                    if a <= m.start < b:
                        codes.update(event_codes(m, kb))
            self.named.append(codes)

    def missed(self) -> list[Loss]:
        losses = []
        for j, g in enumerate(self.gold):
            if j in self.typed:
                continue
            category, found = self._first_loss(j, g)
            losses.append(Loss(self.article.doc, category, g.label(), g.text, found))
        return losses

    def _first_loss(self, j: int, g: Tuple) -> tuple[str, str]:
        if j in self.interaction:
            p = self.predicted[self.interaction[j]]
            wrong = "type_wrong" if QUADS.get(p.type) == QUADS.get(g.type) else "quad_wrong"
            return wrong, p.label()
        if not self.spans[j]:
            return "quote_not_found", ""
        typed_roles = [
            p
            for p in self.predicted
            if p.type == g.type and all(_roles(p, g)) and self._near(p, self.spans[j])
        ]
        if typed_roles and g.date is not None:
            return "date_wrong", typed_roles[0].label()
        here = [c for c in self.trace if any(c.start < b and c.end > a for a, b in self.spans[j])]
        if not here:
            named = self.named[j]
            actor = bool(g.actor & named)
            recipient = bool(g.recipient & named) or not g.recipient
            if actor and recipient:
                return "no_predicate/named", ""
            return ("no_predicate/actor unnamed" if not actor else "no_predicate/recipient unnamed"), ""
        events = [c for c in here if c.outcome == "event"]
        if not events:
            reasons = Counter(c.reason or "?" for c in here)
            reason = reasons.most_common(1)[0][0]
            return f"dropped/{reason}", "; ".join(f"{c.predicate} ({c.reason})" for c in here)
        found = "; ".join(f"{c.type} {_label(c.actor, c.recipient)}" for c in events)
        sides = [_roles(Tuple(c.type, frozenset(c.actor), frozenset(c.recipient), None), g) for c in events]
        if any(all(s) for s in sides):
            return "other", found
        if any(s[0] for s in sides):
            return "recipient_wrong", found
        if any(s[1] for s in sides):
            return "actor_wrong", found
        return "both_wrong", found

    def extra(self) -> list[Loss]:
        matched = set(self.typed.values())
        losses = []
        for i, p in enumerate(self.predicted):
            if i in matched:
                continue
            category, should = self._what_it_should_be(i, p)
            losses.append(Loss(self.article.doc, category, p.label(), p.text, should))
        return losses

    def _what_it_should_be(self, i: int, p: Tuple) -> tuple[str, str]:
        for j, g in enumerate(self.gold):
            if self.interaction.get(j) == i and g.type != p.type:
                wrong = "type_wrong" if QUADS.get(p.type) == QUADS.get(g.type) else "quad_wrong"
                return wrong, g.label()
        unmatched = [j for j in range(len(self.gold)) if j not in self.typed]
        for j in unmatched:
            g = self.gold[j]
            if g.type == p.type and all(_roles(p, g)) and not compatible(p, g, "type"):
                return "date_wrong", g.label()
        span = self._evidence(p)
        near = [
            j
            for j, spans in enumerate(self.spans)
            if span and any(a < span[1] and b > span[0] for a, b in spans)
        ]
        if not near:
            return "no_gold_event", ""
        open_ = [j for j in near if j not in self.typed]
        if open_:
            return "participants_wrong", "; ".join(self.gold[j].label() for j in open_)
        return "duplicate", "; ".join(self.gold[j].label() for j in near)

    def _near(self, p: Tuple, spans: list[tuple[int, int]]) -> bool:
        """Whether some evidence of the prediction lies in these sentences."""
        return any(a < end and start < b for start, end in self.evidence.get(p.key, ()) for a, b in spans)

    def _evidence(self, p: Tuple) -> tuple[int, int] | None:
        if self.doc is None or not p.text:
            return None
        found = quote_span(self.doc.clean, p.text)
        return _sentences(self.doc, found) if found else None


def _key(event: dict[str, Any]) -> tuple[str, frozenset[str], frozenset[str], str | None]:
    return (
        str(event["type"]),
        frozenset(event.get("actor") or ()),
        frozenset(event.get("recipient") or ()),
        event.get("date"),
    )


def account_losses(
    gold: list[GoldArticle],
    docs: dict[str, Document],
    traces: dict[str, list[Candidate]],
    kb: KnowledgeBase,
) -> dict[str, Any]:
    """The loss table of missed gold tuples and of unmatched predictions, with every item."""
    missed: list[Loss] = []
    extra: list[Loss] = []
    for article in gold:
        doc = docs.get(article.doc)
        state = _Article(article, doc, traces.get(article.doc, []), kb)
        missed.extend(state.missed())
        extra.extend(state.extra())
    return {
        "missed": _table(missed),
        "extra": _table(extra),
        "missed_items": [vars(x) for x in missed],
        "extra_items": [vars(x) for x in extra],
    }


def _table(losses: list[Loss]) -> list[dict[str, Any]]:
    counts = Counter(x.category for x in losses)
    total = len(losses) or 1
    return [{"category": c, "count": n, "share": round(n / total, 4)} for c, n in counts.most_common()]
