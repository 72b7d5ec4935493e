"""CoNLL-2002 (token POS tag, IOB2, -DOCSTART- between articles) → spaCy DocBin.

Sentences are grouped into docs of at most --n-sents sentences, never across an article boundary;
each sentence keeps its boundary (is_sent_start). Several input files may be joined into one DocBin
(e.g. train + testa).

    python convert.py OUT.spacy ned.train [ned.testa ...] [--n-sents 10]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import _kroniek_ner
import spacy
from spacy.tokens import Doc, DocBin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("inputs", type=Path, nargs="+")
    parser.add_argument("--n-sents", type=int, default=10)
    args = parser.parse_args()
    ner = _kroniek_ner.load()
    nlp = spacy.blank("nl")
    db = DocBin(store_user_data=False)
    n_docs = n_sents = n_ents = 0
    for path in args.inputs:
        sentences = ner.read_conll(path)
        groups: list[list] = []
        for s in sentences:
            if not groups or len(groups[-1]) >= args.n_sents or groups[-1][-1].document != s.document:
                groups.append([])
            groups[-1].append(s)
        for group in groups:
            words: list[str] = []
            starts: list[bool] = []
            ents: list[str] = []
            for s in group:
                words.extend(s.tokens)
                starts.extend([True] + [False] * (len(s.tokens) - 1))
                ents.extend(ner.spans_to_iob2(s.spans, len(s.tokens)))
            doc = Doc(nlp.vocab, words=words, sent_starts=starts, ents=ents)
            db.add(doc)
            n_docs += 1
            n_sents += len(group)
            n_ents += len(doc.ents)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(f"{args.out}: {n_docs} docs, {n_sents} sentences, {n_ents} entities")


if __name__ == "__main__":
    main()
