"""The actor knowledge base: countries, organisations, people with dated roles, role words.

Data in ``kroniek/kb/data/*.yaml`` (format: ``docs/kb.md``); ``load_kb()`` reads it, with user files
on top; ``import_phoenix()`` reads PETRARCH/Phoenix actor dictionaries into the same objects.
"""

from __future__ import annotations

from .loader import (
    Country,
    Entry,
    KBError,
    KnowledgeBase,
    Metonym,
    Organisation,
    Person,
    Role,
    RoleDef,
    RoleWord,
    load_kb,
    parse_kb_date,
)
from .phoenix import as_kb_data, import_phoenix, parse_phoenix_code

__all__ = [
    "Country",
    "Entry",
    "KBError",
    "KnowledgeBase",
    "Metonym",
    "Organisation",
    "Person",
    "Role",
    "RoleDef",
    "RoleWord",
    "as_kb_data",
    "import_phoenix",
    "load_kb",
    "parse_kb_date",
    "parse_phoenix_code",
]
