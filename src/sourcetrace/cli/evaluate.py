"""`sourcetrace eval attribution GOLD_DIR`: score an engine against BRAT gold."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any, TextIO

from ..evaluate import ROLES, AttributionScores, evaluate_attribution, format_text
from ..version import __version__
from .options import add_analysis_options, add_output_option, add_quiet_option, open_output, positive_int
from .progress import Tracker
from .tables import write_rows

SCORE_COLUMNS = ("role", "gold", "system", "exact_p", "exact_r", "exact_f1", "overlap_p", "overlap_r", "overlap_f1")
_SCORED = re.compile(r"scored (\d+)/(\d+)")  # evaluate_attribution's progress message


def add_command(commands: argparse._SubParsersAction) -> None:
    """Register `eval attribution GOLD_DIR [--format text|json|md] [-o FILE] [--model NAME] [--limit N]`."""
    evaluate = commands.add_parser("eval", help="score the analysis against annotated data")
    tasks = evaluate.add_subparsers(required=True, metavar="TASK")
    attribution = tasks.add_parser(
        "attribution",
        help="source, cue and content against BRAT gold (PolNeAR's format)",
        description="GOLD_DIR holds text/<article>.txt and attributions/<article>_<annotator>.ann.",
    )
    attribution.add_argument("gold_dir", metavar="GOLD_DIR", help="folder with text/ and attributions/")
    attribution.add_argument(
        "--format", choices=("text", "json", "md"), default="text", help="text table (default), json or md"
    )
    add_output_option(attribution)
    attribution.add_argument("--limit", type=positive_int, metavar="N", help="score only the first N articles")
    add_analysis_options(attribution)
    attribution.add_argument(
        "--nested",
        action="store_true",
        help="also score attributions reported inside another's content (PolNeAR annotates none)",
    )
    attribution.add_argument(
        "--without-continued",
        dest="continued",
        action="store_false",
        help="leave out reports that go on without a cue (PolNeAR annotates them only in part), "
        "to compare with scores from before they were found",
    )
    add_quiet_option(attribution)
    attribution.set_defaults(run=_run_attribution)


def _run_attribution(args: argparse.Namespace) -> int:
    from ..pipeline import Pipeline  # loads spaCy: only the commands that analyse pay for it

    with Tracker("scoring", quiet=args.quiet) as tracker:
        scores = evaluate_attribution(
            Path(args.gold_dir),
            pipeline=Pipeline(model=args.model, keep_doc=True, engine=args.engine),
            limit=args.limit,
            progress=lambda message: _progress(tracker, message),
            nested=args.nested,
            continued=args.continued,
        )
        scored = f"{len(scores.articles)}/{tracker.total}" if tracker.total else str(len(scores.articles))
        tracker.summary = f"scored {scored} article(s), {len(scores.failures)} not scored" + (
            "; see the warnings above" if scores.failures else ""
        )
    # What was scored, as the analyses themselves say it (contract `producer`).
    producer = {"name": "sourcetrace", "version": __version__, "attribution_engine": args.engine}
    with open_output(args.output) as out:
        if args.format == "json":
            out.write(json.dumps({**scores.to_json(), "producer": producer}, ensure_ascii=False) + "\n")
        elif args.format == "md":
            _markdown(scores, args.engine, out)
        else:
            out.write(f"engine: {args.engine} (sourcetrace {__version__})\n" + format_text(scores))
            out.write(_continued_line(scores) + "\n")
    return 1 if scores.failures else 0


def _continued_line(scores: AttributionScores) -> str:
    if scores.continued_scored:
        return "continued reports: scored (--without-continued leaves them out)"
    left_out = sum(article.continued for article in scores.articles)
    return f"continued reports: {left_out} not scored (--without-continued; PolNeAR annotates them only in part)"


def _progress(tracker: Tracker, message: str) -> None:
    scored = _SCORED.match(message)
    if scored:
        tracker.set(int(scored[1]), int(scored[2]))
    else:  # warnings: an article not scored, or gold that could not be read
        tracker.error(message)


def _markdown(scores: AttributionScores, engine: str, out: TextIO) -> None:
    out.write(f"# Attribution scores: engine {engine} (sourcetrace {__version__})\n\n")
    out.write(f"{len(scores.articles)} article(s) scored, {len(scores.failures)} not scored.\n")
    out.write(_continued_line(scores) + ".\n\n")
    rows = [_score_row(role, scores.role(role, "exact"), scores.role(role, "overlap")) for role in ROLES]
    rows.append(_score_row("attribution", scores.attribution("exact"), scores.attribution("overlap")))
    write_rows(rows, SCORE_COLUMNS, "md", out)


def _score_row(role: str, exact: Any, overlap: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"role": role, "gold": exact.gold, "system": exact.predicted}
    for name, prf in (("exact", exact), ("overlap", overlap)):
        row.update(
            {f"{name}_p": f"{prf.precision:.3f}", f"{name}_r": f"{prf.recall:.3f}", f"{name}_f1": f"{prf.f1:.3f}"}
        )
    return row
