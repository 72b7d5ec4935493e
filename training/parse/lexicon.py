"""A lemma lexicon for verbs and nouns: Frog's lemmas on the project's news, and the gold training
lemmas of UD Dutch, for the words the trainable lemmatizer gets wrong (strong verbs: "sloten" ->
"sluiten", "bood" -> "bieden"; irregular plurals).

Frog (python-frog, tokenizer, parser and multiword units off, the words of spaCy's Dutch tokenizer
given, one paragraph a call) tags and lemmatises the corpus paragraphs in file order up to
--max-words words. A form's entry is the lemma Frog gives it most often under a verb tag (WW) or a
common-noun tag (N(soort)), kept where it was seen at least --min-count times and that lemma
has at least 3/4 of them. The gold training lemmas (``kroniek.evaluate.parse.base_lemma``, UPOS
VERB/AUX -> verb, NOUN -> noun) are counted the same way and win over Frog's.

Runs in kroniek's venv (python-frog):

    .venv/bin/python training/parse/lexicon.py ../shared OUT.tsv TRAIN.conllu[@A:B] ... [--max-words 500000]

Output: ``form<TAB>class<TAB>lemma`` (class ``verb`` or ``noun``), sorted.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

import spacy

from kroniek.evaluate.parse import base_lemma, read_conllu
from kroniek.nlp.frog_backend import _quiet_stderr


def paragraphs(shared: Path) -> list[str]:
    out: list[str] = []
    for path in sorted((shared / "corpora").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    record = json.loads(line)
                    for part in [record.get("title") or "", record.get("text") or ""]:
                        out.extend(p.strip() for p in part.split("\n") if p.strip())
    return out


def frog_counts(shared: Path, max_words: int) -> dict[tuple[str, str], Counter[str]]:
    import frog  # type: ignore[import-not-found]

    options = frog.FrogOptions(tok=False, parser=False, morph=False, chunking=False, mwu=False, ner=False)
    with _quiet_stderr():
        tagger = frog.Frog(options)
    nlp = spacy.blank("nl")
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    n = 0
    for doc in nlp.tokenizer.pipe(paragraphs(shared), batch_size=500):
        words = [t.text for t in doc if not t.is_space]
        if not words or n >= max_words:
            continue
        n += len(words)
        for row in tagger.process_raw(" ".join(words)).split("\n"):
            cols = row.split("\t")
            if len(cols) < 5 or not cols[0].isdigit():
                continue
            tag, form, lemma = cols[4], cols[1], cols[2]
            kind = "verb" if tag.startswith("WW(") else "noun" if tag.startswith("N(soort") else None
            if kind and lemma and "_" not in form:
                counts[(form.lower(), kind)][lemma] += 1
    print(f"Frog: {n} words, {len(counts)} verb and noun forms", flush=True)
    return counts


def gold_counts(specs: list[str]) -> dict[tuple[str, str], Counter[str]]:
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for spec in specs:
        path, _, part = spec.partition("@")
        sentences = read_conllu(Path(path))
        if part:
            start, _, end = part.partition(":")
            sentences = sentences[int(start) if start else None : int(end) if end else None]
        for s in sentences:
            for i, w in enumerate(s.words):
                kind = {"VERB": "verb", "AUX": "verb", "NOUN": "noun"}.get(w.upos)
                if kind:
                    counts[(w.form.lower(), kind)][base_lemma(s, i)] += 1
    return counts


def choose(counts: dict[tuple[str, str], Counter[str]], min_count: int) -> dict[tuple[str, str], str]:
    out = {}
    for key, lemmas in counts.items():
        lemma, top = lemmas.most_common(1)[0]
        total = sum(lemmas.values())
        if total >= min_count and top * 4 >= total * 3:
            out[key] = lemma
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("train", nargs="+")
    parser.add_argument("--max-words", type=int, default=500_000)
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args()
    table = choose(frog_counts(args.shared, args.max_words), args.min_count)
    table.update(choose(gold_counts(args.train), 1))
    lines = [f"{form}\t{kind}\t{lemma}" for (form, kind), lemma in sorted(table.items()) if form != lemma]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(lines)} entries (forms whose lemma differs from the form)")


if __name__ == "__main__":
    main()
