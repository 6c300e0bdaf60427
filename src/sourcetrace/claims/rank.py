"""Ranking a transcript's lines by check-worthiness.

    rank_transcript(path)          [(line_number, score), ...], most check-worthy first
    format_checkthat(rows)         `line_number<TAB>score` lines, the CheckThat! results format
    format_json(turns, rows)       JSON Lines with speaker and text

The library returns data; only the command (`cli/rank.py`) prints. The measures of a
ranking are in `evaluate/ranking.py`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

from ..read.transcripts import Turn, read_transcript
from .checkworthiness import Scorer, load_scorer

__all__ = ["format_checkthat", "format_json", "rank_transcript", "rank_turns"]


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
