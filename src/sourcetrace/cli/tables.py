"""Rows of data as JSON Lines, CSV or a Markdown table: one writer for every tabular command.

A row is a dict from column name to a plain value (str, int, float, None) or a list of
them; the columns are the same for every format, so a CSV header and a JSON key always
agree. A list stays a JSON array and is joined with "; " in a CSV or Markdown cell. Rows are
written as they come, so a long listing starts printing at once.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

TABLE_FORMATS = ("md", "json", "csv")
MD_CELL = 90  # characters of a cell shown in a Markdown table; csv and json keep all
# Never clipped in Markdown: a failure's reason ends with its fix, which a clipped cell would hide.
MD_WHOLE = frozenset({"reason"})
# Right-aligned in Markdown.
NUMERIC = frozenset({"attributions", "claims", "articles", "rank", "score", "line_number", "gold", "system"})


def write_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str], format: str, out: TextIO) -> int:
    """Write the rows in `format` ("md", "json" or "csv"); returns how many were written."""
    if format not in TABLE_FORMATS:
        raise ValueError(f"unknown table format {format!r}; choose one of: {', '.join(TABLE_FORMATS)}")
    if format == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
    elif format == "md":
        out.write("| " + " | ".join(columns) + " |\n")
        out.write("|" + "|".join("---:" if c in NUMERIC else "---" for c in columns) + "|\n")
    written = 0
    for row in rows:
        if format == "csv":
            writer.writerow({c: _joined(v) for c, v in row.items()})
        elif format == "md":
            out.write("| " + " | ".join(md_cell(row.get(c), whole=c in MD_WHOLE) for c in columns) + " |\n")
        else:
            out.write(json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False) + "\n")
        written += 1
    return written


def md_cell(value: Any, *, whole: bool = False) -> str:
    """A value as one Markdown table cell: one line, pipes escaped, long text clipped (unless `whole`)."""
    if value is None:
        return ""
    text = " ".join(str(_joined(value)).split())
    if len(text) > MD_CELL and not whole:
        text = text[: MD_CELL - 1].rstrip() + "…"
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _joined(value: Any) -> Any:
    return "; ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else value
