"""CGN tags and verb/noun lemmas from Frog for the silver DocBin of silver.py.

Frog (python-frog; tokenizer, parser and multiword units off, the words given, one sentence a call)
tags each sentence of the silver docs again: every word gets Frog's CGN tag as ``tag`` (the tagger
learns from it), and words Frog tags as verbs (WW) or common nouns (N(soort)) its lemma (the
lemmatizer learns from those; Frog's lemmas of other words follow other conventions, e.g.
"Europese" -> "europese", and are left missing). UPOS and UD features stay missing: Frog has no UD
features, and a UPOS without them would teach the morphologizer feature-less labels.

Runs in kroniek's venv (python-frog):

    .venv/bin/python training/parse/silver_tags.py SILVER.spacy OUT.spacy
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from kroniek.nlp.frog_backend import _quiet_stderr


def main() -> None:
    import frog  # type: ignore[import-not-found]

    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    options = frog.FrogOptions(tok=False, parser=False, morph=False, chunking=False, mwu=False, ner=False)
    with _quiet_stderr():
        tagger = frog.Frog(options)
    vocab = spacy.blank("nl").vocab
    out = DocBin(store_user_data=False)
    mismatched = 0
    for doc in DocBin().from_disk(source).get_docs(vocab):
        tags = [""] * len(doc)
        lemmas = [""] * len(doc)
        for sent in doc.sents:
            rows = [r.split("\t") for r in tagger.process_raw(" ".join(t.text for t in sent)).split("\n")]
            rows = [r for r in rows if len(r) > 4 and r[0].isdigit()]
            if len(rows) != len(sent):
                mismatched += 1
                continue
            for token, row in zip(sent, rows, strict=True):
                tags[token.i] = row[4]
                if row[4].startswith(("WW(", "N(soort")):
                    lemmas[token.i] = row[2]
        heads = [t.head.i for t in doc]
        deps = [t.dep_ for t in doc]
        starts = [bool(t.is_sent_start) for t in doc]
        words = [t.text for t in doc]
        spaces = [bool(t.whitespace_) for t in doc]
        out.add(
            Doc(
                vocab,
                words=words,
                spaces=spaces,
                heads=heads,
                deps=deps,
                sent_starts=starts,
                tags=tags,
                lemmas=lemmas,
            )
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    out.to_disk(target)
    print(f"{target}: {len(out)} docs ({mismatched} sentences Frog tokenised otherwise, left untagged)")


if __name__ == "__main__":
    main()
