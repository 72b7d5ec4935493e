"""CoNLL-U (UD Dutch) → spaCy DocBin for the tagger, morphologizer, lemmatizer and parser.

Each input is ``FILE`` or ``FILE@START:END`` (a slice of its sentences, Python style). Sentences are
grouped into docs of at most --n-sents sentences, in file order. Per word: the CGN tag in Frog's
notation (``WW(pv,tgw,ev)``) as ``tag``, UPOS as ``pos``, UD features as ``morph``, the lemma the
lemmatizer learns (``base_lemma``: ``_`` taken out, and a verb's separated particle left off, as it
is joined back from the ``compound:prt`` relation at run time), head and UD relation: the universal
part only, except for the subtypes in ``KEPT_SUBTYPES`` (fewer parser actions, a faster parser;
LAS is scored on the universal part anyway).

    python convert.py OUT.spacy nl_alpino-ud-dev.conllu@:359 nl_lassysmall-ud-dev.conllu [--n-sents 10]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import _kroniek_parse
import spacy
from spacy.tokens import Doc, DocBin


#: Subtypes the parser learns: particle verbs (joined lemmas), the passive and its agent (who did
#: it in "door Rusland aangevallen"), possessives and relative clauses.
KEPT_SUBTYPES = frozenset({"compound:prt", "nsubj:pass", "aux:pass", "obl:agent", "nmod:poss", "acl:relcl"})


def relation(deprel: str) -> str:
    return deprel if deprel in KEPT_SUBTYPES else deprel.split(":", 1)[0]


def read_part(spec: str) -> list:
    parse = _kroniek_parse.load()
    path, _, part = spec.partition("@")
    sentences = parse.read_conllu(Path(path))
    if part:
        start, _, end = part.partition(":")
        sentences = sentences[int(start) if start else None : int(end) if end else None]
    return sentences


def to_doc(vocab: object, group: list) -> Doc:
    parse = _kroniek_parse.load()
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    pos: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    starts: list[bool] = []
    for s in group:
        base = len(words)
        for i, w in enumerate(s.words):
            words.append(w.form)
            spaces.append(w.space_after)
            tags.append(parse.cgn_from_ud(w.xpos) if w.xpos else "_")
            pos.append(w.upos)
            morphs.append(w.feats)
            lemmas.append(parse.base_lemma(s, i))
            heads.append(base + (w.head if w.head >= 0 else i))
            deps.append("ROOT" if w.head < 0 else relation(w.deprel))
            starts.append(i == 0)
    return Doc(
        vocab,  # type: ignore[arg-type]
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=starts,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--n-sents", type=int, default=10)
    args = parser.parse_args()
    nlp = spacy.blank("nl")
    db = DocBin(store_user_data=False)
    n_sents = n_words = 0
    for spec in args.inputs:
        sentences = read_part(spec)
        for k in range(0, len(sentences), args.n_sents):
            group = sentences[k : k + args.n_sents]
            doc = to_doc(nlp.vocab, group)
            db.add(doc)
            n_sents += len(group)
            n_words += len(doc)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(f"{args.out}: {len(db)} docs, {n_sents} sentences, {n_words} words")


if __name__ == "__main__":
    main()
