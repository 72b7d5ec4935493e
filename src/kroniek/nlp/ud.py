"""Universal Dependencies conventions shared by the backends: particle verbs' lemmas.

A separated particle ("roept ... op", "zegt ... op") is a ``compound:prt`` dependent of its verb;
the verb's lemma gets the particle in front, joined without ``_`` as kroniek writes lemmas
("roepen" -> "oproepen"; UD Dutch itself writes "op_roepen", which ``kroniek.evaluate.parse``
counts as the same lemma).
"""

from __future__ import annotations

from collections.abc import Sequence

#: The parts of speech a particle is joined to (a particle the parser hangs from a noun is left alone).
VERBAL = frozenset({"VERB", "AUX", ""})


def joined_lemmas(
    words: Sequence[str],
    lemmas: Sequence[str],
    heads: Sequence[int],
    deps: Sequence[str],
    pos: Sequence[str] | None = None,
) -> list[str]:
    """``lemmas`` with each ``compound:prt`` particle put before its verb's lemma.

    >>> words = ["roept", "Iran", "op"]
    >>> joined_lemmas(words, ["roepen", "Iran", "op"], [0, 0, 0], ["ROOT", "obj", "compound:prt"])
    ['oproepen', 'Iran', 'op']
    """
    out = list(lemmas)
    for i, dep in enumerate(deps):
        head = heads[i]
        if dep != "compound:prt" or not 0 <= head < len(out) or head == i:
            continue
        if pos is not None and pos[head] not in VERBAL:
            continue
        particle = words[i].lower()
        if particle.isalpha() and not out[head].lower().startswith(particle):
            out[head] = particle + out[head]
    return out
