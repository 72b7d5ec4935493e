"""Import PETRARCH/Phoenix actor dictionaries (``Phoenix.Countries.actors.txt`` and kin).

The format, one actor per block::

    # a comment
    DONALD_TRUMP_                      <- the name, words joined by "_", a trailing "_"
    +DONALD_J._TRUMP_                  <- a synonym
    +PRESIDENT_TRUMP_
        [USABUS <170119]               <- a code, valid before a date
        [USAGOV 170120-210120]         <- valid between two dates (YYMMDD or YYYYMMDD)
        [USAGOV >250120]               <- valid from a date on
    UNITED_NATIONS_ [IGOUNO]           <- a code on the name line: no dates

A code is a country (its first three letters) and a sector (the next three): ``USAGOV`` is USA GOV;
international codes (IGO, NGO, IMG, MNC, ...) have no country and their first three letters are the
sector. Entries with dated codes, or with several codes, become ``Person`` objects (role
``affiliated`` with the code's country and sector); entries with one undated code become
``Organisation`` objects unless ``kind="person"`` is asked for. Dates: a two-digit year below 50 is
20YY, else 19YY; Phoenix ranges share the handover day, which is taken as the first day out of office
(kroniek's ``end``).

``as_kb_data()`` turns the result into the dict form of a kroniek KB file, so a Phoenix dictionary can
be written as YAML and loaded with ``load_kb([path])``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from .loader import KBError, Organisation, Person, Role

__all__ = ["as_kb_data", "import_phoenix", "parse_phoenix_code"]

#: First three letters of codes that are not countries: the letters are the sector.
INTERNATIONAL = frozenset({"IGO", "NGO", "NGM", "IMG", "MNC", "UIS", "UAF"})
_PARTICLES = frozenset(
    {"al", "bin", "ibn", "de", "del", "der", "van", "von", "la", "le", "da", "di", "du", "el"}
)
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")
_BRACKET = re.compile(r"\[([^\]]*)\]")


def parse_phoenix_code(code: str) -> tuple[str | None, str]:
    """``USAGOV`` -> ("USA", "GOV"); ``IGOUNO`` -> (None, "IGO"); ``RUS`` -> ("RUS", "GOV")."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z]{3,}", code):
        raise KBError(f"{code!r} is not a CAMEO/Phoenix actor code")
    head, rest = code[:3], code[3:6]
    if head in INTERNATIONAL:
        return None, head
    return head, rest or "GOV"


def _phoenix_date(text: str, century_pivot: int, where: str) -> date:
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{20 if yy < century_pivot else 19}{text}"
    if not re.fullmatch(r"\d{8}", text):
        raise KBError(f"{where}: {text!r} is not a date (YYMMDD or YYYYMMDD)")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError as exc:
        raise KBError(f"{where}: {text!r} is not a valid date") from exc


def _parse_bracket(content: str, century_pivot: int, where: str) -> tuple[str, date | None, date | None]:
    parts = content.split()
    if not parts or len(parts) > 2:
        raise KBError(f"{where}: expected [CODE] or [CODE DATES], got [{content}]")
    code, start, end = parts[0], None, None
    if len(parts) == 2:
        span = parts[1]
        if span.startswith(">"):
            start = _phoenix_date(span[1:], century_pivot, where)
        elif span.startswith("<"):
            end = _phoenix_date(span[1:], century_pivot, where)
        elif "-" in span:
            first, last = span.split("-", 1)
            start = _phoenix_date(first, century_pivot, where)
            end = _phoenix_date(last, century_pivot, where)
        else:
            raise KBError(f"{where}: cannot read the dates in [{content}]")
    return code, start, end


def _readable(phoenix_name: str, acronyms: bool = False) -> str:
    """``DONALD_J._TRUMP_`` -> "Donald J. Trump"; ``BASHAR_AL-ASSAD_`` -> "Bashar al-Assad".

    With ``acronyms`` (organisations), a single word of up to five letters stays as written (UN, KCNA).
    """
    words = [w for w in phoenix_name.strip().strip("_").split("_") if w]
    if acronyms and len(words) == 1 and len(words[0]) <= 5:
        return words[0]

    def word(w: str, first: bool) -> str:
        if _ROMAN.match(w):
            return w
        parts = w.split("-")
        out = []
        for i, part in enumerate(parts):
            low = part.lower()
            out.append(low if low in _PARTICLES and not (first and i == 0) else low.capitalize())
        return "-".join(out)

    return " ".join(word(w, i == 0) for i, w in enumerate(words))


class _Block:
    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.line = line
        self.aliases: list[str] = []
        self.codes: list[tuple[str, date | None, date | None]] = []


def _blocks(lines: Iterable[str], century_pivot: int, where: str) -> list[_Block]:
    blocks: list[_Block] = []
    for number, raw in enumerate(lines, start=1):
        text = raw.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        at = f"{where}:{number}"
        stripped = text.strip()
        brackets = [_parse_bracket(m, century_pivot, at) for m in _BRACKET.findall(stripped)]
        head = _BRACKET.sub("", stripped).strip()
        if stripped.startswith("["):
            if head or not blocks:
                raise KBError(f"{at}: a code line must follow a name and hold only [CODE ...] groups")
            blocks[-1].codes.extend(brackets)
        elif stripped.startswith("+"):
            if not blocks:
                raise KBError(f"{at}: a synonym before any name")
            blocks[-1].aliases.append(head[1:])
            blocks[-1].codes.extend(brackets)
        elif re.fullmatch(r"[^\s\[\]]+", head):
            blocks.append(_Block(head, number))
            blocks[-1].codes.extend(brackets)
        else:
            raise KBError(f"{at}: cannot read {raw.strip()!r}")
    return blocks


def import_phoenix(
    path: Path,
    kind: Literal["auto", "person", "organisation"] = "auto",
    century_pivot: int = 50,
) -> list[Person | Organisation]:
    """Read a Phoenix/PETRARCH actor dictionary into ``Person`` and ``Organisation`` objects."""
    path = Path(path)
    items: list[Person | Organisation] = []
    for block in _blocks(path.read_text("utf-8").splitlines(), century_pivot, str(path)):
        if not block.codes:
            raise KBError(f"{path}:{block.line}: {block.name} has no [CODE]")
        dated = any(start or end for _, start, end in block.codes)
        as_person = kind == "person" or (kind == "auto" and (dated or len(block.codes) > 1))
        name = _readable(block.name, acronyms=not as_person)
        readable = (_readable(a, acronyms=not as_person) for a in block.aliases)
        aliases = MappingProxyType({"en": tuple(dict.fromkeys(a for a in readable if a != name))})
        if as_person:
            roles = []
            for code, start, end in block.codes:
                country, sector = parse_phoenix_code(code)
                roles.append(
                    Role(role="affiliated", sector=sector, country=country, start=start, end=end, note=code)
                )
            items.append(Person(name=name, aliases=aliases, roles=tuple(roles)))
        else:
            country, sector = parse_phoenix_code(block.codes[0][0])
            ident = re.sub(r"[^A-Z0-9]+", "_", block.name.upper()).strip("_")
            items.append(Organisation(id=ident, name=name, sector=sector, country=country, aliases=aliases))
    return items


def as_kb_data(items: Iterable[Person | Organisation]) -> dict[str, Any]:
    """The KB-file form of imported items: ``yaml.safe_dump(as_kb_data(items))`` can be loaded by
    ``load_kb``. Sectors outside kroniek's list must be added to the file's ``sectors`` first."""
    people: list[dict[str, Any]] = []
    organisations: list[dict[str, Any]] = []
    for item in items:
        aliases = {lang: list(forms) for lang, forms in item.aliases.items() if forms}
        if isinstance(item, Person):
            roles = []
            for r in item.roles:
                role: dict[str, Any] = {"role": r.role, "sector": r.sector}
                role.update(
                    {k: v for k, v in (("country", r.country), ("start", r.start), ("end", r.end)) if v}
                )
                roles.append(role)
            people.append({"name": item.name, "aliases": aliases, "roles": roles})
        else:
            org: dict[str, Any] = {
                "id": item.id,
                "name": item.name,
                "sector": item.sector,
                "aliases": aliases,
            }
            if item.country:
                org["country"] = item.country
            organisations.append(org)
    return {"people": people, "organisations": organisations}
