"""`sourcetrace eval attribution GOLD_DIR`: score an engine against BRAT gold."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..evaluate import evaluate_attribution, format_text
from ..parse import DEFAULT_MODEL
from ..pipeline import Pipeline
from ..version import __version__


def add_command(commands: argparse._SubParsersAction) -> None:
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
    attribution.set_defaults(run=_run_attribution)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number of articles")
    return int(value)


def _run_attribution(args: argparse.Namespace) -> int:
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
