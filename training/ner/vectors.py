"""Train floret (fastText with hashed subwords) vectors on in-domain Dutch text and convert them
for spaCy.

Text: the Dutch news in ../shared/corpora/*.jsonl (title + text, tokenised with spaCy's Dutch
tokenizer, the tokenizer the model sees at run time), the tokens of CoNLL-2002 ned.train, and the
word forms of the UD Dutch dev/test treebanks. Never the CoNLL test sets (testa, testb).

    python vectors.py SHARED_DIR WORK_DIR [--dim 100] [--bucket 50000] [--epoch 10]

Writes WORK_DIR/vectors.txt (one line a paragraph/sentence), WORK_DIR/vectors.floret and the
spaCy vectors pipeline WORK_DIR/vectors_nl/ (use as [paths] vectors).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import _kroniek_ner
import floret
import spacy


def corpus_lines(shared: Path) -> list[str]:
    nlp = spacy.blank("nl")
    lines: list[str] = []
    paragraphs: list[str] = []
    for path in sorted((shared / "corpora").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                record = json.loads(line)
                for part in [record.get("title") or "", record.get("text") or ""]:
                    paragraphs.extend(p.strip() for p in part.split("\n") if p.strip())
    for doc in nlp.tokenizer.pipe(paragraphs, batch_size=1000):
        tokens = [t.text for t in doc if not t.is_space]
        if tokens:
            lines.append(" ".join(tokens))
    ner = _kroniek_ner.load()
    for s in ner.read_conll(shared / "data" / "conll2002" / "ned.train"):
        lines.append(" ".join(s.tokens))
    for path in sorted((shared / "data" / "ud_dutch").glob("*/*.conllu")):
        words: list[str] = []
        for row in path.read_text(encoding="utf-8").splitlines():
            if not row.strip():
                if words:
                    lines.append(" ".join(words))
                words = []
            elif not row.startswith("#"):
                cols = row.split("\t")
                if cols[0].isdigit():
                    words.append(cols[1])
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--bucket", type=int, default=50000)
    parser.add_argument("--epoch", type=int, default=10)
    parser.add_argument("--minn", type=int, default=4)
    parser.add_argument("--maxn", type=int, default=5)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    text = args.work / "vectors.txt"
    lines = corpus_lines(args.shared)
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{text}: {len(lines)} lines, {sum(len(x.split()) for x in lines)} tokens", flush=True)
    # One thread: with more, floret's Hogwild SGD is not reproducible; with one, its fixed default
    # seed makes the vectors the same on every run.
    model = floret.train_unsupervised(
        str(text),
        model="skipgram",
        mode="floret",
        hashCount=2,
        bucket=args.bucket,
        minn=args.minn,
        maxn=args.maxn,
        dim=args.dim,
        epoch=args.epoch,
        minCount=args.min_count,
        thread=args.threads,
        verbose=1,
    )
    vec = args.work / "vectors.floret"
    model.save_floret_vectors(str(vec))
    out = args.work / "vectors_nl"
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "vectors", "nl", str(vec), str(out), "--mode", "floret"],
        check=True,
    )
    print(f"{out}: floret vectors, {args.bucket} rows x {args.dim} dims")


if __name__ == "__main__":
    main()
