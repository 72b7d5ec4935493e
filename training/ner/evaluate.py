"""Score a spaCy NER pipeline on a CoNLL-2002 file with kroniek.evaluate.ner, and time it on one core.

Tokens are given (``Doc(nlp.vocab, words=...)``, one doc a sentence), so the score is the model's,
not the tokenizer's. Speed: ``nlp.pipe`` in one process on one thread over the file's sentences
repeated to at least --speed-words words, tokens given; and again from raw text (tokenizer included).

    python evaluate.py MODEL_DIR ned.testb [--json OUT.json] [--speed-words 100000]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import _kroniek_ner  # noqa: E402
import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("conll", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--speed-words", type=int, default=100_000, help="0: no timing")
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()
    ner = _kroniek_ner.load()
    sentences = ner.read_conll(args.conll)
    nlp = spacy.load(args.model)
    docs = nlp.pipe((Doc(nlp.vocab, words=list(s.tokens)) for s in sentences), batch_size=args.batch_size)
    pred = [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]
    gold = [list(s.spans) for s in sentences]
    scores = ner.score_entities(gold, pred)
    print(f"{args.conll.name}: {len(sentences)} sentences, {sum(len(s.tokens) for s in sentences)} tokens")
    print(ner.format_scores(scores))
    result: dict[str, object] = {"file": str(args.conll), "model": str(args.model), "ner": scores}
    result["model_bytes"] = dir_size(args.model)
    if args.speed_words:
        words: list[list[str]] = []
        n = 0
        while n < args.speed_words:
            for s in sentences:
                words.append(list(s.tokens))
                n += len(s.tokens)
        # Warm-up, then time.
        for _ in nlp.pipe((Doc(nlp.vocab, words=w) for w in words[:500]), batch_size=args.batch_size):
            pass
        start = time.perf_counter()
        for _ in nlp.pipe((Doc(nlp.vocab, words=w) for w in words), batch_size=args.batch_size):
            pass
        tokens_given = n / (time.perf_counter() - start)
        texts = [" ".join(w) for w in words]
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        from_text = n / (time.perf_counter() - start)
        print(
            f"speed, one process, one thread, batch {args.batch_size}, {n} words: "
            f"{tokens_given:,.0f} words/s (tokens given), {from_text:,.0f} words/s (from text)"
        )
        result["words_per_second"] = {"tokens_given": round(tokens_given), "from_text": round(from_text)}
    print(f"model size: {result['model_bytes'] / 1e6:.1f} MB")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
