"""Train the check-worthiness model on the CheckThat! 2020 task 5 transcripts.

    python training/train_checkworthiness.py TRAIN_DIR \\
        --out src/sourcetrace/claims/checkworthiness_model.json

TRAIN_DIR holds the 50 labelled transcripts (`../shared/benchmarks/checkthat2020-debate-
checkworthiness/train`). A fixed tenth of them is held out as dev (`split_dev`): within
each type (debates, and the rest: speeches, interviews, press conferences) in file-name
(date) order, every fifth transcript starting from the third. The model is trained on the
other 40 and its dev measures are written into the model file. Training has no random
step: full-batch Adam from zero weights, so the same data gives the same model.

The learner is L2-regularised logistic regression with positives up-weighted by
(negatives/positives) ** class_weight_power; n-gram weights are regularised harder than
the few dense features. Tagging the 42k lines with spaCy takes a few minutes; `--tag-cache`
keeps the tags in a file between runs.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sourcetrace.claims.checkworthiness import (
    FORMAT,
    Memory,
    Scorer,
    Tagging,
    line_features,
    memory_terms,
    tag_lines,
    term_bucket,
)
from sourcetrace.evaluate.ranking import average_precision, precision_at, r_precision
from sourcetrace.parse import DEFAULT_MODEL
from sourcetrace.read.transcripts import Turn, read_transcript

DEBATE = re.compile(r"debate|GOP|democrats|_(?:\d|vice_)pres$")
DEFAULTS = {
    "min_count": 3,  # features seen on fewer training lines are dropped
    "l2_ngram": 0.1,
    "l2_dense": 1e-4,
    "class_weight_power": 0.25,
    "iterations": 300,
    "learning_rate": 0.05,
}


def split_dev(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """(train, dev): dev is every fifth debate and every fifth other transcript, from the third."""
    debates = sorted(n for n in names if DEBATE.search(n))
    others = sorted(n for n in names if not DEBATE.search(n))
    dev = debates[2::5] + others[2::5]
    return [n for n in sorted(names) if n not in dev], dev


def read_dir(folder: Path) -> dict[str, list[Turn]]:
    transcripts = {p.stem: read_transcript(p) for p in sorted(folder.glob("*.tsv"))}
    if not transcripts:
        raise SystemExit(f"error: {folder}: no .tsv transcripts; give CheckThat! 2020 task 5's train/ folder")
    unlabelled = [n for n, turns in transcripts.items() if any(t.label is None for t in turns)]
    if unlabelled:
        raise SystemExit(f"error: {', '.join(unlabelled)}: lines without a label; training needs labelled transcripts")
    return transcripts


def tag_all(transcripts: dict[str, list[Turn]], model: str, cache: Path | None) -> dict[str, list[Tagging]]:
    """spaCy tags of every line, from `cache` when it was made with the same model."""
    import spacy

    key = f"{model} {spacy.util.get_package_version(model) or ''}"
    stored: dict[str, Any] = {}
    if cache and cache.exists():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") != key:
            stored = {}
    tagged = stored.get("transcripts", {})
    changed = False
    for name, turns in transcripts.items():
        if name not in tagged or len(tagged[name]) != len(turns):
            tagged[name] = [[list(t.tags), list(t.entities)] for t in tag_lines([t.text for t in turns], model)]
            changed = True
    if cache and changed:
        cache.write_text(json.dumps({"key": key, "transcripts": tagged}), encoding="utf-8")
    return {n: [Tagging(tuple(tags), tuple(ents)) for tags, ents in tagged[n]] for n in transcripts}


def build_memory(transcripts: dict[str, list[Turn]], names: Sequence[str]) -> Memory:
    """Hashed TF-IDF vectors of the check-worthy training lines, grouped by transcript."""
    lines = [t.text for n in names for t in transcripts[n]]
    df = Counter(b for text in lines for b in {term_bucket(term) for term in memory_terms(text)})
    idf = {b: math.log(len(lines) / c) for b, c in df.items() if c >= 2}
    default_idf = statistics.median(idf.values())
    probe = Memory([], idf, default_idf)
    items, groups = [], []
    for group, name in enumerate(names):
        for turn in transcripts[name]:
            if turn.label == 1 and (vector := probe.vector(turn.text)):
                items.append(vector)
                groups.append(group)
    kept = {b for item in items for b in item}
    return Memory(items, {b: v for b, v in idf.items() if b in kept}, default_idf, groups)


def transcript_features(
    scorer: Scorer, turns: list[Turn], taggings: list[Tagging], group: int | None
) -> list[dict[str, float]]:
    texts = [t.text for t in turns]
    similarities = [scorer.memory.similarities(t, exclude_group=group) for t in texts]
    return line_features(texts, [t.speaker for t in turns], taggings, similarities)


class SparseRows:
    """Rows of (feature index, value), for X·w and Xᵀ·g with numpy alone."""

    def __init__(self, rows: list[dict[int, float]], width: int) -> None:
        lengths = np.array([len(r) for r in rows])
        self.width = width
        self.count = len(rows)
        self.columns = np.fromiter((k for r in rows for k in r), dtype=np.int64, count=int(lengths.sum()))
        self.values = np.fromiter((v for r in rows for v in r.values()), dtype=np.float64, count=int(lengths.sum()))
        self.row_of = np.repeat(np.arange(len(rows)), lengths)

    def dot(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.row_of, weights=self.values * w[self.columns], minlength=self.count)

    def tdot(self, g: np.ndarray) -> np.ndarray:
        return np.bincount(self.columns, weights=self.values * g[self.row_of], minlength=self.width)


def fit_logistic(
    X: SparseRows, y: np.ndarray, sample_weight: np.ndarray, l2: np.ndarray, *, iterations: int, learning_rate: float
) -> np.ndarray:
    """Minimise weighted mean log-loss + ½ Σ l2·w² by full-batch Adam from zero."""
    weight = sample_weight / sample_weight.sum()
    w = np.zeros(X.width)
    m = np.zeros(X.width)
    v = np.zeros(X.width)
    beta1, beta2 = 0.9, 0.999
    for step in range(1, iterations + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(X.dot(w), -50, 50)))
        g = X.tdot(weight * (p - y)) + l2 * w
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        w -= learning_rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return w


def train(
    transcripts: dict[str, list[Turn]],
    taggings: dict[str, list[Tagging]],
    names: Sequence[str],
    *,
    model: str = DEFAULT_MODEL,
    config: dict[str, Any] = DEFAULTS,
) -> Scorer:
    memory = build_memory(transcripts, names)
    scorer = Scorer({}, 0.0, memory, {"spacy_model": model, **config})
    features = [
        f for group, n in enumerate(names) for f in transcript_features(scorer, transcripts[n], taggings[n], group)
    ]
    counts = Counter(k for f in features for k in f)
    vocabulary = sorted(k for k, c in counts.items() if c >= config["min_count"])
    index = {k: i + 1 for i, k in enumerate(vocabulary)}  # column 0 is the bias
    rows = [{0: 1.0, **{index[k]: v for k, v in f.items() if k in index}} for f in features]
    X = SparseRows(rows, len(index) + 1)
    y = np.array([t.label for n in names for t in transcripts[n]], dtype=float)
    up = ((y == 0).sum() / y.sum()) ** config["class_weight_power"]
    l2 = np.array([0.0] + [config["l2_ngram"] if k[:2] in ("u:", "b:") else config["l2_dense"] for k in vocabulary])
    w = fit_logistic(
        X, y, np.where(y == 1, up, 1.0), l2, iterations=config["iterations"], learning_rate=config["learning_rate"]
    )
    scorer.weights = {k: float(f"{w[i]:.4g}") for k, i in index.items() if abs(w[i]) >= 1e-4}
    scorer.bias = float(f"{w[0]:.6g}")
    return scorer


def evaluate(
    scorer: Scorer, transcripts: dict[str, list[Turn]], taggings: dict[str, list[Tagging]] | None, names: Sequence[str]
) -> dict[str, Any]:
    """MAP, mean R-precision and mean P@10 over `names`, with each transcript's AP."""
    per = {}
    for name in names:
        turns = transcripts[name]
        scores = scorer.score(
            [t.text for t in turns], speakers=[t.speaker for t in turns], taggings=taggings[name] if taggings else None
        )
        per[name] = ranked_labels(turns, scores)
    return measures(per)


def ranked_labels(turns: Sequence[Turn], scores: Sequence[float]) -> list[int]:
    order = sorted(range(len(turns)), key=lambda i: -scores[i])
    return [turns[i].label or 0 for i in order]


def measures(per: dict[str, list[int]]) -> dict[str, Any]:
    aps = {n: average_precision(labels) for n, labels in per.items()}
    return {
        "MAP": round(statistics.mean(aps.values()), 4),
        "R-precision": round(statistics.mean(r_precision(labels) for labels in per.values()), 4),
        "P@10": round(statistics.mean(precision_at(labels, 10) for labels in per.values()), 4),
        "AP": {n: round(v, 4) for n, v in aps.items()},
    }


def cross_validate(
    transcripts: dict[str, list[Turn]],
    taggings: dict[str, list[Tagging]],
    names: Sequence[str],
    folds: int,
    *,
    model: str,
    config: dict[str, Any],
) -> dict[str, Any]:
    """Measures over `names`, each fold (every `folds`-th name) scored by a model trained on the rest."""
    per: dict[str, list[int]] = {}
    for fold in range(folds):
        held = [n for i, n in enumerate(names) if i % folds == fold]
        scorer = train(transcripts, taggings, [n for n in names if n not in held], model=model, config=config)
        for name in held:
            turns = transcripts[name]
            scores = scorer.score([t.text for t in turns], speakers=[t.speaker for t in turns], taggings=taggings[name])
            per[name] = ranked_labels(turns, scores)
    return measures(per)


def to_json(scorer: Scorer, train_names: list[str], dev_names: list[str], dev: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "config": scorer.config,
        "trained_on": train_names,
        "dev": dev_names,
        "dev_measures": dev,
        "bias": scorer.bias,
        "weights": dict(sorted(scorer.weights.items())),
        "memory": scorer.memory.to_json(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train_dir", type=Path, help="CheckThat! 2020 task 5 train/ folder")
    parser.add_argument("--out", type=Path, required=True, help="model file to write")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline for tags and entities")
    parser.add_argument("--tag-cache", type=Path, help="JSON file keeping spaCy tags between runs")
    parser.add_argument(
        "--cross-validate", type=int, metavar="K", help="also report K-fold measures over the training transcripts"
    )
    for key, value in DEFAULTS.items():
        parser.add_argument(f"--{key.replace('_', '-')}", type=type(value), default=value)
    args = parser.parse_args(argv)
    config = {key: getattr(args, key) for key in DEFAULTS}
    started = time.perf_counter()
    transcripts = read_dir(args.train_dir)
    train_names, dev_names = split_dev(list(transcripts))
    taggings = tag_all(transcripts, args.model, args.tag_cache)
    print(f"read and tagged {len(transcripts)} transcripts in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    scorer = train(transcripts, taggings, train_names, model=args.model, config=config)
    dev = evaluate(scorer, transcripts, taggings, dev_names)
    args.out.write_text(
        json.dumps(to_json(scorer, train_names, dev_names, dev), separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(
        f"dev ({len(dev_names)} transcripts): MAP {dev['MAP']:.4f}  R-precision {dev['R-precision']:.4f}  "
        f"P@10 {dev['P@10']:.4f}; {len(scorer.weights)} weights; wrote {args.out} "
        f"({args.out.stat().st_size:,} bytes) in {time.perf_counter() - started:.0f}s",
        file=sys.stderr,
    )
    if args.cross_validate:
        cv = cross_validate(transcripts, taggings, train_names, args.cross_validate, model=args.model, config=config)
        print(
            f"{args.cross_validate}-fold over the {len(train_names)} training transcripts: MAP {cv['MAP']:.4f}  "
            f"R-precision {cv['R-precision']:.4f}  P@10 {cv['P@10']:.4f}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
