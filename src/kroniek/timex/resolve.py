"""Resolvers: from a matched template to a value, one function per template ``kind``.

Every resolver gets the match (group name -> text, read through the lexicon), the template's
arguments and a ``Context`` holding the anchor. A resolver that needs the anchor asks the
context for it; where there is none it raises ``NeedsAnchor`` and the expression is kept with
value None. A resolver returns None when the match is not a time expression after all
("30 feb" keeps its span with value None; "twee drie" as a year is dropped).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .calendar import choose, easter, nth_weekday, season_interval, shift, unit_interval, week_start
from .lexicon import Holiday, Lexicon
from .values import Interval, interval, interval_value, iso_week_start, month_end, week_value


class NeedsAnchor(Exception):
    """The expression is relative and there is no date to resolve it against."""


class NotTime(Exception):
    """The match is not a time expression (drop it)."""


@dataclass(frozen=True)
class Resolved:
    value: str | None
    precision: str
    anchor: str | None = None
    """"publication" or "mention" when the value depends on one, else None."""
    explicit_year: bool = False


@dataclass
class Context:
    """What a resolver may look at beyond its match."""

    anchor: date | None
    mention: tuple[date, str] | None = None
    """The last resolved expression before this one: its start day and precision."""
    future: bool = False
    """The sentence points forward in time ("zal", "volgende")."""
    year_hint: int | None = None
    used: set[str] = field(default_factory=set)

    def day(self) -> date:
        if self.anchor is None:
            raise NeedsAnchor
        self.used.add("publication")
        return self.anchor

    def mentioned(self, precision: str = "day") -> date:
        if self.mention is not None and (precision != "day" or self.mention[1] == "day"):
            self.used.add("mention")
            return self.mention[0]
        return self.day()


class Match:
    """The groups of one template match, read through the lexicon."""

    def __init__(
        self, full: str, groups: dict[str, str | None], classes: dict[str, str], lex: Lexicon
    ) -> None:
        self.full = " ".join(full.lower().split())
        self.words = set(re.findall(r"\w+", self.full))
        self.text: dict[str, str] = {}
        for key, value in groups.items():
            if value is not None:
                self.text.setdefault(key.split("__")[0], value)
        self.classes = classes
        self.lex = lex

    def has(self, name: str) -> bool:
        return name in self.text

    def raw(self, name: str) -> str | None:
        return self.text.get(name)

    def first(self, *names: str) -> str | None:
        return next((n for n in names if n in self.text), None)

    def month(self, name: str = "month") -> int | None:
        for key in (name, "month_name", "monthnum", "monthnum_2") if name == "month" else (name,):
            if key in self.text:
                text = self.text[key]
                return int(text) if text.isdigit() else self.lex.lookup(self.lex.months, text)
        return None

    def day(self, name: str = "day") -> int | None:
        for key in (name, "day_2", "ordday", "ordday_digits", "ordday_words") if name == "day" else (name,):
            if key in self.text:
                return self._day(self.text[key])
        return None

    def _day(self, text: str) -> int | None:
        text = " ".join(text.lower().split())
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits and text[0].isdigit():
            return int(digits)
        value = self.lex.ordinals.get(text)
        if value is None:
            value = self.lex.parse_number(text)
        return value if value is not None and 1 <= value <= 31 else None

    def year(self) -> int | None:
        if "year" in self.text:
            return int(self.text["year"])
        if "year_bare" in self.text:
            return int(self.text["year_bare"])
        if "yy" in self.text:
            yy = int(self.text["yy"])
            return 2000 + yy if yy <= 30 else 1900 + yy
        if "yearwords" in self.text:
            value = self.lex.parse_number(self.text["yearwords"])
            if value is None or not 1000 <= value <= 2999:
                raise NotTime
            return value
        return None

    def weekday(self) -> int | None:
        key = self.first("weekday", "weekday_name")
        return self.lex.lookup(self.lex.weekdays, self.text[key]) if key else None

    def relative(self) -> str | None:
        text = self.text.get("relative")
        return self.lex.lookup(self.lex.relative, text) if text else None

    def unit(self, name: str = "unit_single") -> str | None:
        key = self.first(name, "unit_plural", "unit_single")
        return self.lex.lookup(self.lex.units, self.text[key]) if key else None

    def ordinal(self) -> int | None:
        text = self.text.get("ordinal")
        if text is None:
            return None
        text = " ".join(text.lower().split())
        if text[0].isdigit():
            return int("".join(ch for ch in text if ch.isdigit()))
        value: int | None = self.lex.ordinals.get(text)
        return value


Resolver = Callable[[Match, dict[str, Any], Context], Resolved | None]
RESOLVERS: dict[str, Resolver] = {}

_OFFSET = {"prev": -1, "last": -1, "this": 0, "next": 1, "coming": 1}


def resolver(kind: str) -> Callable[[Resolver], Resolver]:
    def register(fn: Resolver) -> Resolver:
        RESOLVERS[kind] = fn
        return fn

    return register


def _iv(value: str) -> Interval:
    iv = interval(value)
    assert iv is not None, value
    return iv


def _day_value(day: date, explicit_year: bool = False) -> Resolved:
    return Resolved(day.isoformat(), "day", explicit_year=explicit_year)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int | None, m: Match, ctx: Context) -> tuple[int, bool]:
    """The year of a date or month given without one: the hint, else the nearest to the anchor."""
    year = m.year()
    if year is not None:
        return year, True
    if ctx.year_hint is not None:
        return ctx.year_hint, False
    anchor = ctx.day()
    candidates: list[Interval] = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day is None:
            candidates.append((date(y, month, 1), month_end(y, month)))
        elif (d := _safe_date(y, month, day)) is not None:
            candidates.append((d, d + timedelta(days=1)))
    if not candidates:
        return anchor.year, False
    return choose(candidates, anchor, ctx.future)[0].year, False


@resolver("date")
def _date(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    month, day = m.month(), m.day()
    if month is None or day is None or not 1 <= month <= 12:
        raise NotTime
    year, explicit = _year_for(month, day, m, ctx)
    d = _safe_date(year, month, day)
    if d is None:
        return Resolved(None, "day")
    return _day_value(d, explicit)


@resolver("day_of_month")
def _day_of_month(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    day = m.day()
    if day is None:
        raise NotTime
    anchor = ctx.day()
    offsets = [1] if args.get("month") == "next" else [-1, 0, 1]
    candidates = []
    for offset in offsets:
        start, _ = unit_interval(anchor, "month", offset)
        d = _safe_date(start.year, start.month, day)
        if d is not None:
            candidates.append((d, d + timedelta(days=1)))
    weekday = m.weekday()
    if weekday is not None:
        # "dinsdag de 13e": the nearest month in which the 13th is a Tuesday
        matching = [c for c in candidates if c[0].isoweekday() == weekday]
        for offset in range(2, 12):
            if matching:
                break
            for sign in (-1, 1):
                start, _ = unit_interval(anchor, "month", sign * offset)
                d = _safe_date(start.year, start.month, day)
                if d is not None and d.isoweekday() == weekday:
                    matching.append((d, d + timedelta(days=1)))
        candidates = matching or candidates
    if not candidates:
        return Resolved(None, "day")
    return _day_value(choose(candidates, anchor, ctx.future)[0])


@resolver("deictic")
def _deictic(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    offset = 0 if m.has("now") else m.lex.lookup(m.lex.deictic, m.raw("deictic") or "")
    if offset is None:
        raise NotTime
    return _day_value(ctx.day() + timedelta(days=offset))


def _weekday_near(anchor: date, weekday: int, relative: str | None, future: bool) -> date:
    delta = (weekday - anchor.isoweekday()) % 7
    if relative == "this":
        return week_start(anchor) + timedelta(days=weekday - 1)
    if relative == "coming":
        return anchor + timedelta(days=delta or 7)
    if relative == "last":
        return anchor - timedelta(days=(anchor.isoweekday() - weekday) % 7 or 7)
    if relative in ("next", "prev"):
        return week_start(anchor) + timedelta(weeks=1 if relative == "next" else -1, days=weekday - 1)
    if future:
        return anchor + timedelta(days=delta)
    return anchor - timedelta(days=(anchor.isoweekday() - weekday) % 7)


@resolver("weekday")
def _weekday(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    weekday = m.weekday()
    if weekday is None:
        raise NotTime
    return _day_value(_weekday_near(ctx.day(), weekday, m.relative(), ctx.future))


@resolver("weekday_in_week")
def _weekday_in_week(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    weekday, relative = m.weekday(), m.relative()
    if weekday is None or relative is None:
        raise NotTime
    start, _ = unit_interval(ctx.day(), "week", _OFFSET[relative])
    return _day_value(start + timedelta(days=weekday - 1))


def _duration(m: Match) -> list[tuple[int | None, str]]:
    """The (count, unit) pairs of a duration ("2 jaar, 1 maand en 21 dagen")."""
    text = m.raw("duration")
    if text is None:
        return [(1, "day")]
    units = sorted(m.lex.units, key=len, reverse=True)
    pairs: list[tuple[int | None, str]] = []
    words = text.replace(",", " ").split()
    i = 0
    buffer: list[str] = []
    while i < len(words):
        word = words[i].lower()
        if word in units and buffer:
            count_text = " ".join(buffer)
            pairs.append((m.lex.count(count_text), m.lex.units[word]))
            buffer = []
        elif word not in ("en", "and") or buffer:
            buffer.append(word)
        i += 1
    return pairs


@resolver("offset")
def _offset(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    direction = int(args.get("direction", 1))
    pairs = _duration(m)
    if not pairs:
        raise NotTime
    if args.get("anchor") == "mention":
        base = ctx.mentioned("day")
    elif m.has("deictic"):
        base = ctx.day() + timedelta(days=m.lex.lookup(m.lex.deictic, m.raw("deictic") or "") or 0)
    else:
        base = ctx.day()
    day = base
    for count, unit in pairs:
        day = shift(day, unit, direction * (count if count is not None else m.lex.vague_value))
    return _day_value(day)


def _unit_value(start: date, end: date, unit: str) -> Resolved:
    if unit == "week":
        return Resolved(week_value(start), "week")
    if unit == "weekend":
        return Resolved(week_value(start) + "-WE", "weekend")
    if unit == "quarter":
        return Resolved(f"{start.year}-Q{(start.month - 1) // 3 + 1}", "quarter")
    if unit == "decade":
        return Resolved(f"{start.year // 10}", "decade")
    if unit == "century":
        return Resolved(f"{start.year // 100}", "century")
    precision = {"day": "day", "month": "month", "year": "year"}[unit]
    return Resolved(interval_value(start, end), precision)


@resolver("relative_unit")
def _relative_unit(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    unit = m.unit() or next((m.lex.units[w] for w in m.full.split() if w in m.lex.units), None)
    if unit is None:
        raise NotTime
    if args.get("relative") == "mention":
        precision = {"day": "day"}.get(unit, unit)
        if ctx.mention is None:
            raise NeedsAnchor
        base = ctx.mentioned(precision)
        start, end = unit_interval(base, unit)
        return _unit_value(start, end, unit)
    relative = m.relative() or "this"
    anchor = ctx.day()
    if unit == "weekend":
        start, end = unit_interval(anchor, "weekend")
        if relative == "last" or (relative == "this" and not ctx.future and anchor >= end):
            while end > anchor:
                start, end = start - timedelta(weeks=1), end - timedelta(weeks=1)
        elif relative == "prev":
            start, end = unit_interval(anchor, "weekend", -1)
        elif relative in ("next", "coming") and start <= anchor:
            start, end = start + timedelta(weeks=1), end + timedelta(weeks=1)
        return _unit_value(start, end, unit)
    start, end = unit_interval(anchor, unit, _OFFSET[relative])
    return _unit_value(start, end, unit)


@resolver("stretch")
def _stretch(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    unit = m.unit("unit_plural")
    if unit is None or unit == "weekend":
        raise NotTime
    relative = m.relative() or "last"
    count = m.lex.count(m.raw("count") or "") if m.has("count") else None
    n = count if count is not None else 3
    anchor = ctx.day()
    if relative in ("next", "coming"):
        start = anchor + timedelta(days=1)
        end = shift(start, unit, n)
    else:
        start, end = shift(anchor, unit, -n), anchor + timedelta(days=1)
    return Resolved(interval_value(start, end), "interval")


@resolver("year_to_date")
def _year_to_date(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    anchor = ctx.day()
    return Resolved(interval_value(date(anchor.year, 1, 1), anchor + timedelta(days=1)), "interval")


@resolver("month")
def _month(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    month = m.month()
    if month is None or not 1 <= month <= 12:
        raise NotTime
    relative = m.relative()
    if args.get("year") == "relative" and relative is not None:
        anchor = ctx.day()
        year = anchor.year + _OFFSET[relative]
        if relative == "last" or (relative == "prev" and not _said_with_year(m)):
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif relative in ("next", "coming") and not _said_with_year(m):
            year = anchor.year if month > anchor.month else anchor.year + 1
        return Resolved(f"{year}-{month:02d}", "month")
    year, explicit = _year_for(month, None, m, ctx)
    return Resolved(f"{year}-{month:02d}", "month", explicit_year=explicit)


def _said_with_year(m: Match) -> bool:
    """ "juni volgend jaar", "vorig jaar juni": the relative word is about the year."""
    return bool(m.words & {"jaar", "year"})


@resolver("year")
def _year(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    year = m.year()
    if year is None and m.has("number"):
        year = m.lex.parse_number(m.raw("number") or "")
    if year is None or not 100 <= year < 3000:
        raise NotTime
    return Resolved(f"{year:04d}", "year", explicit_year=True)


@resolver("decade")
def _decade(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    if m.has("yy"):
        yy = int(m.raw("yy") or "0")
        decade = (2000 + yy if yy < 30 else 1900 + yy) // 10
    elif m.has("decade_year"):
        decade = int(m.raw("decade_year") or "0") // 10
    else:
        value = m.lex.parse_number(m.raw("decadewords") or "")
        if value is None:
            raise NotTime
        if value == 0:
            decade = 200
        elif value < 100 and value % 10 == 0:
            decade = (1900 + value) // 10
        elif value >= 1000 and value % 10 == 0:
            decade = value // 10
        else:
            raise NotTime
    return Resolved(f"{decade:03d}", "decade")


def _scope_year(m: Match, ctx: Context) -> int:
    year = m.year()
    if year is not None:
        return year
    relative = m.relative()
    if relative is not None:
        return ctx.day().year + _OFFSET[relative]
    if ctx.year_hint is not None:
        return ctx.year_hint
    return ctx.day().year


@resolver("quarter")
def _quarter(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    n = int(m.raw("quarter") or 0) if m.has("quarter") else m.ordinal()
    if n is None or not 1 <= n <= 4:
        raise NotTime
    return Resolved(f"{_scope_year(m, ctx)}-Q{n}", "quarter")


@resolver("half")
def _half(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    n = int(m.raw("half") or 0) if m.has("half") else m.ordinal()
    if n is None or not 1 <= n <= 2:
        raise NotTime
    return Resolved(f"{_scope_year(m, ctx)}-H{n}", "half")


@resolver("season")
def _season(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    code = m.lex.lookup(m.lex.seasons, m.raw("season") or "")
    if code is None:
        raise NotTime
    year = m.year()
    if year is None:
        anchor = ctx.day()
        relative = m.relative()
        if relative == "this":
            year = anchor.year
        elif relative == "prev":
            year = anchor.year - 1
        elif relative in ("next", "coming"):
            year = anchor.year
            while season_interval(year, code)[0] <= anchor:
                year += 1
        elif relative == "last":
            year = anchor.year
            while season_interval(year, code)[1] > anchor:
                year -= 1
        else:
            candidates = [season_interval(y, code) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
            year = choose(candidates, anchor, ctx.future)[0].year
    return Resolved(f"{year}-{code}", "season", explicit_year=m.has("year"))


@resolver("week_number")
def _week_number(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    week = int(m.raw("weeknum") or 0)
    year = m.year() or ctx.year_hint or ctx.day().year
    try:
        iso_week_start(year, week)
    except ValueError as exc:
        raise NotTime from exc
    return Resolved(f"{year}-W{week:02d}", "week")


def _scope_month(m: Match, ctx: Context) -> tuple[int, int]:
    month = m.month()
    if month is not None:
        year, _ = _year_for(month, None, m, ctx)
        return year, month
    relative = m.relative()
    start, _ = unit_interval(ctx.day(), "month", _OFFSET[relative] if relative else 0)
    return start.year, start.month


@resolver("nth_weekday")
def _nth_weekday(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    n, weekday = m.ordinal(), m.weekday()
    if n is None or weekday is None:
        raise NotTime
    if n == -1 and not (m.has("month") or m.has("month_name") or m.words & {"maand", "month"}):
        return _day_value(_weekday_near(ctx.day(), weekday, "last", False))
    year, month = _scope_month(m, ctx)
    day = nth_weekday(year, month, weekday, n)
    return _day_value(day) if day else Resolved(None, "day")


@resolver("nth_week")
def _nth_week(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    n = m.ordinal()
    if n is None:
        raise NotTime
    if m.month() is None and not m.has("relative") and (m.has("year") or m.has("yearwords")):
        year = m.year() or ctx.day().year
        if n == -1:
            last = date(year, 12, 28)
            return Resolved(week_value(last), "week")
        return Resolved(f"{year}-W{n:02d}", "week")
    if m.month() is None and m.has("relative") and not m.words & {"maand", "month"}:
        year = _scope_year(m, ctx)
        return Resolved(f"{year}-W{n:02d}", "week")
    year, month = _scope_month(m, ctx)
    monday = nth_weekday(year, month, 1, n)
    if monday is None:
        return Resolved(None, "week")
    return Resolved(week_value(monday), "week")


@resolver("week_of")
def _week_of(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    month, day = m.month(), m.day()
    if month is None or day is None:
        raise NotTime
    year, _ = _year_for(month, day, m, ctx)
    d = _safe_date(year, month, day)
    if d is None:
        return Resolved(None, "week")
    if args.get("unit") == "month":
        return Resolved(f"{d:%Y-%m}", "month")
    return Resolved(week_value(d), "week")


_PART_SHARES = {
    # unit: {part: (first, last)} as fractions of the unit
    "start": (0.0, 0.5),
    "mid": (0.33, 0.67),
    "end": (0.5, 1.0),
}


def _part_of(start: date, end: date, unit: str, part: str) -> Interval:
    if unit == "week" or unit == "weekend":
        first, last = {"start": (0, 3), "mid": (1, 4), "end": (3, 7)}[part]
        return start + timedelta(days=first), start + timedelta(days=last)
    if unit == "month":
        last_day = (end - timedelta(days=1)).day
        first, stop = {"start": (1, 16), "mid": (10, 21), "end": (16, last_day + 1)}[part]
        return start.replace(day=first), (end if stop > last_day else start.replace(day=stop))
    if unit == "year":
        # "begin 2021" is the first quarter, "medio 2019" the summer months, "eind 2017" the last quarter
        first_month, stop_month = {"start": (1, 4), "mid": (5, 9), "end": (10, 13)}[part]
        return date(start.year, first_month, 1), (
            date(start.year + 1, 1, 1) if stop_month == 13 else date(start.year, stop_month, 1)
        )
    a, b = _PART_SHARES[part]
    days = (end - start).days
    return start + timedelta(days=int(days * a)), start + timedelta(days=max(1, int(days * b)))


@resolver("part")
def _part(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    words = m.words
    part = m.lex.lookup(m.lex.parts, m.raw("part") or "") if m.has("part") else None
    earlier_later = None
    if part is None:
        earlier_later = "start" if any(w in ("eerder", "earlier") for w in words) else "end"
        part = earlier_later
    if m.has("season"):
        code = m.lex.lookup(m.lex.seasons, m.raw("season") or "")
        year = m.year() or ctx.day().year
        start, end = season_interval(year, code)
        unit = "season"
    elif m.has("month") or m.has("month_name"):
        year, month = _scope_month(m, ctx)
        start, end, unit = date(year, month, 1), month_end(year, month), "month"
    elif m.year() is not None:
        year = m.year() or 0
        start, end, unit = date(year, 1, 1), date(year + 1, 1, 1), "year"
    else:
        unit = m.unit() or "week"
        relative = m.relative() or "this"
        start, end = unit_interval(ctx.day(), unit, _OFFSET[relative])
    first, stop = _part_of(start, end, unit, part)
    if earlier_later and (m.relative() in (None, "this")) and unit != "season":
        anchor = ctx.day()
        if earlier_later == "end":
            first = max(first, anchor) if start <= anchor < end else first
        elif start <= anchor < end:
            stop = max(start + timedelta(days=1), min(stop, anchor))
    return Resolved(interval_value(first, stop), f"{unit}_{part}")


@resolver("rest")
def _rest(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    unit = m.unit()
    if unit is None:
        raise NotTime
    anchor = ctx.day()
    _, end = unit_interval(anchor, unit)
    return Resolved(interval_value(anchor, end), "interval")


def holiday_interval(holiday: Holiday, year: int) -> Interval | None:
    if holiday.date is not None:
        d = _safe_date(year, *holiday.date)
        return (d, d + timedelta(days=1)) if d else None
    if holiday.easter is not None:
        d = easter(year) + timedelta(days=holiday.easter)
        return d, d + timedelta(days=1)
    if holiday.nth is not None:
        month, weekday, n = holiday.nth
        found = nth_weekday(year, month, weekday, n)
        return (found, found + timedelta(days=1)) if found else None
    if holiday.span is not None:
        (m1, d1), (m2, d2) = holiday.span
        first = date(year, m1, d1)
        last = date(year + (1 if (m2, d2) < (m1, d1) else 0), m2, d2)
        return first, last + timedelta(days=1)
    return None


@resolver("holiday")
def _holiday(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    holiday = m.lex.lookup(m.lex.holidays, m.raw("holiday") or "")
    if holiday is None:
        raise NotTime
    year = m.year()
    relative = m.relative()
    if year is None and relative is not None and m.words & {"jaar", "year"}:
        year = ctx.day().year + _OFFSET[relative]
    if year is None:
        anchor = ctx.day()
        candidates = [
            iv for y in range(anchor.year - 1, anchor.year + 2) if (iv := holiday_interval(holiday, y))
        ]
        if relative in ("prev", "last") or m.words & {"laatste", "last"}:
            past = [iv for iv in candidates if iv[1] <= anchor + timedelta(days=1)]
            chosen = past[-1] if past else candidates[0]
        elif relative in ("next", "coming"):
            future = [iv for iv in candidates if iv[0] > anchor]
            chosen = future[0] if future else candidates[-1]
        else:
            chosen = choose(candidates, anchor, ctx.future)
        return Resolved(interval_value(*chosen), "day" if (chosen[1] - chosen[0]).days == 1 else "interval")
    iv = holiday_interval(holiday, year)
    if iv is None:
        return Resolved(None, "day")
    return Resolved(
        interval_value(*iv), "day" if (iv[1] - iv[0]).days == 1 else "interval", explicit_year=True
    )


def _range_month(m: Match, ctx: Context) -> tuple[int, int]:
    if m.has("month") or m.has("month_name"):
        month = m.month() or 0
        year, _ = _year_for(month, None, m, ctx)
        return year, month
    relative = m.relative() or "this"
    start, _ = unit_interval(ctx.day(), "month", _OFFSET[relative])
    return start.year, start.month


@resolver("day_range")
def _day_range(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    d1, d2 = m.day("day1"), m.day("day2")
    if d1 is None or d2 is None or d1 > d2:
        raise NotTime
    year, month = _range_month(m, ctx)
    first, last = _safe_date(year, month, d1), _safe_date(year, month, d2)
    if first is None or last is None:
        return Resolved(None, "interval")
    return Resolved(f"{first.isoformat()}/{last.isoformat()}", "interval", explicit_year=m.year() is not None)


@resolver("month_range")
def _month_range(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    m1, m2 = m.month("month1"), m.month("month2")
    if m1 is None or m2 is None:
        raise NotTime
    year = m.year()
    if year is None:
        raise NotTime
    first_year = year if m1 <= m2 else year - 1
    return Resolved(f"{first_year}-{m1:02d}/{year}-{m2:02d}", "interval", explicit_year=True)


@resolver("week_range")
def _week_range(m: Match, args: dict[str, Any], ctx: Context) -> Resolved | None:
    w1, w2 = int(m.raw("week1") or 0), int(m.raw("week2") or 0)
    year = m.year() or ctx.day().year
    try:
        first, last = iso_week_start(year, w1), iso_week_start(year, w2)
    except ValueError as exc:
        raise NotTime from exc
    return Resolved(f"{week_value(first)}/{week_value(last)}", "interval")
