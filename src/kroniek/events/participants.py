"""Who takes part in a clause: actor mentions turned into event codes and grouped.

An event's actor and recipient are lists of codes: the ISO3 country of a person, state body or
country, or an international organisation's own code (IAEA, NATO). Media, universities and
think tanks are sources, not participants; people the knowledge base cannot place are left out.
Mentions joined by "en", "of" or a comma form one group ("de VS en Israël" -> [USA, ISR]). Each
group records the preposition that governs it, if any ("met Washington" -> "met").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..document import Mention
from ..kb import Entry, KnowledgeBase
from .clauses import Clause, Word
from .codes import event_codes
from .discourse import Discourse
from .lexicon import Lexicon

#: Words of number before "of"/"van" that leave the people counted the group itself.
QUANTITIES = frozenset(
    {"thousands", "hundreds", "dozens", "millions", "tens", "scores", "duizenden", "honderden", "tientallen"}
)
#: The code of a company acting for itself.
COMPANY = ("MNC",)

#: "zowel de Navo als de EU", "both the US and China": one group.
_BOTH = re.compile(r"(?<!\w)(?:zowel|both)\s+(?:(?:de|het|the)\s+)?$", re.IGNORECASE)
_BOTH_AND = re.compile(r"^\s*(?:als|and)\s+(?:(?:de|het|the)\s+)?$", re.IGNORECASE)
_JOIN = re.compile(r"^\s*(?:,|,?\s*(?:en|of|and|or)(?:\s+ook)?|&)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Group:
    codes: tuple[str, ...]
    start: int
    end: int
    prep: str | None
    """The preposition governing the group ("met", "door"), or None for a bare noun phrase."""
    sector: str | None = None
    reference: str | None = None
    """For a reference that names no one ("het land", "wij"): its kind (``events.discourse``)."""
    relation: str | None = None
    """How the parse relates it to the predicate being coded (``events.syntax.relabel``), or None
    where there is no parse."""


def groups_in(
    clause: Clause,
    mentions: list[Mention],
    text: str,
    kb: KnowledgeBase,
    lex: Lexicon,
    forms: Mapping[str, list[Entry]] | None = None,
    discourse: Discourse | None = None,
) -> list[Group]:
    """The participant groups of a clause, in text order; references that name no one ("het
    land", "wij") resolved by ``discourse``."""
    inside = [m for m in mentions if clause.start <= m.start < clause.end]
    coded = [(m, codes) for m in inside if (codes := event_codes(m, kb))]
    if forms is not None:
        coded = _truncated_coordination(coded, text, forms)
    covered = {(m.start, m.end) for m in inside}
    referring = _references(clause, covered, lex, forms, discourse)
    taken = {(g.start, g.end) for g in referring}
    pronouns = [
        Group((), w.start, w.end, _governing_preposition(w.start, clause.words, lex))
        for w in clause.words
        if w.lower in lex.pronouns and not any(a <= w.start < b for a, b in covered | taken)
    ]
    groups: list[Group] = []
    run: list[tuple[Mention, tuple[str, ...]]] = []
    for m, code in coded:
        gap = text[run[-1][0].end : m.start] if run else ""
        if run and not gap.strip() and code == COMPANY and run[-1][0].kind == "country":
            # "het Chinese Huawei", "de Amerikaanse vliegtuigbouwer Boeing": a company the text
            # gives a state takes part as that state, as the codebook codes such disputes
            code = run[-1][1]
        # "de Amerikaanse president Donald Trump": a role and the name right after it are one actor
        apposition = bool(run) and not gap.strip() and code == run[-1][1]
        lead = text[max(0, run[0][0].start - 12) : run[0][0].start] if run else ""
        both = bool(run) and _BOTH_AND.match(gap) is not None and _BOTH.search(lead) is not None
        if run and (apposition or both or _JOIN.match(gap) or _joins_with_role(gap, lex, forms or {})):
            run.append((m, code))
            continue
        if run:
            groups.append(_group(run, clause.words, lex, forms or {}, coded))
        run = [(m, code)]
    if run:
        groups.append(_group(run, clause.words, lex, forms or {}, coded))
    # a pronoun the actor stage could not resolve still holds the subject's place ("bestempelde
    # hij Seoul als ...": Seoul is the object); the coder gives it the article's last subject
    return sorted(groups + pronouns + referring, key=lambda g: g.start)


def _references(
    clause: Clause,
    covered: set[tuple[int, int]],
    lex: Lexicon,
    forms: Mapping[str, list[Entry]] | None,
    discourse: Discourse | None,
) -> list[Group]:
    """Groups for the references of a clause that no mention covers, resolved by the discourse."""
    if discourse is None:
        return []
    out = []
    words = clause.words
    opens_with_verb = clause.opener is None and len(words) > 1 and words[1].pos in ("VERB", "AUX")
    for i, j, kind in discourse.find([w.lower for w in words], opens_with_verb):
        first, last = words[i], words[j - 1]
        if any(a < last.end and first.start < b for a, b in covered):
            continue
        codes = discourse.resolve(kind, first.start)
        prep = _governing_preposition(first.start, clause.words, lex, forms)
        out.append(Group(codes, first.start, last.end, prep, None, kind))
    return out


def _joins_with_role(gap: str, lex: Lexicon, forms: Mapping[str, list[Entry]]) -> bool:
    """ "Xi Jinping en de Russische president Vladimir Poetin": a coordination whose second member
    starts with words the actor stage left outside the name (articles, nationality, role)."""
    words = re.findall(r"[\w-]+|[^\w\s]", gap.casefold())
    if len(words) < 2 or not _JOIN.match(words[0]):
        return False
    return all(_outside_name(w, lex, forms) for w in words[1:])


def _outside_name(word: str, lex: Lexicon, forms: Mapping[str, list[Entry]] | None) -> bool:
    """An article, possessive, role word or country adjective the actor stage left outside a name."""
    if word in lex.skip:
        return True
    return forms is not None and any(e.kind in ("role", "country") for e in forms.get(word, ()))


_TRUNCATED = re.compile(r"(\w+)-\s+(?:en|of|and|or)\s+$")


def _truncated_coordination(
    coded: list[tuple[Mention, tuple[str, ...]]], text: str, forms: Mapping[str, list[Entry]]
) -> list[tuple[Mention, tuple[str, ...]]]:
    """ "Noord- en Zuid-Korea": the first name is written as its first part only; complete it with
    the second name's tail and look it up among the knowledge base's country names."""
    out: list[tuple[Mention, tuple[str, ...]]] = []
    for m, code in coded:
        before = _TRUNCATED.search(text, max(0, m.start - 30), m.start)
        if before is not None and "-" in m.text:
            full = f"{before.group(1)}-{m.text.split('-', 1)[1]}".casefold()
            entry = next((e for e in forms.get(full, ()) if e.kind == "country"), None)
            if entry is not None:
                start, end = before.start(1), before.end(1) + 1
                first = Mention(start, end, text[start:end], "country", code=entry.key)
                out.append((first, (entry.key,)))
        out.append((m, code))
    return out


def _group(
    run: list[tuple[Mention, tuple[str, ...]]],
    words: list[Word],
    lex: Lexicon,
    forms: Mapping[str, list[Entry]],
    coded: Sequence[tuple[Mention, tuple[str, ...]]] = (),
) -> Group:
    codes = tuple(dict.fromkeys(code for _, group in run for code in group))
    start, end = run[0][0].start, run[-1][0].end
    # another participant before the group ends the search for its preposition: "ontmoet in
    # Vietnam de Amerikaanse president Trump" (Trump is the object, not "in")
    others = [(m.start, m.end) for m, c in coded if m.end <= start and not set(c) & set(codes)]
    prep = _governing_preposition(start, words, lex, forms, others)
    following = next((w for w in words if w.start >= end), None)
    if following is not None and following.lower in lex.sides and lex.agent_preps:
        prep = min(lex.agent_preps)  # "langs Russische zijde": the side that acts, as "door" names it
    elif following is not None and following.lower in lex.place_nouns and lex.place_preps:
        prep = min(lex.place_preps)  # "aan het Oekraïense front": where, not who
    return Group(codes, start, end, prep, run[0][0].sector)


def _governing_preposition(
    start: int,
    words: list[Word],
    lex: Lexicon,
    forms: Mapping[str, list[Entry]] | None = None,
    others: Sequence[tuple[int, int]] = (),
) -> str | None:
    """The preposition before a group, passing over articles, possessives, and role words and
    country adjectives the actor stage left outside the name ("met de Amerikaanse president
    Donald Trump"), not over another participant (``others``: the spans of mentions that name
    someone else)."""
    before = [w for w in words if w.end <= start]
    for k, word in enumerate(reversed(before[-5:])):
        if word.lower in lex.prepositions:
            at = len(before) - 1 - k
            if word.lower in ("of", "van") and at > 0 and before[at - 1].lower in QUANTITIES:
                return None  # "thousands of Ukrainians", "tientallen van hen": the people themselves
            return word.lower
        if any(a <= word.start < b for a, b in others):
            return None
        if _outside_name(word.lower, lex, forms):
            continue
        return None
    return None
