"""Rank the words Dutch news uses around two political actors, so each can be decided once.

For every sentence of the corpora that names two different event participants (countries, their
officials and bodies, international organisations: ``kroniek.events.codes.event_codes``), Frog
(Debian's, through python-frog, without its parser) gives each word its lemma and CGN tag; verbs
(with a separable particle at the end of the clause joined: "roept ... op" -> "oproepen"), nouns
and adjectives are counted once per sentence. Written: a TSV of lemma, word class, sentences, and
the share of those sentences in which the lemma stands between the two participants. No article
text is written (the corpora are not ours to copy).

    python training/lexicon/mine.py ../shared/corpora/nos_2019.jsonl ../shared/corpora/dpg_2019.jsonl \
        -o training/lexicon/ranked_nl.tsv
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path


def sentences_with_two_actors(paths: list[str]) -> list[tuple[str, list[tuple[int, int]]]]:
    """(sentence text, participant spans inside it) for each sentence naming two participants."""
    from kroniek.actors.gazetteer import gazetteer
    from kroniek.evaluate.events import analyse_docs
    from kroniek.events.codes import event_codes
    from kroniek.settings import load_settings

    settings = load_settings(overrides=["events.languages=[]"])
    docs, _ = analyse_docs(paths, settings)
    kb = gazetteer("nl", ()).kb
    out = []
    for doc in docs.values():
        if doc.meta.language != "nl":
            continue
        for s in doc.sentences:
            inside = [(m, event_codes(m, kb)) for m in doc.mentions if s.start <= m.start < s.end]
            codes = {c for _, cs in inside for c in cs}
            if len(codes) >= 2:
                spans = [(m.start - s.start, m.end - s.start) for m, cs in inside if cs]
                out.append((doc.clean[s.start : s.end], spans))
    return out


WORD_CLASS = {"WW": "verb", "N": "noun", "ADJ": "adj"}
PARTICLES = frozenset(
    [
        "aan",
        "af",
        "bij",
        "door",
        "in",
        "mee",
        "na",
        "om",
        "op",
        "over",
        "terug",
        "toe",
        "uit",
        "voor",
        "weg",
        "samen",
        "tegen",
        "vast",
    ]
)


def lemmas_of(rows: list[list[str]]) -> list[tuple[str, str, int]]:
    """(lemma, word class, character position) of the content words of one Frog sentence; a
    separable particle at the end of the clause is joined to the finite verb before it."""
    out: list[tuple[str, str, int]] = []
    last_verb: int | None = None
    pos = 0
    for row in rows:
        word, lemma, tag = row[1], row[2].lower(), row[4]
        head = tag.split("(", 1)[0]
        if head == "WW" and "pv" in tag:
            last_verb = len(out)
        if head == "VZ" and "fin" in tag and word.lower() in PARTICLES and last_verb is not None:
            verb_lemma, word_class, at = out[last_verb]
            out[last_verb] = (word.lower() + verb_lemma, word_class, at)
            last_verb = None
            continue
        if head == "LET" and word in ",;:":
            last_verb = None
        if head in WORD_CLASS and not tag.startswith("N(eigen"):
            out.append((lemma, WORD_CLASS[head], pos))
        pos += len(word) + 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    import frog  # type: ignore[import-not-found]

    selected = sentences_with_two_actors(args.corpora)
    print(f"{len(selected)} sentences name two participants", file=sys.stderr)
    devnull = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(2)
    os.dup2(devnull, 2)
    try:
        engine = frog.Frog(frog.FrogOptions(parser=False, morph=False, chunking=False, mwu=False, ner=False))
    finally:
        os.dup2(saved, 2)
    counts: Counter[tuple[str, str]] = Counter()
    between: Counter[tuple[str, str]] = Counter()
    for n, (text, spans) in enumerate(selected, 1):
        raw = engine.process_raw(text)
        rows = [line.split("\t") for line in raw.split("\n") if line.strip()]
        seen: set[tuple[str, str]] = set()
        first, last = min(a for a, _ in spans), max(b for _, b in spans)
        for lemma, word_class, at in lemmas_of(rows):
            key = (lemma, word_class)
            if key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            between[key] += first <= at <= last
        if n % 1000 == 0:
            print(f"{n} sentences", file=sys.stderr)
    with args.output.open("w", encoding="utf-8") as f:
        f.write("lemma\tclass\tsentences\tbetween\n")
        for (lemma, word_class), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            f.write(f"{lemma}\t{word_class}\t{n}\t{between[(lemma, word_class)] / n:.2f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
