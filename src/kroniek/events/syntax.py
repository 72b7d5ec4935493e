"""Who does what to whom, from the dependency parse where the backend gives one.

The coder reads a clause's participant groups by their surface: the preposition before each and
their order (the first bare group is the subject). Where the tokens carry UD heads and relations
(the fast backend's parser, or Frog's relations converted to UD), each group is relabelled for one
predicate by its relation to it, before the coder reads it:

- the predicate's subject (``nsubj``; the antecedent of a relative pronoun subject) comes first
  and bare; an object (``obj``) and a passive subject (``nsubj:pass``) are bare; an indirect
  object (``iobj``, or a second subject of one verb, which the parser gives for one) is
  the "aan" phrase it stands for;
- an oblique or a noun's modifier (``obl``, ``nmod``) takes the preposition of its ``case``
  ("aan Rusland", "van Rusland", "door de VS");
- a country adjective or possessive on a noun predicate ("de Russische aanval") is bare and
  stays right before it;
- a group inside the phrase of an argument ("bezorgd over het gebrek aan medewerking van Iran")
  takes that argument's relation;
- a group the parse ties to something else is no participant of this predicate.

A predicate's own verb is the anchor itself, or for a noun predicate the verb it is the object or
subject of ("Rusland voerde een aanval uit op Oekraïne": the subject of "voerde ... uit" acts).
Without a parse the groups stay as they are.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..document import Token
from .participants import Group

#: A group the parse ties to no argument of the predicate.
ELSEWHERE = "(elsewhere)"

SUBJECT = frozenset({"nsubj"})
PASSIVE_SUBJECT = frozenset({"nsubj:pass"})
OBJECT = frozenset({"obj"})
INDIRECT_OBJECT = frozenset({"iobj"})
OBLIQUE = frozenset({"obl", "nmod", "obl:agent", "obl:arg"})
POSSESSOR = frozenset({"amod", "nmod:poss", "det:poss", "compound"})
NOMINAL = frozenset({"NOUN", "PROPN"})
#: Relative pronouns that stand for a noun before them ("dat" is too often a conjunction).
RELATIVE = frozenset({"die", "welke", "who", "which"})
#: Relations whose dependent stands for its head's place in the clause.
TRANSPARENT = frozenset({"conj", "appos", "flat", "fixed", "compound:prt"})
#: Relations by which a noun predicate hangs on the verb whose subject acts.
LIGHT = frozenset({"obj", "nsubj:pass", "xcomp"})


@dataclass
class Syntax:
    """A document's parse, looked up by character offset."""

    tokens: Sequence[Token]
    starts: list[int]
    children: dict[int, list[int]]
    roles: frozenset[str] = frozenset()
    """Role words ("minister", "regering", "woordvoerder"), lower case: a noun for who acts."""

    @classmethod
    def of(cls, tokens: Sequence[Token], roles: frozenset[str] = frozenset()) -> Syntax | None:
        if not tokens or not any(t.dep for t in tokens):
            return None
        children: dict[int, list[int]] = {}
        for i, t in enumerate(tokens):
            if t.head >= 0:
                children.setdefault(t.head, []).append(i)
        return cls(tokens, [t.start for t in tokens], children, roles)

    def at(self, start: int) -> int | None:
        i = bisect.bisect_left(self.starts, start)
        return i if i < len(self.tokens) and self.tokens[i].start == start else None

    def span_head(self, start: int, end: int) -> int | None:
        """The token of a span whose head lies outside it (its first such token)."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        inside = range(lo, hi)
        for i in inside:
            head = self.tokens[i].head
            if head < 0 or not (lo <= head < hi):
                return i
        return lo if lo < hi else None

    def dep(self, i: int) -> str:
        return self.tokens[i].dep.lower()

    def case_of(self, i: int) -> str | None:
        """The preposition of a nominal ("aan Rusland"): its ``case`` dependent; "" for a fixed
        expression that is none ("met name Frankrijk")."""
        for c in self.children.get(i, ()):
            if self.dep(c) == "case":
                if any(self.dep(f) == "fixed" for f in self.children.get(c, ())):
                    return ""
                return self.tokens[c].text.casefold()
        return None

    def relative_antecedent(self, verb: int) -> int | None:
        """The noun a relative clause hangs on, where the clause's subject is a relative pronoun."""
        subject = next((c for c in self.children.get(verb, ()) if self.dep(c) in SUBJECT), None)
        if subject is None or self.tokens[subject].pos != "PRON":
            return None
        if not self.dep(verb).startswith("acl"):
            # the parser made it an adverbial clause ("de Amerikaanse regering, die gisteravond
            # sancties instelde"): a relative pronoun right after a comma after a noun
            if (
                self.tokens[subject].text.casefold() in RELATIVE
                and subject >= 2
                and self.tokens[subject - 1].text == ","
                and self.tokens[subject - 2].pos in NOMINAL
            ):
                return subject - 2
            return None
        head = self.tokens[verb].head
        if head >= 0 and self.tokens[head].pos not in NOMINAL and subject > 0:
            # the parser hung the relative clause on the verb ("behoren ... soldaten die milities
            # helpen"): the noun right before the pronoun is what it stands for
            before = self.tokens[subject - 1]
            return subject - 1 if before.pos in NOMINAL else head
        return head if head >= 0 else None

    def relative_subject(self, anchor_start: int) -> int | None:
        """The start of the noun a relative clause's subject pronoun stands for, where the
        predicate at ``anchor_start`` is that clause's verb ("De Iraanse regering, die de Belgische
        ambassadeur ontbood": "regering")."""
        anchor = self.at(anchor_start)
        if anchor is None:
            return None
        _, verb = self.predicate_heads(anchor)
        antecedent = self.relative_antecedent(verb) if verb is not None else None
        return self.tokens[antecedent].start if antecedent is not None else None

    def predicate_heads(self, anchor: int) -> tuple[int, int | None]:
        """The anchor and the verb whose arguments the predicate takes (None: no such verb)."""
        token = self.tokens[anchor]
        if token.pos in ("VERB", "AUX"):
            return anchor, anchor
        head = token.head
        if (
            head >= 0
            and self.tokens[head].pos in ("VERB", "AUX")
            and self.dep(anchor).split(":")[0] in {d.split(":")[0] for d in LIGHT}
        ):
            return anchor, head
        return anchor, None

    def relation(self, group: Group, anchor: int, verb: int | None, others: Sequence[Group] = ()) -> str:
        """How a group stands to the predicate: subject, object, passive, possessor, a
        preposition, or ELSEWHERE."""
        i = self.span_head(group.start, group.end)
        if i is None:
            return ELSEWHERE
        if verb is not None and self.relative_antecedent(verb) == i:
            return "subject"  # before a conjunct is read where its head stands
        for _ in range(4):  # a conjunct or apposition stands where its head stands
            if self.dep(i).split(":")[0] in TRANSPARENT and self.tokens[i].head >= 0:
                head_start = self.tokens[self.tokens[i].head].start
                if self.dep(i) == "flat" and any(
                    o is not group and o.start <= head_start < o.end for o in others
                ):
                    # "de Verenigde Staten Rusland en Oekraïne": one name's parts, which the actor
                    # stage told apart; the parse ties it to nothing it knows
                    return ELSEWHERE
                i = self.tokens[i].head
            else:
                break
        return self._relation(i, anchor, verb, depth=0, own=self.case_of(i))

    def _relation(self, i: int, anchor: int, verb: int | None, depth: int, own: str | None) -> str:
        head, dep = self.tokens[i].head, self.dep(i)
        if verb is not None and head == verb:
            if dep in SUBJECT:
                return "subject"
            if dep in PASSIVE_SUBJECT:
                return "passive"
            if dep in OBJECT:
                return "object"
            if dep in INDIRECT_OBJECT:
                return "indirect"
            if dep.split(":")[0] in ("obl", "nmod"):
                case = self.case_of(i)
                return ELSEWHERE if case == "" else case or "object"
        if head == anchor and anchor != verb:
            if depth == 0 and (dep in POSSESSOR or dep.startswith("nmod:poss")):
                return "possessor"
            if dep.split(":")[0] in ("nmod", "obl"):
                # the noun's own modifier, or one deeper in it ("een bijeenkomst van
                # wereldleiders in Beijing"): the group's own preposition
                return own or self.case_of(i) or ELSEWHERE
        if (
            verb is not None
            and (antecedent := self.relative_antecedent(verb)) is not None
            and i == antecedent
        ):
            return "subject"
        if head < 0 or depth >= 3:
            return ELSEWHERE
        if dep.split(":")[0] in ("nmod", "amod", "det", "nummod") or dep in POSSESSOR:
            # inside the phrase of an argument: "over het gebrek aan medewerking van Iran"
            outer = self._relation(head, anchor, verb, depth + 1, own)
            if outer == "object" and own:
                return own  # "zegde het akkoord met Iran op": the object's own "met"
            if outer == "subject":
                # "de ministers van Frankrijk en Duitsland zullen overleggen": the country of a
                # person or body in the subject acts; "de eliminatie van de Iraanse top dwingt
                # Kim": the country in another noun does not
                return "subject" if self.tokens[head].text.casefold() in self.roles else ELSEWHERE
            return outer
        return ELSEWHERE


def relabel(
    groups: Sequence[Group], syntax: Syntax | None, anchor_start: int, keep: frozenset[str] = frozenset()
) -> list[Group]:
    """The clause's groups as the parse relates them to the predicate at ``anchor_start``: the
    subject first, arguments bare, obliques with their preposition; a group whose surface
    preposition is in ``keep`` (a place: "aan het Oekraïense front") keeps its reading."""
    if syntax is None:
        return list(groups)
    anchor = syntax.at(anchor_start)
    if anchor is None:
        return list(groups)
    anchor, verb = syntax.predicate_heads(anchor)
    if verb is None:
        return list(groups)  # a noun with no verb of its own: its phrase is read on the surface
    subject: list[Group] = []
    rest: list[Group] = []
    subject_of: set[int] = set()  # the verbs whose subject has been seen
    for g in groups:
        if g.prep in keep:
            rest.append(g)
            continue
        relation = syntax.relation(g, anchor, verb, groups)
        head = syntax.span_head(g.start, g.end)
        if relation in ("subject", ELSEWHERE) and head is not None and syntax.dep(head) in SUBJECT:
            if syntax.tokens[head].head in subject_of:
                # a verb's second subject is the indirect object the parser misread ("Japan
                # bood Zuid-Korea excuses aan", "Nederland gaat Oekraïne F-16's leveren")
                relation = "indirect"
            subject_of.add(syntax.tokens[head].head)
        if relation == "indirect":
            # an indirect object is the "aan" phrase said otherwise ("biedt Zuid-Korea excuses
            # aan" is "biedt excuses aan aan Zuid-Korea")
            rest.append(replace(g, prep="aan", relation=relation))
        elif relation == "subject":
            subject.append(replace(g, prep=None, relation=relation))
        elif relation in ("object", "passive", "possessor"):
            rest.append(replace(g, prep=None, relation=relation))
        elif relation == ELSEWHERE:
            rest.append(replace(g, relation=relation))  # the parse ties it elsewhere; the surface stands
        else:
            rest.append(replace(g, prep=relation, relation=relation))
    return subject + rest
