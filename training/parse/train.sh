#!/usr/bin/env bash
# Reproduce the fast Dutch tagger, lemmatiser and parser (src/kroniek/models/nl_parse_fast) end to
# end from ../shared data.
#
#   bash training/parse/train.sh            # data, silver, lexicon, train, install, score dev and Alpino test
#   bash training/parse/train.sh gold       # the gold-only comparison run (no silver), scored on dev
#
# Environment: VENV (default /work/parse-venv, made with `python3.11 -m venv` and
# `pip install -r training/parse/requirements.txt`), KRONIEK_PY (kroniek's venv python, which has
# python-frog: default .venv/bin/python of this checkout), SHARED (default ../shared beside the
# checkout), WORK (default /tmp/kroniek-parse), SILVER_WORDS (default 400000), LEXICON_WORDS (default
# 500000). One thread and nice: the machine has two cores. Fixed seeds: spaCy's [system] seed = 0;
# Frog is deterministic; the text is read in file order.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${VENV:-/work/parse-venv}"
KRONIEK_PY="${KRONIEK_PY:-$ROOT/.venv/bin/python}"
SHARED="${SHARED:-$(cd "$ROOT/.." && pwd)/shared}"
WORK="${WORK:-/tmp/kroniek-parse}"
SILVER_WORDS="${SILVER_WORDS:-400000}"
LEXICON_WORDS="${LEXICON_WORDS:-500000}"
MODEL="$ROOT/src/kroniek/models/nl_parse_fast"
VECTORS="$ROOT/src/kroniek/models/nl_ner_fast"   # the floret table of the NER model, shared
PY="$VENV/bin/python"
UD="$SHARED/data/ud_dutch"
ALPINO_DEV="$UD/UD_Dutch-Alpino/nl_alpino-ud-dev.conllu"
ALPINO_TEST="$UD/UD_Dutch-Alpino/nl_alpino-ud-test.conllu"   # held out: scored, never trained or tuned on
TRAIN=("$ALPINO_DEV@:359" "$UD/UD_Dutch-LassySmall/nl_lassysmall-ud-dev.conllu" "$UD/UD_Dutch-LassySmall/nl_lassysmall-ud-test.conllu")
DEV="$ALPINO_DEV@359:"
MODE="${1:-final}"

export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0
RUN=(nice -n 10)
mkdir -p "$WORK/train_gold" "$WORK/train"
cd "$HERE"

echo "== UD Dutch → DocBin (train: Alpino dev sentences 0-358, LassySmall dev and test; dev: Alpino dev 359-717)"
"${RUN[@]}" "$PY" convert.py "$WORK/train_gold/gold.spacy" "${TRAIN[@]}"
"${RUN[@]}" "$PY" convert.py "$WORK/dev.spacy" "$DEV"

if [ "$MODE" = gold ]; then
    "${RUN[@]}" "$PY" -m spacy train config.cfg --output "$WORK/run_gold" \
        --paths.train "$WORK/train_gold" --paths.dev "$WORK/dev.spacy" --paths.vectors "$VECTORS"
    "${RUN[@]}" "$PY" evaluate.py "$WORK/run_gold/model-best" "$DEV" --speed-words 0
    exit 0
fi

echo "== silver: Frog's parse of the corpora, converted to UD ($SILVER_WORDS words)"
if [ ! -f "$WORK/silver_full.spacy" ]; then
    (cd "$ROOT" && "${RUN[@]}" "$KRONIEK_PY" training/parse/silver.py "$SHARED" "$WORK/silver_full.spacy" --max-words "$SILVER_WORDS")
fi
"${RUN[@]}" "$PY" relabel.py "$WORK/silver_full.spacy" "$WORK/silver_relabelled.spacy"
echo "== silver CGN tags and verb/noun lemmas (Frog's tagger on the same sentences)"
if [ ! -f "$WORK/train/silver.spacy" ]; then
    (cd "$ROOT" && "${RUN[@]}" "$KRONIEK_PY" training/parse/silver_tags.py "$WORK/silver_relabelled.spacy" "$WORK/train/silver.spacy")
fi
# The gold data twice beside the silver: it is the only source of tags and lemmas, and the better one for trees.
cp "$WORK/train_gold/gold.spacy" "$WORK/train/gold.spacy"
cp "$WORK/train_gold/gold.spacy" "$WORK/train/gold_again.spacy"

echo "== lemma lexicon (Frog on $LEXICON_WORDS words of the corpora + the gold training lemmas)"
if [ ! -f "$WORK/lemmas.tsv" ]; then
    (cd "$ROOT" && "${RUN[@]}" "$KRONIEK_PY" training/parse/lexicon.py "$SHARED" "$WORK/lemmas.tsv" "${TRAIN[@]}" --max-words "$LEXICON_WORDS")
fi

echo "== stage 1: gold x2 + silver, ${STEPS1:-4000} steps, best on dev kept"
"${RUN[@]}" "$PY" -m spacy train config.cfg --output "$WORK/run_silver" \
    --paths.train "$WORK/train" --paths.dev "$WORK/dev.spacy" --paths.vectors "$VECTORS" \
    --training.max_steps "${STEPS1:-4000}"

echo "== stage 2: stage 1's best, trained on the gold data alone, best on dev kept"
"${RUN[@]}" "$PY" -m spacy train finetune.cfg --code resume.py --output "$WORK/run" \
    --paths.source "$WORK/run_silver/model-best" --paths.train "$WORK/train_gold" \
    --paths.dev "$WORK/dev.spacy" --paths.vectors "$VECTORS"

echo "== install into $MODEL"
rm -rf "$MODEL"
cp -r "$WORK/run/model-best" "$MODEL"
cp "$WORK/lemmas.tsv" "$MODEL/lemmas.tsv"
"$PY" - "$MODEL" <<'PYEOF'
import json, sys
from pathlib import Path
model = Path(sys.argv[1])
meta = json.loads((model / "meta.json").read_text())
meta.update(
    name="parse_fast",
    version="0.1.0",
    description="kroniek fast Dutch tagger (UPOS, UD features, CGN tags), lemmatizer and UD dependency "
    "parser: spaCy CNN on the floret vectors of nl_ner_fast (not copied here: loaded from that model's "
    "vocabulary); trained on UD Dutch Alpino dev (first half), LassySmall dev and test, and Frog's parses "
    "of the project's news converted to UD; lemmas.tsv from Frog and the gold lemmas. "
    "See training/parse/README.md.",
    license="CC BY-SA 4.0 (UD Dutch Alpino and LassySmall)",
    sources=[{"name": "UD_Dutch-Alpino dev"}, {"name": "UD_Dutch-LassySmall dev, test"},
             {"name": "Frog (LaMachine/Debian) parses of the kroniek corpora"}],
)
meta.pop("performance", None)  # dev scores are in training/parse/README.md
(model / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
from spacy.util import load_config
config = load_config(model / "config.cfg", interpolate=False)
config["paths"] = {key: None for key in config["paths"]}
config.to_disk(model / "config.cfg")
# The vectors are nl_ner_fast's (trained with them): the fast backend loads this pipeline on that
# vocabulary, so the 20 MB table is stored once.
for name in ("vectors", "key2row"):
    (model / "vocab" / name).unlink(missing_ok=True)
PYEOF
du -sh "$MODEL"

echo "== score: dev (selection) and Alpino test (held out)"
(cd "$ROOT" && "${RUN[@]}" "$ROOT/.venv/bin/kroniek" eval parse --conllu "$ALPINO_TEST" --backend fast --json "$WORK/alpino_test_fast.json")
"${RUN[@]}" "$PY" evaluate.py "$WORK/run/model-best" "$DEV" --lexicon "$WORK/lemmas.tsv" --json "$WORK/dev.json"
