from __future__ import annotations

from pathlib import Path

import pytest

from kroniek.settings import SettingsError, load_settings


def test_defaults_load_with_every_section() -> None:
    s = load_settings()
    assert {"read", "clean", "language", "dedup", "run"} <= set(s)
    assert s["dedup"]["near_threshold"] == 0.8


def test_overrides_are_typed() -> None:
    s = load_settings(overrides=["dedup.near_threshold=0.9", "run.batch_size=10", 'clean.languages=["nl"]'])
    assert s["dedup"]["near_threshold"] == 0.9
    assert s["run"]["batch_size"] == 10
    assert s["clean"]["languages"] == ["nl"]


def test_file_overrides(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text("[run]\nbatch_size = 7\n")
    assert load_settings(path)["run"]["batch_size"] == 7


@pytest.mark.parametrize(
    "override",
    ["dedup.nope=1", "nope.key=1", "run.batch_size=many", "run.batch_size", "dedup.near_threshold=true"],
)
def test_bad_overrides_are_refused(override: str) -> None:
    with pytest.raises(SettingsError):
        load_settings(overrides=[override])
