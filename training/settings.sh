# Settings shared by the training commands, sourced by each (override by environment):
# POLNEAR (PolNeAR's folder), WORK (converted data and training output; nothing of it goes
# into the repo), MODEL (the model folder the package ships), PYTHON (the project's venv).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
POLNEAR=${POLNEAR:-$ROOT/../shared/benchmarks/polnear}
WORK=${WORK:-/tmp/sourcetrace-attribution}
MODEL=${MODEL:-$ROOT/src/sourcetrace/learned/model}
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
cd "$ROOT"
