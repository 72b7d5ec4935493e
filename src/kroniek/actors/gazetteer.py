"""Every surface form of the knowledge base in one regex per language, and the matches in a text.

A match is a form of the KB at word boundaries, with an optional possessive or genitive ending
("Poetins", "Kims", "Poetin's"). Case rules: acronyms ("VS", "IS") match only as written; a form
written with a capital in the KB needs a capital in the text ("Kim" not "kim"); role words match in
any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..kb import Entry, KnowledgeBase, load_kb
from ..timex.lexicon import word_alternation

_POSSESSIVE = r"(?:['’]s|['’]|s)?"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    """What the form may denote, the case rules applied."""


@dataclass(frozen=True)
class Gazetteer:
    kb: KnowledgeBase
    language: str
    forms: dict[str, list[Entry]]
    regex: re.Pattern[str]

    def find(self, text: str) -> list[Hit]:
        hits = []
        for m in self.regex.finditer(text):
            matched = m.group(1)
            entries = self.forms.get(matched.lower())
            suffix = m.group(0)[len(matched) :]
            if entries is None:
                continue
            fitting = tuple(e for e in entries if _case_fits(e, matched) and (not suffix or e.kind != "role"))
            if fitting:
                hits.append(Hit(m.start(), m.end(), m.group(0), fitting))
        return hits


def _case_fits(entry: Entry, text: str) -> bool:
    if entry.case_sensitive:
        return text == entry.form
    if entry.kind == "role":
        return True
    first = next((ch for ch in entry.form if ch.isalpha()), "")
    if first.isupper():
        # the capitals of the form must be capitals in the text ("Kim Jong-un", not "kim jong-un")
        return all(t.isupper() for f, t in zip(entry.form, text, strict=False) if f.isupper())
    return True


@cache
def gazetteer(language: str, extra: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer of the packaged KB (plus user files), built once per process."""
    from pathlib import Path

    kb = load_kb([Path(p) for p in extra])
    forms = kb.surface_forms(language)
    body = word_alternation(list(forms))
    regex = re.compile(rf"(?<![\w-])({body}){_POSSESSIVE}(?![\w-])", re.IGNORECASE)
    return Gazetteer(kb, language, forms, regex)
