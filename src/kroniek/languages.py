"""Language knowledge, loaded from one data folder per language (``kroniek/lang/<code>/``).

Adding a language means adding a folder; no code branches on language codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import yamlwords

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class CleaningRules:
    """The compiled cleaning knowledge of a set of languages."""

    credit_re: re.Pattern[str]
    agency_only_re: re.Pattern[str]
    widget_re: re.Pattern[str]
    stopwords: dict[str, frozenset[str]]


def _load(code: str, name: str) -> dict[str, object]:
    path = resources.files("kroniek").joinpath(f"lang/{code}/{name}.yaml")
    data = yamlwords.load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"lang/{code}/{name}.yaml must hold a mapping")
    return data


def _strings(data: dict[str, object], key: str, code: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"lang/{code}/clean.yaml: {key} must be a list of strings")
    return [str(v) for v in value]


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def cleaning_rules(codes: tuple[str, ...]) -> CleaningRules:
    openers: list[str] = []
    agencies: list[str] = []
    widgets: list[str] = []
    stopwords: dict[str, frozenset[str]] = {}
    for code in codes:
        data = _load(code, "clean")
        openers += _strings(data, "credit_openers", code)
        agencies += _strings(data, "credit_agencies", code)
        for pattern in _strings(data, "widget_lines", code):
            re.compile(pattern)  # fail on the bad pattern itself, with its file
            widgets.append(f"(?:{pattern})")
        stop = data.get("stopwords", "")
        if not isinstance(stop, str):
            raise ValueError(f"lang/{code}/clean.yaml: stopwords must be one space-separated string")
        stopwords[code] = frozenset(stop.lower().split())
    agency = _alternation(agencies)
    # "Beeld Gamma-Rapho via Getty Images", "Foto: ANP", "Photograph: Reuters", "© EPA": at the
    # start of a line or right after a sentence end, running to the end of the line. Openers are
    # matched with their capital so that "het beeld van Xi" stays text.
    after_sentence = r"(?:^|(?<=[.!?\u201d\"\u2019)] ))"
    credit = (
        rf"{after_sentence}(?:(?:{_alternation(openers)})\s*:?\s+|©\s*|\(c\)\s*)"
        rf"[A-Z\u00c0-\u00de][\w .,'&/-]{{0,60}}?(?:\s+via\s+(?:{agency}))?\s*\)?\s*$"
    )
    agency_only = rf"{after_sentence}(?:©\s*)?\(?(?:{agency})(?:\s*/\s*(?:{agency}))*\)?\s*$"
    return CleaningRules(
        credit_re=re.compile(credit),
        agency_only_re=re.compile(agency_only),
        widget_re=re.compile("|".join(widgets) or "(?!)", re.IGNORECASE),
        stopwords=stopwords,
    )


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def detect_language(text: str, codes: tuple[str, ...], min_share: float) -> str | None:
    """The language whose stopwords make up the largest share of ``text``'s words.

    Cheap and good enough to tell the configured news languages apart; returns None when no
    language reaches ``min_share`` (too short, or another language).
    """
    rules = cleaning_rules(codes)
    tokens = [w.lower() for w in words(text[:20000])]
    if not tokens:
        return None
    shares = sorted(
        ((sum(1 for t in tokens if t in stop) / len(tokens), code) for code, stop in rules.stopwords.items()),
        reverse=True,
    )
    best_share, best = shares[0]
    close = len(shares) > 1 and best_share - shares[1][0] < CLOSE_SHARE
    if len(tokens) < SHORT_TEXT or close:
        # a short text or a near tie ("Merkel met Putin in Moscow on Saturday": "met" and "in" are
        # Dutch stopwords too): the language whose dictionary knows most of its words
        known = _dictionary_language(words(text[:2000]), codes)
        if known is not None:
            return known
    return best if best_share >= min_share else None


#: Fewer words than this, or stopword shares closer than CLOSE_SHARE, and the dictionaries decide.
SHORT_TEXT = 60
CLOSE_SHARE = 0.03
#: The share of a text's words a language's dictionary must know to name it, and by how much more
#: than any other language's: among the lower-case words, else (names count for any language)
#: among all of them, by a wider margin.
MIN_KNOWN_SHARE = 0.5
MIN_KNOWN_MARGIN = 0.2
MIN_KNOWN_MARGIN_ALL = 0.4


def _dictionary_language(tokens: list[str], codes: tuple[str, ...]) -> str | None:
    """The language of ``codes`` whose simplemma dictionary clearly knows most of the words among
    ``tokens``; else None."""
    plain = [t for t in tokens if t[:1].islower()]
    for chosen, margin in ((plain, MIN_KNOWN_MARGIN), (tokens, MIN_KNOWN_MARGIN_ALL)):
        if len(chosen) < 2:
            continue
        scores = _known_shares(" ".join(chosen), codes)
        if scores and scores[0][0] >= MIN_KNOWN_SHARE and scores[0][0] - scores[1][0] >= margin:
            return scores[0][1]
    return None


def _known_shares(text: str, codes: tuple[str, ...]) -> list[tuple[float, str]]:
    """(share of words known, language) for ``codes``, best first, ending with (0, "")."""
    try:
        from simplemma import langdetect

        found = langdetect(text, lang=codes)
    except (ImportError, ValueError):
        return []
    return [*sorted(((score, code) for code, score in found if code in codes), reverse=True), (0.0, "")]
