"""The learned judge at work in the events stage (the models: ``events/learned.py``).

For one sentence: the rules' events, each kept or left out by the score of its pair, and the pairs
no rule coded that score high enough, each a new event with the type the type model gives, dated
and given its auxiliary mode as a rule's event of the same clause would be. With ``collect``,
every sentence's pairs and features are recorded instead (for training), and nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..kb import KnowledgeBase
from .clauses import Clause
from .coder import Candidate, Coded, aux_of, dates_of, markers
from .learned import Features, Model, Party, candidates, pair_features, parties, sentence_features
from .lexicon import Lexicon
from .participants import Group


@dataclass(frozen=True)
class Sentence:
    doc: Document
    span: tuple[int, int]
    clauses: Sequence[Clause]
    clause_groups: Sequence[Sequence[Group]]
    context: tuple[str, ...]
    """The subject of the sentence before (a participant the sentence may leave implicit)."""
    last_date: str | None


@dataclass
class SentencePairs:
    """A sentence's candidate pairs with their features, as the judge saw them (for training)."""

    doc: str
    span: tuple[int, int]
    pairs: list[tuple[Party, Party | None, Features]] = field(default_factory=list)


def default_vocabulary(lex: Lexicon) -> frozenset[str]:
    """The words the judge reads in a sentence: every lemma of a predicate or idiom, every marker."""
    words = set(lex.lemmas)
    for values in lex.markers.values():
        words |= values
    return frozenset(words)


class Judge:
    def __init__(
        self,
        model: Model | None,
        lex: Lexicon,
        kb: KnowledgeBase,
        config: dict[str, Any],
        collect: list[SentencePairs] | None,
    ) -> None:
        self.model, self.lex, self.kb, self.collect = model, lex, kb, collect
        self.vocabulary = model.vocabulary if model is not None else default_vocabulary(lex)

    def pairs(
        self, s: Sentence, coded: Sequence[Coded], trace: Sequence[Candidate]
    ) -> list[tuple[Party, Party | None, Features]]:
        ps = parties(s.doc, s.span, s.clauses, s.clause_groups, s.context, self.kb)
        dropped = [c for c in trace if c.outcome == "dropped" and s.span[0] <= c.start < s.span[1]]
        base = sentence_features(s.clauses, self.lex, coded, dropped, self.vocabulary)
        return [(a, r, pair_features(a, r, base, coded, len(ps))) for a, r in candidates(ps)]

    def judge(self, s: Sentence, coded: list[Coded], trace: Sequence[Candidate]) -> list[Coded]:
        pairs = self.pairs(s, coded, trace)
        if self.collect is not None:
            self.collect.append(SentencePairs(s.doc.id, s.span, pairs))
        if self.model is None:
            return coded
        scored = [(a, r, f, self.model.probability(f)) for a, r, f in pairs]
        kept = [c for c in coded if self._score_of(c, scored) >= self.model.keep]
        if coded:
            return kept  # where the rules coded the sentence, the judge adds nothing
        taken = {(frozenset(c.actor), frozenset(c.recipient)) for c in kept}
        added: list[Coded] = []
        for a, r, f, p in sorted(scored, key=lambda x: -x[3]):
            if p < self.model.add or "rule" in f:
                continue
            recipient = r.codes if r is not None else frozenset()
            if (a.codes, recipient) in taken or (r is None and any(a.codes == t[0] for t in taken)):
                continue
            taken.add((a.codes, recipient))
            added.append(self._event(s, a, r, f))
        return kept + added

    @staticmethod
    def _score_of(c: Coded, scored: list[tuple[Party, Party | None, Features, float]]) -> float:
        """The score of the pair a rule's event was coded for (the best pair its codes fit)."""
        best = 0.0
        for a, r, _, p in scored:
            recipient = r.codes if r is not None else frozenset()
            fits = bool(set(c.actor) & a.codes) and (
                bool(set(c.recipient) & recipient) or not (c.recipient or recipient)
            )
            if fits:
                best = max(best, p)
        return best if any(set(c.actor) & a.codes for a, _, _, _ in scored) else 1.0

    def _event(self, s: Sentence, a: Party, r: Party | None, f: Features) -> Coded:
        assert self.model is not None
        clause = s.clauses[a.clause] if 0 <= a.clause < len(s.clauses) else s.clauses[0]
        found = markers(clause, self.lex)
        aux = "negation" if "negation" in found else aux_of(found)
        anchor = a.start if a.clause >= 0 else clause.start
        coded = Coded(
            type=self.model.type_of(f),
            mode=None,
            actor=tuple(sorted(a.codes)),
            recipient=tuple(sorted(r.codes)) if r is not None else (),
            aux=aux,
            contexts=(),
            span=s.span,
            anchor=anchor,
            alone=True,
        )
        coded.dates = dates_of(clause, s.span, anchor, s.doc.timexes, found, s.last_date)
        return coded
