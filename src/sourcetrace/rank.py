"""Ranking a transcript's lines by check-worthiness, and measuring a ranking.

    rank_transcript(path)          [(line_number, score), ...], most check-worthy first
    format_checkthat(rows)         `line_number<TAB>score` lines, the CheckThat! results format
    average_precision(labels) ...  the CheckThat! 2020 task 5 measures over one ranking

`add_rank_command` registers `sourcetrace rank` on the CLI's subcommands. The library
returns data; only the command prints.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .claims.checkworthiness import Scorer, load_scorer
from .errors import InputError
from .transcripts import Turn, read_transcript

__all__ = [
    "add_rank_command",
    "average_precision",
    "format_checkthat",
    "format_json",
    "precision_at",
    "r_precision",
    "rank_transcript",
    "rank_turns",
]


def rank_turns(turns: Sequence[Turn], *, scorer: Scorer | None = None) -> list[tuple[int, float]]:
    """(line_number, score) for every turn, highest score first, ties in line order."""
    scorer = scorer or load_scorer()
    scores = scorer.score([t.text for t in turns], speakers=[t.speaker for t in turns])
    rows = [(turn.line_number, value) for turn, value in zip(turns, scores)]
    return sorted(rows, key=lambda row: -row[1])  # stable: ties keep line order


def rank_transcript(
    path: str | os.PathLike[str],
    *,
    speaker_field: str | None = None,
    text_field: str | None = None,
    scorer: Scorer | None = None,
) -> list[tuple[int, float]]:
    """Read a transcript and rank its lines; raises `InputError` for a broken file."""
    turns = read_transcript(path, speaker_field=speaker_field, text_field=text_field)
    return rank_turns(turns, scorer=scorer)


def format_checkthat(rows: Sequence[tuple[int, float]]) -> str:
    """`line_number<TAB>score` per row, in the given order (rank first with `rank_turns`)."""
    return "".join(f"{line}\t{value:.6f}\n" for line, value in rows)


def format_json(turns: Sequence[Turn], rows: Sequence[tuple[int, float]]) -> str:
    """One JSON object per line, ranked: rank, line_number, speaker, text, score."""
    by_line = {turn.line_number: turn for turn in turns}
    out = []
    for rank, (line, value) in enumerate(rows, 1):
        turn = by_line[line]
        record = {
            "rank": rank,
            "line_number": line,
            "speaker": turn.speaker,
            "text": turn.text,
            "score": round(value, 6),
        }
        out.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(out)


# --- measures (CheckThat! 2020 task 5 scorer definitions) ---------------------------


def average_precision(labels: Sequence[int]) -> float:
    """Mean of the precision at each check-worthy line; `labels` in ranked order."""
    positives = sum(1 for label in labels if label)
    if not positives:
        return 0.0
    found, total = 0, 0.0
    for rank, label in enumerate(labels, 1):
        if label:
            found += 1
            total += found / rank
    return total / positives


def r_precision(labels: Sequence[int]) -> float:
    """Precision at rank R, R being the number of check-worthy lines."""
    positives = sum(1 for label in labels if label)
    return sum(1 for label in labels[:positives] if label) / positives if positives else 0.0


def precision_at(labels: Sequence[int], k: int) -> float:
    """Share of check-worthy lines among the first k (k counts even past the end)."""
    return sum(1 for label in labels[:k] if label) / k


# --- the command --------------------------------------------------------------------


def add_rank_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
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
    rank.set_defaults(run=run_rank)
    return rank


def run_rank(args: argparse.Namespace) -> int:
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
