"""Evaluation against annotated data: `sourcetrace eval attribution GOLD_DIR`.

The library part is `evaluate_attribution` (brat.py reads the gold, attribution.py matches
and scores); this module adds the command and formats its result. Definitions of every
score are in docs/evaluation.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .. import __version__
from ..parse import DEFAULT_MODEL
from ..pipeline import Pipeline
from .attribution import PRF, AttributionScores, evaluate_attribution, score_spans
from .brat import (
    ANNOTATOR_RULE,
    ROLES,
    GoldArticle,
    GoldAttribution,
    GoldError,
    GoldSpan,
    parse_ann,
    read_gold,
)

__all__ = [
    "ANNOTATOR_RULE",
    "PRF",
    "AttributionScores",
    "GoldArticle",
    "GoldAttribution",
    "GoldError",
    "GoldSpan",
    "add_eval_command",
    "evaluate_attribution",
    "format_text",
    "parse_ann",
    "read_gold",
    "score_spans",
]


def add_eval_command(commands: argparse._SubParsersAction) -> None:
    """Register `eval attribution GOLD_DIR [--format text|json] [--model NAME] [--limit N]`."""
    evaluate = commands.add_parser("eval", help="score the analysis against annotated data")
    tasks = evaluate.add_subparsers(required=True, metavar="TASK")
    attribution = tasks.add_parser(
        "attribution",
        help="source, cue and content against BRAT gold (PolNeAR's format)",
        description="GOLD_DIR holds text/<article>.txt and attributions/<article>_<annotator>.ann.",
    )
    attribution.add_argument("gold_dir", metavar="GOLD_DIR", help="folder with text/ and attributions/")
    attribution.add_argument("--format", choices=("text", "json"), default="text", help="text table (default) or json")
    attribution.add_argument(
        "--model", default=os.environ.get("SOURCETRACE_MODEL", DEFAULT_MODEL), help="installed spaCy English pipeline"
    )
    attribution.add_argument(
        "--limit", type=_positive, default=None, metavar="N", help="score only the first N articles"
    )
    attribution.add_argument(
        "--engine", choices=("rules", "learned"), default="rules", help="attribution engine to score (default rules)"
    )
    attribution.add_argument(
        "--nested",
        action="store_true",
        help="also score attributions reported inside another's content (PolNeAR annotates none)",
    )
    attribution.set_defaults(run=_eval_attribution)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of articles")
    return int(value)


def _eval_attribution(args: argparse.Namespace) -> int:
    scores = evaluate_attribution(
        Path(args.gold_dir),
        pipeline=Pipeline(model=args.model, keep_doc=True, engine=args.engine),
        limit=args.limit,
        progress=_progress,
        nested=args.nested,
    )
    # What was scored, as the analyses themselves say it (contract `producer`).
    producer = {"name": "sourcetrace", "version": __version__, "attribution_engine": args.engine}
    if args.format == "json":
        sys.stdout.write(json.dumps({**scores.to_json(), "producer": producer}, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(f"engine: {args.engine} (sourcetrace {__version__})\n" + format_text(scores))
    if scores.failures:
        print(f"{len(scores.failures)} article(s) not scored; see the warnings above", file=sys.stderr)
    return 1 if scores.failures else 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr)


def format_text(scores: AttributionScores) -> str:
    """A readable table of every score."""
    lines = [
        f"gold: {scores.gold_dir}",
        f"articles scored: {len(scores.articles)}, not scored: {len(scores.failures)}",
        f"annotator: {scores.annotator_rule}",
        _nested_line(scores),
        "",
        f"{'':<14}{'gold':>6}{'system':>8}  {'exact P':>8}{'R':>7}{'F1':>7}  {'overlap P':>10}{'R':>7}{'F1':>7}",
    ]
    rows = [(role, scores.role(role, "exact"), scores.role(role, "overlap")) for role in ROLES]
    rows.append(("attribution", scores.attribution("exact"), scores.attribution("overlap")))
    for name, exact, overlap in rows:
        lines.append(f"{name:<14}{exact.gold:>6}{exact.predicted:>8}  {_prf(exact, 8)}  {_prf(overlap, 10)}")
    lines += ["", "sentence level, exact (as CofeNet scores PolNeAR: token runs per paragraph line)"]
    lines.append(f"{'':<14}{'gold':>6}{'system':>8}  {'P':>8}{'R':>7}{'F1':>7}")
    for role in ROLES:
        prf = scores.sentence(role)
        lines.append(f"{role:<14}{prf.gold:>6}{prf.predicted:>8}  {_prf(prf, 8)}")
    return "\n".join(lines) + "\n"


def _nested_line(scores: AttributionScores) -> str:
    if scores.nested_scored:
        return "nested attributions: scored (--nested)"
    return (
        f"nested attributions: {scores.nested} not scored (inside another's content; "
        "PolNeAR annotates none; --nested scores them)"
    )


def _prf(prf: PRF, first: int) -> str:
    return f"{prf.precision:>{first}.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}"
