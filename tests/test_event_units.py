"""The unit records (tests/units, invented sentences with their expected coding) against the
pinned pass rates, and the runner itself on records written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.evaluate.units import load_units, run_units
from kroniek.settings import load_settings

from .conftest import ROOT

FLOORS = json.loads((ROOT / "quality" / "floors.json").read_text("utf-8"))


def test_a_record_passes_only_with_exactly_its_events(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text(
        """
- id: pass
  text: "Rusland viel Oekraïne aan."
  published: "2022-02-24"
  events: [{type: ASSAULT, actor: [RUS], recipient: [UKR], date: "2022-02"}]
- id: wrong-recipient
  text: "Rusland viel Oekraïne aan."
  published: "2022-02-24"
  events: [{type: ASSAULT, actor: [RUS], recipient: [POL]}]
- id: nothing-expected
  text: "Rusland viel Oekraïne aan."
  published: "2022-02-24"
  tags: [x]
  events: []
""",
        "utf-8",
    )
    report = run_units(load_units(path), load_settings()).as_dict()
    assert report["records"] == 3 and report["passed"] == 1
    assert [f["id"] for f in report["failures"]] == ["wrong-recipient", "nothing-expected"]
    assert report["failures"][1]["found"] == ["ASSAULT RUS->UKR 2022-02"]
    assert report["by_tag"]["x"] == {"records": 1, "passed": 0, "pass_rate": 0.0}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["nl", "en"])
def test_unit_records_meet_the_pinned_pass_rate(language: str) -> None:
    units = load_units(ROOT / "tests" / "units" / f"{language}_events.yaml")
    assert len(units) >= (300 if language == "nl" else 40)
    report = run_units(units, load_settings()).as_dict()
    floor = FLOORS[f"event_units_{language}"]["pass_rate"]
    assert report["pass_rate"] >= floor, (report["pass_rate"], floor)
