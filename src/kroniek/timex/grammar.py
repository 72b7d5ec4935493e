"""Templates from the lexicon compiled into regular expressions.

A template such as ``"(<weekday>,?~)?(de )?<ordday> <month>"`` becomes a regex in which each
``<class>`` is the class's regex captured under a group name; ``<class:name>`` captures under
``name``. A space matches one or more whitespace characters; ``~`` and `` ?`` any whitespace. A class used
twice is captured as ``name``, ``name__2``, ... and read back under ``name``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .lexicon import Lexicon, Template, load_lexicon, word_alternation

_PLACEHOLDER = re.compile(r"<([a-z_]+)(?::([a-z_0-9]+))?>")


@dataclass(frozen=True)
class Rule:
    """One compiled template: its resolver kind, arguments and the class of each group."""

    kind: str
    args: dict[str, Any]
    regex: re.Pattern[str]
    groups: dict[str, str]
    """Group name -> word class."""
    order: int
    language: str


def compile_template(template: Template, classes: dict[str, str], order: int, language: str) -> Rule:
    groups: dict[str, str] = {}

    def substitute(match: re.Match[str]) -> str:
        cls, name = match.group(1), match.group(2) or match.group(1)
        if cls not in classes:
            raise ValueError(f"time template {template.pattern!r}: no class <{cls}>")
        if name in groups:
            # the same class again (in another alternative): captured as name__2, name__3, ...
            k = 2
            while f"{name}__{k}" in groups:
                k += 1
            name = f"{name}__{k}"
        groups[name] = cls
        return f"(?P<{name}>{classes[cls]})"

    body = template.pattern.replace(" ?", "~").replace(" ", r"\s+").replace("~", r"\s*")
    body = _PLACEHOLDER.sub(substitute, body)
    try:
        regex = re.compile(rf"(?<![\w'/$€£-])(?:{body})(?![\w])", re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"time template {template.pattern!r}: {exc}") from exc
    return Rule(
        kind=template.kind, args=template.args, regex=regex, groups=groups, order=order, language=language
    )


@dataclass(frozen=True)
class Grammar:
    lexicon: Lexicon
    rules: tuple[Rule, ...]
    separator: re.Pattern[str]
    opener: re.Pattern[str]
    trigger: re.Pattern[str]
    """Words every time expression contains one of (months, weekdays, units, digits, ...)."""

    def windows(self, text: str, reach: int = 60) -> list[tuple[int, int]]:
        """The stretches of ``text`` around trigger words, the only places templates are tried.

        Each stretch runs ``reach`` characters either side of a trigger, widened to whitespace so
        no word is cut; overlapping stretches merge.
        """
        spans: list[tuple[int, int]] = []
        n = len(text)
        for m in self.trigger.finditer(text):
            lo = max(0, m.start() - reach)
            while lo > 0 and not text[lo - 1].isspace():
                lo -= 1
            hi = min(n, m.end() + reach)
            while hi < n and not text[hi].isspace():
                hi += 1
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], hi))
            else:
                spans.append((lo, hi))
        return spans


@cache
def load_grammar(language: str) -> Grammar:
    lex = load_lexicon(language)
    classes = lex.classes()
    rules = tuple(compile_template(t, classes, i, language) for i, t in enumerate(lex.templates))
    seps = "|".join(
        re.escape(s).replace(r"\ ", r"\s+") for s in sorted(lex.range_separators, key=len, reverse=True)
    )
    opens = "|".join(re.escape(s) for s in sorted(lex.range_open, key=len, reverse=True))
    articles = "|".join(re.escape(a) for a in lex.range_articles) or "(?!)"
    separator = re.compile(rf"^\s*(?:{seps})\s*(?:(?:{articles})\s+)?$", re.IGNORECASE)
    opener = re.compile(rf"(?<!\w)(?:{opens})\s+(?:(?:{articles})\s+)?$", re.IGNORECASE)
    words = [
        *lex.months,
        *lex.weekdays,
        *lex.deictic,
        *lex.units,
        *lex.seasons,
        *lex.holidays,
        *lex.now,
        *(w for w, n in lex.numbers.items() if n >= 13),
        *(w for w, n in lex.ordinals.items() if n >= 13),
        lex.hundred_word,
        lex.thousand_word,
    ]
    words_re = word_alternation(words)
    trigger = re.compile(rf"\d|(?<!\w)(?:{words_re})|(?:{words_re})(?!\w)", re.IGNORECASE)
    return Grammar(lexicon=lex, rules=rules, separator=separator, opener=opener, trigger=trigger)
