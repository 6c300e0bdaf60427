"""Throughput of `analyze` beside a bare spaCy parse of the same texts, in one run.

    python benchmarks/throughput.py ../shared/benchmarks/polnear/dev/text [--repeat 3]

Both sides parse the same files with the same spaCy pipeline, batched the same way, after
a warm-up; the bare side runs `nlp.pipe` and nothing else, the analyze side runs the whole
pipeline (read, clean, language check, parse, attribute, summarize, JSON) with `--raw`
input as the benchmark data is analysed. The ratio analyze/bare is what the project
promises (at least 0.5; goal 0.8). Peak memory is the process's maximum resident size.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path

from sourcetrace.contract import to_json
from sourcetrace.engines import DEFAULT_ENGINE, ENGINES
from sourcetrace.parse import DEFAULT_MODEL
from sourcetrace.pipeline import Pipeline
from sourcetrace.read import read_inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", type=Path, help="directory of .txt files (PolNeAR dev/text)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds per side; the best is kept")
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE, help="attribution engine")
    args = parser.parse_args()
    files = sorted(args.texts.glob("*.txt"))
    if not files:
        print(f"error: {args.texts}: no .txt files; give PolNeAR's dev/text directory", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    pipeline = Pipeline(model=args.model, engine=args.engine)
    import spacy

    bare_nlp = spacy.load(args.model)  # spaCy as shipped, without our paragraph-start component

    def bare() -> None:
        for _ in bare_nlp.pipe(texts, batch_size=pipeline.parser.batch_size):
            pass

    def analyze() -> None:
        for outcome in pipeline.run(read_inputs(files, raw=True)):
            json.dumps(to_json(outcome))

    bare(), analyze()  # warm-up: model caches, lazy imports
    bare_s = min(_timed(bare) for _ in range(args.repeat))
    analyze_s = min(_timed(analyze) for _ in range(args.repeat))
    result = {
        "articles": len(texts),
        "words": words,
        "bare_parse": {
            "seconds": round(bare_s, 3),
            "articles_per_s": round(len(texts) / bare_s, 2),
            "words_per_s": round(words / bare_s),
        },
        "analyze": {
            "seconds": round(analyze_s, 3),
            "articles_per_s": round(len(texts) / analyze_s, 2),
            "words_per_s": round(words / analyze_s),
        },
        "ratio": round(bare_s / analyze_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "model": args.model,
        "engine": args.engine,
        "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
    }
    print(json.dumps(result, indent=2))
    return 0


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
