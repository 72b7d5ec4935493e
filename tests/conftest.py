"""Shared fixtures. Tests that need ../shared skip (with the reason shown) only outside CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kroniek.pipeline import RunSummary, run
from kroniek.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "examples" / "sample"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skip where it is absent, fail in CI (CI=true) where it must exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{path} is missing, and CI must have ../shared")
        pytest.skip(f"{path} is absent (../shared is not beside this checkout)")
    return path


@pytest.fixture
def settings() -> Settings:
    return load_settings()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need_frog() -> None:
    """Skip without Frog outside CI; in CI `make install` installs it, so its absence fails."""
    from kroniek.nlp.frog_backend import available

    if not available():
        if in_ci():
            pytest.fail("Frog (python-frog) is missing, and CI installs it")
        pytest.skip("Frog is not installed (make install installs it)")


def need_ray() -> None:
    """Skip without Ray outside CI; in CI `make install` installs it (kroniek[ray]), so its absence fails."""
    try:
        import ray  # noqa: F401
    except ImportError:
        if in_ci():
            pytest.fail("Ray (kroniek[ray]) is missing, and CI installs it")
        pytest.skip("Ray is not installed (make install installs it)")


@pytest.fixture(scope="session")
def corpora_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, RunSummary]:
    """One local run (2 worker processes) over the seeds and both corpora, shared by the tests that
    need it (it takes a minute or two): the inputs, the database and the run summary.

    Tests may run the same inputs into it again (that adds a row to ``runs`` and nothing else).
    """
    inputs = [
        str(shared_path("seeds")),
        str(shared_path("corpora", "nos_2019.jsonl")),
        str(shared_path("corpora", "dpg_2019.jsonl")),
    ]
    db = tmp_path_factory.mktemp("corpora") / "local.duckdb"
    return inputs, db, run(inputs, db, load_settings(), workers=2)
