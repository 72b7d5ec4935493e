"""The time stage: every time expression of the clean text, resolved against the publication date."""

from __future__ import annotations

from ..document import Document, TimeExpression
from ..settings import Settings
from .tagger import tag


def find_time(doc: Document, settings: Settings) -> Document:
    """Fill ``doc.timexes``; documents in a language without a time lexicon get none."""
    language = doc.meta.language
    if language is None or language not in settings["time"]["languages"]:
        doc.timexes = []
        return doc
    doc.timexes = tag(doc.clean, language, doc.meta.published)
    return doc


def time_of(timexes: list[TimeExpression], start: int, end: int) -> TimeExpression | None:
    """The time of a clause or sentence ``[start, end)``: its first resolved time expression.

    The events stage asks first for the clause, then for the sentence around it; None means
    the text gives no time there and the event takes the publication date.
    """
    for timex in timexes:
        if timex.start >= start and timex.end <= end and timex.value is not None:
            return timex
    return None
