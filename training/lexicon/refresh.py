"""Bring decisions_nl.tsv in step with the lexicon after predicates were added or removed.

A word the lexicon now anchors becomes `predicate` (or `frame` when only frames hold it), a word
it no longer holds becomes `none`; `speech` and `marker` decisions are kept. Ranked words with
five sentences or more that have no decision yet are added as `none` and printed, to be read.

    .venv/bin/python training/lexicon/refresh.py
"""

from __future__ import annotations

from pathlib import Path

from kroniek.events.lexicon import lexicon

HERE = Path(__file__).resolve().parent


def main() -> int:
    lex = lexicon("nl")
    assert lex is not None
    anchors = set(lex.by_anchor) | set(lex.compound_heads)
    path = HERE / "decisions_nl.tsv"
    lines = path.read_text("utf-8").splitlines()
    rows = {}
    for line in lines[1:]:
        lemma, word_class, n, decision, note = line.split("\t")
        rows[(lemma, word_class)] = [lemma, word_class, n, decision, note]
    for line in (HERE / "ranked_nl.tsv").read_text("utf-8").splitlines()[1:]:
        lemma, word_class, n, _ = line.split("\t")
        if int(n) >= 5 and (lemma, word_class) not in rows:
            rows[(lemma, word_class)] = [lemma, word_class, n, "none", ""]
            print(f"new: {lemma} ({word_class}, {n} sentences)")
    for row in rows.values():
        lemma, decision = row[0], row[3]
        if decision in ("speech", "marker"):
            continue
        if lemma in anchors:
            types = {p.type for p in lex.by_anchor.get(lemma, []) + lex.compound_heads.get(lemma, [])}
            single = any(len(p.lemmas) == 1 for p in lex.by_anchor.get(lemma, []))
            row[3], row[4] = ("predicate" if single else "frame"), ",".join(sorted(types))
        elif lemma in lex.lemmas:
            row[3], row[4] = "frame", "only with the other lemmas of a frame"
        else:
            row[3], row[4] = "none", ""
    out = [lines[0], *("\t".join(r) for r in rows.values())]
    path.write_text("\n".join(out) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
