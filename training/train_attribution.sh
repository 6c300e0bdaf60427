#!/usr/bin/env bash
# The CPU training command of the learned attribution model (docs/learned-model.md):
# PolNeAR train/dev → the linker in src/sourcetrace/learned/model/ (the shipped model's),
# and the spaCy role tagger of 0.2.0–0.4.0 in a model folder of its own; then the dev
# scores of both. About 40 minutes on two CPU cores.
#
#   training/train_attribution.sh
#
# The shipped tagger is the transformer (training/train_transformer_tagger.sh). The spaCy
# tagger does not go into $MODEL: a folder holding both would ship it unused
# (`LearnedAttributor` takes the ONNX tagger where there is one). $SPACY_MODEL is a whole
# model folder (tagger and linker): `LearnedAttributor(vocab, SPACY_MODEL)` runs it.
#
# Settings (environment): POLNEAR (default ../shared/benchmarks/polnear), WORK (data and
# spaCy output, default /tmp/sourcetrace-attribution; nothing of it goes into the repo),
# MODEL (default src/sourcetrace/learned/model), SPACY_MODEL (default $WORK/spacy-model),
# PYTHON (default .venv/bin/python).
set -euo pipefail
source "$(dirname "$0")/settings.sh"
SPACY_MODEL=${SPACY_MODEL:-$WORK/spacy-model}

# 1. Gold spans → spaCy DocBins (role entities; parses for the linker).
nice "$PYTHON" -m sourcetrace.learned.train convert "$POLNEAR/train" "$POLNEAR/dev" "$WORK"
# 2. The linker, from the gold links of train (it does not depend on the tagger).
nice "$PYTHON" -m sourcetrace.learned.train link "$POLNEAR/train" "$WORK" "$MODEL"
# 3. The spaCy role tagger, on the parses of step 1; best checkpoint by dev ents_f; into
#    its own folder (float16) with a copy of the linker.
nice "$PYTHON" -m spacy train training/attribution.cfg --code training/functions.py \
    --output "$WORK/tagger" --paths.train "$WORK/train.spacy" --paths.dev "$WORK/dev.spacy" \
    --paths.train_parsed "$WORK/train-parsed.spacy" --paths.dev_parsed "$WORK/dev-parsed.spacy"
"$PYTHON" -m sourcetrace.learned.train export "$WORK/tagger/model-best" "$SPACY_MODEL"
cp "$MODEL/linker.json" "$SPACY_MODEL/"
# 4. Dev scores with the evaluator: the shipped model (the numbers in
#    docs/learned-model.md), then the spaCy tagger's folder.
nice "$PYTHON" -m sourcetrace.learned.train evaluate "$POLNEAR/dev" "$MODEL"
nice "$PYTHON" -m sourcetrace.learned.train evaluate "$POLNEAR/dev" "$SPACY_MODEL"
