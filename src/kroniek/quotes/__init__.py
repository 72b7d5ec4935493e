"""Reported speech: direct quotes, indirect speech and "according to" claims, with their speakers."""

from .marks import quoted_spans
from .stage import find_quotes, link_events

__all__ = ["find_quotes", "link_events", "quoted_spans"]
