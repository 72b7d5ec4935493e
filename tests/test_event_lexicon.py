"""The event lexicon data: PLOVER ontology (data/plover.yaml) and the Dutch and English
predicate packs (lang/<lang>/events.yaml) are consistent with each other."""

from __future__ import annotations

from collections import defaultdict
from importlib.resources import files
from typing import Any

import pytest
import yaml

from .conftest import ROOT

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
QUADS = {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}
MARKER_KINDS = {"negation", "future", "hypothetical", "hearsay", "condition"}
ENTRY_KEYS = {"lemma", "pos", "type", "mode", "recipient", "actor", "no_recipient", "alone", "named", "received", "reciprocal", "compound", "negated", "aux",
              "contexts"}  # fmt: skip
MIN_ENTRIES = {"nl": 5, "en": 2}


def _load(path: str) -> Any:
    return yaml.safe_load(files("kroniek").joinpath(path).read_text("utf-8"))


@pytest.fixture(scope="module")
def plover() -> dict[str, Any]:
    return _load("data/plover.yaml")


def _modes(plover: dict[str, Any], type_: str) -> set[str]:
    return set(plover["types"][type_].get("modes") or {})


def _prepositions(lang: str, pack: dict[str, Any]) -> set[str]:
    """Every preposition the pack (and the clause pack beside it, if any) knows."""
    preps = {w for values in (pack.get("prepositions") or {}).values() for w in values}
    clauses = files("kroniek").joinpath(f"lang/{lang}/clauses.yaml")
    if clauses.is_file():
        extra = yaml.safe_load(clauses.read_text("utf-8")) or {}
        preps |= {w for values in (extra.get("prepositions") or {}).values() for w in values}
    return preps


def test_plover_ontology(plover: dict[str, Any]) -> None:
    assert set(plover["quads"]) == QUADS
    in_quads = [t for types in plover["quads"].values() for t in types]
    assert sorted(in_quads) == sorted(TYPES)
    assert set(plover["types"]) == TYPES
    for name, spec in plover["types"].items():
        assert isinstance(spec["score"], (int, float)), name
        assert -10 <= spec["score"] <= 10, name
        assert isinstance(spec["requires_recipient"], bool), name
        for mode, score in (spec.get("modes") or {}).items():
            assert mode == mode.lower() and " " not in mode and "_" not in mode, (name, mode)
            assert isinstance(score, (int, float)) and -10 <= score <= 10, (name, mode)
    # Verbal and material conflict score below zero, cooperation above (ACCUSE's "3" is a typo).
    for quad, types in plover["quads"].items():
        for t in types:
            assert (plover["types"][t]["score"] > 0) == quad.endswith("cooperation") or t == "REQUEST", t
    assert plover["types"]["ACCUSE"]["score"] < 0
    assert plover["types"]["CONSULT"]["modes"]["phone"] == 1.5
    assert {"COOPERATE", "AID", "SANCTION"} == {
        t for t, s in plover["types"].items() if s["requires_recipient"]
    }
    contexts = plover["contexts"]
    assert len(contexts) == len(set(contexts))
    assert {"military", "political_institutions", "human_rights", "cbrn", "trafficking"} <= set(contexts)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_language_pack(lang: str, plover: dict[str, Any]) -> None:
    pack = _load(f"lang/{lang}/events.yaml")
    contexts = set(plover["contexts"])
    preps = _prepositions(lang, pack)
    never = set(pack["prepositions"]["never"])
    assert set(pack["markers"]) >= MARKER_KINDS
    assert set(pack["type_defaults"]) == TYPES
    for type_, spec in pack["type_defaults"].items():
        for slot in spec["recipient"]:
            assert slot == "object" or slot in preps, (lang, type_, slot)

    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    per_type: dict[str, int] = defaultdict(int)
    for entry in pack["predicates"]:
        where = (lang, entry.get("lemma"))
        assert set(entry) <= ENTRY_KEYS, where
        lemma = entry["lemma"]
        assert isinstance(lemma, str) and lemma == lemma.strip() and lemma, where
        assert "_" not in lemma, where
        assert lemma == lemma.lower(), where
        pos = entry.get("pos", "verb")
        assert pos in {"verb", "noun"}, where
        type_ = entry["type"]
        assert type_ in TYPES, where
        if "mode" in entry:
            assert entry["mode"] in _modes(plover, type_), where
        for key in ("recipient", "actor"):
            for slot in entry.get(key) or []:
                # a preposition that never names a participant by itself ("uit", "in") may still be
                # the slot a predicate names: "militairen terughalen uit Syrië"
                assert slot == "object" or slot in preps or slot in never, (where, key, slot)
        if "negated" in entry:
            target, _, mode = str(entry["negated"]).partition(":")
            assert target in TYPES, where
            assert not mode or mode in _modes(plover, target), where
        if "aux" in entry:
            assert entry["aux"] in {"future", "hypothetical"}, where
        if entry.get("compound"):
            assert pos == "noun" and " " not in lemma, where
        if entry.get("no_recipient"):
            assert "recipient" not in entry, where
        for context in entry.get("contexts") or []:
            assert context in contexts, (where, context)
        # one entry a lemma and part of speech: the coder takes the first, a second is dead data
        assert (lemma, pos) not in seen, (where, "given twice")
        seen[(lemma, pos)].add(type_)
        per_type[type_] += 1
    for type_ in TYPES:
        assert per_type[type_] >= MIN_ENTRIES[lang], (lang, type_, per_type[type_])


def test_every_frequent_corpus_word_is_decided_once_and_agrees_with_the_lexicon() -> None:
    """training/lexicon: the ranking of the words around two participants in the corpora, and one
    decision for each word ranked in five sentences or more (see its README)."""
    from kroniek.events.lexicon import lexicon

    folder = ROOT / "training" / "lexicon"
    ranked = [line.split("\t") for line in (folder / "ranked_nl.tsv").read_text("utf-8").splitlines()[1:]]
    decided = {}
    for line in (folder / "decisions_nl.tsv").read_text("utf-8").splitlines()[1:]:
        lemma, word_class, _, decision, _ = line.split("\t")
        assert (lemma, word_class) not in decided, f"{lemma} decided twice"
        decided[(lemma, word_class)] = decision
    frequent = {(r[0], r[1]) for r in ranked if int(r[2]) >= 5}
    assert frequent and frequent <= set(decided), sorted(frequent - set(decided))[:10]
    lex = lexicon("nl")
    assert lex is not None
    anchors = set(lex.by_anchor) | set(lex.compound_heads)
    for (lemma, _), decision in decided.items():
        assert decision in {"predicate", "frame", "speech", "marker", "none"}, (lemma, decision)
        if decision == "predicate":
            assert lemma in anchors, f"{lemma}: decided a predicate, not in the lexicon"
        elif decision == "frame":
            assert lemma in lex.lemmas, f"{lemma}: decided part of a frame, in no frame of the lexicon"
        elif decision == "none":
            assert lemma not in anchors, f"{lemma}: decided no event, but the lexicon has it"
