"""`sourcetrace rank TRANSCRIPT`: a transcript's lines by check-worthiness."""

from __future__ import annotations

import argparse
import json
import sys

from ..claims.rank import format_checkthat, format_json, rank_turns
from ..errors import InputError
from ..read.transcripts import read_transcript
from .options import add_output_option, open_output
from .tables import write_rows

MD_COLUMNS = ("rank", "line_number", "score", "speaker", "text")


def add_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `rank TRANSCRIPT [--format checkthat|json|md] [-o FILE] [--speaker-field] [--text-field]`."""
    rank = commands.add_parser(
        "rank",
        help="rank a transcript's lines by check-worthiness",
        description="Score every line of a debate or interview transcript (CSV/TSV with speaker "
        "and text columns, or the CheckThat! TSV) and print them most check-worthy first.",
    )
    rank.add_argument("transcript", metavar="TRANSCRIPT", help=".tsv or .csv transcript, one turn a row")
    rank.add_argument(
        "--format",
        choices=("checkthat", "json", "md"),
        default="checkthat",
        help="checkthat: line_number<TAB>score (default); json: JSON Lines with speaker and text; md: a table",
    )
    add_output_option(rank)
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
    with open_output(args.output) as out:
        if args.format == "md":
            records = (json.loads(line) for line in format_json(turns, rows).splitlines())
            write_rows(records, MD_COLUMNS, "md", out)
        else:
            out.write(format_json(turns, rows) if args.format == "json" else format_checkthat(rows))
    return 0
