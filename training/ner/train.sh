#!/usr/bin/env bash
# Reproduce the fast Dutch NER model (kroniek's "fast" mode) end to end from ../shared data.
#
#   bash training/ner/train.sh            # vectors, final model on train+testa, copy, score on testb
#   bash training/ner/train.sh dev        # the selection run: train only, testa as dev (prints dev F1)
#
# Environment: VENV (default /work/ner-venv, made with `python3.11 -m venv` and
# `pip install -r training/ner/requirements.txt`), SHARED (default ../shared beside the checkout),
# WORK (default /tmp/kroniek-ner), EPOCHS (default in the line below, chosen on testa).
# One thread and nice: the machine has two cores. Fixed seeds: spaCy's [system] seed = 0; floret on
# one thread with its fixed default seed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${VENV:-/work/ner-venv}"
SHARED="${SHARED:-$(cd "$ROOT/.." && pwd)/shared}"
WORK="${WORK:-/tmp/kroniek-ner}"
EPOCHS="${EPOCHS:-5}"
MODEL="$ROOT/src/kroniek/models/nl_ner_fast"
PY="$VENV/bin/python"
CONLL="$SHARED/data/conll2002"
MODE="${1:-final}"

export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0
RUN=(nice -n 10)
mkdir -p "$WORK"
cd "$HERE"

echo "== CoNLL-2002 → DocBin"
"${RUN[@]}" "$PY" convert.py "$WORK/train.spacy" "$CONLL/ned.train"
"${RUN[@]}" "$PY" convert.py "$WORK/dev.spacy" "$CONLL/ned.testa"
"${RUN[@]}" "$PY" convert.py "$WORK/train_testa.spacy" "$CONLL/ned.train" "$CONLL/ned.testa"

echo "== floret vectors on in-domain text"
if [ ! -f "$WORK/vectors/vectors_nl/vocab/vectors" ]; then
    "${RUN[@]}" "$PY" vectors.py "$SHARED" "$WORK/vectors" --dim 100 --bucket 50000 --epoch 10
fi

if [ "$MODE" = dev ]; then
    echo "== selection run: ned.train, testa as dev, best on testa kept"
    "${RUN[@]}" "$PY" -m spacy train config.cfg --output "$WORK/dev_run" \
        --paths.train "$WORK/train.spacy" --paths.dev "$WORK/dev.spacy" \
        --paths.vectors "$WORK/vectors/vectors_nl" --training.max_steps 5000
    "${RUN[@]}" "$PY" evaluate.py "$WORK/dev_run/model-best" "$CONLL/ned.testa" --speed-words 0
    exit 0
fi

echo "== final model: ned.train + ned.testa, $EPOCHS epochs, last model kept"
# testa is in the training data here, so the dev scores printed during training mean nothing;
# the epoch count comes from the selection run (`train.sh dev`).
"${RUN[@]}" "$PY" -m spacy train config.cfg --output "$WORK/final" \
    --paths.train "$WORK/train_testa.spacy" --paths.dev "$WORK/dev.spacy" \
    --paths.vectors "$WORK/vectors/vectors_nl" \
    --training.max_epochs "$EPOCHS" --training.max_steps 0 --training.patience 0 --training.eval_frequency 1000

echo "== install into $MODEL"
rm -rf "$MODEL"
mkdir -p "$(dirname "$MODEL")"
cp -r "$WORK/final/model-last" "$MODEL"
"$PY" - "$MODEL" <<'PYEOF'
import json, sys
from pathlib import Path
path = Path(sys.argv[1]) / "meta.json"
meta = json.loads(path.read_text())
meta.update(
    name="ner_fast",
    version="0.1.0",
    description="kroniek fast Dutch NER (PER/LOC/ORG/MISC): spaCy CNN + floret vectors trained on "
    "in-domain news; trained on CoNLL-2002 ned.train+testa. See training/ner/README.md.",
    license="CoNLL-2002 data: research use only (see ../shared/data/conll2002/README)",
    sources=[{"name": "CoNLL-2002 Dutch (ned.train, ned.testa)"}, {"name": "floret vectors: kroniek corpora"}],
)
meta.pop("performance", None)  # dev scores on data it was trained on: meaningless
path.write_text(json.dumps(meta, indent=2) + "\n")
# The [paths] of the training run (files under $WORK) are not needed to load the model.
from spacy.util import load_config
config = load_config(Path(sys.argv[1]) / "config.cfg", interpolate=False)
config["paths"] = {key: None for key in config["paths"]}
config.to_disk(Path(sys.argv[1]) / "config.cfg")
PYEOF
du -sh "$MODEL"

echo "== score on testb"
"${RUN[@]}" "$PY" evaluate.py "$MODEL" "$CONLL/ned.testb" --json "$WORK/testb.json"
