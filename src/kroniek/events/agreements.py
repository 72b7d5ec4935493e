"""Agreements between states named in a text, and their parties (``kb/data/agreements.yaml``).

An act on an agreement the text names without its other side ("Vorig jaar trok president Trump de
VS terug uit het atoomakkoord", "Iran houdt zich niet meer aan de Iran-deal") is aimed at the
agreement's other parties, as the codebook codes it. An alias matches in any case as a whole
word or as the end of a compound ("de Iran-deal", "het Minsk-akkoord"); a generic alias ("het
atoomakkoord") names the agreement only in an article that names its anchor party.

>>> parties_named("Trump trok de VS terug uit het atoomakkoord.", "nl", frozenset({"IRN", "USA"}))
('IRN', 'USA', 'RUS', 'CHN', 'FRA', 'GBR', 'DEU', 'EU')
>>> parties_named("Trump trok de VS terug uit het atoomakkoord.", "nl", frozenset({"PRK"}))
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .. import yamlwords


@dataclass(frozen=True)
class Agreement:
    id: str
    parties: tuple[str, ...]
    anchor: str | None
    named: re.Pattern[str] | None
    generic: re.Pattern[str] | None


def _pattern(forms: list[str]) -> re.Pattern[str] | None:
    if not forms:
        return None
    body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # whole words, or the end of a compound ("Iran-deal" in "de Iran-deal", "atoomakkoord" in
    # "het nucleaire atoomakkoord"): no letter may follow
    return re.compile(rf"(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def agreements(language: str) -> tuple[Agreement, ...]:
    path = resources.files("kroniek").joinpath("kb/data/agreements.yaml")
    data = yamlwords.load(path.read_text("utf-8")) or {}
    out = []
    for entry in data.get("agreements") or []:
        aliases = (entry.get("aliases") or {}).get(language) or []
        generic = (entry.get("generic") or {}).get(language) or []
        out.append(
            Agreement(
                id=str(entry["id"]),
                parties=tuple(str(p) for p in entry["parties"]),
                anchor=str(entry["anchor"]) if entry.get("anchor") else None,
                named=_pattern([str(a) for a in aliases]),
                generic=_pattern([str(a) for a in generic]),
            )
        )
    return tuple(out)


def parties_named(text: str, language: str, article_codes: frozenset[str]) -> tuple[str, ...]:
    """The parties of the first agreement ``text`` names (() if none), in the KB's order."""
    for a in agreements(language):
        if a.named is not None and a.named.search(text):
            return a.parties
        if (
            a.generic is not None
            and (a.anchor is None or a.anchor in article_codes)
            and a.generic.search(text)
        ):
            return a.parties
    return ()
