"""A callback for finetune.cfg (``spacy train finetune.cfg --code resume.py``).

spaCy 3.8's edit-tree lemmatizer does not rebuild its tree -> label table when it is loaded from
disk, so a sourced lemmatizer that goes on training maps every gold lemma to label 0 and forgets
what it knew (dev lemma accuracy 0.94 -> 0.75 in 250 steps). This rebuilds the table after
initialisation, from the labels it stores.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language


@spacy.registry.callbacks("kroniek.lemmatizer_labels.v1")
def lemmatizer_labels() -> Callable[[Language], Language]:
    def rebuild(nlp: Language) -> Language:
        for _, proc in nlp.components:
            if hasattr(proc, "tree2label") and not proc.tree2label:
                proc.tree2label = {tree: label for label, tree in enumerate(proc.cfg["labels"])}
        return nlp

    return rebuild
