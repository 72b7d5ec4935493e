"""TIMEX3-style values and the day intervals they denote.

A value is what the ``timexes`` table stores: ``2019``, ``2019-07``, ``2019-07-04``,
``2019-W27``, ``2019-W27-WE`` (weekend), ``2019-Q3``, ``2019-H2``, ``2019-SU`` (season:
SP, SU, FA, WI), ``201`` (decade), and ISO intervals ``A/B`` whose end is inclusive at its own
precision (``2022-06/2022-08`` is June through August). Recognizers-Text writes ranges as
``(2016-11-04,2016-11-22,P18D)``, which is read too.

``interval(value)`` turns any of them into a half-open day interval ``[start, end)``, the unit in
which time expressions, event dates and gold dates are compared.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

Interval = tuple[date, date]
"""A half-open day interval: ``start`` inclusive, ``end`` exclusive."""

#: Seasons as month spans (meteorological: spring March-May, summer June-August, autumn
#: September-November, winter December to February of the next year).
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_WEEKDAY = re.compile(r"^(\d{4})-W(\d{2})-([1-7])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_RT_RANGE = re.compile(r"^\(([^,]+),([^,]+),[^)]*\)$")


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def month_end(year: int, month: int) -> date:
    """The first day after the month."""
    y, m = add_months(year, month, 1)
    return date(y, m, 1)


def iso_week_start(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def interval(value: str | None) -> Interval | None:
    """The half-open day interval a value denotes, or None when it is not concrete."""
    if not value:
        return None
    value = value.strip()
    try:
        return _interval(value)
    except ValueError:
        return None


def _interval(value: str) -> Interval | None:
    if m := _RT_RANGE.match(value):
        lo, hi = interval(m.group(1)), interval(m.group(2))
        return (lo[0], hi[0]) if lo and hi and lo[0] <= hi[0] else None
    if "/" in value:
        left, right = value.split("/", 1)
        lo, hi = interval(left), interval(right)
        return (lo[0], hi[1]) if lo and hi and lo[0] < hi[1] else None
    if m := _DAY.match(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day + timedelta(days=1)
    if m := _MONTH.match(value):
        return date(int(m[1]), int(m[2]), 1), month_end(int(m[1]), int(m[2]))
    if m := _YEAR.match(value):
        return date(int(m[1]), 1, 1), date(int(m[1]) + 1, 1, 1)
    if m := _WEEK.match(value):
        start = iso_week_start(int(m[1]), int(m[2]))
        return (
            (start + timedelta(days=5), start + timedelta(days=7)) if m[3] else (start, start + timedelta(7))
        )
    if m := _WEEKDAY.match(value):
        day = iso_week_start(int(m[1]), int(m[2])) + timedelta(days=int(m[3]) - 1)
        return day, day + timedelta(days=1)
    if m := _QUARTER.match(value):
        first = (int(m[2]) - 1) * 3 + 1
        return date(int(m[1]), first, 1), month_end(*add_months(int(m[1]), first, 2))
    if m := _HALF.match(value):
        first = 1 if m[2] == "1" else 7
        return date(int(m[1]), first, 1), month_end(int(m[1]), first + 5)
    if m := _SEASON.match(value):
        first, last = SEASON_MONTHS[m[2]]
        year = int(m[1])
        return date(year, first, 1), month_end(*add_months(year, first, last - first))
    if m := _DECADE.match(value):
        return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 10, 1, 1)
    if m := _CENTURY.match(value):
        return date(max(1, int(m[1]) * 100), 1, 1), date(int(m[1]) * 100 + 100, 1, 1)
    return None


def interval_value(start: date, end: date) -> str:
    """The value of a half-open day interval, as compact as it can be written."""
    last = end - timedelta(days=1)
    if start == last:
        return start.isoformat()
    if start.day == 1 and end.day == 1:
        if start.month == 1 and end.month == 1 and end.year == start.year + 1:
            return f"{start.year}"
        months = (end.year - start.year) * 12 + end.month - start.month
        if months == 1:
            return f"{start:%Y-%m}"
        if start.month == 1 and end.month == 1:
            return f"{start.year}/{last.year}"
        return f"{start:%Y-%m}/{last:%Y-%m}"
    return f"{start.isoformat()}/{last.isoformat()}"


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def within(inner: Interval, outer: Interval) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]
