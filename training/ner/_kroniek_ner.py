"""Load kroniek.evaluate.ner by its file path, so that the training venv needs no kroniek install
(importing the ``kroniek`` package would pull in its runtime dependencies, e.g. duckdb)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

NER_PY = Path(__file__).resolve().parents[2] / "src" / "kroniek" / "evaluate" / "ner.py"


def load() -> ModuleType:
    name = "kroniek_evaluate_ner"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, NER_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
