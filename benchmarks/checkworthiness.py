"""Check-worthiness ranking on the dev transcripts: MAP, R-precision and P@10.

    python benchmarks/checkworthiness.py ../shared/benchmarks/checkthat2020-debate-checkworthiness/train

Ranks each dev transcript held out by the model (listed in the model file, the rule is
`split_dev` in `training/train_checkworthiness.py`) the way `sourcetrace rank` does,
tags included, and scores the rankings with the CheckThat! 2020 task 5 measures: MAP over
transcripts (the official measure), mean R-precision and mean P@10. Beside it, the
baseline "long sentences with numbers first": lines with a number (digits or a number
word) before lines without, longer first within each. Last, the time to rank a
1,000-line transcript once the models are loaded, and the time loading them takes.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import sys
import time
from pathlib import Path

from sourcetrace.claims.checkworthiness import MODEL_PATH, Scorer
from sourcetrace.claims.rank import rank_turns
from sourcetrace.parse import load_model

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))
from train_checkworthiness import measures, ranked_labels, read_dir, split_dev  # noqa: E402

NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|trillions?|percent)\b",
    re.IGNORECASE,
)


def baseline(texts: list[str]) -> list[float]:
    """Long sentences with numbers first."""
    return [(1000.0 if NUMBER.search(t) else 0.0) + len(t.split()) for t in texts]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train_dir", type=Path, help="CheckThat! 2020 task 5 train/ folder")
    parser.add_argument("--model-file", type=Path, default=MODEL_PATH)
    parser.add_argument("--json", action="store_true", help="print the measures as JSON too")
    args = parser.parse_args()
    print("$ python " + " ".join(shlex.quote(a) for a in sys.argv))
    transcripts = read_dir(args.train_dir)
    started = time.perf_counter()
    scorer = Scorer.load(args.model_file)
    load_model(scorer.config["spacy_model"])
    loading = time.perf_counter() - started
    dev = json.loads(args.model_file.read_text(encoding="utf-8"))["dev"]
    if dev != split_dev(list(transcripts))[1]:
        print("warning: the model's dev list is not split_dev() of this folder", file=sys.stderr)

    model_labels, base_labels = {}, {}
    for name in dev:
        turns = transcripts[name]
        order = [line for line, _ in rank_turns(turns, scorer=scorer)]
        gold = {t.line_number: t.label for t in turns}
        model_labels[name] = [gold[line] for line in order]
        base_labels[name] = ranked_labels(turns, baseline([t.text for t in turns]))
    model, base = measures(model_labels), measures(base_labels)

    print(f"\n{'dev transcript':42s} {'lines':>6s} {'pos':>4s} {'AP model':>9s} {'AP base':>8s}")
    for name in dev:
        print(
            f"{name:42s} {len(transcripts[name]):6d} {sum(model_labels[name]):4d} {model['AP'][name]:9.4f} {base['AP'][name]:8.4f}"
        )
    print(f"\n{'':24s} {'MAP':>7s} {'R-prec':>7s} {'P@10':>7s}")
    for label, result in (("model", model), ("baseline (numbers, long)", base)):
        print(f"{label:24s} {result['MAP']:7.4f} {result['R-precision']:7.4f} {result['P@10']:7.4f}")

    lines = [t for name in dev for t in transcripts[name]][:1000]
    started = time.perf_counter()
    rank_turns(lines, scorer=scorer)
    warm = time.perf_counter() - started
    print(f"\nranking 1,000 lines: {warm:.2f}s (loading the model and spaCy before: {loading:.2f}s)")
    if args.json:
        print(json.dumps({"model": model, "baseline": base, "seconds_per_1000_lines": round(warm, 2)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
