"""The event coder: predicates of a clause, their actor and recipient, auxiliary mode and date.

For each clause the coder finds the lexicon's predicates (lemma or compound head, with the other
lemmas a frame needs), then
- the **actor**: a "door" phrase (passive), else for a noun predicate the country adjective before it
  or the "van" phrase after it, else the first bare actor of the clause (Dutch puts the subject
  before the object, also after an inverted verb: "ontving Kim al de Russische defensieminister");
  a clause without one ("om Poetin te ontmoeten") takes the actor of the clause before it, or the
  last actor of the article ("het" in "wendde het zich tot Iran");
- the **recipient**: the group after a preposition the predicate names ("steun aan Moskou"), else
  the first other bare group when the predicate takes an object;
- the **auxiliary mode** from the clause's markers, inherited by complement clauses ("om ... te",
  "dat", "of"): negation turns a cooperative predicate into its refusal when the lexicon says so
  ("niet praten met" -> REJECT), else sets aux negation; hypothetical before future;
- the **dates**: the clause's time expressions (one event per date: "in 2018 en 2019"; "tussen 2006
  en 2017", one expression for the tagger, is one period), else the nearest one of the sentence,
  else the last date of the text for "toen", else nothing for "eerder", else the publication date
  (``date_source = publication``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from ..document import TimeExpression
from ..timex import interval
from .clauses import Clause, Word
from .lexicon import MIN_COMPOUND_PREFIX, SYMMETRIC, Lexicon, Predicate
from .participants import Group
from .syntax import ELSEWHERE, Syntax, relabel

COMPLEMENT_OPENERS = frozenset({"om", "te", "dat", "of", "to", "that", "whether"})
INFINITIVAL = frozenset({"om", "te", "to"})
NOMINAL_ARTICLES = frozenset({"het"})
"""The article before an infinitive that makes it a noun ("het neerhalen van ...")."""
#: Sectors of people who hold no office now (a former minister or secretary general): what they
#: say today is a commentator's, a source's as an expert's is, not their former state's.
FORMER = frozenset({"ELI"})
#: Types of what is said, which a former official's words are not.
SPOKEN = frozenset({"ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "REJECT"})


@dataclass(frozen=True)
class Match:
    predicate: Predicate
    anchor: Word


@dataclass
class Coded:
    """An event as the coder found it in one clause, before dating and merging."""

    type: str
    mode: str | None
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    aux: str | None
    contexts: tuple[str, ...]
    span: tuple[int, int]
    anchor: int
    no_recipient: bool = False
    alone: bool = False
    """May stand without a recipient (``Predicate.alone``)."""
    named: bool = False
    """Takes no recipient from outside its clause (``Predicate.named``)."""
    reciprocal: bool = False
    """Done by each side to the other (``Predicate.reciprocal``): coded both ways."""
    noun: bool = False
    """Coded from a noun predicate ("de aanval", "sancties"), not a verb or light-verb frame."""
    nominal: bool = False
    """Its predicate stands as a noun: a noun predicate or an infinitive after an article ("het
    neerhalen van een drone"); a time expression closing its phrase dates it."""
    dates: list[tuple[str | None, str]] = field(default_factory=list)
    """(value, source) pairs: one event per date ("Ontmoetingen in 2018 en 2019")."""


@dataclass(frozen=True)
class Candidate:
    """A predicate the coder matched and what became of it, for the loss accounting of
    ``kroniek eval events``: an event, or the rule that dropped it."""

    start: int
    end: int
    """The clause's span in the clean text."""
    predicate: str
    type: str
    outcome: str
    """``event`` or ``dropped``."""
    reason: str | None = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()


@dataclass
class Context:
    """What the coder carries from clause to clause and sentence to sentence."""

    last_actor: tuple[str, ...] = ()
    protagonist: tuple[str, ...] = ()
    """The country the article names most, which a meeting with no actor named is taken to involve."""
    speaker: tuple[str, ...] = ()
    """Who speaks in the sentence ("..., zei Kim"), for a first-person pronoun in what they say."""
    sentence_actor: tuple[str, ...] = ()
    inherited: set[str] = field(default_factory=set)
    trace: list[Candidate] | None = None
    """When a list, every matched predicate is recorded in it (``Candidate``)."""
    syntax: Syntax | None = None
    """The document's dependency parse, where the backend gives one (``events.syntax``)."""
    sentence_groups: list[Group] = field(default_factory=list)
    """Every participant group of the sentence being coded."""

    def record_coded(self, coded: Coded, predicate: str) -> None:
        if self.trace is not None:
            start, end = coded.span
            self.trace.append(
                Candidate(start, end, predicate, coded.type, "event", None, coded.actor, coded.recipient)
            )

    def record(
        self, clause: Clause, predicate: str, type_: str, reason: str | None, coded: Coded | None
    ) -> None:
        if self.trace is None:
            return
        outcome = "event" if coded is not None else "dropped"
        actor = coded.actor if coded is not None else ()
        recipient = coded.recipient if coded is not None else ()
        self.trace.append(
            Candidate(clause.start, clause.end, predicate, type_, outcome, reason, actor, recipient)
        )


def find_predicates(clause: Clause, lex: Lexicon) -> list[Match]:
    # each word's forms in the order they are tried: a separable verb put back together, the word
    # itself ("aanvallen" is the verb, whatever the lemmatiser makes of it), then its lemma
    lemmas_at: list[dict[str, None]] = []
    for i, word in enumerate(clause.words):
        if _attributive(clause.words, i, lex):
            lemmas_at.append({word.lower: None})  # "een versterkte focus": no "versterken" here
            continue
        extra = [clause.extra_lemmas[i]] if i in clause.extra_lemmas else []
        alt = [word.alt] if word.alt else []
        lemmas_at.append(dict.fromkeys([*extra, word.lower, word.lemma, *alt]))
    _drop_idioms(lemmas_at, lex)
    present: set[str] = set().union(*lemmas_at) if lemmas_at else set()
    candidates: list[tuple[int, int, Predicate]] = []
    for i, word in enumerate(clause.words):
        # the word itself, else a compound's head ("handelsakkoord" has frames of its own, and
        # "een handelsakkoord bereiken" is one of "akkoord"); where the backend tags, a noun
        # predicate is anchored on no verb and a verb predicate on no noun ("zorgen voor" is no
        # concern, the plural "bezoeken" no visit verb); the longest frame the clause completes
        fitting: list[Predicate] = []
        for found in _readings(word, lemmas_at[i], lex):
            fitting = [
                p for p in found if _fits_pos(p, word) and all(_has(lemma, present) for lemma in p.lemmas[1:])
            ]
            if fitting:
                break
        if fitting:
            # at equal length a frame with a verb ("sancties opheffen") before one with a
            # preposition ("sancties tegen")
            best = max(fitting, key=lambda p: (len(p.lemmas), p.pos == "noun" and _has_verb(p)))
            candidates.append((-len(best.lemmas), i, best))
    # frames before single words, so that "onderhandelingen ... afbrak" is one refusal, not also
    # a meeting: the other lemmas of a frame are no predicates of their own
    matches: list[Match] = []
    used: set[int] = set()
    for _, i, p in sorted(candidates, key=lambda c: (c[0], c[1])):
        if i in used:
            continue
        matches.append(Match(p, clause.words[i]))
        used.add(i)
        others = set(p.lemmas[1:])
        used.update(j for j, forms in enumerate(lemmas_at) if any(_has(o, forms) for o in others))
    matches.sort(key=lambda m: m.anchor.start)
    return matches


def _readings(word: Word, forms: dict[str, None], lex: Lexicon) -> Iterator[list[Predicate]]:
    """The predicates a word may anchor, one reading after the other and each looked up only
    when the one before fits nothing: its forms' own entries, then the compound head of its lemma
    (or of its form where the lemma was taken out), of its second lemma, and of its form where
    both lemmatisers spell it otherwise ("vrijhandelsaccoord")."""
    yield [p for form in forms for p in lex.by_anchor.get(form, ())]
    yield _compound(word.lemma if word.lemma in forms else word.lower, lex)
    if word.alt and word.alt in forms:
        yield _compound(word.alt, lex)
    if word.lower != word.lemma and word.lower in forms:
        yield _compound(word.lower, lex)


#: The auxiliaries of a perfect passive ("zijn door China vrijgelaten").
PERFECT_AUXILIARIES = frozenset({"is", "zijn", "was", "waren"})

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})


def _fits_pos(p: Predicate, word: Word) -> bool:
    if not word.pos:
        return True
    if p.pos == "noun":
        return word.pos not in VERBS
    return word.pos not in NOUNS or len(p.lemmas) > 1


def _drop_idioms(lemmas_at: list[dict[str, None]], lex: Lexicon) -> None:
    """Take the words of an idiom out of coding: "dat roept vragen op" is no call (oproepen), "met
    name" no "dreigen met". Each lemma of the idiom takes the word nearest to its first one; a word
    taken by one idiom is not there for the next ("aandacht vragen" and "tijd vragen" on one "vroeg")."""
    for idiom in lex.idioms:
        present = set().union(*lemmas_at) if lemmas_at else set()
        if not all(lemma in present for lemma in idiom):
            continue
        first = next(i for i, forms in enumerate(lemmas_at) if idiom[0] in forms)
        for lemma in idiom:
            j = min((i for i, forms in enumerate(lemmas_at) if lemma in forms), key=lambda i: abs(i - first))
            lemmas_at[j] = {}


def _attributive(words: list[Word], i: int, lex: Lexicon) -> bool:
    """A verb form used as an adjective: a present participle ("aanhoudende"), or an inflected
    form right after a determiner ("een versterkte focus")."""
    word = words[i]
    # the verb it comes from: the lemma, or simplemma's where the tagger read it as an adjective
    # ("versterkte" -> "versterkt", simplemma "versterken")
    base = word.lemma if word.lemma.endswith(("en", "e")) else word.alt
    if not base or base == word.lower or not base.endswith(("en", "e")):
        return False
    if any(word.lower == base + ending for ending in lex.participle_endings):
        return True
    return (
        i > 0
        and words[i - 1].lower in lex.attributive_determiners
        and bool(lex.attributive_endings)
        and word.lower.endswith(lex.attributive_endings)
    )


def _has(lemma: str, present: Collection[str]) -> bool:
    """The clause has this lemma, alone or as the head of a compound ("artilleriemunitie")."""
    if lemma in present:
        return True
    return any(len(form) >= len(lemma) + MIN_COMPOUND_PREFIX and form.endswith(lemma) for form in present)


def _compound(lemma: str, lex: Lexicon) -> list[Predicate]:
    singular = lemma[:-2] if lemma.endswith("en") else ""
    for form in (lemma, lemma[:-1] if lemma.endswith("s") else "", singular):
        if form and (found := _compound_head(form, lex)):
            return found  # the lemmatiser leaves some plural compounds alone ("rakettests")
    return []


def _compound_head(lemma: str, lex: Lexicon) -> list[Predicate]:
    for cut in range(MIN_COMPOUND_PREFIX, len(lemma) - 2):
        head = lemma[cut:]
        if head in lex.compound_heads:
            return lex.compound_heads[head]
        if lemma[cut] == "s" and head[1:] in lex.compound_heads:  # linking s: "onderhandelingsronde"
            return lex.compound_heads[head[1:]]
    return []


def markers(clause: Clause, lex: Lexicon) -> set[str]:
    """The marker kinds (negation, future, hypothetical, hearsay, condition, then, earlier) present.

    Words inside a ``not_negation`` phrase ("niet toevallig", "niet alleen") negate nothing."""
    if clause.markers is not None:
        return set(clause.markers)
    lowers = [w.lower for w in clause.words]
    joined = f" {' '.join(lowers)} "
    hidden: set[int] = set()
    for phrase in lex.phrases.get("not_negation", ()):
        if f" {' '.join(phrase)} " in joined:
            hidden.update(i + k for i in _phrase_at(lowers, phrase) for k in range(len(phrase)))
    for i, w in enumerate(clause.words):
        if w.lower in lex.markers.get("not_negation", ()):
            hidden.add(i)
    found: set[str] = set()
    for i, w in enumerate(clause.words):
        if i in hidden:
            continue
        # the word form decides where it is a marker itself: "zou" is hearsay, though its lemma
        # "zullen" marks the future
        by_form = {kind for kind, words in lex.markers.items() if w.lower in words}
        found |= by_form or {kind for kind, words in lex.markers.items() if w.lemma in words}
    for kind, phrases in lex.phrases.items():
        if kind != "not_negation" and any(f" {' '.join(phrase)} " in joined for phrase in phrases):
            found.add(kind)
    found.discard("not_negation")
    clause.markers = frozenset(found)
    return found


def _phrase_at(lowers: list[str], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    return [i for i in range(len(lowers) - n + 1) if tuple(lowers[i : i + n]) == phrase]


def aux_of(found: set[str]) -> str | None:
    if "hypothetical" in found or ("condition" in found and ("hearsay" in found or "modal" in found)):
        return "hypothetical"
    if "future" in found:
        return "future"
    return None


def code_clause(
    clause: Clause, groups: list[Group], lex: Lexicon, ctx: Context, previous_actor: tuple[str, ...]
) -> list[Coded]:
    found = markers(clause, lex)
    if clause.opener in COMPLEMENT_OPENERS:
        found |= ctx.inherited & {"future", "hypothetical"}
        if clause.opener in ("om", "te", "to"):
            found |= ctx.inherited & {"negation"}
    coded = []
    for match in find_predicates(clause, lex):
        event = _code(match, clause, groups, lex, found, ctx, previous_actor)
        name = " ".join(match.predicate.lemmas)
        if isinstance(event, str):
            ctx.record(clause, name, match.predicate.type, event, None)
        else:
            ctx.record(clause, name, event.type, None, event)
            coded.append(event)
            nested = _noun_in_frame(match, event, clause, groups, lex, ctx)
            if nested is not None:
                ctx.record(clause, match.predicate.lemmas[0], nested.type, None, nested)
                coded.append(nested)
    demand = _reported_demand(clause, groups, found, ctx, previous_actor, lex)
    if demand is not None and not any(c.type == "REQUEST" for c in coded):
        ctx.record(clause, "(reported demand)", demand.type, None, demand)
        coded.append(demand)
    ctx.inherited = found
    return coded


def _noun_in_frame(
    match: Match, event: Coded, clause: Clause, groups: list[Group], lex: Lexicon, ctx: Context
) -> Coded | None:
    """The event the noun of a verb frame is itself, where the noun names whose it is: "Noord-Korea
    wees het Amerikaanse voorstel af" is a refusal and, before it, a proposal of the US to North
    Korea (an offer is AGREE, a request REQUEST, criticism ACCUSE)."""
    p = match.predicate
    if p.pos != "noun" or not _has_verb(p) or not event.actor:
        return None
    own = next(
        (q for q in lex.by_anchor.get(p.lemmas[0], ()) if len(q.lemmas) == 1 and q.pos == "noun"), None
    )
    if own is None:
        return None
    relabelled = relabel(groups, ctx.syntax, match.anchor.start, lex.place_preps | lex.agent_preps)
    owner = _possessor(match.anchor, relabelled, clause, lex.recipient_slots(own), relabelled)
    if owner is None or not owner.codes or set(owner.codes) & set(event.actor):
        return None
    return Coded(
        type=own.type,
        mode=own.mode,
        actor=owner.codes,
        recipient=event.actor,
        aux=None,
        contexts=own.contexts,
        span=event.span,
        anchor=match.anchor.start - 1,
        noun=True,
    )


def _reported_demand(
    clause: Clause,
    groups: list[Group],
    found: set[str],
    ctx: Context,
    previous_actor: tuple[str, ...],
    lex: Lexicon,
) -> Coded | None:
    """ "Kim stelde dat de VS hun beleid moeten beëindigen": a speaker saying that someone must do
    something asks it of them (REQUEST change), whatever the verb in the complement is; so does
    one who wants or hopes that someone does something ("Het kabinet hoopt dat China ...")."""
    if clause.opener not in ("dat", "that"):
        return None
    if not (("demand" in found and "speech" in ctx.inherited) or "wish" in ctx.inherited):
        return None
    subject = next((g for g in groups if g.prep is None), None)
    if subject is None or not previous_actor:
        return None
    recipient = tuple(c for c in subject.codes if c not in previous_actor)
    if not recipient:
        return None
    mode = "change" if ("REQUEST", "change") in lex.plover.mode_score else None
    return Coded(
        type="REQUEST",
        mode=mode,
        actor=previous_actor,
        recipient=recipient,
        aux=None,
        contexts=(),
        span=(clause.start, clause.end),
        anchor=clause.start,
    )


def _code(
    match: Match,
    clause: Clause,
    groups: list[Group],
    lex: Lexicon,
    found: set[str],
    ctx: Context,
    previous_actor: tuple[str, ...],
) -> Coded | str:
    """The event a predicate match codes, or the name of the rule that drops it."""
    p, anchor = match.predicate, match.anchor
    if p.pos == "noun" and not _has_verb(p) and _after_topic(clause, anchor, lex):
        return "topic_noun"  # "op basis van erkenning": a basis, not an event
    groups = [
        g
        for g in relabel(groups, ctx.syntax, anchor.start, lex.place_preps | lex.agent_preps)
        if g.prep != ELSEWHERE
    ]
    groups = _with_antecedent(groups, ctx, anchor)
    slots = lex.recipient_slots(p)
    agents = lex.agent_preps | set(p.actor)
    infinitival = clause.opener in INFINITIVAL
    if infinitival:  # "om Poetin te ontmoeten": "om" governs the clause, not the actor after it
        groups = [
            Group(g.codes, g.start, g.end, None, g.sector) if g.prep == clause.opener else g for g in groups
        ]
    usable = [g for g in groups if g.prep not in lex.never_preps or g.prep in agents or g.prep in slots]
    # a passive: its auxiliary ("werd aangevallen"), or a perfect one with its agent ("zijn door
    # China vrijgelaten"), or the parse's passive subject
    perfect = any(w.lower in PERFECT_AUXILIARIES for w in clause.words) and any(
        g.prep in agents for g in groups
    )
    is_passive = (
        any(w.lower in lex.passive for w in clause.words)
        or perfect
        or any(g.relation == "passive" for g in groups)
    )
    # a "door" phrase names the actor of a passive ("werd getest door") or of the noun it follows
    # ("de detentie van Maduro door Amerikaanse eenheden"); in an active clause it belongs to
    # some other noun ("uit woede over manoeuvres door de VS")
    nominal = p.pos == "noun" or _nominalised(clause, anchor)
    actor = next(
        (
            g
            for g in usable
            if g.prep in agents
            and (is_passive or g.prep in p.actor or (nominal and 0 <= g.start - anchor.end < 60))
        ),
        None,
    )
    usable = [g for g in usable if g is actor or g.prep not in lex.agent_preps]
    bare = [g for g in usable if g.prep is None]
    passive = actor is not None and is_passive
    if actor is None and p.pos == "noun" and not _has_verb(p):
        # a noun's own country adjective acts; in a verb frame ("het Amerikaanse voorstel
        # afwijzen") the verb's subject does
        actor = _possessor(anchor, usable, clause, slots, groups)
    if actor is None and p.type in SYMMETRIC:  # "ontmoetingen tussen Frankrijk en Japan"
        actor = next((g for g in usable if g.prep in ("tussen", "between") and len(g.codes) > 1), None)
    if (
        actor is None
        and bare
        and not infinitival
        and not p.received
        and not any(w.lower in lex.passive for w in clause.words)
    ):
        actor = bare[0]
    recipient = None
    if not p.no_recipient:
        preps = [g for g in usable if g is not actor and g.prep in slots]
        if not preps:  # "een bezoek van Kim aan Rusland": any recipient preposition after the predicate
            preps = [
                g
                for g in usable
                if g is not actor and g.prep in lex.recipient_preps and g.start > anchor.start
            ]
        if not preps and nominal and actor is not None:
            # "de detentie van Maduro door Amerikaanse eenheden": with the actor named, the
            # "van" phrase right after the noun is the one it is done to
            preps = [
                g for g in usable if g is not actor and g.prep == "van" and 0 <= g.start - anchor.end < 40
            ]
        after = [g for g in preps if g.start >= anchor.start]
        recipient = (after or preps)[0] if preps else None
        if recipient is None:
            recipient = _inside_slot(clause, anchor, usable, slots, actor)
        if recipient is None and ("object" in slots or passive or infinitival):
            # not a second mention of the actor ("president Trump van de Verenigde Staten")
            own = set(actor.codes) if actor is not None else set()
            indirect = [g for g in usable if g.relation == "indirect"]
            others = [g for g in bare + indirect if g is not actor and set(g.codes) - own]
            # the parse's object first (an indirect one after it), one it ties elsewhere last
            others.sort(
                key=lambda g: (g.relation not in ("object", "passive", "indirect"), g.relation == ELSEWHERE)
            )
            recipient = others[0] if others else None
    if actor is not None:
        actor_codes = actor.codes
    elif p.received:
        actor_codes = ()  # its subject receives it; a conviction's state is found below
    elif p.pos == "noun" and not _has_verb(p) and recipient is None and not (p.no_recipient and clause.dated):
        # a bare noun with no one named in its clause ("de ontwapening", "voedselhulp") is a topic,
        # not an event; a dated one with no recipient is ("de eerste rakettests sinds maart")
        actor_codes = ()
    elif previous_actor:
        actor_codes = previous_actor
    elif p.pos == "verb" or p.no_recipient or recipient is not None:
        # a verb's subject left implicit ("wendde het zich tot Iran"), a test with no one named,
        # or a meeting with someone named: the article's last subject; a bare noun ("de
        # ontmoeting") with no one named is no event
        actor_codes = ctx.last_actor
    else:
        actor_codes = ()
    if not actor_codes and actor is not None:  # an unresolved pronoun
        # a first-person pronoun is the speaker ("'Wij zullen Japan aanvallen', zei Kim")
        first_person = any(w.start == actor.start and w.lower in lex.first_person for w in clause.words)
        actor_codes = ctx.speaker if first_person else previous_actor or ctx.last_actor
    place = _place(groups, anchor, lex)
    if not actor_codes and place is not None and p.pos == "noun" and p.type in lex.place_actor_types:
        actor_codes = place.codes  # "de militaire parade in Beijing"
    if not actor_codes and place is not None and (is_passive or p.received) and p.mode in STATE_ACTS:
        # an arrest or a conviction with no one named is the state's where it happens, the first
        # place named: "Assange werd donderdag in Londen opgepakt in de ambassade van Ecuador",
        # "kreeg acht jaar cel in Irak"
        actor_codes = next(g for g in groups if g.prep in lex.place_preps).codes
    recipient_codes = tuple(c for c in (recipient.codes if recipient else ()) if c not in actor_codes)
    if not actor_codes and recipient_codes and p.pos == "noun" and p.type in SYMMETRIC and clause.dated:
        # "ontmoetingen in 2018 met Donald Trump" in an article about Kim: the article's
        # protagonist; undated, such a noun is mostly a topic ("de toekomst van de gesprekken")
        actor_codes = tuple(c for c in ctx.protagonist if c not in recipient_codes)
    if not actor_codes:
        return "no_actor"
    if actor is not None and actor.sector in FORMER and p.type in SPOKEN and not clause.dated:
        # "waarschuwt De Hoop Scheffer": a former official's words today are a commentator's
        return "former_official"
    if (
        len(actor_codes) > 1
        and not recipient_codes
        and not p.no_recipient
        and (p.type in SYMMETRIC or p.reciprocal)
        and p.mode != "visit"
    ):
        actor_codes, recipient_codes = actor_codes[:1], actor_codes[1:]  # "Noord- en Zuid-Korea spraken"
    if not (recipient_codes or p.no_recipient) and place is not None and p.type in lex.place_recipient_types:
        # the host of a meeting, the target of an attack: "een bijeenkomst in Beijing"; not when
        # the actors meet each other there ("Trump en Kim spraken in Hanoi")
        recipient_codes = tuple(c for c in place.codes if c not in actor_codes)
    type_, mode, aux = p.type, p.mode, p.aux
    # "geen sancties", not "niet ... uit woede over manoeuvres"; a frame with a verb ("de hoorn
    # niet opnemen") is negated as a verb is
    if p.pos == "noun" and not _has_verb(p):
        index = clause.words.index(anchor)
        near = clause.words[max(0, index - 3) : index]
        if not any(w.lower in lex.markers.get("negation", ()) for w in near):
            found = found - {"negation"}
    if "te" in p.lemmas[1:] or "to" in p.lemmas[1:]:
        # "dreigde de toestellen niet te leveren": a negation after the verb is its complement's
        index = clause.words.index(anchor)
        if not any(w.lower in lex.markers.get("negation", ()) for w in clause.words[:index]):
            found = found - {"negation"}
    if "negation" in found:
        negated = p.negated or lex.type_negated.get(p.type)
        if negated and _refusal(clause, found, lex):
            type_, mode = negated
        else:
            aux = "negation"
    aux = aux or aux_of(found)
    return Coded(
        type=type_,
        mode=mode,
        actor=actor_codes,
        recipient=recipient_codes,
        aux=aux,
        contexts=p.contexts,
        span=(clause.start, clause.end),
        anchor=anchor.start,
        noun=p.pos == "noun" and not _has_verb(p),
        nominal=nominal and not _has_verb(p),
        no_recipient=p.no_recipient,
        alone=p.alone,
        named=p.named,
        reciprocal=p.reciprocal,
    )


def _nominalised(clause: Clause, anchor: Word) -> bool:
    """Whether a verb stands as a noun: an infinitive after an article, with at most an adjective
    between ("het neerhalen van een drone door Iran", "het plotselinge opzeggen van het akkoord")."""
    if not anchor.lower.endswith("en"):
        return False
    index = clause.words.index(anchor)
    before = clause.words[max(0, index - 2) : index]
    if before and before[-1].lower in NOMINAL_ARTICLES:
        return True
    return len(before) == 2 and before[0].lower in NOMINAL_ARTICLES and before[1].pos == "ADJ"


def _inside_slot(
    clause: Clause, anchor: Word, groups: list[Group], slots: tuple[str, ...], actor: Group | None
) -> Group | None:
    """A participant deeper inside the phrase a slot preposition opens: "bezorgd over het gebrek
    aan medewerking van Iran" (the nearest preposition before Iran is "van", the slot's "over")."""
    opens = [w for w in clause.words if w.start > anchor.start and w.lower in slots]
    if not opens:
        return None
    inside = [g for g in groups if g.start > opens[0].start and g is not actor and g.codes]
    return inside[0] if inside else None


def _refusal(clause: Clause, found: set[str], lex: Lexicon) -> bool:
    """Whether a negated meeting or agreement is a refusal (REJECT) rather than an event that did
    not happen (aux negation): a refusal word ("wil niet", "weigert", "onder geen beding"), or a
    present-tense statement of the actor's stance ("De Noord-Koreanen nemen de hoorn niet meer
    op"), or a speaker's own ("'Wij zullen Frankrijk nooit steunen'"); not a perfect, future,
    conditional or passive report of what did not happen ("heeft niet onderhandeld", "zal geen
    deal sluiten", "is niet uitgenodigd")."""
    if "refusal" in found or any(w.lower in lex.first_person for w in clause.words):
        return True  # "wil niet", "'Wij zullen Frankrijk nooit steunen'": the speaker's own stance
    if any(w.past for w in clause.words):
        return False  # a past report: "Trump en Kim sloten in Hanoi geen akkoord"
    return not any(w.lower in lex.markers.get("not_refusal", ()) for w in clause.words)


def _with_antecedent(groups: list[Group], ctx: Context, anchor: Word) -> list[Group]:
    """The participant a relative clause's subject pronoun stands for, first, where the parse
    says so and it stands outside the clause ("De Iraanse regering, die gisteren de Belgische
    ambassadeur ontbood, ...": Iran summoned)."""
    if ctx.syntax is None:
        return groups
    start = ctx.syntax.relative_subject(anchor.start)
    if start is None:
        return groups
    antecedent = next((g for g in ctx.sentence_groups if g.start <= start < g.end and g.codes), None)
    if antecedent is None or any(g.start == antecedent.start for g in groups):
        return groups
    return [Group(antecedent.codes, antecedent.start, antecedent.end, None, relation="subject"), *groups]


def _after_topic(clause: Clause, anchor: Word, lex: Lexicon) -> bool:
    """Whether a topic phrase ("op basis van", "in ruil voor") governs the noun, passing over
    articles and up to two adjectives."""
    index = next(i for i, w in enumerate(clause.words) if w is anchor)
    before = [w.lower for w in clause.words[:index]]
    for skipped in range(3):
        end = len(before) - skipped
        if end < 0 or (skipped and before[end] in lex.prepositions):
            break
        if any(tuple(before[end - len(t) : end]) == t for t in lex.topics if end >= len(t)):
            return True
    return False


def _place(groups: list[Group], anchor: Word, lex: Lexicon) -> Group | None:
    """Where the event happens: the place phrase after the predicate ("in Beijing"), else before."""
    places = [g for g in groups if g.prep in lex.place_preps]
    after = [g for g in places if g.start > anchor.start]
    return (after or places)[0] if places else None


def _has_verb(p: Predicate) -> bool:
    """Whether a noun frame also holds a verb ("hoorn opnemen"), told by the Dutch infinitive
    ending; English noun frames are read as nouns."""
    return any(lemma.endswith("en") and lemma not in NOUN_EN for lemma in p.lemmas[1:])


#: Nouns and prepositions in frames that end like an infinitive.
NOUN_EN = frozenset(
    {
        "wapen",
        "kernwapen",
        "teken",
        "examen",
        "keten",
        "regen",
        "tegen",
        "boven",
        "binnen",
        "buiten",
        "tussen",
        "volgens",
        "wegens",
        "jegens",
    }
)


def _possessor(
    anchor: Word, groups: list[Group], clause: Clause, slots: tuple[str, ...], every: list[Group]
) -> Group | None:
    """The actor of a noun predicate: "Noord-Koreaanse rakettests", "de lancering van Noord-Korea"."""
    index = next(i for i, w in enumerate(clause.words) if w is anchor)
    before = clause.words[max(0, index - 3) : index]
    parsed = any(g.relation is not None for g in every)
    for g in groups:
        if parsed and g.relation != "possessor":
            continue  # the parse says who the noun's possessor is ("legt Wit-Rusland nieuwe sancties op")
        if g.prep is None and before and g.end <= anchor.start and g.start >= before[0].start:
            return g
    # inside a prepositional phrase the adjective right before the noun still names who acts,
    # whatever the preposition: "onder de Amerikaanse sancties", "sinds de Russische annexatie"
    for g in every:
        between = [w for w in clause.words if g.end <= w.start and w.end <= anchor.start]
        near = g.end <= anchor.start and len(between) <= 1 and g.reference is None
        # an adjective ("Russische", "Amerikaanse") or genitive ("Ruslands"), and between them at
        # most one inflected adjective ("de Amerikaanse militaire operatie")
        adjective = next((w for w in clause.words if w.end == g.end), None)
        adjectival = adjective is not None and adjective.lower.endswith(("e", "s"))
        if near and adjectival and all(w.lower.endswith("e") for w in between):
            return g
    if "van" not in slots:
        # "de lancering van Noord-Korea"; a role phrase may stand before the name ("een verzoek
        # van de Amerikaanse minister van Defensie Esper") where no verb or comma comes between
        after = clause.words[index + 1 : index + 5]
        phrase = list(_noun_phrase_after(clause, index))
        for g in groups:
            if g.prep != "van" or g.start < anchor.end:
                continue
            if (after and g.start <= after[-1].end) or (phrase and g.end <= phrase[-1].end):
                return g
    return None


#: The longest role phrase between a noun and the name of its "van" phrase, in words.
MAX_ROLE_PHRASE = 9


def _noun_phrase_after(clause: Clause, index: int) -> Iterator[Word]:
    """The words after the noun at ``index`` up to a verb or punctuation, where the backend tags."""
    for w in clause.words[index + 1 : index + 1 + MAX_ROLE_PHRASE]:
        if not w.pos or w.pos in PHRASE_ENDS:
            return
        yield w


#: Tags that end a noun phrase.
PHRASE_ENDS = frozenset({"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON"})


#: Modes only a state's police or courts act in, so that the place names who acts.
STATE_ACTS = frozenset({"arrest", "convict"})

#: Vague spans shorter than a month: an event they date is dated to its month.
VAGUE_PRECISIONS = frozenset({"week", "weekend"})
#: The longest span of days ("rond de jaarwisseling") an event is dated to the months of.
MAX_VAGUE_DAYS = 62


def event_date(timex: TimeExpression) -> str:
    """The date an event gets from a time expression: its value, except that a part of a month
    ("eind juli" -> 2023-07, as TIMEX3 writes value 2023-07 with mod END) or a vague span of days
    ("deze week", "afgelopen weekend", "rond de jaarwisseling") dates the event to its month or
    months. The expression itself keeps its narrower period; a named day stays a day."""
    value = str(timex.value)
    if timex.precision.startswith("month_") and len(value) >= 7:
        return value[:7]
    vague = timex.precision in VAGUE_PRECISIONS or (
        timex.precision == "interval" and not any(ch.isdigit() for ch in timex.text)
    )
    span = interval(value) if vague else None
    if span is not None and (span[1] - span[0]).days <= MAX_VAGUE_DAYS:
        first, last = span[0], span[1] - timedelta(days=1)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
    return value


#: Words that join coordinated dates ("in 2018 en 2019", "op 3, 4 en 5 mei").
DATE_JOINS = frozenset({"en", "of", ",", "and", "or"})


def _coordinated(timexes: list[TimeExpression], clause: Clause) -> list[list[TimeExpression]]:
    """Time expressions in runs joined by "en", "of" or commas only."""
    runs: list[list[TimeExpression]] = []
    for t in sorted(timexes, key=lambda t: t.start):
        if runs:
            last = runs[-1][-1]
            between = [w.lower for w in clause.words if last.end <= w.start and w.end <= t.start]
            if all(w in DATE_JOINS for w in between):
                runs[-1].append(t)
                continue
        runs.append([t])
    return runs


def dates_of(
    clause: Clause,
    sentence: tuple[int, int],
    anchor: int,
    timexes: list[TimeExpression],
    found: set[str],
    last_date: str | None,
    nominal: bool = False,
) -> list[tuple[str | None, str]]:
    """The dates of an event and where each came from: text, then, earlier, ongoing (the
    publication year) or publication."""
    own = [t for t in timexes if clause.start <= t.start < clause.end and t.value]
    if nominal:
        # "het neerhalen van een drone door Iran vorige week": a time expression that closes the
        # phrase of a predicate standing as a noun, no verb between, is that event's
        closing = [
            t
            for t in own
            if t.start > anchor
            and not any(w.pos in ("VERB", "AUX") for w in clause.words if anchor < w.start < t.start)
        ]
        own = closing or own
    if own:
        # the tagger already joins a range ("tussen 2006 en 2017") into one expression; dates
        # coordinated ("in 2018 en 2019") each date the event, otherwise the nearest one does
        # ("veroordeelde gisteren de raketaanval van zondag": the condemnation is of gisteren)
        runs = _coordinated(own, clause)
        closest = min(runs, key=lambda run: min(abs(t.start - anchor) for t in run))
        return [(value, "text") for value in dict.fromkeys(event_date(t) for t in closest)]
    in_sentence = [t for t in timexes if sentence[0] <= t.start < sentence[1] and t.value]
    if in_sentence:
        nearest = min(in_sentence, key=lambda t: abs(t.start - anchor))
        return [(event_date(nearest), "text")]
    if "then" in found and last_date:
        return [(last_date, "text")]
    if "earlier" in found:
        return [(None, "earlier")]
    if "ongoing" in found:
        return [(None, "ongoing")]
    return [(None, "publication")]
