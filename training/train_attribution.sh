#!/usr/bin/env bash
# The CPU training command of the learned attribution model (docs/learned-model.md):
# PolNeAR train/dev → the linker in src/sourcetrace/learned/model/ (for the tagger there),
# and the spaCy role tagger of 0.2.0–0.4.0 in a model folder of its own; then the dev
# scores of both. About 40 minutes on two CPU cores.
#
#   training/train_attribution.sh
#
# The shipped tagger is the transformer (training/train_transformer_tagger.sh). The spaCy
# tagger does not go into $MODEL: a folder holding both would ship it unused
# (`LearnedAttributor` takes the ONNX tagger where there is one). $SPACY_MODEL is a whole
# model folder (tagger and its own linker): `LearnedAttributor(vocab, SPACY_MODEL)` runs it.
#
# Settings (environment): POLNEAR (default ../shared/benchmarks/polnear), WORK (data and
# spaCy output, default /tmp/sourcetrace-attribution; nothing of it goes into the repo),
# MODEL (default src/sourcetrace/learned/model), SPACY_MODEL (default $WORK/spacy-model),
# PYTHON (default .venv/bin/python).
set -euo pipefail
source "$(dirname "$0")/settings.sh"
SPACY_MODEL=${SPACY_MODEL:-$WORK/spacy-model}

# 1. Gold spans → spaCy DocBins (role entities and parses, for spacy train).
nice "$PYTHON" -m sourcetrace.learned.train convert "$POLNEAR/train" "$POLNEAR/dev" "$WORK"
# 2. The linker of the shipped folder, from the gold links of train and the spans its
#    tagger finds there (about 5 minutes: train is parsed and tagged).
nice "$PYTHON" -m sourcetrace.learned.train link "$POLNEAR/train" "$MODEL"
# 3. The spaCy role tagger, on the parses of step 1; best checkpoint by dev ents_f; into
#    its own folder (float16), then that folder's linker, from that tagger's spans.
nice "$PYTHON" -m spacy train training/attribution.cfg --code training/functions.py \
    --output "$WORK/tagger" --paths.train "$WORK/train.spacy" --paths.dev "$WORK/dev.spacy" \
    --paths.train_parsed "$WORK/train-parsed.spacy" --paths.dev_parsed "$WORK/dev-parsed.spacy"
"$PYTHON" -m sourcetrace.learned.train export "$WORK/tagger/model-best" "$SPACY_MODEL"
nice "$PYTHON" -m sourcetrace.learned.train link "$POLNEAR/train" "$SPACY_MODEL"
# 4. Dev scores with the evaluator: the shipped model (the numbers in
#    docs/learned-model.md), then the spaCy tagger's folder.
nice "$PYTHON" -m sourcetrace.learned.train evaluate "$POLNEAR/dev" "$MODEL"
nice "$PYTHON" -m sourcetrace.learned.train evaluate "$POLNEAR/dev" "$SPACY_MODEL"
