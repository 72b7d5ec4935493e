"""Silver dependency trees: Frog's parse of the project's Dutch news, converted to UD.

Text: title and paragraphs of ../shared/corpora/*.jsonl in file order, tokenised by spaCy's Dutch
tokenizer and split into sentences by its sentencizer (what the fast backend does at run time).
Sentences of 5 to 60 words are parsed by Frog (python-frog, tokenizer off: the words given, one
sentence per call), Frog's multiword units split back into words and its Alpino relations
converted by ``kroniek.nlp.alpino_ud`` (measured on UD Alpino dev in README.md). Only heads and
relations go into the DocBin: Frog's tags and lemmas are worse than what the tagger and
lemmatizer learn from the gold data, so they are left as missing values.

Runs in kroniek's venv (it has python-frog and kroniek itself):

    .venv/bin/python training/parse/silver.py ../shared OUT.spacy [--max-words 400000]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from kroniek.evaluate.parse_backends import _load_frog, frog_predictions, frog_rows


def sentences(shared: Path) -> list[tuple[list[str], list[bool]]]:
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    paragraphs: list[str] = []
    for path in sorted((shared / "corpora").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    for part in [record.get("title") or "", record.get("text") or ""]:
                        paragraphs.extend(p.strip() for p in part.split("\n") if p.strip())
    out: list[tuple[list[str], list[bool]]] = []
    seen: set[str] = set()
    for doc in nlp.pipe(paragraphs, batch_size=1000):
        for sent in doc.sents:
            tokens = [t for t in sent if not t.is_space]
            key = " ".join(t.text for t in tokens)
            if 5 <= len(tokens) <= 60 and key not in seen:
                seen.add(key)
                out.append(([t.text for t in tokens], [bool(t.whitespace_) for t in tokens]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--max-words", type=int, default=400_000)
    parser.add_argument("--n-sents", type=int, default=10)
    args = parser.parse_args()
    todo = sentences(args.shared)
    frog = _load_frog()
    vocab = spacy.blank("nl").vocab
    db = DocBin(store_user_data=False)
    group: list[tuple[list[str], list[bool], list[int], list[str]]] = []
    n_words = n_sents = skipped = 0
    started = time.perf_counter()

    def flush() -> None:
        if not group:
            return
        words, spaces, heads, deps, starts = [], [], [], [], []
        for w, s, h, d in group:
            base = len(words)
            words += w
            spaces += s
            heads += [base + (x if x >= 0 else i) for i, x in enumerate(h)]
            deps += ["ROOT" if x < 0 else rel for x, rel in zip(h, d, strict=True)]
            starts += [i == 0 for i in range(len(w))]
        db.add(Doc(vocab, words=words, spaces=spaces, heads=heads, deps=deps, sent_starts=starts))
        group.clear()

    for words, spaces in todo:
        if n_words >= args.max_words:
            break
        rows = frog_rows(frog.process_raw(" ".join(words)))
        if len(rows) != len(words):
            skipped += 1
            continue
        preds = frog_predictions(rows)
        group.append((words, spaces, [p.head for p in preds], [p.deprel for p in preds]))
        n_words += len(words)
        n_sents += 1
        if len(group) >= args.n_sents:
            flush()
        if n_sents % 2000 == 0:
            rate = n_words / (time.perf_counter() - started)
            print(f"{n_sents} sentences, {n_words} words, {rate:.0f} words/s", flush=True)
    flush()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(args.out)
    print(f"{args.out}: {len(db)} docs, {n_sents} sentences, {n_words} words ({skipped} skipped)")


if __name__ == "__main__":
    main()
