"""Word lists read from YAML keep 'on', 'off', 'yes' and 'no' as words (YAML 1.1 made them booleans)."""

from __future__ import annotations

from kroniek import yamlwords
from kroniek.events.lexicon import lexicon


def test_only_true_and_false_are_booleans() -> None:
    data = yamlwords.load("words: [on, off, yes, no, y, n]\nflag: false\nother: True")
    assert data == {"words": ["on", "off", "yes", "no", "y", "n"], "flag": False, "other": True}


def test_the_english_pack_has_its_prepositions_and_negation_words() -> None:
    lex = lexicon("en")
    assert lex is not None
    assert "on" in lex.prepositions and "true" not in lex.prepositions
    assert "no" in lex.markers["negation"] and "off" in lex.particles
