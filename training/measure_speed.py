"""Extra time the learned attribution model costs, against a bare parse with the same model.

    python training/measure_speed.py GOLD_DIR [MODEL_DIR] [--rounds 3]

Times, on the texts of GOLD_DIR (text/*.txt), in the same process and interleaved so
that a busy machine slows every variant alike, the best of --rounds rounds:
  parse     the shipped spaCy pipeline alone (as `analyze` parses: nlp.pipe, batches of 16)
  rules     `analyze` as it is: parse + the rule engine + summary (sourcetrace.Pipeline)
  learned   parse + the learned model (role tagger + linker + resolver) + summary
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sourcetrace.learned import MODEL_DIR, LearnedAttributor
from sourcetrace.pipeline import Pipeline
from sourcetrace.read import read_inputs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("model_dir", type=Path, nargs="?", default=MODEL_DIR)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = sorted((args.gold_dir / "text").glob("*.txt"))
    rules, learned = Pipeline(), Pipeline(attributor=LearnedAttributor(args.model_dir))
    learned.keep_doc = False
    nlp = rules.parser.nlp
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)

    def parse():
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def run(pipeline):
        def go():
            for _ in pipeline.run(read_inputs(paths, raw=True)):
                pass

        return go

    variants = {"parse": parse, "rules": run(rules), "learned": run(learned)}
    best = {name: float("inf") for name in variants}
    for _ in range(args.rounds):
        for name, go in variants.items():
            start = time.perf_counter()
            go()
            best[name] = min(best[name], time.perf_counter() - start)
    print(f"{len(texts)} articles, {words} words; best of {args.rounds} rounds")
    for name, seconds in best.items():
        print(
            f"{name:8} {seconds:7.2f} s  {1000 * seconds / len(texts):6.1f} ms/article  "
            f"{words / seconds:7.0f} words/s  {best['parse'] / seconds:5.2f} x parse throughput"
        )


if __name__ == "__main__":
    main()
