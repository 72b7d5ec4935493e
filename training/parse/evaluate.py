"""Score a spaCy parse pipeline on a CoNLL-U file with kroniek.evaluate.parse, and time it on one core.

Words are given (``Doc(vocab, words, spaces)``, one doc a sentence, given as one sentence), so the
score is the model's, not the tokenizer's; separated particles are joined to their verb's lemma as
the fast backend joins them (``kroniek.nlp.ud``). With --fallback simplemma, a word the lemmatizer
leaves without a lemma (component backoff set to none) gets simplemma's; with --lexicon TSV (or a
``lemmas.tsv`` in the model directory), the lexicon's lemma wins for the verb and noun forms it
holds (``kroniek.nlp.ud.LemmaLexicon``, as in the fast backend). Speed: the components in
one process on one thread over the file's sentences repeated to at least --speed-words words.

    python evaluate.py MODEL_DIR nl_alpino-ud-dev.conllu[@359:] [--json OUT.json] [--speed-words 50000]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import _kroniek_parse  # noqa: E402
import spacy  # noqa: E402
from convert import read_part  # noqa: E402
from spacy.tokens import Doc  # noqa: E402


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gold_docs(nlp: spacy.Language, sentences: list) -> list[Doc]:
    docs = []
    for s in sentences:
        doc = Doc(nlp.vocab, words=[w.form for w in s.words], spaces=[w.space_after for w in s.words])
        for k, token in enumerate(doc):
            token.is_sent_start = k == 0
        docs.append(doc)
    return docs


def run(nlp: spacy.Language, docs: list[Doc]) -> list[Doc]:
    stream = iter(docs)
    for _, proc in nlp.pipeline:
        stream = proc.pipe(stream, batch_size=256)
    return list(stream)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("conllu")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--speed-words", type=int, default=50_000, help="0: no timing")
    parser.add_argument("--fallback", choices=["orth", "simplemma"], default="orth")
    parser.add_argument("--lexicon", type=Path, help="lemmas.tsv (default: the model's own, if any)")
    args = parser.parse_args()
    parse = _kroniek_parse.load()
    ud = _kroniek_parse.load_ud()
    sentences = read_part(args.conllu)
    nlp = spacy.load(args.model, exclude=["ner"])
    lemmatize = None
    if args.fallback == "simplemma":
        import simplemma

        nlp.get_pipe("trainable_lemmatizer").backoff = None

        def lemmatize(word: str) -> str:
            return str(simplemma.lemmatize(word, lang="nl"))

    lexicon = ud.LemmaLexicon.load(args.lexicon or args.model / "lemmas.tsv")
    predicted = []
    for doc in run(nlp, gold_docs(nlp, sentences)):
        lemmas = [
            ud.cased_lemma(
                t.text,
                lexicon.lemma(t.text, t.pos_, t.lemma_ or (lemmatize(t.text) if lemmatize else t.text)),
                t.pos_,
                t.is_sent_start,
            )
            for t in doc
        ]
        lemmas = ud.joined_lemmas(
            [t.text for t in doc],
            lemmas,
            [t.head.i for t in doc],
            [t.dep_ for t in doc],
            [t.pos_ for t in doc],
        )
        predicted.append(
            [
                parse.Predicted(
                    upos=t.pos_,
                    lemma=lemma,
                    head=-1 if t.dep_ == "ROOT" or t.head.i == t.i else t.head.i,
                    deprel="root" if t.dep_ == "ROOT" else t.dep_,
                    xpos=t.tag_,
                )
                for t, lemma in zip(doc, lemmas, strict=True)
            ]
        )
    scores = parse.score(sentences, predicted)
    result: dict[str, object] = {"file": args.conllu, "model": str(args.model), **scores}
    result["model_bytes"] = dir_size(args.model)
    rate = 0.0
    if args.speed_words:
        many: list = []
        while sum(len(s.words) for s in many) < args.speed_words:
            many.extend(sentences)
        run(nlp, gold_docs(nlp, many[:200]))  # warm-up
        docs = gold_docs(nlp, many)
        start = time.perf_counter()
        run(nlp, docs)
        rate = sum(len(d) for d in docs) / (time.perf_counter() - start)
        result["words_per_second"] = round(rate)
    print(f"{args.conllu}: {scores['sentences']} sentences, {scores['words']} words")
    print(parse.format_scores([(args.model.name, scores, rate)]))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
