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
