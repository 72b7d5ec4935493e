"""The events stage: PLOVER events of a document, dated, with their evidence, merged per article.

One event per (type, actor, recipient, date) per article: a second sentence reporting the same
event adds its evidence span to the first. An event dated from the publication date carries
``date_source = "publication"`` and the publication month (``events.publication_precision``); one
the text places "eerder" (earlier) has no date. ``historical`` marks events that ended well before
the publication date (``events.historical_days``).
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from ..actors.gazetteer import gazetteer
from ..document import Document, Event
from ..settings import Settings
from ..timex import interval
from .clauses import split_clauses, words_of
from .coder import Coded, Context, code_clause, dates_of, markers
from .lexicon import Lexicon, lexicon
from .participants import groups_in


@cache
def _lemmatizer(language: str) -> object:
    import simplemma

    def lemma(word: str) -> str:
        return str(simplemma.lemmatize(word, lang=language))

    return lemma


def find_events(doc: Document, settings: Settings) -> Document:
    config = settings["events"]
    language = doc.meta.language
    if language not in config["languages"] or not doc.clean:
        doc.events = []
        return doc
    lex = lexicon(language)
    if lex is None:
        doc.events = []
        return doc
    kb = gazetteer(language, tuple(settings["actors"]["kb_files"])).kb
    sentences = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.clean))]
    mention_starts = {m.start for m in doc.mentions}
    ctx = Context()
    events: dict[tuple[object, ...], Event] = {}
    last_date: str | None = None
    for start, end in sentences:
        words = words_of(doc.tokens, doc.clean, start, end, _lemmatizer(language))
        if not words:
            continue
        previous_actor: tuple[str, ...] = ()
        sentence_subject: tuple[str, ...] = ()
        ctx.inherited = set()
        coded_here: list[Coded] = []
        for clause in split_clauses(words, lex, mention_starts):
            groups = groups_in(clause, doc.mentions, doc.clean, kb, lex)
            found = markers(clause, lex)
            for coded in code_clause(clause, groups, lex, ctx, previous_actor):
                previous_actor = coded.actor
                coded.dates = dates_of(
                    clause, (start, end), coded.anchor, doc.timexes, doc.clean, found, last_date
                )
                coded_here.append(coded)
            bare = [g for g in groups if g.prep is None]
            if bare:
                previous_actor = previous_actor or bare[0].codes
                sentence_subject = sentence_subject or bare[0].codes
        for coded in _sentence_events(coded_here):
            for value, source in coded.dates:
                _add(events, coded, value, source, doc, lex, config)
        if sentence_subject:
            ctx.last_actor = sentence_subject
        dated = [t for t in doc.timexes if start <= t.start < end and t.value]
        if dated:
            last_date = dated[-1].value
    doc.events = list(events.values())
    return doc


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
    if source == "publication":
        date, date_source = (
            _publication_date(doc.meta.published, str(config["publication_precision"])),
            "publication",
        )
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
        aux=coded.aux,
        historical=_historical(date, doc.meta.published, int(config["historical_days"])),  # type: ignore[call-overload]
        score=lex.plover.score(coded.type, coded.mode),
        quad=lex.plover.quad.get(coded.type),
        contexts=sorted(set(coded.contexts)),
    )


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
