#!/usr/bin/env bash
# Train several variants of the transformer role tagger at once on one GPU machine, then
# gather the best ones for evaluation with the whole pipeline (docs/learned-model.md,
# "Variants measured in 0.5.2"). One small model leaves a large GPU mostly idle between
# its kernels, so the variants run side by side, a process each.
#
#   training/device_sweep.sh DATA_DIR TABLE OUT_DIR [DEADLINE_SECONDS]
#
# DATA_DIR: what `transformer_data.py prepare` wrote (encoder.npz may leave out the
# word-piece table: TABLE, a pieces.npz, supplies it). OUT_DIR receives summary.json (every
# variant's dev scores by epoch and through ONNX Runtime), logs.tgz, and the exported
# files of the best variants (sweep_pick.py). Training stops after the epoch that passes
# DEADLINE_SECONDS (default 380), so the whole run fits one call of a lent machine.
set -uo pipefail
DATA=$1; TABLE=$2; OUT=$3; DEADLINE=${4:-380}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${WORK:-/tmp/sourcetrace-sweep}
PY=${TORCH_PYTHON:-python3}
CONFIG=${CONFIG:-L6f}  # encoder layers kept, with parse features (transformer_tagger.py)
mkdir -p "$WORK" "$OUT"
run() {
    local name=$1; shift
    mkdir -p "$WORK/$name"
    # shellcheck disable=SC2086  # EXTRA: more arguments for every variant (a smoke test's)
    OMP_NUM_THREADS=2 "$PY" "$HERE/transformer_tagger.py" "$DATA" "$WORK/$name" --configs "$CONFIG" --export "$CONFIG" \
        --table "$TABLE" --name "$name" --deadline "$DEADLINE" "$@" ${EXTRA:-} > "$WORK/$name/stdout.txt" 2>&1 &
}
# The shipped recipe (0.5.0: six epochs, seed 0) is `base` at eight epochs; each other
# variant changes one thing, the last ones combine.
run base     --epochs 8
run seed1    --epochs 8 --seed 1
run lr2      --epochs 8 --lr 2e-4
run crf      --epochs 8 --crf
run table    --epochs 8 --train-table
run w510     --epochs 8 --window 510 --batch 8
run w510crf  --epochs 8 --window 510 --batch 8 --crf
run all      --epochs 8 --window 510 --batch 8 --crf --train-table
wait
"$PY" "$HERE/sweep_pick.py" "$WORK" "$OUT"
