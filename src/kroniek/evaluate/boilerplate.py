"""Boilerplate removal scored on annotated pages ("must contain" / "must not contain" snippets).

The page set is trafilatura's evaluation format: a JSON object ``{url: {"file", "with",
"without"}}`` beside the HTML files. A snippet counts as found when it occurs in the text with
whitespace collapsed. Two rows are scored: trafilatura's text alone, and kroniek's clean text
(trafilatura, then kroniek's cleaning), so that the cleaning can be seen not to cost recall.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..clean import clean
from ..document import Metadata
from ..errors import KroniekError
from ..readers.decode import decode
from ..readers.html import html_document
from ..settings import Settings

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class Counts:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    failed: list[str] = field(default_factory=list)

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "accuracy": round(accuracy, 4),
            "pages_failed": len(self.failed),
        }


def _count(counts: Counts, text: str | None, page: dict[str, Any]) -> None:
    found = _norm(text or "")
    for snippet in page.get("with", []):
        if _norm(snippet) in found:
            counts.tp += 1
        else:
            counts.fn += 1
    for snippet in page.get("without", []):
        if _norm(snippet) in found:
            counts.fp += 1
        else:
            counts.tn += 1


def evaluate_pages(annotations: Path, settings: Settings) -> dict[str, Any]:
    """Score trafilatura alone and kroniek's cleaning on every annotated page present."""
    pages: dict[str, dict[str, Any]] = json.loads(annotations.read_text("utf-8"))
    folder = annotations.parent
    rows: dict[str, Counts] = {"trafilatura": Counts(), "kroniek": Counts()}
    scored = 0
    for url, page in sorted(pages.items()):
        path = folder / page["file"]
        if not path.is_file():
            continue
        scored += 1
        texts: dict[str, str | None] = {"trafilatura": None, "kroniek": None}
        try:
            html, _ = decode(path.read_bytes(), settings["read"]["max_control_ratio"])
            doc = html_document(html, path.stem, Metadata(source=str(path), url=url))
            texts["trafilatura"] = doc.raw
            texts["kroniek"] = clean(doc, settings).clean
        except KroniekError:
            pass  # a page with no text left scores as finding nothing
        for name, counts in rows.items():
            if texts[name] is None:
                counts.failed.append(page["file"])
            _count(counts, texts[name], page)
    return {
        "boilerplate": rows["kroniek"].scores() | {"pages": scored},
        "trafilatura_alone": rows["trafilatura"].scores() | {"pages": scored},
    }
