"""The actor knowledge base: countries, organisations, people with dated roles, and role words.

The knowledge is data (``kroniek/kb/data/*.yaml``, format in ``docs/kb.md``); this module reads it
into frozen dataclasses and answers the questions the actor resolver asks::

    >>> from datetime import date
    >>> kb = load_kb()
    >>> [p.name for p in kb.holders("USA", "head_of_state", date(2019, 6, 1))]
    ['Donald Trump']
    >>> [(e.kind, e.key, e.sector) for e in kb.surface_forms("nl")["kremlin"]]
    [('country', 'RUS', 'GOV')]

Users extend or override the packaged data with files of the same format
(``load_kb([Path("my_actors.yaml")])``): an entry whose code, id or name already exists is merged
into it (lists are extended, single values replaced); ``replace: true`` replaces it whole and
``remove: true`` deletes it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import yaml

__all__ = [
    "Country",
    "Entry",
    "KBError",
    "KnowledgeBase",
    "Metonym",
    "Organisation",
    "Person",
    "Role",
    "RoleDef",
    "RoleWord",
    "load_kb",
    "parse_kb_date",
]

#: The packaged data files, in load order (countries.yaml is generated: scripts/build_countries.py).
PACKAGED = ("countries.yaml", "organisations.yaml", "people.yaml", "roles.yaml")

EntryKind = Literal["country", "organisation", "person", "role"]
Source = Literal["name", "alias", "adjective", "demonym", "capital", "metonym", "role_word"]
Forms = Mapping[str, tuple[str, ...]]

_EMPTY: Forms = MappingProxyType({})


def _no_forms() -> Forms:
    return _EMPTY


_LEADER_ROLES = frozenset({"head_of_state", "head_of_government", "supreme_leader", "party_leader"})


class KBError(ValueError):
    """A knowledge-base file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Metonym:
    """A place or building that stands for a body: "het Kremlin" -> RUS GOV."""

    text: str
    lang: str  # a language code, or "any"
    sector: str


@dataclass(frozen=True, slots=True)
class Country:
    """A country (ISO 3166-1 alpha-3) with its names, adjectives, demonyms, capitals and metonyms."""

    code: str
    name: str
    alpha2: str | None = None
    sovereign: bool = True
    leader: str = "head_of_state"
    names: Forms = field(default_factory=_no_forms)
    adjectives: Forms = field(default_factory=_no_forms)
    demonyms: Forms = field(default_factory=_no_forms)
    capitals: Forms = field(default_factory=_no_forms)
    metonyms: tuple[Metonym, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation: ``country`` is None for international bodies."""

    id: str
    name: str
    sector: str
    country: str | None = None
    aliases: Forms = field(default_factory=_no_forms)
    qid: str | None = None
    parent: str | None = None
    metonyms: tuple[Metonym, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    note: str | None = None
    members: tuple[str, ...] = ()
    """A group of states or bodies that acts as its members ("de G7"): their codes."""


@dataclass(frozen=True, slots=True)
class Role:
    """One tenure: ``start`` is the first day in office, ``end`` the first day out of it (None: still)."""

    role: str
    sector: str
    country: str | None = None
    org: str | None = None
    start: date | None = None
    end: date | None = None
    acting: bool = False
    uncertain: bool = False
    note: str | None = None

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    @property
    def seat(self) -> tuple[str | None, str | None, str]:
        """What a single-holder role is unique within: (country, organisation, role)."""
        return (self.country, self.org, self.role)


@dataclass(frozen=True, slots=True)
class Person:
    """A person; ``country``/``sector``/``org`` give an affiliation that holds apart from dated roles."""

    name: str
    aliases: Forms = field(default_factory=_no_forms)
    qid: str | None = None
    roles: tuple[Role, ...] = ()
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    ambiguous: frozenset[str] = frozenset()
    note: str | None = None

    def roles_on(self, day: date) -> list[Role]:
        return [r for r in self.roles if r.active_on(day)]


@dataclass(frozen=True, slots=True)
class RoleDef:
    """A role of the vocabulary: its default sector, and whether one seat has one holder at a time."""

    id: str
    sector: str
    single: bool = False
    description: str | None = None


@dataclass(frozen=True, slots=True)
class RoleWord:
    """A word that names a role or a body ("president", "leger", "staatspersbureau")."""

    text: str
    lang: str
    sector: str
    role: str | None = None
    person: bool = False  # names one person, to be found by role + country + date
    state: bool = False  # a state-owned body of another sector ("staatsmedia")


@dataclass(frozen=True, slots=True)
class Entry:
    """What one surface form denotes. ``key``: country code, organisation id, person name, or for a
    role word its role (else its sector)."""

    kind: EntryKind
    key: str
    form: str  # the form as written in the data (the dictionary key is its lowercase)
    source: Source
    sector: str | None = None
    country: str | None = None
    role: str | None = None
    person: bool = False
    ambiguous: bool = False
    case_sensitive: bool = False  # an acronym ("IS", "VS", "AP"): match only as written


@dataclass(frozen=True)
class KnowledgeBase:
    """All actors, with lookups by code, id, name, role-and-date, and surface form."""

    countries: tuple[Country, ...]
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...]
    roles: Mapping[str, RoleDef]
    role_words: tuple[RoleWord, ...]
    sectors: Mapping[str, str]
    _by_code: dict[str, Country] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Organisation] = field(init=False, repr=False, compare=False)
    _by_name: dict[str, Person] = field(init=False, repr=False, compare=False)
    _seats: dict[tuple[str, str], list[tuple[Role, Person]]] = field(init=False, repr=False, compare=False)
    _forms: dict[str, dict[str, list[Entry]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code = {c.code: c for c in self.countries}
        by_code.update({c.alpha2: c for c in self.countries if c.alpha2 and c.alpha2 not in by_code})
        seats: dict[tuple[str, str], list[tuple[Role, Person]]] = {}
        for person in self.people:
            for role in person.roles:
                for where in {role.country, role.org} - {None}:
                    assert where is not None
                    seats.setdefault((where, role.role), []).append((role, person))
        for tenures in seats.values():
            tenures.sort(key=lambda rp: (rp[0].start or date.min, rp[1].name))
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_id", {o.id: o for o in self.organisations})
        object.__setattr__(self, "_by_name", {p.name: p for p in self.people})
        object.__setattr__(self, "_seats", seats)
        object.__setattr__(self, "_forms", {})

    def country(self, code: str) -> Country | None:
        """The country with this alpha-3 (or alpha-2) code, any case."""
        return self._by_code.get(code.upper())

    def organisation(self, id: str) -> Organisation | None:
        return self._by_id.get(id)

    def person(self, name: str) -> Person | None:
        """The person with this canonical name."""
        return self._by_name.get(name)

    def holders(self, country: str, role: str, on: date) -> list[Person]:
        """Who held ``role`` for ``country`` (an ISO3 code, or an organisation id) on that day.

        ``role`` is a role id from roles.yaml. "leader" means an explicit leader role where one is
        recorded for the day, else the country's ``leader`` setting (head of government in
        parliamentary systems), else its head of state.
        """
        found = self._holders(country, role, on)
        if found or role != "leader":
            return found
        setting = self.country(country)
        order = [setting.leader] if setting else []
        for fallback in [*order, "head_of_state"]:
            found = self._holders(country, fallback, on)
            if found:
                return found
        return []

    def _holders(self, where: str, role: str, on: date) -> list[Person]:
        people: list[Person] = []
        for tenure, person in self._seats.get((where, role), []):
            if tenure.active_on(on) and person not in people:
                people.append(person)
        return people

    def surface_forms(self, lang: str) -> dict[str, list[Entry]]:
        """Each lowercase surface form in ``lang`` -> what it may denote (a new dict on each call).

        Countries contribute their names, adjectives and demonyms in ``lang``, capitals in every
        language, and metonyms in ``lang`` or "any"; organisations and people contribute their
        names and aliases in every language (proper names cross languages); role words come from
        ``lang`` only.
        """
        if lang not in self._forms:
            self._forms[lang] = _build_forms(self, lang)
        return {form: list(entries) for form, entries in self._forms[lang].items()}


# --------------------------------------------------------------------------- surface forms ----


def _is_acronym(form: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", form)
    return bool(letters) and letters.isupper() and len(letters) <= 5


def _build_forms(kb: KnowledgeBase, lang: str) -> dict[str, list[Entry]]:
    forms: dict[str, list[Entry]] = {}
    seen: set[tuple[str, str, str, str | None, bool]] = set()

    def add(form: str, ambiguous: frozenset[str], **kw: Any) -> None:
        key = form.lower()
        # a form says one thing once; an acronym ("NAVO", matched only as written) does not stand
        # for the same form written as a word ("Navo"), which is kept beside it
        ident = (key, kw["kind"], kw["key"], kw.get("sector"), _is_acronym(form))
        if ident in seen:
            return
        seen.add(ident)
        entry = Entry(form=form, ambiguous=key in ambiguous, case_sensitive=_is_acronym(form), **kw)
        forms.setdefault(key, []).append(entry)

    for c in kb.countries:
        amb = frozenset(a.lower() for a in c.ambiguous)
        base: dict[str, Any] = {"kind": "country", "key": c.code, "country": c.code}
        for source, field_forms in (("name", c.names), ("adjective", c.adjectives), ("demonym", c.demonyms)):
            for form in field_forms.get(lang, ()):
                add(form, amb, source=source, sector=None, **base)
        for form in _all_langs(c.capitals):
            add(form, amb, source="capital", sector="GOV", **base)
        for m in c.metonyms:
            if m.lang in (lang, "any"):
                add(m.text, amb, source="metonym", sector=m.sector, **base)
    for o in kb.organisations:
        amb = frozenset(a.lower() for a in o.ambiguous)
        base = {"kind": "organisation", "key": o.id, "country": o.country, "sector": o.sector}
        add(o.name, amb, source="name", **base)
        for form in _all_langs(o.aliases):
            add(form, amb, source="alias", **base)
        for m in o.metonyms:
            if m.lang in (lang, "any"):
                add(m.text, amb, source="metonym", **base)
    for p in kb.people:
        amb = frozenset(a.lower() for a in p.ambiguous)
        base = {"kind": "person", "key": p.name, "country": p.country, "sector": p.sector}
        add(p.name, amb, source="name", **base)
        for form in _all_langs(p.aliases):
            add(form, amb, source="alias", **base)
    for w in kb.role_words:
        if w.lang == lang:
            add(
                w.text,
                frozenset(),
                kind="role",
                key=w.role or w.sector,
                source="role_word",
                sector=w.sector,
                country=None,
                role=w.role,
                person=w.person,
            )
    return forms


def _all_langs(forms: Forms) -> list[str]:
    return [form for lang_forms in forms.values() for form in lang_forms]


# ---------------------------------------------------------------------------------- loading ----


def load_kb(extra_paths: Sequence[Path] = ()) -> KnowledgeBase:
    """Read the packaged knowledge base, then each file of ``extra_paths`` over it, in order."""
    raw = _Raw()
    for name, data in _packaged():
        raw.merge(data, f"kb/data/{name}")
    for path in extra_paths:
        raw.merge(_read_yaml(Path(path).read_text("utf-8"), str(path)), str(path))
    return raw.build()


@functools.cache
def _packaged() -> tuple[tuple[str, dict[str, Any]], ...]:
    """The packaged YAML, parsed once per process (about 0.5 s; merging never mutates it)."""
    data = resources.files("kroniek.kb").joinpath("data")
    return tuple(
        (name, _read_yaml(data.joinpath(name).read_text("utf-8"), f"kb/data/{name}")) for name in PACKAGED
    )


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader, when libyaml is there
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise KBError(f"{where}: not valid YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KBError(f"{where}: expected a mapping with keys such as 'countries:' or 'people:'")
    return data


def parse_kb_date(value: object, where: str) -> tuple[date | None, bool]:
    """A date from YAML: a date, "YYYY-MM-DD", or "YYYY-MM"/"YYYY"/a year (the first day, uncertain).

    >>> parse_kb_date("2016-05", "x")
    (datetime.date(2016, 5, 1), True)
    """
    if value is None:
        return None, False
    if isinstance(value, date):
        return value, False
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not match or isinstance(value, bool | float):
        raise KBError(f"{where}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:
        return date(year, month or 1, day or 1), not day
    except ValueError as exc:
        raise KBError(f"{where}: {value!r} is not a valid date") from exc


#: Keys each kind of entry may have (besides "replace" and "remove").
_KEYS = {
    "countries": {"code", "alpha2", "name", "sovereign", "leader", "names", "adjectives", "demonyms"}
    | {"capitals", "metonyms", "ambiguous", "note"},
    "organisations": {
        "id",
        "name",
        "sector",
        "country",
        "aliases",
        "qid",
        "parent",
        "metonyms",
        "ambiguous",
        "note",
        "members",
    },
    "people": {"name", "aliases", "qid", "roles", "country", "sector", "org", "ambiguous", "note"},
}
_ID_KEY = {"countries": "code", "organisations": "id", "people": "name"}
_BY_LANG = {"names", "adjectives", "demonyms", "capitals", "aliases"}
_LISTS = {"metonyms", "roles", "ambiguous", "members"}
_ROLE_KEYS = {"role", "sector", "country", "org", "start", "end", "acting", "uncertain", "note"}
_WORD_KEYS = {"text", "role", "sector", "person", "state"}


class _Raw:
    """The YAML data merged so far, as plain dicts keyed by code/id/name, before validation."""

    def __init__(self) -> None:
        self.kinds: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in _KEYS}
        self.roles: dict[str, dict[str, Any]] = {}
        self.sectors: dict[str, str] = {}
        self.words: dict[tuple[str, str], dict[str, Any]] = {}

    def merge(self, data: dict[str, Any], where: str) -> None:
        unknown = set(data) - {*_KEYS, "roles", "sectors", "words"}
        if unknown:
            raise KBError(f"{where}: unknown top-level keys {sorted(unknown)}")
        for kind in _KEYS:
            self._merge_entries(kind, data.get(kind) or [], where)
        sectors = data.get("sectors") or {}
        if not isinstance(sectors, dict):
            raise KBError(f"{where}: 'sectors' must map codes to descriptions")
        self.sectors.update({str(k): str(v) for k, v in sectors.items()})
        roles = data.get("roles") or {}
        if not isinstance(roles, dict):
            raise KBError(f"{where}: 'roles' must map role ids to {{sector, single, description}}")
        for role_id, spec in roles.items():
            if not isinstance(spec, dict) or set(spec) - {"sector", "single", "description", "remove"}:
                raise KBError(f"{where}: role {role_id!r}: expected {{sector, single, description}}")
            if spec.get("remove"):
                self.roles.pop(str(role_id), None)
            else:
                self.roles[str(role_id)] = {**self.roles.get(str(role_id), {}), **spec}
        words = data.get("words") or {}
        if not isinstance(words, dict):
            raise KBError(f"{where}: 'words' must map languages to lists of role words")
        for lang, items in words.items():
            for item in items or []:
                if not isinstance(item, dict) or "text" not in item or set(item) - _WORD_KEYS - {"remove"}:
                    raise KBError(f"{where}: words.{lang}: bad entry {item!r}")
                key = (str(lang), str(item["text"]).lower())
                if item.get("remove"):
                    self.words.pop(key, None)
                else:
                    self.words[key] = {**item, "lang": str(lang)}

    def _merge_entries(self, kind: str, entries: object, where: str) -> None:
        if not isinstance(entries, list):
            raise KBError(f"{where}: '{kind}' must be a list")
        id_key = _ID_KEY[kind]
        in_this_file: set[str] = set()
        table = self.kinds[kind]
        for entry in entries:
            if not isinstance(entry, dict) or not entry.get(id_key):
                raise KBError(f"{where}: {kind}: every entry needs '{id_key}': {entry!r}")
            ident = str(entry[id_key])
            label = f"{where}: {kind} {ident!r}"
            if ident in in_this_file:
                raise KBError(f"{label} appears twice in the file")
            in_this_file.add(ident)
            unknown = set(entry) - _KEYS[kind] - {"replace", "remove"}
            if unknown:
                raise KBError(f"{label}: unknown keys {sorted(unknown)}")
            body = {k: v for k, v in entry.items() if k not in ("replace", "remove")}
            if entry.get("remove"):
                table.pop(ident, None)
            elif entry.get("replace") or ident not in table:
                table[ident] = body
            else:
                table[ident] = _merged(table[ident], body, label)

    def build(self) -> KnowledgeBase:
        sectors = dict(self.sectors)
        roles = {rid: _role_def(rid, spec, sectors) for rid, spec in self.roles.items()}
        countries = tuple(_country(c, sectors) for c in self.kinds["countries"].values())
        codes = {c.code for c in countries}
        organisations = tuple(_organisation(o, sectors, codes) for o in self.kinds["organisations"].values())
        ids = {o.id for o in organisations}
        for o in organisations:
            if o.parent and o.parent not in ids:
                raise KBError(f"organisation {o.id}: unknown parent {o.parent!r}")
            unknown = [m for m in o.members if m not in codes and m not in ids]
            if unknown:
                raise KBError(f"organisation {o.id}: unknown members {unknown}")
        people = tuple(_person(p, roles, sectors, codes, ids) for p in self.kinds["people"].values())
        words = tuple(_role_word(w, roles, sectors) for w in self.words.values())
        return KnowledgeBase(
            countries=countries,
            organisations=organisations,
            people=people,
            roles=MappingProxyType(roles),
            role_words=words,
            sectors=MappingProxyType(sectors),
        )


def _merged(old: dict[str, Any], new: dict[str, Any], label: str) -> dict[str, Any]:
    out = dict(old)
    for key, value in new.items():
        if key in _BY_LANG:
            forms = {lang: list(v) for lang, v in (_forms_dict(out.get(key), label)).items()}
            for lang, more in _forms_dict(value, label).items():
                forms[lang] = list(dict.fromkeys([*forms.get(lang, []), *more]))
            out[key] = forms
        elif key in _LISTS:
            out[key] = [*(out.get(key) or []), *[v for v in value or [] if v not in (out.get(key) or [])]]
        else:
            out[key] = value
    return out


def _forms_dict(value: object, label: str) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, list | None) for v in value.values()):
        raise KBError(f"{label}: expected {{lang: [forms]}}, got {value!r}")
    return {str(lang): [str(x) for x in forms or []] for lang, forms in value.items()}


def _frozen_forms(value: object, label: str) -> Forms:
    forms = _forms_dict(value, label)
    return MappingProxyType({lang: tuple(dict.fromkeys(v)) for lang, v in forms.items() if v})


def _sector(value: object, sectors: Mapping[str, str], label: str) -> str:
    if not isinstance(value, str) or value not in sectors:
        raise KBError(f"{label}: unknown sector {value!r} (see roles.yaml 'sectors')")
    return value


def _optional_str(value: object, label: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise KBError(f"{label}: expected text, got {value!r}")
    return str(value)


def _metonyms(
    value: object, sectors: Mapping[str, str], label: str, default: str | None = None
) -> tuple[Metonym, ...]:
    if value is not None and not isinstance(value, list):
        raise KBError(f"{label}: metonyms must be a list")
    out = []
    for item in value or []:
        if not isinstance(item, dict) or "text" not in item or set(item) - {"text", "lang", "sector"}:
            raise KBError(f"{label}: a metonym needs {{text, lang, sector}}, got {item!r}")
        sector = _sector(item.get("sector", default), sectors, label)
        out.append(Metonym(str(item["text"]), str(item.get("lang", "any")), sector))
    return tuple(out)


def _strings(value: object, label: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise KBError(f"{label}: expected a list, got {value!r}")
    return frozenset(str(v) for v in value)


def _country(raw: dict[str, Any], sectors: Mapping[str, str]) -> Country:
    code, label = str(raw["code"]), f"country {raw['code']}"
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise KBError(f"{label}: the code must be three capital letters (ISO 3166-1 alpha-3)")
    if not raw.get("name"):
        raise KBError(f"{label}: needs a canonical 'name'")
    leader = str(raw.get("leader") or "head_of_state")
    if leader not in _LEADER_ROLES:
        raise KBError(f"{label}: leader must be one of {sorted(_LEADER_ROLES)}")
    return Country(
        code=code,
        name=str(raw["name"]),
        alpha2=_optional_str(raw.get("alpha2"), label),
        sovereign=bool(raw.get("sovereign", True)),
        leader=leader,
        names=_frozen_forms(raw.get("names"), label),
        adjectives=_frozen_forms(raw.get("adjectives"), label),
        demonyms=_frozen_forms(raw.get("demonyms"), label),
        capitals=_frozen_forms(raw.get("capitals"), label),
        metonyms=_metonyms(raw.get("metonyms"), sectors, label),
        ambiguous=_strings(raw.get("ambiguous"), label),
        note=_optional_str(raw.get("note"), label),
    )


def _organisation(raw: dict[str, Any], sectors: Mapping[str, str], codes: set[str]) -> Organisation:
    label = f"organisation {raw['id']}"
    if not raw.get("name"):
        raise KBError(f"{label}: needs a canonical 'name'")
    country = _optional_str(raw.get("country"), label)
    if country is not None and country not in codes:
        raise KBError(f"{label}: unknown country {country!r}")
    sector = _sector(raw.get("sector"), sectors, label)
    return Organisation(
        id=str(raw["id"]),
        name=str(raw["name"]),
        sector=sector,
        country=country,
        aliases=_frozen_forms(raw.get("aliases"), label),
        qid=_qid(raw.get("qid"), label),
        parent=_optional_str(raw.get("parent"), label),
        metonyms=_metonyms(raw.get("metonyms"), sectors, label, default=sector),
        ambiguous=_strings(raw.get("ambiguous"), label),
        note=_optional_str(raw.get("note"), label),
        members=tuple(sorted(_strings(raw.get("members"), label))),
    )


def _qid(value: object, label: str) -> str | None:
    qid = _optional_str(value, label)
    if qid is not None and not re.fullmatch(r"Q[1-9]\d*", qid):
        raise KBError(f"{label}: {qid!r} is not a Wikidata QID")
    return qid


def _person(
    raw: dict[str, Any],
    roles: Mapping[str, RoleDef],
    sectors: Mapping[str, str],
    codes: set[str],
    ids: set[str],
) -> Person:
    label = f"person {raw['name']!r}"
    country = _optional_str(raw.get("country"), label)
    if country is not None and country not in codes:
        raise KBError(f"{label}: unknown country {country!r}")
    org = _optional_str(raw.get("org"), label)
    if org is not None and org not in ids:
        raise KBError(f"{label}: unknown organisation {org!r}")
    tenures: list[Role] = []
    for item in raw.get("roles") or []:
        tenures.extend(_roles(item, roles, sectors, codes, ids, label))
    sector = raw.get("sector")
    return Person(
        name=str(raw["name"]),
        aliases=_frozen_forms(raw.get("aliases"), label),
        qid=_qid(raw.get("qid"), label),
        roles=tuple(tenures),
        country=country,
        sector=None if sector is None else _sector(sector, sectors, label),
        org=org,
        ambiguous=_strings(raw.get("ambiguous"), label),
        note=_optional_str(raw.get("note"), label),
    )


def _roles(
    item: object,
    roles: Mapping[str, RoleDef],
    sectors: Mapping[str, str],
    codes: set[str],
    ids: set[str],
    label: str,
) -> Iterable[Role]:
    """One YAML role entry; ``role`` may list several roles of one office (one Role each)."""
    if not isinstance(item, dict) or "role" not in item or set(item) - _ROLE_KEYS:
        bad = sorted(set(item) - _ROLE_KEYS) if isinstance(item, dict) else item
        raise KBError(f"{label}: a role needs 'role' and only {sorted(_ROLE_KEYS)}; got {bad!r}")
    country, org = item.get("country"), item.get("org")
    if country is not None and country not in codes:
        raise KBError(f"{label}: unknown country {country!r}")
    if org is not None and org not in ids:
        raise KBError(f"{label}: unknown organisation {org!r}")
    start, start_vague = parse_kb_date(item.get("start"), label)
    end, end_vague = parse_kb_date(item.get("end"), label)
    if start and end and end <= start:
        raise KBError(f"{label}: role ends ({end}) before it starts ({start})")
    names = item["role"] if isinstance(item["role"], list) else [item["role"]]
    for name in names:
        if name not in roles:
            raise KBError(f"{label}: unknown role {name!r} (see roles.yaml 'roles')")
        sector = item.get("sector") or roles[name].sector
        yield Role(
            role=name,
            sector=_sector(sector, sectors, label),
            country=country,
            org=org,
            start=start,
            end=end,
            acting=bool(item.get("acting", False)),
            uncertain=bool(item.get("uncertain", False)) or start_vague or end_vague,
            note=_optional_str(item.get("note"), label),
        )


def _role_def(role_id: str, spec: dict[str, Any], sectors: Mapping[str, str]) -> RoleDef:
    label = f"role {role_id!r}"
    return RoleDef(
        id=role_id,
        sector=_sector(spec.get("sector"), sectors, label),
        single=bool(spec.get("single", False)),
        description=_optional_str(spec.get("description"), label),
    )


def _role_word(raw: dict[str, Any], roles: Mapping[str, RoleDef], sectors: Mapping[str, str]) -> RoleWord:
    label = f"role word {raw['lang']}:{raw['text']!r}"
    role = raw.get("role")
    if role is not None and role not in roles:
        raise KBError(f"{label}: unknown role {role!r}")
    sector = raw.get("sector") or (roles[role].sector if role else None)
    return RoleWord(
        text=str(raw["text"]),
        lang=str(raw["lang"]),
        sector=_sector(sector, sectors, label),
        role=role,
        person=bool(raw.get("person", False)),
        state=bool(raw.get("state", False)),
    )
