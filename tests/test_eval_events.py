"""The actor part of `kroniek eval events`: gold reading and scoring on records written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.document import Document, Mention, Metadata
from kroniek.evaluate.events import load_gold, score_actors, score_events
from kroniek.settings import load_settings

from .conftest import ROOT, need_frog, shared_path


def _doc(doc_id: str, names: list[tuple[str, str]]) -> Document:
    doc = Document(id=doc_id, raw="", meta=Metadata(source=doc_id, format="text"))
    doc.mentions = [Mention(0, 1, n, kind, n) for n, kind in names]
    return doc


def test_actor_scores_count_alternatives_and_leave_countries_out(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "doc": "a",
                "published": "2023-01",
                "actors": ["Vladimir Putin", "CNN|Cable News Network"],
                "events": [],
            }
        )
        + "\n"
        + json.dumps({"doc": "b", "published": None, "actors": ["Joe Biden"], "events": []})
        + "\n",
        "utf-8",
    )
    articles = load_gold(gold)
    docs = {
        "a": _doc(
            "a", [("Vladimir Putin", "person"), ("Cable News Network", "organisation"), ("Russia", "country")]
        ),
        "b": _doc("b", [("Jan Jansen", "person")]),
    }
    score = score_actors(articles, docs)
    assert score.as_dict()["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert score.as_dict()["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert score.per_article[1]["missed"] == ["Joe Biden"] and score.per_article[1]["extra"] == ["Jan Jansen"]


def test_a_bad_gold_line_names_the_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a"}\nnot json\n', "utf-8")
    with pytest.raises(ValueError, match=r"gold\.jsonl:2"):
        load_gold(gold)


@pytest.mark.slow
@pytest.mark.parametrize("backend_name", ["fast", "accurate"])
def test_seed_actors_and_events_meet_the_floors(backend_name: str) -> None:
    from kroniek.evaluate.events import analyse_docs

    if backend_name == "accurate":
        need_frog()
    settings = load_settings(overrides=[f"analyse.backend={backend_name}"])
    docs, failed = analyse_docs([str(shared_path("seeds"))], settings)
    assert failed == []
    gold = load_gold(shared_path("gold", "seeds.jsonl"))
    score = score_actors(gold, docs).as_dict()
    all_floors = json.loads((ROOT / "quality" / "floors.json").read_text("utf-8"))
    floors = all_floors["actors_seeds"]
    assert score["precision"] >= floors["precision"] and score["recall"] >= floors["recall"], score
    events = score_events(gold, docs)["events"]
    event_floors = all_floors[f"events_seeds_{backend_name}"]
    for level in ("interaction", "quad", "type"):
        assert events[level]["f1"] >= event_floors[f"{level}_f1"], (level, events[level])
    assert events["date_accuracy"] >= event_floors["date_accuracy"], events
    assert events["aux_accuracy"] >= event_floors["aux_accuracy"], events


def test_loss_accounting_names_the_first_place_each_gold_event_went_wrong() -> None:
    """Three gold events of one article: one found, one whose sentence has no predicate, one
    coded with the wrong recipient; and a prediction with no gold event in its sentence."""
    import kroniek
    from kroniek.evaluate.events import GoldArticle, losses

    text = (
        "date 2019-05-14\n"
        "Rusland viel Oekraïne aan. Frankrijk denkt aan Duitsland. "
        "Polen veroordeelde de aanval op Litouwen. Spanje bezocht Portugal."
    )
    doc = kroniek.process(text)
    gold = [
        GoldArticle(
            doc=doc.id,
            published="2019-05-14",
            actors=(),
            events=(
                {
                    "type": "ASSAULT",
                    "actor": ["RUS"],
                    "recipient": ["UKR"],
                    "date": "2019-05",
                    "quote": "Rusland viel Oekraïne aan",
                },
                {
                    "type": "ACCUSE",
                    "actor": ["FRA"],
                    "recipient": ["DEU"],
                    "date": "2019-05",
                    "quote": "Frankrijk denkt aan Duitsland",
                },
                {
                    "type": "ACCUSE",
                    "actor": ["POL"],
                    "recipient": ["RUS"],
                    "date": "2019-05",
                    "quote": "Polen veroordeelde de aanval op Litouwen",
                },
            ),
        )
    ]
    result = losses(gold, {doc.id: doc}, load_settings())
    missed = {item["event"]: item["category"] for item in result["missed_items"]}
    assert "ASSAULT RUS->UKR 2019-05" not in missed
    assert missed["ACCUSE FRA->DEU 2019-05"].startswith("no_predicate")
    assert missed["ACCUSE POL->RUS 2019-05"] == "recipient_wrong"
    extra = {item["event"]: item["category"] for item in result["extra_items"]}
    assert extra.get("CONSULT ESP->PRT 2019-05") == "no_gold_event"
    assert sum(row["count"] for row in result["missed"]) == len(result["missed_items"])


def test_the_judge_models_learn_what_separates_their_examples() -> None:
    """The learned judge's two linear models (events/learned.py) on examples a rule separates."""
    from kroniek.events.learned import Model, fit_logistic, fit_softmax

    rows = [{"bias": 1.0, "rule": 1.0, "lem:x": 1.0}] * 20 + [{"bias": 1.0, "lem:x": 1.0}] * 20
    labels = [1] * 20 + [0] * 20
    weights = fit_logistic(rows, labels, l2=1.0)
    types = fit_softmax(
        [{"bias": 1.0, "ptype:ACCUSE": 1.0}] * 10 + [{"bias": 1.0, "ptype:AID": 1.0}] * 10,
        ["ACCUSE"] * 10 + ["AID"] * 10,
        l2=1.0,
    )
    model = Model(weights, types, frozenset({"x"}), keep=0.0, add=0.5)
    assert model.probability(rows[0]) > 0.8 > 0.2 > model.probability(rows[-1])
    assert model.type_of({"bias": 1.0, "ptype:AID": 1.0}) == "AID"
    assert Model.from_json(model.to_json()) == model


def test_the_shipped_judge_loads() -> None:
    from kroniek.events.learned import model_for

    model = model_for("nl", "packaged")
    assert model is not None and model.event and model.type_weights and 0.0 < model.add < 1.0
    assert model_for("en", "packaged") is None  # no judge for English: the rules alone


@pytest.mark.slow
def test_news_dev_scores_meet_the_floors() -> None:
    """The coder as it ships (the rules; the judge is off) on the 50 news_dev articles."""
    from kroniek.evaluate.events import analyse_docs

    settings = load_settings()
    assert settings["events"]["learned"] is False  # a judge trained on news_dev would need cross-validation
    dev, failed = analyse_docs([str(shared_path("gold", "news_dev_docs.jsonl"))], settings)
    assert failed == []
    events = score_events(load_gold(shared_path("gold", "news_dev.jsonl")), dev)["events"]
    floors = json.loads((ROOT / "quality" / "floors.json").read_text("utf-8"))["events_news_dev_fast"]
    for level in ("interaction", "quad", "type"):
        assert events[level]["f1"] >= floors[f"{level}_f1"], (level, events[level])
    assert events["date_accuracy"] >= floors["date_accuracy"], events


@pytest.mark.slow
def test_the_judge_cross_validates_on_news_dev() -> None:
    """The learned judge trained per fold by article scores about what the rules score."""
    from kroniek.evaluate.crossval import cross_validate, examples
    from kroniek.evaluate.events import analyse_docs

    settings = load_settings()
    dev, _ = analyse_docs([str(shared_path("gold", "news_dev_docs.jsonl"))], settings)
    seeds, _ = analyse_docs([str(shared_path("seeds"))], settings)
    extra = examples(load_gold(shared_path("gold", "seeds.jsonl")), seeds, settings)
    gold = load_gold(shared_path("gold", "news_dev.jsonl"))
    result, coded = cross_validate(gold, dev, extra, settings)
    rules = score_events(gold, dev)["events"]["interaction"]["f1"]
    assert set(coded) == {a.doc for a in gold}
    assert result["events"]["interaction"]["f1"] >= rules - 0.03, (result["events"]["interaction"], rules)
