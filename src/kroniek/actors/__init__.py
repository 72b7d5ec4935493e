"""Actors: knowledge-base gazetteer, role phrases, dated roles, unknown names, pronouns."""

from .gazetteer import Gazetteer, gazetteer
from .resolve import resolve_actors
from .stage import find_actors

__all__ = ["Gazetteer", "find_actors", "gazetteer", "resolve_actors"]
