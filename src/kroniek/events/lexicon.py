"""The event lexicon: PLOVER's ontology (``data/plover.yaml``) and a language pack
(``lang/<lang>/events.yaml``) read into lookup tables for the coder.

A predicate is one lemma ("ontmoeten"), or several lemmas that must all occur in the clause, the
first being the anchor ("steun beloven", "hoorn opnemen"). Nouns may match as the head of a
compound ("rakettest" for "test"). The format is documented at the top of each language file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from .. import yamlwords

TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: Types whose actor and recipient may be swapped (PLOVER's reciprocal interactions).
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})

#: Shortest stem a compound must keep before a noun head ("raket" + "test"; not "pro" + "test").
MIN_COMPOUND_PREFIX = 4


@dataclass(frozen=True)
class Predicate:
    lemmas: tuple[str, ...]
    """The anchor lemma first, then the lemmas that must also be in the clause."""
    type: str
    mode: str | None = None
    pos: str = "verb"
    recipient: tuple[str, ...] = ()
    """Where the recipient is: "object" and/or prepositions; empty means the type's default."""
    actor: tuple[str, ...] = ()
    """Prepositions whose object is the actor ("door")."""
    no_recipient: bool = False
    alone: bool = False
    """Kept without a recipient when the text names none (a denial: "Rusland ontkent ...")."""
    named: bool = False
    """Its recipient must be named in its own clause, not taken from the sentences before: "X
    ontving Y" is a visit, "de bank ontvangt geld uit Litouwen" none."""
    reciprocal: bool = False
    """Done by each side to the other ("een gevangenenruil", "exchanged prisoners"): coded both ways."""
    received: bool = False
    """Its subject receives the act ("kreeg zes jaar cel van de Turkse rechter"): the actor comes
    only from its actor prepositions, or for a conviction from the place where it happens."""
    compound: bool = False
    negated: tuple[str, str | None] | None = None
    """(type, mode) the predicate becomes under negation ("niet praten met" -> REJECT meet)."""
    aux: str | None = None
    contexts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plover:
    quad: dict[str, str]
    type_score: dict[str, float]
    mode_score: dict[tuple[str, str], float]
    requires_recipient: dict[str, bool]
    contexts: frozenset[str]

    def score(self, type_: str, mode: str | None) -> float | None:
        if mode is not None and (type_, mode) in self.mode_score:
            return self.mode_score[(type_, mode)]
        return self.type_score.get(type_)


@dataclass(frozen=True)
class Lexicon:
    language: str
    by_anchor: dict[str, list[Predicate]]
    compound_heads: dict[str, list[Predicate]]
    markers: dict[str, frozenset[str]]
    """Single-word markers per kind (negation, future, hypothetical, hearsay, condition, then)."""
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    """Multi-word markers per kind ("van plan", "niet uitgesloten"), as word tuples."""
    recipient_preps: frozenset[str]
    agent_preps: frozenset[str]
    never_preps: frozenset[str]
    prepositions: frozenset[str]
    """Every preposition the pack knows (a participant after one of these is not a bare subject)."""
    type_recipient: dict[str, tuple[str, ...]]
    clause_openers: frozenset[str]
    """Words that open a new clause (subordinators, relative pronouns after a comma, "om")."""
    particles: frozenset[str]
    """Separable verb particles ("af" in "brak ... af" = afbreken)."""
    skip: frozenset[str]
    """Words passed over between a preposition and its participant (articles, possessives)."""
    passive: frozenset[str]
    """Auxiliaries of the passive (worden, werd, ...)."""
    plover: Plover = field(repr=False)
    pronouns: frozenset[str] = frozenset()
    """Personal pronouns that may stand for an actor ("hij", "zij", and the first-person ones)."""
    first_person: frozenset[str] = frozenset()
    """First-person pronouns, which in reported speech stand for the speaker ("wij")."""
    lemmas: frozenset[str] = frozenset()
    """Every lemma some predicate needs."""
    type_negated: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """Per type, what a negated predicate becomes when its entry does not say."""
    sides: frozenset[str] = frozenset()
    """Nouns after a country adjective that make it the acting side ("langs Russische zijde")."""
    place_nouns: frozenset[str] = frozenset()
    """Nouns after a country adjective that make it a place ("aan het Oekraïense front")."""
    attributive_determiners: frozenset[str] = frozenset()
    attributive_endings: tuple[str, ...] = ()
    participle_endings: tuple[str, ...] = ()
    """Verb forms used as adjectives ("een versterkte focus", "de aanhoudende focus")."""
    topics: tuple[tuple[str, ...], ...] = ()
    """Phrases after which a noun names a basis or topic, not an event ("op basis van")."""
    idioms: tuple[tuple[str, ...], ...] = ()
    """Lemma frames that name no event and take their words out of coding ("vraag oproepen")."""
    controllers: frozenset[str] = frozenset()
    """Prepositions whose actor does what the next "om ... te" clause says ("een kans voor X om")."""
    place_preps: frozenset[str] = frozenset()
    """Prepositions of the place an event happens ("in Beijing")."""
    place_recipient_types: frozenset[str] = frozenset()
    """Types whose missing recipient is the place: the host of a meeting, the target of an attack."""
    place_actor_types: frozenset[str] = frozenset()
    """Types whose noun with no one named has the place as actor: a parade, a protest."""

    def recipient_slots(self, p: Predicate) -> tuple[str, ...]:
        return p.recipient or self.type_recipient.get(p.type, ("object",))


def _read(package_path: str) -> Any:
    return yamlwords.load(resources.files("kroniek").joinpath(package_path).read_text("utf-8"))


@cache
def load_plover() -> Plover:
    data = _read("data/plover.yaml")
    quad = {t: q for q, types in data["quads"].items() for t in types}
    type_score, mode_score, requires = {}, {}, {}
    for name, spec in data["types"].items():
        type_score[name] = float(spec["score"])
        requires[name] = bool(spec.get("requires_recipient", False))
        for mode, score in (spec.get("modes") or {}).items():
            mode_score[(name, str(mode))] = float(score if score is not None else spec["score"])
    return Plover(quad, type_score, mode_score, requires, frozenset(data.get("contexts", [])))


def _words(values: Any) -> list[str]:
    return [str(v).casefold() for v in values or []]


def _negated(value: str) -> tuple[str, str | None]:
    type_, _, mode = value.partition(":")
    if type_ not in TYPES:
        raise ValueError(f"events lexicon: unknown PLOVER type {type_!r} in negated: {value}")
    return type_, mode or None


def _predicate(entry: Mapping[str, Any]) -> Predicate:
    negated = _negated(str(entry["negated"])) if entry.get("negated") else None
    return Predicate(
        lemmas=tuple(str(entry["lemma"]).casefold().split()),
        type=str(entry["type"]),
        mode=entry.get("mode"),
        pos=str(entry.get("pos", "verb")),
        recipient=tuple(_words(entry.get("recipient"))),
        actor=tuple(_words(entry.get("actor"))),
        no_recipient=bool(entry.get("no_recipient", False)),
        alone=bool(entry.get("alone", False)),
        named=bool(entry.get("named", False)),
        received=bool(entry.get("received", False)),
        reciprocal=bool(entry.get("reciprocal", False)),
        compound=bool(entry.get("compound", False)),
        negated=negated,
        aux=entry.get("aux"),
        contexts=tuple(entry.get("contexts") or ()),
    )


def build_lexicon(language: str, data: Mapping[str, Any]) -> Lexicon:
    by_anchor: dict[str, list[Predicate]] = {}
    heads: dict[str, list[Predicate]] = {}
    for entry in data.get("predicates") or []:
        p = _predicate(entry)
        if p.type not in TYPES:
            raise ValueError(f"events lexicon {language}: unknown PLOVER type {p.type!r} for {p.lemmas}")
        by_anchor.setdefault(p.lemmas[0], []).append(p)
        if p.compound or (p.pos == "noun" and len(p.lemmas) > 1):
            # a noun frame takes a compound of its noun too: "een vredesakkoord sluiten"
            heads.setdefault(p.lemmas[0], []).append(p)
    idioms = tuple(tuple(str(phrase).casefold().split()) for phrase in data.get("idioms") or [])
    # Entries needing more lemmas are tried first: "steun beloven" before "beloven".
    for plist in (*by_anchor.values(), *heads.values()):
        plist.sort(key=lambda p: -len(p.lemmas))
    markers: dict[str, frozenset[str]] = {}
    phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
    for kind, values in (data.get("markers") or {}).items():
        words = _words(values)
        markers[kind] = frozenset(w for w in words if " " not in w)
        phrases[kind] = tuple(tuple(w.split()) for w in words if " " in w)
    preps = data.get("prepositions") or {}
    clauses = data.get("clauses") or {}
    places = data.get("places") or {}
    attributive = clauses.get("attributive") or {}
    return Lexicon(
        language=language,
        by_anchor=by_anchor,
        compound_heads=heads,
        markers=markers,
        phrases=phrases,
        recipient_preps=frozenset(_words(preps.get("recipient"))),
        agent_preps=frozenset(_words(preps.get("agent"))),
        never_preps=frozenset(_words(preps.get("never"))),
        prepositions=frozenset(w for values in preps.values() for w in _words(values)),
        type_recipient={
            t: tuple(_words((spec or {}).get("recipient")))
            for t, spec in (data.get("type_defaults") or {}).items()
        },
        clause_openers=frozenset(_words(clauses.get("openers"))),
        particles=frozenset(_words(clauses.get("particles"))),
        skip=frozenset(_words(clauses.get("skip"))),
        passive=frozenset(_words(clauses.get("passive"))),
        sides=frozenset(_words(clauses.get("sides"))),
        place_nouns=frozenset(_words(clauses.get("place_nouns"))),
        controllers=frozenset(_words(clauses.get("controllers"))),
        topics=tuple(tuple(w.split()) for w in _words(clauses.get("topic"))),
        attributive_determiners=frozenset(_words(attributive.get("determiners"))),
        attributive_endings=tuple(_words(attributive.get("endings"))),
        participle_endings=tuple(_words(attributive.get("participle"))),
        plover=load_plover(),
        pronouns=frozenset(_words(clauses.get("pronouns")) + _words(clauses.get("first_person"))),
        first_person=frozenset(_words(clauses.get("first_person"))),
        lemmas=frozenset(lemma for plist in by_anchor.values() for p in plist for lemma in p.lemmas)
        | {lemma for idiom in idioms for lemma in idiom},
        idioms=idioms,
        place_preps=frozenset(_words(places.get("prepositions"))),
        place_recipient_types=frozenset(w.upper() for w in _words(places.get("recipient"))),
        place_actor_types=frozenset(w.upper() for w in _words(places.get("actor"))),
        type_negated={
            t: _negated(str(spec["negated"]))
            for t, spec in (data.get("type_defaults") or {}).items()
            if spec and spec.get("negated")
        },
    )


@cache
def lexicon(language: str) -> Lexicon | None:
    """The packaged lexicon of ``language``, or None where kroniek has no event pack for it."""
    folder = resources.files("kroniek").joinpath(f"lang/{language}")
    if not folder.joinpath("events.yaml").is_file():
        return None
    data = yamlwords.load(folder.joinpath("events.yaml").read_text("utf-8")) or {}
    if folder.joinpath("clauses.yaml").is_file():
        data = merge_packs(data, yamlwords.load(folder.joinpath("clauses.yaml").read_text("utf-8")) or {})
    return build_lexicon(language, data)


def merge_packs(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``extra`` over ``base``: lists under the same key are joined, mappings merged one level down."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            inner = dict(merged[key])
            for k, v in value.items():
                inner[k] = [*(inner.get(k) or []), *v] if isinstance(v, list) else v
            merged[key] = inner
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = [*merged[key], *value]
        else:
            merged[key] = value
    return merged
