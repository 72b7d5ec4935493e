"""Score kroniek against hand-coded articles (``shared/gold/README.md``).

Today the actor part: the people and organisations recognised in each article against the gold
``actors`` lists, by canonical name ("A|B" accepts either). Countries are not counted. The event
part (interaction, quad, type, date and aux accuracy) comes with the events stage.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import Failure, Skip
from ..pipeline import process_item
from ..readers import iter_items
from ..settings import Settings


@dataclass(frozen=True)
class GoldArticle:
    doc: str
    published: str | None
    actors: tuple[tuple[str, ...], ...]
    """Each gold actor as its accepted names ("CNN|Cable News Network")."""
    events: tuple[dict[str, Any], ...]


def load_gold(path: Path) -> list[GoldArticle]:
    articles = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            articles.append(
                GoldArticle(
                    doc=str(row["doc"]),
                    published=row.get("published"),
                    actors=tuple(tuple(a.split("|")) for a in row.get("actors", [])),
                    events=tuple(row.get("events", [])),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: not a gold record ({exc})") from exc
    return articles


def analyse_docs(paths: Iterable[str], settings: Settings) -> tuple[dict[str, Document], list[Failure]]:
    """Run every stage on the articles under ``paths`` (seed-format files, or JSONL with doc,
    published and text), keyed by document id."""
    docs: dict[str, Document] = {}
    failures: list[Failure] = []
    for item in iter_items(list(paths), settings["read"]):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        if isinstance(item, Skip):
            continue
        result = process_item(item, settings)
        if isinstance(result, Failure):
            failures.append(result)
        else:
            docs[result.id] = result
    return docs, failures


def recognised_actors(doc: Document) -> set[str]:
    """Canonical names of the people and organisations the document mentions."""
    return {m.name for m in doc.mentions if m.kind in ("person", "organisation") and m.name}


@dataclass
class ActorScore:
    gold: int = 0
    predicted: int = 0
    correct_gold: int = 0
    correct_predicted: int = 0
    per_article: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        p = self.correct_predicted / self.predicted if self.predicted else 0.0
        r = self.correct_gold / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "gold": self.gold,
            "predicted": self.predicted,
        }


def score_actors(gold: list[GoldArticle], docs: dict[str, Document]) -> ActorScore:
    score = ActorScore()
    for article in gold:
        doc = docs.get(article.doc)
        predicted = recognised_actors(doc) if doc else set()
        accepted = [{name.casefold() for name in names} for names in article.actors]
        found = [names for names in accepted if any(p.casefold() in names for p in predicted)]
        extra = sorted(p for p in predicted if not any(p.casefold() in names for names in accepted))
        missed = [
            "|".join(names) for names, acc in zip(article.actors, accepted, strict=True) if acc not in found
        ]
        score.gold += len(accepted)
        score.correct_gold += len(found)
        score.predicted += len(predicted)
        score.correct_predicted += len(predicted) - len(extra)
        score.per_article.append(
            {
                "doc": article.doc,
                "found": len(found),
                "gold": len(accepted),
                "missed": missed,
                "extra": extra,
                "analysed": doc is not None,
            }
        )
    return score
