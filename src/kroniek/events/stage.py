"""The events stage: PLOVER events of a document, dated, with their evidence, merged per article.

One event per (type, actor, recipient, date) per article: a second sentence reporting the same
event adds its evidence span to the first. An event dated from the publication date carries
``date_source = "publication"`` and the publication month (``events.publication_precision``), or
its year for an ongoing or repeated action ("tot nu toe", "herhaaldelijk"); one the text places
"eerder" (earlier) has no date. ``historical`` marks events that ended well before
the publication date (``events.historical_days``).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from functools import cache

from ..actors.gazetteer import gazetteer
from ..document import Document, Event
from ..kb import KnowledgeBase
from ..quotes import link_events
from ..settings import Settings
from ..timex import interval
from .agreements import parties_named
from .clauses import Clause, split_clauses, words_of
from .coder import (
    COMPLEMENT_OPENERS,
    INFINITIVAL,
    Candidate,
    Coded,
    Context,
    code_clause,
    dates_of,
    event_date,
    markers,
)
from .codes import event_codes
from .discourse import Discourse
from .judge import Judge, Sentence, SentencePairs
from .learned import model_for
from .lexicon import Lexicon, lexicon
from .participants import Group, groups_in
from .statements import statement_events
from .syntax import Syntax


@cache
def _lemmatizer(language: str) -> object:
    """The second lemma a word is looked up under (``clauses.Word.alt``): the verb the parse
    model's lemma lexicon gives the form, where it gives one (the tagger may read "sloten" in
    "Japan en de EU sloten een akkoord" as a noun), else simplemma's."""
    import simplemma

    from ..nlp.fast_backend import load_lexicon

    verbs = load_lexicon() if language == "nl" else None

    def lemma(word: str) -> str:
        if verbs is not None:
            verb = verbs.entries.get((word.lower(), "verb"))
            if verb is not None:
                return verb
        return str(simplemma.lemmatize(word, lang=language))

    return lemma


def trace_events(doc: Document, settings: Settings) -> list[Candidate]:
    """Every predicate the coder matches in ``doc`` and what became of it (an event, or the rule
    that dropped it), without changing ``doc``: the loss accounting of ``kroniek eval events``."""
    trace: list[Candidate] = []
    copy = replace(doc, events=[])
    find_events(copy, settings, trace)
    return trace


def find_events(
    doc: Document,
    settings: Settings,
    trace: list[Candidate] | None = None,
    collect: list[SentencePairs] | None = None,
) -> Document:
    """The events of ``doc``; ``trace`` records every predicate matched, ``collect`` every
    sentence's candidate pairs with their features (to train the judge on, events/learned.py)."""
    config = settings["events"]
    language = doc.meta.language
    if language not in config["languages"] or not doc.clean:
        doc.events = []
        return doc
    lex = lexicon(language)
    if lex is None:
        doc.events = []
        return doc
    gaz = gazetteer(language, tuple(settings["actors"]["kb_files"]))
    kb = gaz.kb
    sentences = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.clean))]
    mention_starts = {m.start for m in doc.mentions}
    model = model_for(str(language), str(config["learned_model"])) if config["learned"] else None
    judge = Judge(model, lex, kb, config, collect) if model is not None or collect is not None else None
    if judge is not None and trace is None:
        trace = []  # the judge reads what the rules dropped
    ctx = Context(protagonist=_protagonist(doc, kb), trace=trace)
    article_codes = frozenset(code for m in doc.mentions for code in event_codes(m, kb))
    if config["use_parse"]:
        roles = _role_words(str(language), tuple(settings["actors"]["kb_files"]))
        ctx.syntax = Syntax.of(doc.tokens, roles)
    discourse = Discourse.of(doc, str(language), config["home_country"].get(language))
    one_sided = frozenset(str(t).upper() for t in config["one_sided"])
    events: dict[tuple[object, ...], Event] = {}
    last_date: str | None = None
    # the past date of a sentence just before, which an undated event told in the past tense
    # goes on ("Vorig jaar trok Trump de VS terug uit het akkoord. Hij kondigde sancties af.")
    narrative: str | None = None
    narrative_age = 0
    recent: list[str] = []  # actors named in the sentences before, the latest first
    answerable: list[Coded] = []  # the accusations, demands, threats and offers coded so far
    block_starts = [b.start for b in doc.blocks]
    block = -1
    for start, end in sentences:
        here = bisect.bisect_right(block_starts, start) - 1
        if here != block and config["paragraph_scope"]:
            # the actor left implicit and the partner of a verbal act come from the same paragraph:
            # a digest or a letters page changes subject at each one
            ctx.last_actor, recent = (), []
        block = here
        if _question(doc.clean[start:end]):
            continue  # "Gaat China Taiwan aanvallen?": asked, not told (the codebook codes no question)
        words = words_of(doc.tokens, doc.clean, start, end, _lemmatizer(language))
        if not words:
            continue
        previous_actor: tuple[str, ...] = ()
        sentence_subject: tuple[str, ...] = ()
        ctx.inherited = set()
        coded_here: list[Coded] = []
        clauses = split_clauses(words, lex, mention_starts)
        clause_groups = []
        for clause in clauses:
            groups = groups_in(clause, doc.mentions, doc.clean, kb, lex, gaz.forms, discourse)
            clause_groups.append(groups)
            if discourse is not None:
                subject = next((g for g in groups if g.prep is None and g.codes), None)
                for g in groups:
                    discourse.observe(g.codes, subject=g is subject)
        ctx.speaker = _speaker(clauses, clause_groups, lex)
        ctx.sentence_groups = [g for groups in clause_groups for g in groups]
        # "toen" and "eerder" in the main clause date every clause of their sentence; in an aside
        # ("de banden, soms wankel in het verleden, werden versterkt") only their own
        timing = set().union(*(markers(c, lex) for c in clauses if c.opener is None)) & {
            "then",
            "earlier",
            "ongoing",
        }
        conditions = [c for c in clauses if _conditional(c, lex)]
        asked = False  # the clause before asks or threatens what this complement says
        for k, (clause, groups) in enumerate(zip(clauses, clause_groups, strict=True)):
            found = markers(clause, lex) | timing
            clause.dated = any(clause.start <= t.start < clause.end and t.value for t in doc.timexes)
            wished = asked and clause.opener in COMPLEMENT_OPENERS
            asked = "wish" in found
            for coded in _aimed_at_acts(code_clause(clause, groups, lex, ctx, previous_actor), clause, trace):
                asked = asked or coded.type in ASKING
                if wished and coded.type not in ASKING:
                    # "roept Turkije op de koop af te blazen": what is asked is not an event
                    _drop(trace, coded, "asked_for")
                    continue
                previous_actor = coded.actor
                if (
                    coded.type in THREATENED
                    and coded.aux in ("future", "hypothetical")
                    and (
                        (conditions and clause not in conditions)
                        or _condition_after(clause, coded.anchor, lex)
                    )
                ):
                    # a coercive act announced under a condition is a threat ("De VS zegt
                    # importheffingen te zullen invoeren als Europa de subsidies niet stopzet")
                    coded.type, coded.mode = "THREATEN", None
                    coded.aux = None if coded.aux == "future" else coded.aux
                elif coded.type != "THREATEN" and (
                    _threatened(clauses, k, coded.anchor, lex) or _warned(clauses, k, coded.anchor, lex)
                ):
                    # "Washington dreigde honderd F-35's niet aan Turkije te verkopen": the act is
                    # what is threatened (negated or not), the threat is the event; so is a
                    # warning of consequences ("waarschuwt Finland dat toetreding gevolgen zal hebben")
                    coded.type, coded.mode, coded.aux = "THREATEN", None, None
                coded.dates = dates_of(
                    clause, (start, end), coded.anchor, doc.timexes, found, last_date, coded.nominal
                )
                if narrative and coded.dates == [(None, "publication")] and any(w.past for w in clause.words):
                    coded.dates = [(narrative, "text")]
                if (
                    coded.type == "MOBILIZE"
                    and not coded.recipient
                    and not coded.noun
                    and (coded.mode != "weapons" or not coded.no_recipient)
                ):
                    # a deployment or build-up is aimed at the other side its clause names ("sturen
                    # militairen naar het Midden-Oosten in reactie op de spanningen met Iran"); a
                    # weapons test (no_recipient) only where the text says at whom
                    other = [c for c in _named([groups], lex) if c not in coded.actor]
                    if not other and not coded.no_recipient:
                        # "De VS stuurde oorlogsschepen naar de Perzische Golf", after sentences
                        # on Iran: the other side the story spoke of last
                        other = [
                            c
                            for c in [*_named(clause_groups, lex), *recent]
                            if c not in coded.actor and len(c) == 3 and c.isalpha() and c.isupper()
                        ]
                    coded.recipient = tuple(other[:1])
                if not coded.recipient and coded.type in ON_AGREEMENTS:
                    # "trok de VS terug uit het atoomakkoord": the agreement's other parties
                    parties = parties_named(
                        doc.clean[clause.start : clause.end], str(language), article_codes
                    )
                    coded.recipient = tuple(c for c in parties if c not in coded.actor)
                if not coded.recipient and coded.type in ANSWERING and not coded.alone:
                    coded.recipient = _answered(coded, answerable)
                if not coded.recipient and not coded.no_recipient and not coded.named:
                    before = _named(clause_groups[:k], lex)
                    after = _named(clause_groups[k + 1 :], lex)
                    coded.recipient = _implicit_recipient(
                        coded, clauses, clause_groups, k, [*reversed(before), *after, *recent]
                    ) or _sentence_place(coded, clause_groups, k, lex)
                    _drop(trace, coded, None)
                coded_here.append(coded)
            bare = [g for g in groups if g.prep is None]
            controller = groups[-1] if groups and groups[-1].prep in lex.controllers else None
            infinitive_next = k + 1 < len(clauses) and clauses[k + 1].opener in INFINITIVAL
            if controller and controller.codes and infinitive_next:
                previous_actor = controller.codes  # "een kans voor Sjojgoe om ... te zetten"
            if bare:
                previous_actor = previous_actor or bare[0].codes
                sentence_subject = sentence_subject or bare[0].codes
        if config["statements"]:
            for coded in statement_events(doc, (start, end), clauses, clause_groups, coded_here, kb, lex):
                then = last_date if "then" in timing else None
                coded.dates = _statement_dates(doc, (start, end), coded, then)
                ctx.record_coded(coded, "(statement)")
                coded_here.append(coded)
        kept = _sentence_events(coded_here)
        for coded in coded_here:
            if not any(coded is k for k in kept):
                _drop(trace, coded, "same_sentence_with_recipient")
        final = []
        for coded in kept:
            if not (coded.recipient or coded.no_recipient or coded.alone or coded.type in one_sided):
                _drop(trace, coded, "no_recipient")  # a dyadic event aimed at no one named
                continue
            final.append(coded)
        if judge is not None:
            sentence = Sentence(doc, (start, end), clauses, clause_groups, ctx.last_actor, last_date)
            final = judge.judge(sentence, final, ctx.trace or [])
        answerable.extend(c for c in final if c.type in ANSWERED)
        for coded in final:
            # an exchange is each side's act to the other: "Moskou en Kiev ruilden gevangenen"
            sides = [coded, replace(coded, actor=coded.recipient, recipient=coded.actor)]
            for one in sides if coded.reciprocal and coded.recipient else sides[:1]:
                for value, source in coded.dates:
                    _add(events, one, value, source, doc, lex, config)
        if sentence_subject:
            ctx.last_actor = sentence_subject
        named = _named(clause_groups, lex)
        recent = list(dict.fromkeys([*reversed(named), *recent]))[:6]
        dated = [t for t in doc.timexes if start <= t.start < end and t.value]
        narrative_age += 1
        if dated:
            last_date = event_date(dated[-1])
            narrative = last_date if _before_publication(last_date, doc.meta.published) else None
            narrative_age = 0
        elif narrative_age > NARRATIVE_SENTENCES:
            narrative = None
    doc.events = list(events.values())
    return link_events(doc)


@cache
def _role_words(language: str, kb_files: tuple[str, ...]) -> frozenset[str]:
    """The knowledge base's role words ("minister", "ministers", "regering"), lower case."""
    forms = gazetteer(language, kb_files).forms
    return frozenset(w for w, entries in forms.items() if any(e.kind == "role" for e in entries))


def _aimed_at_acts(coded: list[Coded], clause: Clause, trace: list[Candidate] | None = None) -> list[Coded]:
    """A verbal act with no recipient named, followed in its clause by an act of someone else, is
    aimed at whoever did that: "Nederland veroordeelt de aanval van Rusland op Oekraïne" is an
    accusation of Russia. What a threat or demand names after it ("dreigde met nieuwe
    importheffingen", "riep op tot een staakt-het-vuren"), or its infinitive says ("roept Rusland
    op de doorvaart vrij te geven"), is what it threatens or asks, no event."""
    # an offer or proposal named as a noun offers what follows it ("het aanbod van Qatar om te
    # bemiddelen", "the offer of direct talks"): no event of its own
    asking = [c for c in coded if c.type in ASKING or (c.type in OFFERING and c.noun)]
    te = [w.start for w in clause.words if w.lower in INFINITIVE_MARKERS]

    def asked(d: Coded, c: Coded) -> bool:
        """After the threat or demand, as a noun or in the infinitive that follows it."""
        return d.anchor > c.anchor and (d.noun or any(t > c.anchor for t in te))

    content = [d for d in coded if d.type not in ASKING | OFFERING and any(asked(d, c) for c in asking)]
    for d in content:
        _drop(trace, d, "asked_for")
    coded = [c for c in coded if not any(c is d for d in content)]
    # what a refusal refuses, a noun with no one of its own ("Teheran wijst de beschuldigingen van
    # de hand"), is the other's act, not one of the refuser's
    refused = [
        d
        for d in coded
        if d.noun
        and d.type not in ANSWERING
        and any(c is not d and c.type in ANSWERING and c.actor == d.actor for c in coded)
    ]
    for d in refused:
        _drop(trace, d, "refused")
    coded = [c for c in coded if not any(c is d for d in refused)]
    for c in coded:
        if c.recipient or c.no_recipient or c.type not in VERBAL:
            continue
        act = next(
            (d for d in coded if d.anchor > c.anchor and d.actor and not set(d.actor) & set(c.actor)), None
        )
        if act is not None:
            c.recipient = act.actor
    for d in coded:
        # a noun event in what a verbal act refuses or answers, named with no recipient, was aimed
        # at the one who acts: "verwierp de Israëlische eis" is a demand of Israel on the refuser
        if d.noun and not d.recipient and d.type in VERBAL and d.actor:
            by = next(
                (c for c in coded if c.anchor < d.anchor and c.actor and not set(c.actor) & set(d.actor)),
                None,
            )
            if by is not None and by.type in VERBAL:
                d.recipient = by.actor
    return coded


def _drop(trace: list[Candidate] | None, coded: Coded, reason: str | None) -> None:
    """Mark the traced candidate of ``coded`` as dropped after all, by ``reason``, or (None) bring
    its recipient up to date."""
    if trace is None:
        return
    for i in range(len(trace) - 1, -1, -1):
        c = trace[i]
        if (
            c.outcome == "event"
            and c.type == coded.type
            and c.actor == coded.actor
            and c.start <= coded.anchor < c.end
        ):
            outcome = "event" if reason is None else "dropped"
            trace[i] = replace(c, outcome=outcome, reason=reason, recipient=coded.recipient)
            return


def _statement_dates(
    doc: Document, sentence: tuple[int, int], coded: Coded, last_date: str | None
) -> list[tuple[str | None, str]]:
    """A statement is dated by the sentence's time expressions outside what is said ("zei
    maandag"), else by ``last_date`` (given where the sentence says "toen"), else by the
    publication date."""
    quoted = coded.span
    outside = [
        t
        for t in doc.timexes
        if sentence[0] <= t.start < sentence[1] and t.value and not (quoted[0] <= t.start < quoted[1])
    ]
    if outside:
        nearest = min(outside, key=lambda t: abs(t.start - coded.anchor))
        return [(event_date(nearest), "text")]
    if last_date:  # "Toen zei de VS ook dat Iran verantwoordelijk was"
        return [(last_date, "text")]
    return [(None, "publication")]


def _sentence_place(coded: Coded, clause_groups: list[list[Group]], k: int, lex: Lexicon) -> tuple[str, ...]:
    """The place another clause of the sentence names, for an attack or meeting with no one it is
    aimed at: "In Oekraïne is een oorlog bezig, langs Russische zijde wordt er gebombardeerd"."""
    if coded.type not in lex.place_recipient_types:
        return ()
    nearest = sorted(range(len(clause_groups)), key=lambda i: (abs(i - k), i > k))
    for i in nearest:
        for g in clause_groups[i]:
            if g.prep in lex.place_preps and (codes := tuple(c for c in g.codes if c not in coded.actor)):
                return codes
    return ()


def _speaker(clauses: list[Clause], clause_groups: list[list[Group]], lex: Lexicon) -> tuple[str, ...]:
    """The actor of the sentence's clause of speech ("..., zei de Noord-Koreaanse leider Kim")."""
    for clause, groups in zip(clauses, clause_groups, strict=True):
        if "speech" in markers(clause, lex):
            subject = next((g for g in groups if g.prep is None and g.codes), None)
            if subject is not None:
                return subject.codes
    return ()


def _named(clause_groups: list[list[Group]], lex: Lexicon) -> list[str]:
    """The codes of the participants of some clauses, in text order (places left out)."""
    return [c for groups in clause_groups for g in groups if g.prep not in lex.never_preps for c in g.codes]


def _protagonist(doc: Document, kb: KnowledgeBase) -> tuple[str, ...]:
    """The country (or organisation) the article names most, its people counted for their country."""
    counts = Counter(code for m in doc.mentions for code in event_codes(m, kb))
    if not counts:
        return ()
    ranked = [*counts.most_common(2), ("", 0)]
    return (ranked[0][0],) if ranked[0][1] > ranked[1][1] else ()


#: Types whose act on an agreement named with no other side is aimed at its other parties.
ON_AGREEMENTS = frozenset({"SANCTION", "AGREE", "SUPPORT", "REJECT", "THREATEN", "RETREAT", "CONCEDE"})
#: Types that ask or threaten: what their complement says ("roept Turkije op de koop af te blazen",
#: "dreigt Europese producten duurder te maken") is asked for, not an event of its own.
ASKING = frozenset({"REQUEST", "THREATEN"})
#: Types that offer as nouns: what an offer or proposal names ("het aanbod om te bemiddelen") is
#: offered, not done.
OFFERING = frozenset({"AGREE"})
#: Words that mark an infinitive ("vrij te geven", "to release").
INFINITIVE_MARKERS = frozenset({"te", "to"})

#: Types whose missing recipient, where no "dat" complement names one, is the other participant
#: the sentences before spoke of ("Trump deed aanbiedingen. Pyongyang heeft die afgewezen").
CONTEXT_RECIPIENT = frozenset(
    {
        "REJECT",
        "ACCUSE",
        "REQUEST",
        "THREATEN",
        "CONSULT",
        "COOPERATE",
        "SANCTION",
        "SUPPORT",
        "RETREAT",
        "CONCEDE",
    }
)

#: Types whose missing recipient is looked for in a "dat" complement and in the sentence before.
VERBAL = frozenset(
    {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT", "CONCEDE", "CONSULT", "COOPERATE"}
)


def _implicit_recipient(
    coded: Coded, clauses: list[Clause], clause_groups: list[list[Group]], k: int, recent: list[str]
) -> tuple[str, ...]:
    """Who an act is aimed at when its clause names no one: for a verbal act the subject of the
    complement ("het IAEA waarschuwde dat Noord-Korea ..."), else, for the CONTEXT_RECIPIENT
    types, the other participant the sentences before spoke of ("Trump deed aanbiedingen.
    Pyongyang heeft die afgewezen"; "De Verenigde Staten waren er vorig jaar al uitgestapt")."""
    if coded.type in VERBAL and k + 1 < len(clauses) and clauses[k + 1].opener in ("dat", "that"):
        subject = next((g for g in clause_groups[k + 1] if g.prep is None), None)
        if subject is not None:
            codes = tuple(c for c in subject.codes if c not in coded.actor)
            if codes:
                return codes
    if coded.type in CONTEXT_RECIPIENT:
        other = next((c for c in recent if c not in coded.actor), None)
        return (other,) if other else ()
    return ()


def _sentence_events(coded: list[Coded]) -> list[Coded]:
    """Leave out an event without a recipient when the same sentence has it with one: "Kim reist af
    om Poetin te ontmoeten" is one meeting of Kim with Putin, not also a trip to no one."""
    with_recipient = {(c.type, c.actor) for c in coded if c.recipient}
    return [c for c in coded if c.recipient or (c.type, c.actor) not in with_recipient]


def _add(
    events: dict[tuple[object, ...], Event],
    coded: Coded,
    value: str | None,
    source: str,
    doc: Document,
    lex: Lexicon,
    config: dict[str, object],
) -> None:
    date, date_source = value, "text"
    if source in ("publication", "ongoing"):
        # an ongoing or repeated action ("tot nu toe afgewezen") is not placed in the month
        precision = "year" if source == "ongoing" else str(config["publication_precision"])
        date, date_source = _publication_date(doc.meta.published, precision), "publication"
        if date is None:
            date_source = None  # type: ignore[assignment]
    elif source == "earlier":
        date, date_source = None, None  # type: ignore[assignment]
    actor, recipient = sorted(coded.actor), sorted(coded.recipient)
    key = (coded.type, tuple(actor), tuple(recipient), date)
    span = coded.span
    if key in events:
        event = events[key]
        if list(span) not in [list(e) for e in event.evidence]:
            event.evidence.append(span)
        event.contexts = sorted(set(event.contexts) | set(coded.contexts))
        return
    events[key] = Event(
        type=coded.type,
        actor=actor,
        recipient=recipient,
        evidence=[span],
        mode=coded.mode,
        date=date,
        date_source=date_source,
        aux=coded.aux or ("future" if _after_publication(date, doc.meta.published) else None),
        historical=_historical(date, doc.meta.published, int(config["historical_days"])),  # type: ignore[call-overload]
        score=lex.plover.score(coded.type, coded.mode),
        quad=lex.plover.quad.get(coded.type),
        contexts=sorted(set(coded.contexts)),
    )


def _question(sentence: str) -> bool:
    """Whether a sentence is a question: it ends with a question mark, closing quotes aside."""
    return sentence.rstrip().rstrip("'\"’”)»").endswith("?")


#: A refusal or concession that names no one answers the last accusation, demand, threat or offer
#: made to its actor ("De VS beschuldigen Iran ... Iran wijst alle beschuldigingen van de hand").
ANSWERING = frozenset({"REJECT", "CONCEDE"})
ANSWERED = frozenset({"ACCUSE", "REQUEST", "THREATEN", "AGREE"})


def _answered(coded: Coded, answerable: list[Coded]) -> tuple[str, ...]:
    for before in reversed(answerable):
        if set(before.recipient) & set(coded.actor):
            return tuple(c for c in before.actor if c not in coded.actor)
    return ()


#: Coercive acts that, announced under a condition, are threats.
THREATENED = frozenset({"SANCTION", "ASSAULT", "COERCE"})


def _conditional(clause: Clause, lex: Lexicon) -> bool:
    """Whether a clause states a condition: it opens with "als", "tenzij", "indien", "if"."""
    words = lex.markers.get("condition", frozenset())
    return clause.opener in words or bool(clause.words and clause.words[0].lower in words)


def _threatened(clauses: list[Clause], k: int, anchor: int, lex: Lexicon) -> bool:
    """Whether the word at ``anchor`` is the infinitive of a threat verb before it: "dreigde ...
    te verkopen" in one clause, or a "te"/"om"/"to" complement right after the threat verb's."""
    words = lex.markers.get("threat", frozenset())
    clause = clauses[k]
    at = next((i for i, w in enumerate(clause.words) if w.start == anchor), None)
    if at is None or not words:
        return False
    infinitive = at > 0 and clause.words[at - 1].lower in ("te", "to")
    if any(w.lemma in words and w.start < anchor for w in clause.words):
        return infinitive
    if k > 0 and clause.opener in ("te", "om", "to") and clause.words[0].start <= anchor:
        before = clauses[k - 1].words
        return bool(before) and any(w.lemma in words for w in before[-3:])
    return False


def _warned(clauses: list[Clause], k: int, anchor: int, lex: Lexicon) -> bool:
    """Whether the word at ``anchor`` is a warning verb whose complement ("dat ...", "that ...")
    names consequences: "Rusland waarschuwt Finland dat toetreding 'militair-technische gevolgen'
    zal hebben", "warned Seoul that any attack would be answered with nuclear weapons"; a warning
    that something will happen ("waarschuwt dat Iran kernwapens zal krijgen") is none."""
    warning = lex.markers.get("warning", frozenset())
    consequence = lex.markers.get("consequence", frozenset())
    word = next((w for w in clauses[k].words if w.start == anchor), None)
    if word is None or not warning or word.lemma not in warning:
        return False
    for after in clauses[k + 1 :]:
        if after.opener not in COMPLEMENT_OPENERS:
            break
        if any(w.lemma in consequence or w.lower in consequence for w in after.words):
            return True
    return False


def _condition_after(clause: Clause, anchor: int, lex: Lexicon) -> bool:
    """Whether a condition follows the word at ``anchor`` in its own clause, where no comma set it
    apart: a condition word with a verb after it ("te zullen invoeren als Seoul de regels niet
    aanpast"; not "ziet Brazilië als lid van de Navo")."""
    words = lex.markers.get("condition", frozenset())
    after = [w for w in clause.words if w.start > anchor]
    for i, w in enumerate(after):
        if w.lower in words:
            return any(v.pos in ("VERB", "AUX") for v in after[i + 1 :])
    return False


#: How many sentences on a past date carries to an undated event told in the past tense.
NARRATIVE_SENTENCES = 2


def _before_publication(date: str | None, published: str | None) -> bool:
    """Whether the period ``date`` names ends before the publication's month begins."""
    if not date or not published:
        return False
    event, pub = interval(date), interval(published[:7])
    return event is not None and pub is not None and event[1] <= pub[0]


def _after_publication(date: str | None, published: str | None) -> bool:
    """Whether the event's period begins after the publication's ends: "Morgen ontmoet Johnson
    Merkel", "Rutte gaat donderdag in gesprek" (a day after the article) is planned, not done."""
    if not date or not published:
        return False
    event, pub = interval(date), interval(published)
    return event is not None and pub is not None and event[0] >= pub[1]


def _publication_date(published: str | None, precision: str) -> str | None:
    if not published:
        return None
    size = {"year": 4, "month": 7, "day": 10}.get(precision, 7)
    return published[:size]


def _historical(date: str | None, published: str | None, days: int) -> bool:
    """True when the event's period ended more than ``days`` before the publication period began."""
    if not date or not published:
        return False
    event, pub = interval(date), interval(published)
    if event is None or pub is None:
        return False
    return event[1] <= pub[0] - timedelta(days=days)
