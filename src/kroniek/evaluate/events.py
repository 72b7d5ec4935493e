"""Score kroniek against hand-coded articles (``shared/gold/README.md``).

- **Events**: each article's event tuples (type, actor set, recipient set, date), duplicates counted
  once, matched one-to-one (maximum matching) to the gold tuples at three levels: interaction (actors
  and dates compatible, any type), quad class, and type. Actor and recipient may be swapped for the
  symmetric types CONSULT, AGREE and COOPERATE. Date accuracy over matched events is exact: the
  predicted period is the gold period. Aux accuracy compares future / hypothetical / negation / none.
- **Actors**: the people and organisations recognised in each article against the gold ``actors``
  lists, by canonical name ("A|B" accepts either). Countries are not counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import Failure, Skip
from ..events.lexicon import SYMMETRIC, load_plover
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


# --- events -------------------------------------------------------------------------------------

#: PLOVER quad class of each type, from the ontology file the coder uses.
QUADS = load_plover().quad
LEVELS = ("interaction", "quad", "type")


@dataclass(frozen=True)
class Tuple:
    """The scoring unit: (type, actor set, recipient set, date), with what is reported about it."""

    type: str
    actor: frozenset[str]
    recipient: frozenset[str]
    date: str | None
    aux: str | None = None
    text: str = ""

    @property
    def key(self) -> tuple[str, frozenset[str], frozenset[str], str | None]:
        return (self.type, self.actor, self.recipient, self.date)

    def label(self) -> str:
        actor = "+".join(sorted(self.actor)) or "-"
        recipient = "+".join(sorted(self.recipient)) or "-"
        aux = f" [{self.aux}]" if self.aux else ""
        return f"{self.type} {actor}->{recipient} {self.date or 'no date'}{aux}"


def _unique(tuples: Iterable[Tuple]) -> list[Tuple]:
    """Duplicate tuples inside one article count once (the first keeps its aux and text)."""
    seen: dict[Any, Tuple] = {}
    for t in tuples:
        seen.setdefault(t.key, t)
    return list(seen.values())


def gold_tuples(article: GoldArticle) -> list[Tuple]:
    return _unique(
        Tuple(
            str(e["type"]),
            frozenset(e.get("actor") or ()),
            frozenset(e.get("recipient") or ()),
            e.get("date"),
            e.get("aux"),
            " ".join(str(e.get("quote", "")).split()),
        )
        for e in article.events
    )


def predicted_tuples(doc: Document) -> list[Tuple]:
    out = []
    for e in doc.events:
        start, end = e.evidence[0] if e.evidence else (0, 0)
        text = " ".join(doc.clean[start:end].split())
        out.append(Tuple(e.type, frozenset(e.actor), frozenset(e.recipient), e.date, e.aux, text))
    return _unique(out)


def _date_inside(predicted: str | None, gold: str | None) -> bool:
    """A gold null date is not scored; otherwise the predicted period lies inside the gold one."""
    from ..timex import interval

    if gold is None:
        return True
    p, g = interval(predicted) if predicted else None, interval(gold)
    if p is None or g is None:
        return False
    return g[0] <= p[0] and p[1] <= g[1]


def _same_date(predicted: str | None, gold: str | None) -> bool:
    """Exact gold granularity: the predicted period is the gold period ("2023-07" for "2023-07")."""
    from ..timex import interval

    return predicted is not None and gold is not None and interval(predicted) == interval(gold)


def compatible(p: Tuple, g: Tuple, level: str) -> bool:
    if level == "type" and p.type != g.type:
        return False
    if level == "quad" and QUADS.get(p.type) != QUADS.get(g.type):
        return False

    def meets(a: frozenset[str], b: frozenset[str]) -> bool:
        return bool(a & b) or (not a and not b)

    roles = meets(p.actor, g.actor) and meets(p.recipient, g.recipient)
    if not roles and (g.type in SYMMETRIC or p.type in SYMMETRIC):
        roles = meets(p.actor, g.recipient) and meets(p.recipient, g.actor)
    return roles and _date_inside(p.date, g.date)


def match(predicted: list[Tuple], gold: list[Tuple], level: str) -> list[tuple[int, int]]:
    """A maximum one-to-one matching (augmenting paths) of predicted to gold tuples."""
    # among the compatible gold tuples, those of the same type and quad class are tried first, so
    # that date and aux accuracy compare an event with its own gold counterpart
    edges = [
        sorted(
            (j for j, g in enumerate(gold) if compatible(p, g, level)),
            key=lambda j: (gold[j].type != p.type, QUADS.get(gold[j].type) != QUADS.get(p.type)),
        )
        for p in predicted
    ]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(predicted)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float | int]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "matched": correct,
        "predicted": predicted,
        "gold": gold,
    }


def score_events(gold: list[GoldArticle], docs: dict[str, Document]) -> dict[str, Any]:
    """Interaction, quad and type P/R/F1, date and aux accuracy over matched events, and per article
    the gold tuples not found and the predictions not matched (at type level)."""
    counts = {level: [0, 0, 0] for level in LEVELS}
    dated = dates_right = aux_right = matched_total = 0
    per_article = []
    for article in gold:
        doc = docs.get(article.doc)
        g = gold_tuples(article)
        p = predicted_tuples(doc) if doc else []
        pairs: dict[str, list[tuple[int, int]]] = {level: match(p, g, level) for level in LEVELS}
        for level in LEVELS:
            counts[level][0] += len(pairs[level])
            counts[level][1] += len(p)
            counts[level][2] += len(g)
        for i, j in pairs["interaction"]:
            matched_total += 1
            aux_right += p[i].aux == g[j].aux
            if g[j].date is not None:
                dated += 1
                dates_right += _same_date(p[i].date, g[j].date)
        typed = pairs["type"]
        per_article.append(
            {
                "doc": article.doc,
                "analysed": doc is not None,
                "gold": len(g),
                "predicted": len(p),
                "matched": {level: len(pairs[level]) for level in LEVELS},
                "missed": [
                    {"event": g[j].label(), "quote": g[j].text}
                    for j in range(len(g))
                    if j not in {b for _, b in typed}
                ],
                "extra": [
                    {"event": p[i].label(), "evidence": p[i].text}
                    for i in range(len(p))
                    if i not in {a for a, _ in typed}
                ],
            }
        )
    result: dict[str, Any] = {level: _prf(*counts[level]) for level in LEVELS}
    result["date_accuracy"] = round(dates_right / dated, 4) if dated else 0.0
    result["aux_accuracy"] = round(aux_right / matched_total, 4) if matched_total else 0.0
    result["dated_matches"] = dated
    return {"events": result, "per_article": per_article}


def losses(gold: list[GoldArticle], docs: dict[str, Document], settings: Settings) -> dict[str, Any]:
    """The loss accounting (``evaluate.losses``): the coder is traced again on each document."""
    from ..actors.gazetteer import gazetteer
    from ..events.stage import trace_events
    from .losses import account_losses

    rules = {**settings, "events": {**settings["events"], "learned": False}}
    traces = {doc_id: trace_events(doc, rules) for doc_id, doc in docs.items()}
    kb = gazetteer("nl", tuple(settings["actors"]["kb_files"])).kb
    return account_losses(gold, docs, traces, kb)
