"""Exact F1 by the gold's annotation batch: does the system agree more with annotations
made later, when PolNeAR's annotators agreed more with each other?

    .venv/bin/sourcetrace eval attribution ../shared/benchmarks/polnear/dev --engine learned --format json > dev.json
    .venv/bin/python benchmarks/score_by_level.py dev.json ../shared/benchmarks/polnear/metadata.tsv

PolNeAR's metadata.tsv gives each article's `level`: the batch (0–23) in which it was
annotated, in order. Articles are grouped into bands of levels and their counts summed
(micro F1, as the evaluator totals); the Spearman correlation of level and per-article
attribution F1 is printed beside. Articles whose level is not a number are counted apart.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
from pathlib import Path

BANDS = ((0, 6), (7, 13), (14, 23))
ROLES = ("source", "cue", "content")


def levels(metadata: Path) -> dict[str, int | None]:
    """Article name (the text's file name without .txt) → annotation level."""
    with metadata.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {
            row["filename"].removesuffix(".txt"): int(row["level"]) if row["level"].isdigit() else None for row in rows
        }


def f1(counts: dict) -> float:
    total = counts["gold"] + counts["predicted"]
    return 2 * counts["matched"] / total if total else 0.0


def by_level(scores: dict, level_of: dict[str, int | None]) -> dict:
    bands: dict[str, dict[str, dict[str, int]]] = {}
    pairs = []
    for article in scores["per_article"]:
        level = level_of.get(article["article"])
        band = next((f"{a}-{b}" for a, b in BANDS if level is not None and a <= level <= b), "unknown")
        counted = {"attribution": article["attributions"]["exact"]}
        counted.update({role: article["roles"][role]["exact"] for role in ROLES})
        totals = bands.setdefault(band, {"articles": {"n": 0}})
        totals["articles"]["n"] += 1
        for name, counts in counted.items():
            into = totals.setdefault(name, {"gold": 0, "predicted": 0, "matched": 0})
            for key in into:
                into[key] += counts[key]
        if level is not None and counted["attribution"]["gold"]:
            pairs.append((level, f1(counted["attribution"])))
    spearman = None
    if len(pairs) > 2:
        ranks = [_ranks([p[0] for p in pairs]), _ranks([p[1] for p in pairs])]
        spearman = round(statistics.correlation(*ranks), 3)
    return {
        "bands": {
            band: {"articles": t["articles"]["n"], **{n: f1(c) for n, c in t.items() if n != "articles"}}
            for band, t in sorted(bands.items(), key=lambda item: _band_start(item[0]))
        },
        "spearman_level_attribution": spearman,
        "articles_with_level": len(pairs),
    }


def _band_start(band: str) -> int:
    return int(band.split("-")[0]) if band[0].isdigit() else 99


def _ranks(values: list[float]) -> list[float]:
    """Average ranks (ties share theirs), as Spearman's correlation wants."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2
        i = j + 1
    return ranks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scores", type=Path, help="`sourcetrace eval attribution ... --format json` output")
    parser.add_argument("metadata", type=Path, help="PolNeAR's metadata.tsv")
    args = parser.parse_args(argv)
    try:
        scores = json.loads(args.scores.read_text(encoding="utf-8"))
        level_of = levels(args.metadata)
    except (OSError, ValueError, KeyError) as error:
        print(
            f"error: cannot read {args.scores} or {args.metadata} ({error}); give eval's JSON and metadata.tsv",
            file=sys.stderr,
        )
        return 2
    result = by_level(scores, level_of)
    for band, row in result["bands"].items():
        print(
            f"levels {band:<8} {row['articles']:>3} articles  exact F1 "
            + " ".join(f"{name} {row[name]:.3f}" for name in (*ROLES, "attribution"))
        )
    print(
        f"Spearman (level, article's attribution F1): {result['spearman_level_attribution']} "
        f"over {result['articles_with_level']} articles"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
