"""What a state says about another: a statement event from the speaker to whom it speaks of.

The codebook codes what a political entity says about another as a verbal act of the speaker
aimed at it ("Volgens president Trump houdt China zich niet aan zijn beloften": ACCUSE USA→CHN;
"Amerikaanse inlichtingendiensten stelden dat Noord-Korea munitie leverde": ACCUSE USA→PRK, beside
the delivery itself). The quotes stage finds reported speech and its speaker (direct quotes,
"X zegt dat ...", "volgens X ..."); for each quote whose speaker takes part in events (a state, its
officials, an international organisation; not a newspaper or an expert), the first participant the
quote speaks of that is not the speaker is the recipient, and the type comes from what is said:

- a demand ("moet", "moeten", "dient", "eist"): REQUEST;
- the speaker's own conflictual act announced or made conditional ("Wij zullen ... aanvallen",
  "zegt importheffingen te zullen invoeren"): THREATEN;
- praise, not negated ("cruciaal", "een teken van hoop"): SUPPORT;
- otherwise: ACCUSE (criticism and allegation are what states say of others most).

No statement is added where the sentence already has an event from the speaker to that recipient:
the predicate said it better.
"""

from __future__ import annotations

from ..document import Document, Quote
from ..kb import KnowledgeBase
from .clauses import Clause
from .coder import FORMER, Coded, markers
from .codes import event_codes
from .lexicon import Lexicon
from .participants import Group

#: Types whose announcement by the speaker is a threat.
CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "REJECT"})


def speaker_codes(doc: Document, quote: Quote, kb: KnowledgeBase) -> tuple[str, ...]:
    """The event codes of a quote's speaker: those of the mention it names, if any."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return ()
    for m in doc.mentions:
        if m.start < quote.speaker_end and quote.speaker_start < m.end:
            if m.sector in FORMER:
                return ()  # a former official commenting speaks as an expert, not for a state
            codes = event_codes(m, kb)
            if codes:
                return codes
    return ()


def _medium(doc: Document, quote: Quote, kb: KnowledgeBase, lex: Lexicon) -> bool:
    """Whether the speaker is a medium the text names by what it is, not a state: "South Korea's
    Yonhap news agency reported" (the country is only whose agency it is), "meldt persbureau AP".
    A medium the knowledge base gives codes of its own keeps them."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return False
    words = quote.speaker.casefold().split() if quote.speaker else []
    media = lex.markers.get("media", frozenset())
    phrases = lex.phrases.get("media", ())
    named = any(w.strip(".,'\u2019") in media for w in words) or any(
        " ".join(p) in " ".join(words) for p in phrases
    )
    if not named:
        return False
    inside = [m for m in doc.mentions if quote.speaker_start <= m.start < quote.speaker_end]
    return not (inside and event_codes(inside[-1], kb))


def statement_events(
    doc: Document,
    sentence: tuple[int, int],
    clauses: list[Clause],
    clause_groups: list[list[Group]],
    coded: list[Coded],
    kb: KnowledgeBase,
    lex: Lexicon,
) -> list[Coded]:
    out: list[Coded] = []
    start, end = sentence
    for quote in doc.quotes:
        if not (quote.start < end and start < quote.end):
            continue
        speaker = speaker_codes(doc, quote, kb)
        if not speaker or _medium(doc, quote, kb, lex):
            continue
        inside = [
            (clause, groups)
            for clause, groups in zip(clauses, clause_groups, strict=True)
            if quote.start <= clause.start < quote.end or clause.start <= quote.start < clause.end
        ]
        target = _target(inside, speaker, quote) or _topic(clause_groups, speaker, quote)
        if not target:
            continue
        if any(set(c.actor) & set(speaker) and set(c.recipient) & set(target) for c in coded + out):
            continue
        type_, mode = _type(inside, coded, speaker, lex)
        anchor = quote.speaker_start if quote.speaker_start is not None else quote.start
        out.append(
            Coded(
                type=type_,
                mode=mode,
                actor=speaker,
                recipient=target,
                aux=None,
                contexts=(),
                span=(max(start, quote.start), min(end, quote.end)),
                anchor=anchor,
            )
        )
    return out


def _target(
    inside: list[tuple[Clause, list[Group]]], speaker: tuple[str, ...], quote: Quote
) -> tuple[str, ...]:
    """The first participant the quote speaks of that is not the speaker (its subject, mostly)."""
    for _, groups in inside:
        for g in groups:
            if not (quote.start <= g.start < quote.end):
                continue
            if (
                quote.speaker_start is not None
                and g.start < (quote.speaker_end or 0)
                and quote.speaker_start < g.end
            ):
                continue
            codes = tuple(c for c in g.codes if c not in speaker)
            if codes:
                return codes
    return ()


def _topic(clause_groups: list[list[Group]], speaker: tuple[str, ...], quote: Quote) -> tuple[str, ...]:
    """Whom a quote is about where the quote names no one: the "over" phrase of its attribution
    ("'Dit is volstrekt onaanvaardbaar', zei Duda over de Russische dreigementen")."""
    for groups in clause_groups:
        for g in groups:
            if quote.start <= g.start < quote.end or g.prep != "over":
                continue
            codes = tuple(c for c in g.codes if c not in speaker)
            if codes:
                return codes
    return ()


def _type(
    inside: list[tuple[Clause, list[Group]]], coded: list[Coded], speaker: tuple[str, ...], lex: Lexicon
) -> tuple[str, str | None]:
    found: set[str] = set()
    for clause, _ in inside:
        found |= markers(clause, lex)
    if "demand" in found:
        return "REQUEST", "change" if ("REQUEST", "change") in lex.plover.mode_score else None
    spans = [(c.start, c.end) for c, _ in inside]
    own = [
        c
        for c in coded
        if set(c.actor) & set(speaker) and c.type in CONFLICT and any(a <= c.anchor < b for a, b in spans)
    ]
    if own and ("future" in found or "condition" in found or any(c.aux for c in own)):
        return "THREATEN", None
    if "praise" in found and "negation" not in found:
        return "SUPPORT", None  # "Merkel noemt de deal een teken van hoop"
    return "ACCUSE", "allege" if ("ACCUSE", "allege") in lex.plover.mode_score else None
