"""Quality gates: scores against gold data must not drop below the floors in quality/floors.json."""

from __future__ import annotations

import json

import pytest

from kroniek.evaluate.boilerplate import evaluate_pages
from kroniek.settings import load_settings

from .conftest import ROOT, shared_path

FLOORS = json.loads((ROOT / "quality" / "floors.json").read_text("utf-8"))


@pytest.mark.slow
def test_boilerplate_removal_on_annotated_pages_meets_floors() -> None:
    pages = shared_path("data", "html", "trafilatura_en", "evaldata_en_subset.json")
    scores = evaluate_pages(pages, load_settings())
    ours = scores["boilerplate"]
    assert ours["pages_failed"] == 0
    for metric, floor in FLOORS["boilerplate"].items():
        assert ours[metric] >= floor, f"boilerplate {metric} {ours[metric]} < floor {floor}"
    # The cleaning must not make trafilatura's own extraction worse.
    assert ours["f1"] >= scores["trafilatura_alone"]["f1"] - 0.005


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_time_expressions_on_recognizers_specs_meet_floors(language: str) -> None:
    from kroniek.evaluate.timex import evaluate, kroniek_tagger, load_cases

    cases = load_cases(shared_path("data", "timex", language))
    scores = evaluate(cases, kroniek_tagger(language)).as_dict()
    if language == "nl":  # the protocol's case count (shared/gold/TIMEX.md)
        assert scores["cases"] == 1308 and scores["gold_spans"] == 1095
    for metric, floor in FLOORS[f"timex_{language}"].items():
        assert scores[metric] >= floor, f"timex {language} {metric} {scores[metric]} < floor {floor}"


@pytest.mark.slow
def test_fast_backend_ner_on_conll2002_testb_meets_floor() -> None:
    from kroniek.evaluate.ner import read_conll, score_entities
    from kroniek.evaluate.ner_backends import predict

    sentences = read_conll(shared_path("data", "conll2002", "ned.testb"))
    predicted, _ = predict("fast", sentences)
    scores = score_entities([list(s.spans) for s in sentences], predicted)
    floor = FLOORS["ner_conll2002_testb_fast"]["f1"]
    assert scores["f1"] >= floor, f"NER F1 {scores['f1']} < floor {floor}"


@pytest.mark.slow
def test_fast_backend_parse_on_alpino_test_meets_floors() -> None:
    from kroniek.evaluate.parse import read_conllu, score
    from kroniek.evaluate.parse_backends import predict

    sentences = read_conllu(shared_path("data", "ud_dutch", "UD_Dutch-Alpino", "nl_alpino-ud-test.conllu"))
    predicted, _ = predict("fast", sentences)
    scores = score(sentences, predicted)
    assert scores["words"] == 11046 and scores["sentences"] == 596
    for metric, floor in FLOORS["parse_alpino_test_fast"].items():
        assert scores[metric] >= floor, f"parse {metric} {scores[metric]} < floor {floor}"  # type: ignore[literal-required]
    # The model's own lemmas for every word (the backend keeps simplemma's for non-verbs).
    model_lemmas = score(sentences, predict("fast", sentences, model_lemmas=True)[0])["lemma"]
    floor = FLOORS["parse_alpino_test_fast_model_lemmas"]["lemma"]
    assert model_lemmas >= floor, f"model lemmas {model_lemmas} < floor {floor}"


@pytest.mark.slow
def test_accurate_backend_parse_on_alpino_test_meets_floors() -> None:
    """Frog, words given, relations converted to UD: about 40 s of the suite."""
    from kroniek.evaluate.parse import read_conllu, score
    from kroniek.evaluate.parse_backends import predict

    from .conftest import need_frog

    need_frog()
    sentences = read_conllu(shared_path("data", "ud_dutch", "UD_Dutch-Alpino", "nl_alpino-ud-test.conllu"))
    predicted, _ = predict("accurate", sentences)
    scores = score(sentences, predicted)
    for metric, floor in FLOORS["parse_alpino_test_accurate"].items():
        assert scores[metric] >= floor, f"Frog parse {metric} {scores[metric]} < floor {floor}"  # type: ignore[literal-required]
