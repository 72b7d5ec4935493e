"""Calendar arithmetic the resolvers share: Easter, n-th weekdays, unit intervals, nearest years."""

from __future__ import annotations

from datetime import date, timedelta

from .values import SEASON_MONTHS, Interval, add_months, iso_week_start, month_end


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date | None:
    """The n-th (1-based; -1 = last) ISO weekday (1 = Monday) of a month."""
    if n == -1:
        last = month_end(year, month) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def unit_interval(day: date, unit: str, offset: int = 0) -> Interval:
    """The interval of the calendar unit containing ``day``, shifted by ``offset`` units."""
    if unit == "day":
        start = day + timedelta(days=offset)
        return start, start + timedelta(days=1)
    if unit in ("week", "weekend"):
        start = day - timedelta(days=day.isoweekday() - 1) + timedelta(weeks=offset)
        if unit == "weekend":
            return start + timedelta(days=5), start + timedelta(days=7)
        return start, start + timedelta(days=7)
    if unit == "month":
        y, m = add_months(day.year, day.month, offset)
        return date(y, m, 1), month_end(y, m)
    if unit == "quarter":
        first = (day.month - 1) // 3 * 3 + 1
        y, m = add_months(day.year, first, 3 * offset)
        return date(y, m, 1), month_end(*add_months(y, m, 2))
    if unit == "year":
        return date(day.year + offset, 1, 1), date(day.year + offset + 1, 1, 1)
    if unit == "decade":
        first = day.year // 10 * 10 + 10 * offset
        return date(first, 1, 1), date(first + 10, 1, 1)
    if unit == "century":
        first = day.year // 100 * 100 + 100 * offset
        return date(max(1, first), 1, 1), date(first + 100, 1, 1)
    raise ValueError(f"unknown unit {unit!r}")


def shift(day: date, unit: str, n: int) -> date:
    """``day`` moved by ``n`` units (months and years keep the day where the month allows)."""
    if unit == "day":
        return day + timedelta(days=n)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    y, m = add_months(day.year, day.month, months)
    last = (month_end(y, m) - timedelta(days=1)).day
    return date(y, m, min(day.day, last))


def season_interval(year: int, code: str) -> Interval:
    first, last = SEASON_MONTHS[code]
    return date(year, first, 1), month_end(*add_months(year, first, last - first))


def choose(candidates: list[Interval], anchor: date, future: bool) -> Interval:
    """The candidate nearest the anchor. News mostly reports what happened, so a later
    candidate counts double its distance unless the wording points forward."""

    def cost(iv: Interval) -> tuple[float, int]:
        if iv[0] <= anchor < iv[1]:
            return 0.0, 0
        if iv[1] <= anchor:
            distance = (anchor - iv[1]).days + 1
            return (distance * 2.0 if future else float(distance)), 1
        distance = (iv[0] - anchor).days
        return (float(distance) if future else distance * 2.0), 2

    return min(candidates, key=cost)


def week_start(day: date) -> date:
    return day - timedelta(days=day.isoweekday() - 1)


__all__ = [
    "choose",
    "easter",
    "iso_week_start",
    "nth_weekday",
    "season_interval",
    "shift",
    "unit_interval",
    "week_start",
]
