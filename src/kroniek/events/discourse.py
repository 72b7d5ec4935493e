"""References that name no one: who "het land", "de regering", "zij" or a quote's "wij" stand for.

News names a state once and then refers to it: "Iran dreigt ... Het land wil dat Europa ...";
"Teheran"; "de regering"; a quoted "wij". The coder keeps a short memory of the participants
the article spoke of, the most recent first (subjects before others), and resolves each reference
of the language pack (``lang/<code>/references.yaml``) to one of them:

- ``state`` phrases ("het land", "het regime", "de regering", "de autoriteiten") and the plural
  pronouns ("zij", "ze") to the most recent participant that is a state (or an organisation, for
  "zij"), a subject first;
- ``home`` phrases ("het kabinet", "de Tweede Kamer") to the country the press of this language
  reports from (``events.home_country``), unless a country adjective qualifies them, which the actor
  stage resolves itself ("het Britse kabinet");
- ``pair`` phrases ("beide landen", "de twee landen") to the two most recent states;
- ``demonstrative`` pronouns that open a sentence before its verb ("Die oefenen druk uit op
  Europa") to the participant named last, state or not;
- ``speaker`` pronouns ("wij", "ons", "ik") inside reported speech to its speaker.

A reference with nothing to resolve to is left with no codes (the coder's own fallbacks apply).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .. import yamlwords
from ..document import Document, Quote


@dataclass(frozen=True)
class References:
    state: tuple[tuple[str, ...], ...]
    home: tuple[tuple[str, ...], ...]
    pair: tuple[tuple[str, ...], ...]
    plural: frozenset[str]
    demonstrative: frozenset[str]
    speaker: frozenset[str]
    qualifiers: frozenset[str]
    """Words that, right before a reference, make it name something else ("het Britse kabinet" is
    resolved by the actor stage; "het eigen land")."""


@cache
def references(language: str) -> References | None:
    path = resources.files("kroniek").joinpath(f"lang/{language}/references.yaml")
    if not path.is_file():
        return None
    data = yamlwords.load(path.read_text("utf-8")) or {}

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(str(p).casefold().split()) for p in data.get(key) or [])

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in data.get(key) or [])

    return References(
        state=phrases("state"),
        home=phrases("home"),
        pair=phrases("pair"),
        plural=words("plural"),
        demonstrative=words("demonstrative"),
        speaker=words("speaker"),
        qualifiers=words("qualifiers"),
    )


@dataclass
class Referent:
    codes: tuple[str, ...]
    state: bool
    """A state (ISO3 code), as opposed to an organisation or group."""
    subject: bool


@dataclass
class Discourse:
    """The participants an article has spoken of, most recent first."""

    refs: References
    home: tuple[str, ...] = ()
    quotes: list[Quote] = field(default_factory=list)
    recent: list[Referent] = field(default_factory=list)
    depth: int = 8

    @classmethod
    def of(cls, doc: Document, language: str, home: str | None) -> Discourse | None:
        refs = references(language)
        if refs is None:
            return None
        return cls(refs, (home,) if home else (), list(doc.quotes))

    def observe(self, codes: tuple[str, ...], subject: bool) -> None:
        """A participant named in the text (in text order)."""
        if not codes:
            return
        state = all(len(c) == 3 and c.isupper() and c.isalpha() for c in codes)
        self.recent = [r for r in self.recent if r.codes != codes]
        self.recent.insert(0, Referent(codes, state, subject))
        del self.recent[self.depth :]

    def find(self, lowers: list[str], opens_with_verb: bool = False) -> list[tuple[int, int, str]]:
        """(first word, last word + 1, kind) of each reference among a clause's words;
        ``opens_with_verb``: the clause opens its sentence and its second word is a verb."""
        found: list[tuple[int, int, str]] = []
        taken: set[int] = set()
        for kind, phrases in (("pair", self.refs.pair), ("home", self.refs.home), ("state", self.refs.state)):
            for phrase in phrases:
                n = len(phrase)
                for i in range(len(lowers) - n + 1):
                    if tuple(lowers[i : i + n]) != phrase or taken & set(range(i, i + n)):
                        continue
                    if i > 0 and lowers[i - 1] in self.refs.qualifiers:
                        continue
                    found.append((i, i + n, kind))
                    taken.update(range(i, i + n))
        for i, word in enumerate(lowers):
            if i in taken:
                continue
            if word in self.refs.plural:
                found.append((i, i + 1, "plural"))
            elif i == 0 and opens_with_verb and word in self.refs.demonstrative:
                found.append((i, i + 1, "demonstrative"))
            elif word in self.refs.speaker:
                found.append((i, i + 1, "speaker"))
        return sorted(found)

    def resolve(self, kind: str, position: int, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The codes a reference of ``kind`` at ``position`` (a clean-text offset) stands for."""
        if kind == "home":
            return self.home
        if kind == "speaker":
            return self._speaker(position)
        candidates = [r for r in self.recent if not set(r.codes) & set(exclude)]
        if kind == "demonstrative":
            return candidates[0].codes if candidates else ()
        if kind == "pair":
            states = [r.codes for r in candidates if r.state and len(r.codes) == 1]
            return tuple(c for codes in states[:2] for c in codes) if len(states) >= 2 else ()
        wanted = [r for r in candidates if r.state or kind == "plural"]
        for subject_first in (True, False):
            for r in wanted:
                if r.subject or not subject_first:
                    return r.codes
        return ()

    def _speaker(self, position: int) -> tuple[str, ...]:
        inside = [q for q in self.quotes if q.start <= position < q.end and q.speaker_code]
        if not inside:
            return ()
        innermost = min(inside, key=lambda q: q.end - q.start)
        return (str(innermost.speaker_code),)
