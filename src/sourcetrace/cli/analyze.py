"""`sourcetrace analyze PATH...`: analyse articles and write their reports.

Errors about one input go to stderr as they happen and the batch goes on; the exit status
is 1 when any input failed.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..contract import to_json
from ..errors import Failure, Skipped
from .options import (
    add_format_option,
    add_input_options,
    add_output_option,
    add_quiet_option,
    estimate_inputs,
    open_output,
    read_args_inputs,
)
from .progress import Tracker
from .reports import REPORT_FORMATS, ROWS, is_directory_target, write_csv, write_pages, write_reports


def add_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    command = commands.add_parser(
        "analyze",
        help="analyse articles and print their attributions",
        description="Analyse articles and write each one's report. csv writes one row per attribution "
        "(article, attribution, source, entity, kind, cue, content, form, chain) of every article, "
        "or one per claim with --rows claims.",
    )
    add_input_options(command)
    add_format_option(command, REPORT_FORMATS, "json", "json (JSON Lines), md, html, or csv (a table of attributions)")
    add_output_option(
        command, "file to write (a directory for html with several articles: one page each and index.html)"
    )
    command.add_argument("--rows", choices=ROWS, default="attributions", help="what a csv row is (default %(default)s)")
    command.add_argument(
        "--transcript",
        action="store_true",
        help="each file is a transcript (CSV/TSV, speaker and text columns): one article, each turn attributed to its speaker",
    )
    command.add_argument("--speaker-field", metavar="NAME", help="transcript column holding the speaker")
    add_quiet_option(command)
    command.set_defaults(run=run)
    return command


def run(args: argparse.Namespace) -> int:
    from ..pipeline import Pipeline  # loads spaCy: only the commands that analyse pay for it

    pipeline = Pipeline(model=args.model, engine=args.engine)
    with Tracker("analysing", quiet=args.quiet, count=lambda: estimate_inputs(args)) as tracker:
        analyses = _analyses(pipeline.run(read_args_inputs(args)), tracker)
        if args.format == "html" and args.output and is_directory_target(args.output):
            write_pages(analyses, Path(args.output))
        else:
            with open_output(args.output, newline="" if args.format == "csv" else None) as out:
                if args.format == "csv":
                    write_csv(analyses, args.rows, out)
                else:
                    write_reports(analyses, args.format, out)
        tracker.summary = _summary(tracker, args)
    return 1 if tracker.failed or tracker.done == 0 else 0


def _analyses(outcomes: Iterable[Any], tracker: Tracker) -> Iterator[dict[str, Any]]:
    """The contract dict of each analysed article; each failure is reported and counted."""
    for outcome in outcomes:
        if isinstance(outcome, Skipped):
            continue
        if isinstance(outcome, Failure):
            tracker.error(f"error: {outcome.reason}")
            tracker.advance(failed=True)
            continue
        tracker.advance()
        yield to_json(outcome)


def _summary(tracker: Tracker, args: argparse.Namespace) -> str | None:
    # One article analysed fine needs no line; a batch, or any failure, gets one.
    if tracker.done == 1 and not tracker.failed:
        return None
    where = f" to {args.output}" if args.output else ""
    return f"analysed {tracker.done - tracker.failed} article(s){where}, {tracker.failed} failed"
