"""YAML for word lists: only ``true`` and ``false`` are booleans.

PyYAML follows YAML 1.1, where ``on``, ``off``, ``yes`` and ``no`` are booleans too, so the English
list ``recipient: [with, to, on]`` read ``on`` as ``True`` and the negation marker ``no`` as
``False``. The language packs and unit records are read with ``load`` below, which keeps them words
(as YAML 1.2 does).

>>> load("recipient: [with, on]\\nnegation: [not, no]\\nflag: true")
{'recipient': ['with', 'on'], 'negation': ['not', 'no'], 'flag': True}
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser, where libyaml is there
_BOOL = "tag:yaml.org,2002:bool"


class WordLoader(_BASE):  # type: ignore[misc]
    """A safe loader whose booleans are ``true``/``false`` only."""


WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
WordLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load(text: str) -> Any:
    """The data of YAML ``text``, with ``on``/``off``/``yes``/``no`` kept as strings."""
    return yaml.load(text, Loader=WordLoader)
