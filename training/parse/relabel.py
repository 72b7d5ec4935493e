"""Map the relations of a DocBin to the parser's label set (``convert.relation``): silver.py
writes the converted relations in full. A doc whose heads hold a cycle is left out (2 of 2,307 in
the silver of the first run, made before ``alpino_to_ud`` broke such cycles itself).

    python relabel.py IN.spacy OUT.spacy
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from convert import relation
from spacy.tokens import DocBin


def has_cycle(heads: list[int]) -> bool:
    """spaCy's heads: a root is its own head."""
    for i in range(len(heads)):
        seen = {i}
        j = heads[i]
        while heads[j] != j:
            if j in seen:
                return True
            seen.add(j)
            j = heads[j]
    return False


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    vocab = spacy.blank("nl").vocab
    out = DocBin(store_user_data=False)
    dropped = 0
    for doc in DocBin().from_disk(source).get_docs(vocab):
        if has_cycle([t.head.i for t in doc]):
            dropped += 1
            continue
        for token in doc:
            token.dep_ = relation(token.dep_) if token.dep_ != "ROOT" else "ROOT"
        out.add(doc)
    target.parent.mkdir(parents=True, exist_ok=True)
    out.to_disk(target)
    print(f"{target}: {len(out)} docs ({dropped} with a cycle left out)")


if __name__ == "__main__":
    main()
