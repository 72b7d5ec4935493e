"""Shared fixtures. Tests that need ../shared skip (with the reason shown) only outside CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
