"""The words of reported speech for one language, read from ``lang/<code>/quotes.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .. import yamlwords


@dataclass(frozen=True)
class Lexicon:
    language: str
    cue_re: re.Pattern[str]
    """Every cue form and every phrase that is no cue (the caller checks the word boundary before)."""
    cue_at_start: re.Pattern[str]
    """The cue pattern for the text's first word (``cue_re`` needs a character before)."""
    kinds: dict[str, str]
    """Cue form -> its kind: fin (finite verb), part (participle), trail ("aldus"), acc ("volgens"),
    self ("naar eigen zeggen"), not (a phrase that is no cue: "wil zeggen")."""
    particles: dict[str, tuple[str, ...]]
    """Finite form -> the particles it needs later in the clause ("liet" -> ("weten",))."""
    participles: frozenset[str]
    auxiliaries: frozenset[str]
    complementisers: frozenset[str]
    anaphora: frozenset[str]
    pronouns: frozenset[str]
    relatives: frozenset[str]
    determiners: frozenset[str]
    links: frozenset[str]
    name_particles: re.Pattern[str]
    """Matches a run of name particles followed by a capital ("de Wit", "van der Berg")."""
    stop: frozenset[str]
    clause_openers: frozenset[str]
    not_sources: frozenset[str]
    infinitive_markers: frozenset[str]
    """Words before an infinitive that is no cue ("veilig te stellen")."""
    adjective_suffixes: tuple[str, ...]
    name_adjective_suffixes: tuple[str, ...]
    noun_suffixes: tuple[str, ...]
    lowercase_ends_phrase: bool


def _words(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"quotes.yaml: {key} must be a list of strings")
    return [v.lower().strip() for v in value]


def _trie(forms: set[str]) -> str:
    """One regular expression for ``forms`` as a character trie: a failed position costs one
    character test instead of one per form (the cue pattern runs over every article)."""
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for ch in " ".join(form.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return emit(root) if root else r"(?!x)x"


@cache
def lexicon(language: str) -> Lexicon | None:
    """The lexicon of ``language``; None where the language has no quotes.yaml."""
    path = resources.files("kroniek").joinpath(f"lang/{language}/quotes.yaml")
    if not path.is_file():
        return None
    data = yamlwords.load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"lang/{language}/quotes.yaml must hold a mapping")
    particles: dict[str, tuple[str, ...]] = {}
    finite: list[str] = []
    plain: set[str] = set()
    for form in _words(data, "finite"):
        head, star, particle = form.partition(" * ")
        finite.append(head)
        if star:
            particles[head] = (*particles.get(head, ()), particle)
        else:
            plain.add(head)
    # a form listed both alone and with a particle ("zegt" and "zegt * toe") needs no particle
    particles = {k: v for k, v in particles.items() if k not in plain}
    kinds: dict[str, str] = {}
    for kind, forms in (
        ("part", _words(data, "participles")),
        ("fin", finite),
        ("trail", _words(data, "trailing")),
        ("acc", _words(data, "according")),
        ("self", _words(data, "self")),
        ("not", _words(data, "not_cues")),
    ):
        kinds.update((" ".join(f.split()), kind) for f in forms if f)
    # no IGNORECASE: a case-blind pattern loses the regex engine's first-character skip
    variants = {v for form in kinds for v in (form, form[:1].upper() + form[1:], form.upper())}
    # each try starts on the character before a word (the engine skips fast to those), group 1 is the cue
    cue = r"(" + _trie(variants) + r")(?![\w-])"
    pattern = r"[\s\"'“‘„«(]" + cue

    def single(key: str) -> frozenset[str]:
        return frozenset(w for w in _words(data, key) if " " not in w)

    return Lexicon(
        language=language,
        cue_re=re.compile(pattern),
        cue_at_start=re.compile(cue),
        kinds=kinds,
        particles=particles,
        participles=frozenset(_words(data, "participles")),
        auxiliaries=single("auxiliaries"),
        complementisers=single("complementisers"),
        anaphora=frozenset(_words(data, "anaphora")),
        pronouns=single("pronouns"),
        relatives=single("relatives"),
        determiners=single("determiners"),
        links=single("links"),
        name_particles=re.compile(
            r"(?:[ \t]+(?:"
            + ("|".join(re.escape(w) for w in sorted(single("name_particles"))) or "(?!x)x")
            + r"))+[ \t]+(?=[A-ZÀ-ÖØ-Þ])"
        ),
        stop=single("stop"),
        clause_openers=single("clause_openers"),
        not_sources=single("not_sources"),
        infinitive_markers=single("infinitive_markers"),
        adjective_suffixes=tuple(_words(data, "adjective_suffixes")),
        name_adjective_suffixes=tuple(_words(data, "name_adjective_suffixes")),
        noun_suffixes=tuple(_words(data, "noun_suffixes")),
        lowercase_ends_phrase=bool(data.get("lowercase_ends_phrase", False)),
    )
