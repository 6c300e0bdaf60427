"""Analyses written out: reports one after another, a folder of HTML pages with an index,
or the attributions or claims of every article as rows (CSV, for a spreadsheet).

Shared by `analyze` (fresh analyses) and `show` (stored ones): both hand over contract dicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import SourcetraceError
from ..render import render, render_index
from .tables import write_rows

REPORT_FORMATS = ("json", "md", "html", "csv")
ROWS = ("attributions", "claims")
ATTRIBUTION_COLUMNS = (
    "article", "attribution", "source", "entity", "kind", "cue", "content", "form", "chain",
)  # fmt: skip
CLAIM_COLUMNS = (
    "article", "claim", "text", "checkworthiness", "attribution", "source_kind", "stated_as_fact",
)  # fmt: skip
CHAIN_ARROW = " → "


def attribution_rows(analysis: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per attribution; `chain` is the reporting chain, outermost first."""
    article = analysis["article"]["id"]
    for a in analysis.get("attributions") or []:
        source = a.get("source") or {}
        yield {
            "article": article,
            "attribution": a.get("id"),
            "source": source.get("text"),
            "entity": source.get("entity"),
            "kind": source.get("kind"),
            "cue": (a.get("cue") or {}).get("text"),
            "content": (a.get("content") or {}).get("text"),
            "form": a.get("form"),
            "chain": CHAIN_ARROW.join(link.get("entity") or link.get("text") or "?" for link in a.get("chain") or []),
        }


def claim_rows(analysis: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per claim, with the attribution it rests on (empty: the article's own voice)."""
    article = analysis["article"]["id"]
    for claim in analysis.get("claims") or []:
        yield {"article": article, "claim": claim.get("id"), **{c: claim.get(c) for c in CLAIM_COLUMNS[2:]}}


def write_csv(analyses: Iterable[dict[str, Any]], rows: str, out: TextIO) -> int:
    """The attributions (or claims) of every analysis as one CSV table; returns the row count."""
    per_article, columns = (claim_rows, CLAIM_COLUMNS) if rows == "claims" else (attribution_rows, ATTRIBUTION_COLUMNS)
    return write_rows((row for analysis in analyses for row in per_article(analysis)), columns, "csv", out)


def write_reports(analyses: Iterable[dict[str, Any]], format: str, out: TextIO) -> int:
    """Each analysis rendered, one after another; returns how many were written."""
    done = 0
    for analysis in analyses:
        if done and format == "md":
            out.write("\n---\n\n")
        if done and format == "html":
            raise SourcetraceError("html with several articles needs -o DIRECTORY (one page per article, and an index)")
        out.write(render(analysis, format).rstrip("\n") + "\n")
        out.flush()  # a long batch shows each report as soon as it is done
        done += 1
    return done


def write_pages(analyses: Iterable[dict[str, Any]], directory: Path) -> int:
    """One HTML page per analysis, named after its input, and `index.html` linking them."""
    directory.mkdir(parents=True, exist_ok=True)
    pages: list[tuple[str, dict[str, Any]]] = []
    used: set[str] = set()
    for analysis in analyses:
        name = page_name(analysis, used)
        (directory / name).write_text(render(analysis, "html"), encoding="utf-8")
        pages.append((name, analysis))
    (directory / "index.html").write_text(render_index(pages), encoding="utf-8")
    return len(pages)


def page_name(analysis: dict[str, Any], used: set[str]) -> str:
    """A readable file name from the input ("harbour.txt" → "harbour.html"), unique in `used`."""
    meta = analysis["article"]
    stem = Path(str(meta.get("input") or "")).name
    stem = re.sub(r"\.(txt|html?|jsonl?|csv|tsv)\b", "", stem, flags=re.IGNORECASE)
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60] or "article"
    if slug == "index" or f"{slug}.html" in used:
        slug = f"{slug}-{meta['id'][:8]}"
    used.add(f"{slug}.html")
    return f"{slug}.html"


def is_directory_target(output: str) -> bool:
    return output.endswith(("/", "\\")) or Path(output).is_dir() or not Path(output).suffix
