"""The codes a mention takes part in events with (``data/event_codes.yaml``, the codebook's rules).

>>> from kroniek.document import Mention
>>> from kroniek.kb import load_kb
>>> kb = load_kb()
>>> event_codes(Mention(0, 18, "Europese Commissie", "organisation", code="EC"), kb)
('EU',)
>>> event_codes(Mention(0, 3, "G7", "organisation", code="G7"), kb)
('CAN', 'DEU', 'FRA', 'GBR', 'ITA', 'JPN', 'USA')
>>> event_codes(Mention(0, 3, "BBC", "organisation", code="BBC", sector="MED"), kb)
()
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from .. import yamlwords
from ..document import Mention
from ..kb import KnowledgeBase


@dataclass(frozen=True)
class CodePolicy:
    own: frozenset[str]
    """Organisations coded as themselves (UN, EU, NATO, IAEA, ...)."""
    generic: dict[str, str]
    """Sector -> PLOVER's generic code (IGO, NGO, IMG, MNC)."""
    sources: frozenset[str]
    """Sectors of sources (media, universities), which take part in no event."""
    stateless: frozenset[str]
    """Sectors whose organisations take the generic code, not their country's (companies, armed groups)."""


@cache
def code_policy() -> CodePolicy:
    data = yamlwords.load(resources.files("kroniek").joinpath("data/event_codes.yaml").read_text("utf-8"))
    return CodePolicy(
        own=frozenset(str(c) for c in data["own"]),
        generic={str(k): str(v) for k, v in data["generic"].items()},
        sources=frozenset(str(s) for s in data["sources"]),
        stateless=frozenset(str(s) for s in data.get("stateless", ())),
    )


def event_codes(mention: Mention, kb: KnowledgeBase) -> tuple[str, ...]:
    """The codes ``mention`` takes part in events with: () for sources and unplaced people."""
    policy = code_policy()
    if mention.sector in policy.sources or not mention.code:
        return ()
    if kb.organisation(mention.code) is not None:
        # an organisation, or a person acting for one ("EU-onderhandelaar Barnier" as EU)
        return organisation_codes(mention.code, kb)
    return (mention.code,)


def organisation_codes(ident: str, kb: KnowledgeBase, depth: int = 0) -> tuple[str, ...]:
    """An organisation's codes: its members (a group), its country (a state body, a party), itself
    (one of the codebook's own codes), that of the body it belongs to, or its sector's generic code."""
    policy = code_policy()
    org = kb.organisation(ident)
    if org is None or depth > 5:
        return (ident,) if org is None else ()
    if org.sector in policy.sources:
        return ()
    if org.members:
        out: list[str] = []
        for member in org.members:
            out.extend(organisation_codes(member, kb, depth + 1) if kb.organisation(member) else (member,))
        return tuple(dict.fromkeys(out))
    if org.sector in policy.generic and org.sector in policy.stateless:
        return (policy.generic[org.sector],)  # a company, an armed group: whatever its country
    if org.country:
        return (org.country,)
    if org.id in policy.own:
        return (org.id,)
    if org.parent:
        return organisation_codes(org.parent, kb, depth + 1)
    return (policy.generic.get(org.sector, org.id),)
