"""The examples in the modules' docstrings run as tests, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kroniek

#: Modules with docstring examples (a module added with examples should be listed here too; the
#: last test checks that none is missed).
MODULES = [
    "kroniek.document",
    "kroniek.events.agreements",
    "kroniek.events.codes",
    "kroniek.kb.loader",
    "kroniek.nlp.ud",
    "kroniek.pipeline",
    "kroniek.readers",
    "kroniek.settings",
    "kroniek.strings",
    "kroniek.timex.tagger",
    "kroniek.yamlwords",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0, result


def test_every_module_with_examples_is_listed() -> None:
    finder = doctest.DocTestFinder()
    with_examples = set()
    for info in pkgutil.walk_packages(kroniek.__path__, "kroniek."):
        if info.name.startswith("kroniek.web") or info.name.startswith("kroniek.engines"):
            continue  # optional servers and engines: imported by their own tests
        module = importlib.import_module(info.name)
        if any(t.examples for t in finder.find(module)):
            with_examples.add(info.name)
    assert with_examples == set(MODULES)
