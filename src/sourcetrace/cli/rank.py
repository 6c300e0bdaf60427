"""`sourcetrace rank TRANSCRIPT`: a transcript's lines by check-worthiness."""

from __future__ import annotations

import argparse
import sys

from ..claims.rank import format_checkthat, format_json, rank_turns
from ..errors import InputError
from ..read.transcripts import read_transcript


def add_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `rank TRANSCRIPT [--format checkthat|json] [--speaker-field] [--text-field]`."""
    rank = commands.add_parser(
        "rank",
        help="rank a transcript's lines by check-worthiness",
        description="Score every line of a debate or interview transcript (CSV/TSV with speaker "
        "and text columns, or the CheckThat! TSV) and print them most check-worthy first.",
    )
    rank.add_argument("transcript", metavar="TRANSCRIPT", help=".tsv or .csv transcript, one turn a row")
    rank.add_argument(
        "--format",
        choices=("checkthat", "json"),
        default="checkthat",
        help="checkthat: line_number<TAB>score (default); json: JSON Lines with speaker and text",
    )
    rank.add_argument("--speaker-field", metavar="NAME", help="column holding the speaker (the file then has a header)")
    rank.add_argument("--text-field", metavar="NAME", help="column holding the text (the file then has a header)")
    rank.set_defaults(run=run)
    return rank


def run(args: argparse.Namespace) -> int:
    try:
        turns = read_transcript(args.transcript, speaker_field=args.speaker_field, text_field=args.text_field)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    rows = rank_turns(turns)
    if args.format == "json":
        sys.stdout.write(format_json(turns, rows))
    else:
        sys.stdout.write(format_checkthat(rows))
    return 0
