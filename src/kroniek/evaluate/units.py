"""Unit records (PETRARCH's practice): invented sentences, each with its expected coding.

A record (``tests/units/*.yaml``, format in ``tests/units/README.md``) is a short text with a
publication date and the complete list of events a coder following the codebook gives it. The
whole pipeline runs on the text; the record **passes** when the events found are exactly those
expected: the same number, each with the same type, actor set and recipient set (either way round
for the symmetric types), the same auxiliary mode, and the same date where the record gives one
(``date: null`` expects no date). Reported: the pass rate, over all records and per tag, and event
precision and recall over all records, with every failure and what was found instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import yamlwords
from ..document import Document
from ..events.lexicon import SYMMETRIC
from ..settings import Settings


@dataclass(frozen=True)
class Unit:
    id: str
    text: str
    published: str | None
    tags: tuple[str, ...]
    events: tuple[dict[str, Any], ...]


def load_units(path: Path) -> list[Unit]:
    rows = yamlwords.load(path.read_text("utf-8")) or []
    units = []
    for row in rows:
        try:
            units.append(
                Unit(
                    id=str(row["id"]),
                    text=str(row["text"]),
                    published=str(row["published"]) if row.get("published") else None,
                    tags=tuple(str(t) for t in row.get("tags") or ()),
                    events=tuple(row.get("events") or ()),
                )
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{path}: not a unit record: {row!r} ({exc})") from exc
    return units


def _same(expected: dict[str, Any], found: dict[str, Any]) -> bool:
    if expected["type"] != found["type"] or (expected.get("aux") or None) != found["aux"]:
        return False
    actor, recipient = set(expected.get("actor") or ()), set(expected.get("recipient") or ())
    roles = actor == found["actor"] and recipient == found["recipient"]
    if not roles and expected["type"] in SYMMETRIC:
        roles = actor == found["recipient"] and recipient == found["actor"]
    if not roles:
        return False
    return "date" not in expected or expected["date"] == found["date"]


def _found(doc: Document) -> list[dict[str, Any]]:
    return [
        {
            "type": e.type,
            "actor": set(e.actor),
            "recipient": set(e.recipient),
            "aux": e.aux,
            "date": e.date,
        }
        for e in doc.events
    ]


def _label(event: dict[str, Any]) -> str:
    actor = "+".join(sorted(event.get("actor") or ())) or "-"
    recipient = "+".join(sorted(event.get("recipient") or ())) or "-"
    aux = f" [{event['aux']}]" if event.get("aux") else ""
    date = f" {event['date']}" if event.get("date") else ""
    return f"{event['type']} {actor}->{recipient}{date}{aux}"


@dataclass
class UnitReport:
    records: int = 0
    passed: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    by_tag: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    failures: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        precision = self.matched / self.found if self.found else 0.0
        recall = self.matched / self.expected if self.expected else 0.0
        return {
            "records": self.records,
            "passed": self.passed,
            "pass_rate": round(self.passed / self.records, 4) if self.records else 0.0,
            "event_precision": round(precision, 4),
            "event_recall": round(recall, 4),
            "by_tag": {
                tag: {"records": n, "passed": ok, "pass_rate": round(ok / n, 4)}
                for tag, (ok, n) in sorted(self.by_tag.items())
            },
            "failures": self.failures,
        }


def run_units(units: list[Unit], settings: Settings) -> UnitReport:
    from ..pipeline import process

    report = UnitReport()
    for unit in units:
        header = f" date {unit.published}\n" if unit.published else ""
        doc = process(header + unit.text, settings)
        found = _found(doc)
        left = list(found)
        matched = 0
        for expected in unit.events:
            hit = next((f for f in left if _same(expected, f)), None)
            if hit is not None:
                left.remove(hit)
                matched += 1
        ok = matched == len(unit.events) and not left
        report.records += 1
        report.passed += ok
        report.expected += len(unit.events)
        report.found += len(found)
        report.matched += matched
        for tag in unit.tags:
            report.by_tag[tag][0] += ok
            report.by_tag[tag][1] += 1
        if not ok:
            report.failures.append(
                {
                    "id": unit.id,
                    "text": unit.text,
                    "expected": [_label(e) for e in unit.events],
                    "found": [_label(f) for f in found],
                }
            )
    return report
