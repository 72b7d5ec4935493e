"""Find time expressions in a text and resolve them against an anchor date.

1. Every template of the language's grammar is matched; matches that are not time expressions
   (their resolver says so against a dummy anchor) are dropped.
2. The longest matches win; overlaps are dropped.
3. Neighbours joined by a range separator ("van A tot B", "tussen A en B", "A - B") merge.
4. In text order each expression is resolved against the publication date, or against the date
   mentioned before it ("twee dagen later"). A publication date known only to the month or year
   is tried at both ends of its period; an expression whose value differs between them (a
   weekday, "gisteren") gets the period itself, as precise as the anchor allows. One whose value
   falls off the calendar ("over 99 eeuwen") keeps its span without a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from ..document import TimeExpression
from .grammar import Grammar, Rule, load_grammar
from .resolve import RESOLVERS, Context, Match, NeedsAnchor, NotTime, Resolved
from .values import interval

_DUMMY = date(2000, 6, 15)


class OffCalendar(NeedsAnchor):
    """The value lies before year 1 or after 9999 ("over 99 eeuwen" in 2000): Python has no date
    for it, so the expression keeps its span without a value, as one with no date to go by."""


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule | None
    groups: dict[str, str | None]
    parts: tuple[Candidate, ...] = ()
    """For a range: its two ends."""
    resolved: Resolved | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Anchor:
    """A publication date and how precisely it is known."""

    value: str
    precision: str  # day | month | year

    @property
    def days(self) -> tuple[date, date]:
        iv = interval(self.value)
        if iv is None:
            raise ValueError(f"not a date: {self.value!r}")
        return iv[0], iv[1] - timedelta(days=1)


def tag(text: str, language: str, published: str | None = None) -> list[TimeExpression]:
    """The time expressions of ``text``, resolved against ``published`` (YYYY, YYYY-MM or YYYY-MM-DD).

    >>> [(t.text, t.value) for t in tag("Eind juli sprak hij met Poetin.", "nl", "2023-09-12")]
    [('Eind juli', '2023-07-16/2023-07-31')]
    """
    grammar = load_grammar(language)
    candidates = [
        c
        for c in _merge_ranges(text, grammar, _select(_candidates(text, grammar)))
        if c.parts or (c.rule is not None and not c.rule.args.get("range_only"))
    ]
    anchor = _anchor(published)
    future = _future_pattern(language)
    if anchor is None:
        results = _resolve_all(text, candidates, None, future)
    else:
        first, last = anchor.days
        results = _resolve_all(text, candidates, first, future)
        if last != first:
            at_end = _resolve_all(text, candidates, last, future)
            results = [
                a if a.value == b.value else Resolved(anchor.value, anchor.precision, "publication")
                for a, b in zip(results, at_end, strict=True)
            ]
    out = []
    for cand, res in zip(candidates, results, strict=True):
        anchor_text = None
        if res.anchor == "publication" and anchor is not None:
            anchor_text = f"publication:{anchor.value}"
        elif res.anchor is not None and res.anchor.startswith("mention:"):
            anchor_text = res.anchor
        out.append(
            TimeExpression(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                value=res.value,
                precision=res.precision,
                anchor=anchor_text,
            )
        )
    return out


def _anchor(published: str | None) -> Anchor | None:
    if not published:
        return None
    precision = {4: "year", 7: "month", 10: "day"}.get(len(published))
    if precision is None or interval(published) is None:
        return None
    return Anchor(published, precision)


def _candidates(text: str, grammar: Grammar) -> list[Candidate]:
    found = []
    windows = grammar.windows(text)
    for rule in grammar.rules:
        for m in (m for lo, hi in windows for m in rule.regex.finditer(text, lo, hi)):
            if m.end() <= m.start():
                continue
            cand = Candidate(m.start(), m.end(), rule, {"": m.group(0), **m.groupdict()})
            try:
                _resolve_one(cand, Context(anchor=_DUMMY), grammar)
            except NotTime:
                continue
            except NeedsAnchor:
                pass
            found.append(cand)
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first; a candidate overlapping one already chosen is dropped."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, c.rule.order if c.rule else 0))
    for cand in ranked:
        if any(cand.start < end and start < cand.end for start, end in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


def _merge_ranges(text: str, grammar: Grammar, selected: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    i = 0
    while i < len(selected):
        cand = selected[i]
        if i + 1 < len(selected):
            nxt = selected[i + 1]
            between = text[cand.end : nxt.start]
            sep = grammar.separator.match(between)
            if sep and len(between) <= 16 and "\n" not in between:
                word = between.strip().split()[0].lower() if between.strip() else ""
                opener = grammar.opener.search(text[max(0, cand.start - 24) : cand.start])
                if word not in grammar.lexicon.range_needs_open or opener:
                    start = cand.start - (len(opener.group(0)) if opener else 0)
                    out.append(Candidate(start, nxt.end, None, {}, parts=(cand, nxt)))
                    i += 2
                    continue
        out.append(cand)
        i += 1
    return out


@cache
def _future_pattern(language: str) -> re.Pattern[str]:
    words = load_grammar(language).lexicon.future_markers
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation or '(?!)'})(?!\w)", re.IGNORECASE)


_SENTENCE_END = re.compile(r"[.!?]\s|\n\s*\n")


def _sentence(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else max(0, start - 400) : after.start() if after else len(text)]


def _resolve_all(
    text: str, candidates: list[Candidate], anchor: date | None, future: re.Pattern[str]
) -> list[Resolved]:
    results = []
    mention: tuple[date, str] | None = None
    mention_value: str | None = None
    for cand in candidates:
        grammar = load_grammar(_language_of(cand))
        sentence = _sentence(text, cand.start, cand.end)
        ctx = Context(anchor=anchor, mention=mention, future=bool(future.search(sentence)))
        try:
            res = _resolve_one(cand, ctx, grammar)
        except NeedsAnchor:
            res = _precision_only(cand, grammar)
        except NotTime:  # only a dummy-valid match can get here; keep the span, no value
            res = Resolved(None, "unknown")
        if res.anchor == "mention" and mention_value is not None:
            res = replace(res, anchor=f"mention:{mention_value}")
        results.append(res)
        iv = interval(res.value)
        if iv is not None:
            mention = (iv[0], res.precision)
            mention_value = res.value
    return results


def _language_of(cand: Candidate) -> str:
    rule = cand.rule or (cand.parts[0].rule if cand.parts else None)
    assert rule is not None
    return rule.language


def _precision_only(cand: Candidate, grammar: Grammar) -> Resolved:
    try:
        res = _resolve_one(cand, Context(anchor=_DUMMY), grammar)
    except (NotTime, NeedsAnchor):
        return Resolved(None, "unknown")
    return Resolved(None, res.precision)


def _resolve_one(cand: Candidate, ctx: Context, grammar: Grammar) -> Resolved:
    if cand.parts:
        return _resolve_range(cand, ctx, grammar)
    assert cand.rule is not None
    groups = dict(cand.groups)
    match = Match(groups.pop("") or "", groups, cand.rule.groups, grammar.lexicon)
    ctx.used.clear()
    try:
        res = RESOLVERS[cand.rule.kind](match, cand.rule.args, ctx)
    except (OverflowError, ValueError) as exc:
        # Past the calendar's edge: "date value out of range", "year 11900 is out of range". Any
        # other ValueError ("day is out of range for month") is a bug, to be reported.
        if not isinstance(exc, OverflowError) and not str(exc).startswith("year "):
            raise
        raise OffCalendar(str(exc)) from exc
    if res is None:
        raise NotTime
    used = "mention" if "mention" in ctx.used else "publication" if "publication" in ctx.used else None
    return replace(res, anchor=used)


def _resolve_range(cand: Candidate, ctx: Context, grammar: Grammar) -> Resolved:
    first, second = cand.parts
    a = _resolve_one(first, ctx, grammar)
    b = _resolve_one(second, ctx, grammar)
    a_iv, b_iv = interval(a.value), interval(b.value)
    if a_iv and b_iv and b.explicit_year and not a.explicit_year:
        hinted = Context(anchor=ctx.anchor, mention=ctx.mention, future=ctx.future, year_hint=b_iv[0].year)
        a = _resolve_one(first, hinted, grammar)
        a_iv = interval(a.value)
        if a_iv and a_iv[0] > b_iv[0]:
            hinted.year_hint = b_iv[0].year - 1
            a = _resolve_one(first, hinted, grammar)
            a_iv = interval(a.value)
    elif a_iv and b_iv and not b.explicit_year and (a.explicit_year or b_iv[1] <= a_iv[0]):
        hinted = Context(anchor=ctx.anchor, mention=ctx.mention, future=ctx.future, year_hint=a_iv[0].year)
        b = _resolve_one(second, hinted, grammar)
        b_iv = interval(b.value)
        if b_iv and b_iv[1] <= a_iv[0]:
            hinted.year_hint = a_iv[0].year + 1
            b = _resolve_one(second, hinted, grammar)
            b_iv = interval(b.value)
    anchor = a.anchor or b.anchor
    if a.value is None or b.value is None or not a_iv or not b_iv or b_iv[1] <= a_iv[0]:
        return Resolved(None, "interval", anchor)
    return Resolved(f"{a.value}/{b.value}", "interval", anchor, a.explicit_year or b.explicit_year)
