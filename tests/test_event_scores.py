"""The event scorer of `kroniek eval events` (shared/gold/README.md), on records written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.document import Document, Event, Metadata
from kroniek.evaluate.events import Tuple as T
from kroniek.evaluate.events import compatible, load_gold, match, score_events


def _gold(tmp_path: Path, events: list[dict[str, object]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"doc": "a", "published": "2023-09", "actors": [], "events": events}) + "\n")
    return path


def _doc(events: list[Event]) -> Document:
    doc = Document(id="a", raw="", meta=Metadata(source="a"), clean="Kim ontmoette Poetin in Rusland.")
    doc.events = events
    return doc


def _event(
    type_: str, actor: list[str], recipient: list[str], date: str | None, aux: str | None = None
) -> Event:
    return Event(type_, actor, recipient, [(0, 10)], date=date, aux=aux)


def g(
    type_: str, actor: list[str], recipient: list[str], date: str | None, **extra: object
) -> dict[str, object]:
    return {"type": type_, "actor": actor, "recipient": recipient, "date": date, "quote": "x", **extra}


def test_a_day_inside_a_gold_month_matches_but_a_year_does_not() -> None:
    gold = T("CONSULT", frozenset({"PRK"}), frozenset({"RUS"}), "2023-09")
    assert compatible(T("CONSULT", frozenset({"PRK"}), frozenset({"RUS"}), "2023-09-13"), gold, "type")
    assert not compatible(T("CONSULT", frozenset({"PRK"}), frozenset({"RUS"}), "2023"), gold, "type")
    assert not compatible(T("CONSULT", frozenset({"PRK"}), frozenset({"RUS"}), None), gold, "type")
    undated = T("CONSULT", frozenset({"PRK"}), frozenset({"RUS"}), None)
    assert compatible(T("CONSULT", frozenset({"PRK"}), frozenset({"RUS"}), "1999"), undated, "type")


def test_symmetric_types_may_swap_actor_and_recipient_others_may_not() -> None:
    swapped = T("CONSULT", frozenset({"RUS"}), frozenset({"PRK"}), None)
    assert compatible(swapped, T("CONSULT", frozenset({"PRK"}), frozenset({"RUS"}), None), "type")
    accuse = T("ACCUSE", frozenset({"RUS"}), frozenset({"PRK"}), None)
    assert not compatible(accuse, T("ACCUSE", frozenset({"PRK"}), frozenset({"RUS"}), None), "type")


def test_levels_interaction_quad_type() -> None:
    gold = T("REJECT", frozenset({"PRK"}), frozenset({"USA"}), None)
    accuse = T("ACCUSE", frozenset({"PRK"}), frozenset({"USA"}), None)
    assault = T("ASSAULT", frozenset({"PRK"}), frozenset({"USA"}), None)
    assert compatible(accuse, gold, "quad") and not compatible(accuse, gold, "type")
    assert compatible(assault, gold, "interaction") and not compatible(assault, gold, "quad")
    empty = T("MOBILIZE", frozenset({"PRK"}), frozenset(), None)
    assert compatible(empty, T("MOBILIZE", frozenset({"PRK"}), frozenset(), None), "type")
    assert not compatible(empty, T("MOBILIZE", frozenset({"PRK"}), frozenset({"KOR"}), None), "type")


def test_matching_is_one_to_one_and_maximal() -> None:
    # the first prediction fits both gold events; a greedy pass could take the wrong one
    wide = T("CONSULT", frozenset({"PRK"}), frozenset({"USA"}), "2019-02-28")
    narrow = T("CONSULT", frozenset({"PRK"}), frozenset({"USA"}), "2019-06-30")
    gold = [
        T("CONSULT", frozenset({"PRK"}), frozenset({"USA"}), "2019"),
        T("CONSULT", frozenset({"PRK"}), frozenset({"USA"}), "2019-02"),
    ]
    assert len(match([narrow, wide], gold, "type")) == 2
    assert len(match([wide, wide], gold[:1], "type")) == 1


def test_scores_dates_aux_duplicates_and_misses(tmp_path: Path) -> None:
    articles = load_gold(
        _gold(
            tmp_path,
            [
                g("CONSULT", ["PRK"], ["RUS"], "2023-09", aux="future"),
                g("CONSULT", ["PRK"], ["RUS"], "2023-09"),  # the same tuple again: counts once
                g("MOBILIZE", ["PRK"], [], "2023-07"),
                g("ACCUSE", ["USA"], ["PRK"], None),
            ],
        )
    )
    doc = _doc(
        [
            _event("CONSULT", ["RUS"], ["PRK"], "2023-09", "future"),
            _event("MOBILIZE", ["PRK"], [], "2023-07-16/2023-07-31"),
            _event("ASSAULT", ["PRK"], ["JPN"], "2023-09"),
        ]
    )
    result = score_events(articles, {"a": doc})
    events = result["events"]
    assert events["type"]["gold"] == 3 and events["type"]["predicted"] == 3
    assert events["type"]["matched"] == 2 and events["type"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert events["date_accuracy"] == 0.5  # late July is inside July, but not July
    assert events["aux_accuracy"] == 1.0
    row = result["per_article"][0]
    assert [m["event"] for m in row["missed"]] == ["ACCUSE USA->PRK no date"]
    assert [m["event"] for m in row["extra"]] == ["ASSAULT PRK->JPN 2023-09"]


def test_an_article_that_was_not_analysed_counts_its_gold_as_missed(tmp_path: Path) -> None:
    articles = load_gold(_gold(tmp_path, [g("AID", ["PRK"], ["RUS"], None)]))
    result = score_events(articles, {})
    assert result["events"]["interaction"]["recall"] == 0.0
    assert result["per_article"][0]["analysed"] is False
