"""Publication dates from headers and metadata fields, with their precision; never guessed."""

from __future__ import annotations

import datetime as dt
import re

from ..document import Precision

_PARTIAL_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[T ]")


def partial_date(year: str, month: str | None, day: str | None) -> tuple[str, Precision] | None:
    """Validate a year, year-month or full date; None when it is no real date."""
    try:
        if day is not None and month is not None:
            return dt.date(int(year), int(month), int(day)).isoformat(), "day"
        if month is not None:
            return dt.date(int(year), int(month), 1).isoformat()[:7], "month"
        if 1000 <= int(year) <= 2999:
            return year, "year"
    except ValueError:
        return None
    return None


def parse_published(value: object) -> tuple[str, Precision] | None:
    """A publication date from a metadata value.

    ``"2019-02-24T11:06:39+01:00"`` -> ``("2019-02-24", "day")`` (the date as written, in the
    publisher's own time zone); ``"2023-09"`` -> ``("2023-09", "month")``; an integer is read as a
    Unix timestamp (UTC). Anything else -> None.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            stamp = dt.datetime.fromtimestamp(float(value), tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
        return stamp.date().isoformat(), "day"
    if not isinstance(value, str):
        return None
    m = _PARTIAL_RE.match(value)
    if m:
        return partial_date(m.group(1), m.group(2), m.group(3))
    m = _ISO_DATE_RE.match(value)
    if m:
        return partial_date(m.group(1), m.group(2), m.group(3))
    return None
