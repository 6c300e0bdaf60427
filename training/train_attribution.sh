#!/usr/bin/env bash
# The one training command for the learned attribution model (docs/learned-model.md):
# PolNeAR train/dev → src/sourcetrace/learned/model/ (role tagger + linker), then its
# dev scores. About 40 minutes on two CPU cores.
#
#   training/train_attribution.sh
#
# Settings (environment): POLNEAR (default ../shared/benchmarks/polnear), WORK (data and
# spaCy output, default /tmp/sourcetrace-attribution; nothing of it goes into the repo),
# MODEL (default src/sourcetrace/learned/model), PYTHON (default .venv/bin/python).
set -euo pipefail
source "$(dirname "$0")/settings.sh"

# 1. Gold spans → spaCy DocBins (role entities; parses for the linker).
nice "$PYTHON" -m sourcetrace.learned.train convert "$POLNEAR/train" "$POLNEAR/dev" "$WORK"
# 2. The role tagger, on the parses of step 1; best checkpoint by dev ents_f.
nice "$PYTHON" -m spacy train training/attribution.cfg --code training/functions.py \
    --output "$WORK/tagger" --paths.train "$WORK/train.spacy" --paths.dev "$WORK/dev.spacy" \
    --paths.train_parsed "$WORK/train-parsed.spacy" --paths.dev_parsed "$WORK/dev-parsed.spacy"
# 3. Only the role tagger goes into the model folder (float16), then the linker.
"$PYTHON" -m sourcetrace.learned.train export "$WORK/tagger/model-best" "$MODEL"
nice "$PYTHON" -m sourcetrace.learned.train link "$POLNEAR/train" "$WORK" "$MODEL"
# 4. Dev scores with the evaluator (the numbers in docs/learned-model.md).
nice "$PYTHON" -m sourcetrace.learned.train evaluate "$POLNEAR/dev" "$MODEL"
