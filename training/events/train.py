"""Train the events stage's learned judge (kroniek/events/learned.py) on the gold articles.

The seeds and news_dev (../shared/gold) are analysed with the fast backend, the events stage runs
with the rules alone and records each sentence's candidate pairs, the pairs are labelled from the
gold events (kroniek/evaluate/crossval.py), and the two linear models are fitted on all of them,
their thresholds chosen by a cross-validation inside the training articles. The model is written
as JSON to src/kroniek/models/events_nl.json. Deterministic (L-BFGS from zeros, fixed folds).

    .venv/bin/python training/events/train.py            # about a minute on one core

Its scores on news_dev come from `kroniek eval events --cross-validate 5` (a judge trained per
fold without the fold's articles), never from this model, which has seen them all.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kroniek.evaluate.crossval import examples, train
from kroniek.evaluate.events import analyse_docs, load_gold
from kroniek.events.judge import default_vocabulary
from kroniek.events.lexicon import lexicon
from kroniek.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "src" / "kroniek" / "models" / "events_nl.json"


def main() -> int:
    settings = load_settings(overrides=["events.learned=false", "analyse.backend=fast"])
    rows = []
    for gold_file, docs in (
        ("seeds.jsonl", SHARED / "seeds"),
        ("news_dev.jsonl", SHARED / "gold" / "news_dev_docs.jsonl"),
    ):
        gold = load_gold(SHARED / "gold" / gold_file)
        analysed, failed = analyse_docs([str(docs)], settings)
        if failed:
            print(f"{len(failed)} documents failed", file=sys.stderr)
            return 1
        rows.extend(examples(gold, analysed, settings))
    lex = lexicon("nl")
    assert lex is not None
    model = train(rows, default_vocabulary(lex))
    OUT.write_text(json.dumps(model.to_json(), sort_keys=True, indent=0) + "\n", "utf-8")
    positives = sum(1 for x in rows if x.label is not None)
    print(
        f"{len(rows)} pairs ({positives} events) -> {OUT.relative_to(ROOT)} (keep {model.keep}, add {model.add})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
