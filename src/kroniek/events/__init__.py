"""PLOVER event coding: the lexicon, clauses, participants, the coder and the stage."""

from .stage import find_events

__all__ = ["find_events"]
