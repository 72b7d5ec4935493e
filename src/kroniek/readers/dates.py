"""Publication dates from headers and metadata fields, with their precision; never guessed."""

from __future__ import annotations

import datetime as dt
import re

from ..document import Precision
from ..errors import KroniekError

#: The years a publication date may have; the time stage resolves expressions within them too. A
#: date outside them (``9999-12-31``, a placeholder) is refused as ``date_out_of_range``: anchored
#: on it, "vorige week" would fall off the calendar.
FIRST_YEAR, LAST_YEAR = 1000, 2999

_PARTIAL_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")
_ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})[T ]")


def partial_date(year: str, month: str | None, day: str | None) -> tuple[str, Precision] | None:
    """Validate a year, year-month or full date; None when it is no real date ("2023-13-45").

    Raises ``KroniekError("date_out_of_range")`` for a real date outside the years kroniek reads.
    """
    day = day if month is not None else None
    try:  # year 0 has no Python date: its month and day are checked in a leap year
        date = dt.date(int(year) or 2000, int(month or 1), int(day or 1))
    except ValueError:
        return None
    parts: list[str] = [year]
    precision: Precision = "year"
    if month is not None:
        parts.append(f"{date.month:02d}")
        precision = "month"
    if day is not None:
        parts.append(f"{date.day:02d}")
        precision = "day"
    value = "-".join(parts)
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        raise KroniekError(
            "date_out_of_range",
            f"the publication date {value} lies outside the years {FIRST_YEAR} to {LAST_YEAR}",
        )
    return value, precision


def parse_published(value: object) -> tuple[str, Precision] | None:
    """A publication date from a metadata value.

    ``"2019-02-24T11:06:39+01:00"`` -> ``("2019-02-24", "day")`` (the date as written, in the
    publisher's own time zone); ``"2023-09"`` -> ``("2023-09", "month")``; an integer is read as a
    Unix timestamp (UTC). Anything else -> None. A date outside the years kroniek reads raises
    ``KroniekError("date_out_of_range")``; a timestamp outside them is None (it may be in
    milliseconds, say: a number is no date as written).
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            stamp = dt.datetime.fromtimestamp(float(value), tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
        if not FIRST_YEAR <= stamp.year <= LAST_YEAR:
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
