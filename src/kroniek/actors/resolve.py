"""From knowledge-base hits and named entities to resolved actor mentions.

In text order:
1. A role word with a nationality before it or "van <land>" after it ("de Russische
   defensieminister", "de president van Rusland") is a role phrase. Followed by a name
   ("defensieminister Sjojgoe", "staatspersbureau KCNA"), the phrase gives the name its country,
   sector and role; otherwise a single-holder role resolves, with the date of its sentence, to the
   person who held it ("de Amerikaanse president" in 2019: Donald Trump), and any other role
   phrase is the country with a sector ("Zuid-Koreaanse inlichtingendiensten": KOR SPY).
2. Names, aliases, capitals and metonyms of the KB resolve directly ("Poetins", "het Kremlin").
3. People and organisations the NER finds and the KB does not know are kept, with the role and
   the affiliation the sentence gives ("Remco Breuker, hoogleraar ... aan de Universiteit Leiden").
4. A surname or first name alone refers to the person named in full elsewhere in the article.
5. "hij"/"hem" refer to the person mentioned last, in the same or the previous sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from .. import yamlwords
from ..document import Document, Entity, Mention
from ..kb import Entry, KnowledgeBase
from ..timex.values import interval
from .gazetteer import Gazetteer, Hit

_KIND_ORDER = {"person": 0, "organisation": 1, "country": 2, "role": 3}
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")


@dataclass(frozen=True)
class Words:
    articles: tuple[str, ...]
    of: tuple[str, ...]
    affiliation: tuple[str, ...]
    pronouns: tuple[str, ...]
    not_actors: frozenset[str]
    oblique: frozenset[str] = frozenset()


@cache
def words(language: str) -> Words:
    data: dict[str, Any] = yamlwords.load(
        resources.files("kroniek").joinpath(f"lang/{language}/actors.yaml").read_text("utf-8")
    )
    return Words(
        articles=tuple(str(w).lower() for w in data.get("articles", [])),
        of=tuple(str(w).lower() for w in data.get("of", [])),
        affiliation=tuple(str(w).lower() for w in data.get("affiliation", [])),
        pronouns=tuple(str(w).lower() for w in data.get("pronouns", [])),
        not_actors=frozenset(str(w) for w in data.get("not_actors", [])),
        oblique=frozenset(str(w).lower() for w in data.get("oblique", [])),
    )


def sentence_spans(doc: Document) -> list[tuple[int, int]]:
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(doc.clean) if m.group(0).strip()]


def _day(value: str | None) -> date | None:
    iv = interval(value)
    if iv is None:
        return None
    return iv[0] + (iv[1] - iv[0]) / 2 if (iv[1] - iv[0]).days > 1 else iv[0]


class Resolver:
    def __init__(self, doc: Document, gaz: Gazetteer) -> None:
        self.doc = doc
        self.text = doc.clean
        self.kb: KnowledgeBase = gaz.kb
        self.gaz = gaz
        self.words = words(gaz.language)
        self.sentences = sentence_spans(doc)
        self.published = _day(doc.meta.published)
        self.between_ok = re.compile(
            r"^[\s,]*(?:(?:" + "|".join(re.escape(a) for a in self.words.articles) + r")\s+)?$", re.IGNORECASE
        )
        self.of_re = re.compile(
            r"^\s+(?:"
            + "|".join(re.escape(w) for w in self.words.of)
            + r")\s+(?:(?:"
            + "|".join(re.escape(a) for a in self.words.articles)
            + r")\s+)?$",
            re.IGNORECASE,
        )

    # ------------------------------------------------------------------ helpers
    def sentence_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= pos < end:
                return start, end
        return pos, pos

    def date_at(self, pos: int) -> date | None:
        """The date a role is read at: the sentence's time expression, else the publication date."""
        start, end = self.sentence_of(pos)
        for timex in self.doc.timexes:
            if start <= timex.start < end and timex.value:
                day = _day(timex.value)
                if day is not None:
                    return day
        return self.published

    def person_mention(self, start: int, end: int, name: str, at: date | None, **kw: Any) -> Mention:
        person = self.kb.person(name)
        code, sector, role = kw.pop("code", None), kw.pop("sector", None), kw.pop("role", None)
        if person is not None:
            active = person.roles_on(at) if at else []
            if active:
                code = code or active[0].country or active[0].org
                sector = sector or active[0].sector
                role = role or active[0].role
            elif at is None and not person.country and person.roles:
                # no date to read the role at: the country of the latest office
                last = max(person.roles, key=lambda r: r.start or date.min)
                code = code or last.country or last.org
            elif at is not None and not person.country:
                # out of office on that day: the country of the last office held, as an elite
                past = [r for r in person.roles if r.start is not None and r.start <= at]
                if past:
                    last = max(past, key=lambda r: r.start or date.min)
                    code = code or last.country or last.org
                    sector = sector or "ELI"
            code = code or person.country or person.org
            if code is None and person.roles:  # before any office: the country of the offices held
                countries = [r.country for r in person.roles if r.country]
                # the most frequent, ties to the first listed (a set's order changes per process)
                code = max(dict.fromkeys(countries), key=countries.count) if countries else None
            sector = sector or person.sector
        return Mention(
            start,
            end,
            self.text[start:end],
            "person",
            name,
            code,
            person.qid if person else None,
            sector,
            role=role,
            **kw,
        )

    def organisation_mention(self, hit: Hit, entry: Entry) -> Mention:
        org = self.kb.organisation(entry.key)
        name = org.name if org else entry.key
        return Mention(
            hit.start,
            hit.end,
            hit.text,
            "organisation",
            name,
            entry.key,
            org.qid if org else None,
            entry.sector,
        )

    @staticmethod
    def primary(hit: Hit) -> Entry:
        return min(hit.entries, key=lambda e: (_KIND_ORDER[e.kind], e.ambiguous))

    # ------------------------------------------------------------------ main
    def resolve(self) -> list[Mention]:
        hits = [h for h in self.gaz.find(self.text) if self._supported(h)]
        consumed: set[int] = set()
        mentions: list[Mention] = []
        for i, hit in enumerate(hits):
            if i in consumed:
                continue
            entry = self.primary(hit)
            if entry.kind == "role":
                mentions.extend(self._role_phrase(hits, i, consumed))
            elif entry.kind == "person":
                mentions.append(self.person_mention(hit.start, hit.end, entry.key, self.date_at(hit.start)))
            elif entry.kind == "organisation":
                mentions.append(self.organisation_mention(hit, entry))
            elif self._qualifies_next_role(hits, i):
                continue  # "Russische" in "de Russische defensieminister": part of the role phrase
            else:  # a country: name, adjective, demonym, capital or metonym
                mentions.append(
                    Mention(
                        hit.start,
                        hit.end,
                        hit.text,
                        "country",
                        self._country_name(entry.key),
                        entry.key,
                        None,
                        entry.sector,
                    )
                )
        mentions.extend(self._unknown_entities(mentions))
        mentions.sort(key=lambda m: (m.start, m.end))
        mentions = self._short_names(mentions)
        mentions.extend(self._pronouns(mentions))
        mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def _qualifies_next_role(self, hits: list[Hit], i: int) -> bool:
        if i + 1 >= len(hits):
            return False
        nxt = hits[i + 1]
        return (
            self.primary(nxt).kind == "role"
            and self.primary(hits[i]).source in ("adjective", "demonym")
            and bool(self.between_ok.match(self.text[hits[i].end : nxt.start]))
        )

    def _country_name(self, code: str) -> str:
        country = self.kb.country(code)
        return country.name if country else code

    def _supported(self, hit: Hit) -> bool:
        """An ambiguous form ("May", "Moon") counts only where the NER also sees a name there."""
        if not all(e.ambiguous for e in hit.entries):
            return True
        return any(e.start < hit.end and hit.start < e.end for e in self.doc.entities)

    def _role_phrase(self, hits: list[Hit], i: int, consumed: set[int]) -> list[Mention]:
        hit = hits[i]
        role = self.primary(hit)
        start, country = hit.start, None
        # a nationality or country right before: "de Russische defensieminister"
        if i > 0 and i - 1 not in consumed:
            prev = hits[i - 1]
            pe = self.primary(prev)
            # an adjective or demonym: "de Russische minister"; a name is followed by a verb
            # ("de VS staat op het punt"), not by its own role word
            if (
                pe.kind == "country"
                and pe.source in ("adjective", "demonym")
                and self.between_ok.match(self.text[prev.end : hit.start])
            ):
                country, start = pe.key, prev.start
                consumed.add(i - 1)
        end = hit.end
        # "de president van Rusland"
        if country is None and i + 1 < len(hits):
            nxt = hits[i + 1]
            ne = self.primary(nxt)
            if ne.kind == "country" and self.of_re.match(self.text[hit.end : nxt.start]):
                country, end = ne.key, nxt.end
                consumed.add(i + 1)
        # a name right after: "defensieminister Sjojgoe", "staatspersbureau KCNA"
        j = i + 1
        if j < len(hits) and j not in consumed:
            nxt = hits[j]
            ne = self.primary(nxt)
            if ne.kind in ("person", "organisation") and re.fullmatch(r"[\s,]*", self.text[end : nxt.start]):
                consumed.add(j)
                if ne.kind == "person":
                    at = self.date_at(nxt.start)
                    return [
                        self.person_mention(
                            nxt.start,
                            nxt.end,
                            ne.key,
                            at,
                            role=role.role,
                            sector=role.sector if role.role is None else None,
                        )
                    ]
                return [self.organisation_mention(nxt, ne)]
        # an unknown name right after: "analist Jan de Vries"
        for ent in self.doc.entities:
            if ent.label == "PER" and re.fullmatch(
                r"[\s,]*", self.text[end : ent.start] if ent.start >= end else "x"
            ):
                if country is None:
                    return []  # the entity pass keeps the person, with this role
                return [self._placed_person(ent, country, role)]
        if country is None:
            if role.sector in _GROUP_SECTORS and not role.person:
                # "de rebellen", "milities": an armed group of no state named (the codebook's IMG)
                return [
                    Mention(
                        start,
                        end,
                        self.text[start:end],
                        "organisation",
                        None,
                        _GROUP_SECTORS[role.sector],
                        None,
                        role.sector,
                    )
                ]
            return []
        at = self.date_at(hit.start)
        if role.person and role.role and at is not None:
            holders = self.kb.holders(country, role.role, at)
            if len(holders) == 1:
                return [self.person_mention(start, end, holders[0].name, at, role=role.role)]
        return [
            Mention(
                start,
                end,
                self.text[start:end],
                "country",
                self._country_name(country),
                country,
                None,
                role.sector,
                role=role.role,
            )
        ]

    def _placed_person(self, ent: Entity, country: str, role: Entry) -> Mention:
        """A name after a role phrase that places it ("de Australische premier Morrison"): the
        holder of that office then whose name ends so, or else an official of that country."""
        at = self.date_at(ent.start)
        name = re.sub(r"['’]s?$", "", ent.text).strip(" -,.")
        if role.person and role.role and at is not None:
            for holder in self.kb.holders(country, role.role, at):
                if holder.name == name or holder.name.endswith(" " + name):
                    return self.person_mention(ent.start, ent.end, holder.name, at, role=role.role)
        return Mention(
            ent.start, ent.end, ent.text, "person", name, country, None, role.sector, role=role.role
        )

    def _unknown_entities(self, known: list[Mention]) -> list[Mention]:
        taken = [(m.start, m.end) for m in known]
        out = []
        for ent in self.doc.entities:
            if ent.label not in ("PER", "ORG"):
                continue
            if any(ent.start < e and s < ent.end for s, e in taken):
                continue
            name = re.sub(r"['’]s?$", "", ent.text).strip(" -,.")
            if len(name) < 2 or not name[0].isupper() or name in self.words.not_actors:
                continue
            kind = "person" if ent.label == "PER" else "organisation"
            if kind == "organisation" and " " not in name and not _acronym(name):
                continue  # one word the NER calls an organisation is too often a place ("Donetsk")
            role, sector, affiliation = self._context_role(ent)
            out.append(
                Mention(
                    ent.start,
                    ent.end,
                    ent.text,
                    kind,
                    name,
                    None,
                    None,
                    sector,
                    role=role,
                    affiliation=affiliation,
                )
            )
        return out

    def _context_role(self, ent: Entity) -> tuple[str | None, str | None, str | None]:
        """The role word right before an unknown name ("analist Jan de Vries") or in apposition
        after it ("Remco Breuker, hoogleraar ..."), and the organisation the apposition ties it to
        ("... aan de Universiteit Leiden")."""
        s_start, s_end = self.sentence_of(ent.start)
        lo, hi = max(s_start, ent.start - 40), min(s_end, ent.end + 120)
        arts = "|".join(re.escape(a) for a in self.words.articles)
        role: Entry | None = None
        for hit in self.gaz.find(self.text[lo:hi]):
            entry = self.primary(hit)
            if entry.kind != "role":
                continue
            start, end = lo + hit.start, lo + hit.end
            if end <= ent.start and re.fullmatch(r"\s*", self.text[end : ent.start]):
                role = entry
            elif start >= ent.end and re.fullmatch(
                rf"\s*,\s*(?:(?:{arts})\s+)?", self.text[ent.end : start], re.I
            ):
                role = entry
                break
        preps = "|".join(re.escape(p) for p in self.words.affiliation)
        apposition = re.match(  # ", hoogleraar ... aan de X" or "of Leiden University" right after
            rf"\s*(?:,[^,.;:!?()]{{0,80}}|(?:{preps})\s[^,.;:!?()]{{0,60}})",
            self.text[ent.end : s_end],
            re.IGNORECASE,
        )
        affiliation = None
        if apposition:
            tail = ent.end + apposition.end()
            for other in self.doc.entities:
                if other.label == "ORG" and ent.end < other.start <= tail:
                    between = self.text[ent.end : other.start]
                    if re.search(rf"(?<!\w)(?:{preps})\s+(?:(?:{arts})\s+)?$", between, re.IGNORECASE):
                        affiliation = other.text
                        break
            if affiliation is None:
                window = self.text[ent.end : tail + 40]
                for hit in self.gaz.find(window):
                    entry = self.primary(hit)
                    between = window[: hit.start]
                    if entry.kind == "organisation" and re.search(
                        rf"(?<!\w)(?:{preps})\s+(?:(?:{arts})\s+)?$", between, re.IGNORECASE
                    ):
                        org = self.kb.organisation(entry.key)
                        affiliation = org.name if org else entry.key
                        break
        if role is None:
            return None, None, affiliation
        return role.role, role.sector, affiliation

    def _short_names(self, mentions: list[Mention]) -> list[Mention]:
        """ "Breuker" after "Remco Breuker", "Kim" after "Kim Jong-un": the person named in full."""
        # each part of a full name -> the people it may stand for, with their mention counts
        counts: dict[str, dict[str, int]] = {}
        first: dict[str, Mention] = {}
        for m in mentions:
            if m.kind == "person" and m.name and " " in m.name:
                first.setdefault(m.name, m)
                for part in re.split(r"\s+", m.name):
                    if len(part) >= 3 and part[0].isupper():
                        people = counts.setdefault(part, {})
                        people[m.name] = people.get(m.name, 0) + 1
        full: dict[str, Mention] = {}
        for part, people in counts.items():
            ranked = sorted(people.items(), key=lambda kv: -kv[1])
            # two people share the part ("Kim" for Kim Jong-un and Kim Jong-il): the one the article
            # is about, when it names them at least twice as often, or as often and first (the
            # lead names the protagonist; a father or daughter comes later); otherwise no guess
            if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
                full[part] = first[ranked[0][0]]
            else:
                top = [name for name, n in ranked if n == ranked[0][1]]
                lead = min(people, key=lambda name: first[name].start)
                if lead in top:
                    full[part] = first[lead]
        out = []
        for m in mentions:
            if m.kind == "person" and m.name and " " not in m.name and m.code is None:
                target = full.get(m.name)
                if target is not None and target.name is not None:
                    known = self.kb.person(target.name) is not None
                    m = replace(
                        m,
                        name=target.name,
                        code=target.code,
                        qid=target.qid,
                        sector=target.sector if known else m.sector or target.sector,
                        role=target.role if known else m.role or target.role,
                        affiliation=m.affiliation or target.affiliation,
                    )
                elif target is None and not self._multiword(m):
                    continue  # a lone word the NER calls a person, never named in full: too weak
            out.append(m)
        # first names and surnames the KB does not list as aliases ("Kim" for Kim Jong-un)
        known_spans = [(m.start, m.end) for m in out]
        for part, target in full.items():
            for hit in re.finditer(rf"(?<![\w-]){re.escape(part)}(?:['’]?s)?(?![\w-])", self.text):
                if any(hit.start() < e and s < hit.end() for s, e in known_spans):
                    continue
                out.append(replace(target, start=hit.start(), end=hit.end(), text=hit.group(0)))
                known_spans.append((hit.start(), hit.end()))
        return sorted(out, key=lambda m: (m.start, m.end))

    @staticmethod
    def _multiword(m: Mention) -> bool:
        return len((m.name or m.text).split()) > 1

    def _pronouns(self, mentions: list[Mention]) -> list[Mention]:
        if not self.words.pronouns:
            return []
        people = [m for m in mentions if m.kind == "person" and m.name]
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(p) for p in self.words.pronouns) + r")(?!\w)", re.IGNORECASE
        )
        out = []
        for match in pattern.finditer(self.text):
            s_start, _ = self.sentence_of(match.start())
            prev_start = max((s for s, e in self.sentences if e <= s_start), default=s_start)
            here = [m for m in people if s_start <= m.start and m.end <= match.start()]
            if here:  # the nearest person of the same sentence
                target = here[-1]
            else:  # the previous sentence's subject: its first person outside a prepositional phrase
                there = [m for m in people if prev_start <= m.start and m.end <= s_start]
                if not there:
                    continue
                target = next((m for m in there if not self._oblique(m, there)), there[-1])
            out.append(replace(target, start=match.start(), end=match.end(), text=match.group(0)))
        return out

    def _oblique(self, m: Mention, people: list[Mention]) -> bool:
        """Whether a preposition governs the mention ("met de Chinese president Xi Jinping"), or it
        is coordinated with one that is ("... en de Russische president Vladimir Poetin")."""
        s_start, _ = self.sentence_of(m.start)
        earlier = [p for p in people if p.end <= m.start and p.end > s_start]
        lo = max(s_start, earlier[-1].end if earlier else s_start)
        between = re.findall(r"[\w-]+|[^\w\s]", self.text[lo : m.start].lower())
        for word in reversed(between):  # back over articles, nationalities and role words
            if word in self.words.oblique:
                return True
            if word not in self.words.articles and not any(
                e.kind in ("role", "country") for e in self.gaz.forms.get(word, ())
            ):
                break
        if earlier and 0 < len(between) <= 5 and between[0] in ("en", "and", ","):
            return self._oblique(earlier[-1], people)
        return False


#: Sectors of role words that name a group of no state by what it is, and the code they take.
_GROUP_SECTORS = {"REB": "IMG"}


def _acronym(word: str) -> bool:
    """NAVO, FNV: two or more capitals and nothing else (not "CO2")."""
    letters = word.replace("-", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def resolve_actors(doc: Document, gaz: Gazetteer) -> list[Mention]:
    return Resolver(doc, gaz).resolve()


__all__ = ["Resolver", "resolve_actors", "sentence_spans"]
