"""The command line: every command has help with a runnable example and is in the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroniek.cli import app

from .conftest import ROOT, SAMPLE

runner = CliRunner()


def _commands() -> list[str]:
    names = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        names += [
            f"{group.name} {c.name or c.callback.__name__}"
            for c in group.typer_instance.registered_commands
            if c.callback
        ]
    return sorted(names)


COMMANDS = _commands()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert re.search(rf"Example: kroniek {command}\b", result.output), result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"kroniek {command}" in readme


def test_run_show_documents_failures_duplicates_on_the_sample(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["run", str(SAMPLE), "--db", str(db), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert re.search(r"read \d+ · new \d+ · already stored 0 · duplicate 0 · near-duplicate 1", result.output)

    listed = runner.invoke(app, ["documents", "--db", str(db), "--format", "jsonl", "--limit", "100"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    ids = {r["id"] for r in rows}
    assert {"001_top_singapore", "nl-jsonl-001", "en-jsonl-002"} <= ids
    assert "nl-jsonl-003" not in ids  # the syndicated copy

    shown = runner.invoke(app, ["show", "006_trump_kim_2026", "--db", str(db)])
    assert shown.exit_code == 0
    assert "2026-02-26 (day)" in shown.output
    assert "removed (caption)" in shown.output

    dups = runner.invoke(app, ["duplicates", "--db", str(db), "--format", "jsonl"])
    near = [json.loads(line) for line in dups.output.splitlines()]
    assert [(d["doc_id"], d["kind"], d["duplicate_of"]) for d in near] == [
        ("nl-jsonl-003", "near", "nl-jsonl-001")
    ]

    fails = runner.invoke(app, ["failures", "--db", str(db), "--format", "jsonl"])
    assert fails.output.strip() == ""

    missing = runner.invoke(app, ["show", "no-such-doc", "--db", str(db)])
    assert missing.exit_code == 1


def test_bad_setting_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", str(SAMPLE), "--db", str(tmp_path / "s.duckdb"), "--set", "run.nope=1"]
    )
    assert result.exit_code == 2
    assert "unknown setting run.nope" in result.output
