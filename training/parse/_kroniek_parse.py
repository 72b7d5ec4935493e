"""Load kroniek.evaluate.parse (and kroniek.nlp.ud) by their file paths, so that the training venv needs no kroniek install
(importing the ``kroniek`` package would pull in its runtime dependencies, e.g. duckdb)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SRC = Path(__file__).resolve().parents[2] / "src" / "kroniek"


def load() -> ModuleType:
    return _load("kroniek_evaluate_parse", SRC / "evaluate" / "parse.py")


def load_ud() -> ModuleType:
    return _load("kroniek_nlp_ud", SRC / "nlp" / "ud.py")


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
