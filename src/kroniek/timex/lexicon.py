"""The words of time expressions for one language, read from ``lang/<code>/time.yaml``.

The lexicon maps surface words to meanings (month numbers, weekday numbers, relative words,
units, seasons, holidays, number words) and builds the regular expression of each word class
that templates refer to as ``<class>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .. import yamlwords


def word_alternation(words: list[str]) -> str:
    """A regex matching any of the words (spaces match any whitespace), as a prefix trie.

    A trie ("j(?:an(?:uari|\\.)?|u(?:ni|li))") fails at the first wrong character instead of
    trying every word in turn, which makes the templates several times faster.
    """
    trie: dict[str, Any] = {}
    for word in {" ".join(w.lower().split()) for w in words if w.strip()}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        head = r"\s+" if ch == " " else re.escape(ch)
        branches.append(head + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # the word may stop here; greedy, so longer words are tried first
        return f"(?:{body})?"
    return body


def _words(pattern: str) -> str:
    """A word alternation that may not run into a following word character."""
    return f"(?:{pattern})(?!\\w)"


@dataclass(frozen=True)
class Holiday:
    date: tuple[int, int] | None = None
    easter: int | None = None
    nth: tuple[int, int, int] | None = None
    span: tuple[tuple[int, int], tuple[int, int]] | None = None


@dataclass(frozen=True)
class Template:
    kind: str
    pattern: str
    args: dict[str, Any]


@dataclass
class Lexicon:
    language: str
    months: dict[str, int]
    month_names: list[str]
    weekdays: dict[str, int]
    weekday_names: list[str]
    deictic: dict[str, int]
    now: list[str]
    relative: dict[str, str]
    units: dict[str, str]
    plural_units: list[str]
    seasons: dict[str, str]
    parts: dict[str, str]
    vague_counts: list[str]
    vague_value: int
    ordinals: dict[str, int]
    ordinal_suffixes: list[str]
    holidays: dict[str, Holiday]
    not_year_after: list[str]
    future_markers: list[str]
    range_open: list[str]
    range_separators: list[str]
    range_needs_open: list[str]
    range_articles: list[str]
    templates: list[Template]
    numbers: dict[str, int] = field(default_factory=dict)
    """Every number word from 1 to 99 (and its spelling variants)."""
    number_parts: dict[str, int] = field(default_factory=dict)
    """``numbers`` plus zero, hundred and thousand: the pieces of longer number words."""
    connectors: list[str] = field(default_factory=list)
    hundred_word: str = ""
    thousand_word: str = ""

    def lookup(self, table: dict[str, Any], text: str) -> Any:
        return table.get(" ".join(text.lower().split()))

    def classes(self) -> dict[str, str]:
        """The regex of every word class a template may name."""
        number_words = word_alternation(list(self.numbers))
        piece = f"(?:{word_alternation(list(self.number_parts))})"
        join = f"(?:\\s*(?:{word_alternation(self.connectors)})?\\s*)"
        numseq = f"{piece}(?:{join}{piece}){{0,5}}(?!\\w)"
        ord_digits = r"(?:0?[1-9]|[12]\d|3[01])\s?(?:" + word_alternation(self.ordinal_suffixes) + r")(?!\w)"
        day_words = [w for w, n in self.numbers.items() if 1 <= n <= 31]
        ord_words = [w for w, n in self.ordinals.items() if 1 <= n <= 31]
        not_year = word_alternation(self.not_year_after)
        unit_single = [w for w in self.units if self._is_singular(w)]
        count = f"(?:\\d{{1,3}}(?!\\d)|{_words(number_words)}|{_words(word_alternation(self.vague_counts))})"
        unit_all = _words(word_alternation(list(self.units)))
        return {
            "month": _words(word_alternation(list(self.months))),
            "month_name": _words(word_alternation(self.month_names)),
            "monthnum": r"(?:0?[1-9]|1[0-2])(?!\d)",
            "monthnum_2": r"(?:0[1-9]|1[0-2])",
            "day_2": r"(?:0[1-9]|[12]\d|3[01])(?!\d)",
            "half": r"[12](?!\d)",
            "weekday": _words(word_alternation(list(self.weekdays))),
            "weekday_name": _words(word_alternation(self.weekday_names)),
            "day": f"(?:(?:0?[1-9]|[12]\\d|3[01])(?!\\d)|{_words(word_alternation(day_words))})",
            "ordday": f"(?:{ord_digits}|{_words(word_alternation(ord_words))})",
            "ordday_digits": ord_digits,
            "ordday_words": _words(word_alternation(ord_words)),
            "year": r"(?:1\d{3}|20\d{2})(?!\d)",
            "year_bare": f"(?:1[5-9]\\d\\d|20\\d\\d)(?!\\d|[.,]\\d)(?!\\s*(?:{not_year})(?!\\w))",
            "yy": r"\d{2}(?!\d)",
            "yearwords": numseq,
            "decadewords": numseq,
            "decade_year": r"(?:1\d|20)\d0(?!\d)",
            "number": f"(?:\\d{{1,4}}(?!\\d)|{numseq})",
            "count": count,
            "duration": f"{count}\\s+{unit_all}(?:,?\\s*(?:en\\s+)?{count}\\s+{unit_all})*",
            "ordinal": f"(?:[1-9]\\s?(?:{word_alternation(self.ordinal_suffixes)})(?!\\w)|"
            f"{_words(word_alternation(list(self.ordinals)))})",
            "quarter": r"[1-4](?!\d)",
            "weeknum": r"(?:[1-4]?\d|5[0-3])(?!\d)",
            "deictic": _words(word_alternation(list(self.deictic))),
            "now": _words(word_alternation(self.now) or "(?!)"),
            "relative": _words(word_alternation(list(self.relative))),
            "unit_single": _words(word_alternation(unit_single)),
            "unit_plural": unit_all,
            "season": _words(word_alternation(list(self.seasons))),
            "part": _words(word_alternation(list(self.parts))),
            "holiday": _words(word_alternation(list(self.holidays))),
        }

    def _is_singular(self, word: str) -> bool:
        return word not in self.plural_units

    def parse_number(self, text: str) -> int | None:
        """The value of digits or number words: "21", "eenentwintig", "negentien achtenzeventig",
        "tweeduizend achttien", "negentienhonderd en één", "negentien nul een"."""
        text = " ".join(text.lower().split())
        if text.isdigit():
            return int(text)
        pieces = _segment(text.replace(" ", ""), self.number_parts, self.connectors)
        if not pieces:
            return None
        return _evaluate(pieces, self.number_parts)

    def count(self, text: str) -> int | None:
        """A count: a number, or None for a vague one ("enkele", "een paar")."""
        text = " ".join(text.lower().split())
        if text in self.vague_counts:
            return None
        return self.parse_number(text)


def _segment(text: str, parts: dict[str, int], connectors: list[str]) -> list[str] | None:
    """Split glued number words into known pieces ("negentienachtenzeventig")."""
    vocab = set(parts) | set(connectors)
    best: list[list[str] | None] = [None] * (len(text) + 1)
    best[0] = []
    for i in range(len(text)):
        prefix = best[i]
        if prefix is None:
            continue
        for word in vocab:
            if text.startswith(word, i):
                candidate = [*prefix, word]
                current = best[i + len(word)]
                if current is None or len(candidate) < len(current):
                    best[i + len(word)] = candidate
    return best[len(text)]


def _evaluate(pieces: list[str], parts: dict[str, int]) -> int | None:
    values: list[int | str] = []
    for piece in pieces:
        if piece in parts:
            values.append(parts[piece])
        # connectors ("en") are dropped
    if not values:
        return None
    numbers = [v for v in values if isinstance(v, int)]
    total = 0
    current = 0
    simple: list[int] = []
    for value in numbers:
        if value == 1000:
            total += (current or 1) * 1000
            current = 0
            simple = []
        elif value == 100:
            current = (current or 1) * 100
            simple = []
        else:
            current += value
            simple.append(value)
    # "negentien achtenzeventig" (19 78), "negentien nul een" (19 0 1): a year said in two halves.
    if total == 0 and 100 not in numbers and len(numbers) >= 2 and 10 <= numbers[0] <= 99:
        rest = numbers[1:]
        if rest[0] == 0:
            rest = rest[1:]
        if len(rest) == 1 and rest[0] < 100:
            return numbers[0] * 100 + rest[0]
        return None
    # two plain numbers in a row that are not a year ("twee drie") are not a number
    if len(simple) > 1 and not (
        len(simple) == 2 and simple[0] % 10 == 0 and 20 <= simple[0] < 100 > simple[1]
    ):
        return None
    return total + current


@cache
def load_lexicon(language: str) -> Lexicon:
    try:
        text = resources.files("kroniek").joinpath(f"lang/{language}/time.yaml").read_text("utf-8")
    except FileNotFoundError as exc:
        raise ValueError(f"no time lexicon for language {language!r}") from exc
    data = yamlwords.load(text)
    return _build(language, data)


def _build(language: str, data: dict[str, Any]) -> Lexicon:
    holidays = {}
    for name, spec in data.get("holidays", {}).items():
        holidays[str(name).lower()] = Holiday(
            date=_month_day(spec["date"]) if "date" in spec else None,
            easter=int(spec["easter"]) if "easter" in spec else None,
            nth=(int(spec["nth"][0]), int(spec["nth"][1]), int(spec["nth"][2])) if "nth" in spec else None,
            span=(_month_day(spec["span"][0]), _month_day(spec["span"][1])) if "span" in spec else None,
        )
    templates = [
        Template(kind=group["kind"], pattern=pattern, args=dict(group.get("args", {})))
        for group in data.get("templates", [])
        for pattern in group["patterns"]
    ]
    rng = data.get("range", {})
    lex = Lexicon(
        language=language,
        months={str(k).lower(): int(v) for k, v in data["months"].items()},
        month_names=[str(w).lower() for w in data.get("month_names", data["months"])],
        weekdays={str(k).lower(): int(v) for k, v in data["weekdays"].items()},
        weekday_names=[str(w).lower() for w in data.get("weekday_names", data["weekdays"])],
        deictic={str(k).lower(): int(v) for k, v in data.get("deictic", {}).items()},
        now=[str(w).lower() for w in data.get("now", [])],
        relative={str(k).lower(): str(v) for k, v in data.get("relative", {}).items()},
        units={str(k).lower(): str(v) for k, v in data.get("units", {}).items()},
        plural_units=[str(w).lower() for w in data.get("plural_units", [])],
        seasons={str(k).lower(): str(v) for k, v in data.get("seasons", {}).items()},
        parts={str(k).lower(): str(v) for k, v in data.get("parts", {}).items()},
        vague_counts=[str(w).lower() for w in data.get("vague_counts", [])],
        vague_value=int(data.get("vague_value", 3)),
        ordinals={str(k).lower(): int(v) for k, v in data.get("ordinals", {}).items()},
        ordinal_suffixes=[str(s) for s in data.get("ordinal_suffixes", [])],
        holidays=holidays,
        not_year_after=[str(w).lower() for w in data.get("not_year_after", [])],
        future_markers=[str(w).lower() for w in data.get("future_markers", [])],
        range_open=[str(w).lower() for w in rng.get("open", [])],
        range_separators=[str(w).lower() for w in rng.get("separators", [])],
        range_needs_open=[str(w).lower() for w in rng.get("needs_open", [])],
        range_articles=[str(w).lower() for w in rng.get("articles", [])],
        templates=templates,
    )
    _number_words(lex, data["numbers"])
    return lex


def _number_words(lex: Lexicon, spec: dict[str, Any]) -> None:
    units = {str(k): int(v) for k, v in spec["units"].items()}
    teens = {str(k): int(v) for k, v in spec.get("teens", {}).items()}
    tens = {str(k): int(v) for k, v in spec["tens"].items()}
    numbers: dict[str, int] = {**units, **teens, **tens}
    joins = [str(j) for j in spec.get("and", [""])]
    for unit, u in units.items():
        for ten, t in tens.items():
            for join in joins:
                numbers[spec["compound"].format(unit=unit, ten=ten, **{"and": join})] = t + u
    lex.numbers = numbers
    parts = dict(numbers)
    parts[str(spec["zero"])] = 0
    parts[str(spec["hundred"])] = 100
    parts[str(spec["thousand"])] = 1000
    lex.number_parts = parts
    lex.hundred_word = str(spec["hundred"])
    lex.thousand_word = str(spec["thousand"])
    lex.connectors = [str(c) for c in spec.get("connectors", joins) if c.strip()]


def _month_day(text: str) -> tuple[int, int]:
    month, day = str(text).split("-")
    return int(month), int(day)
