"""The index page over several HTML reports: one row per article, linking to its page.

Self-contained like the reports (the same inlined style sheet, no script); each row reads only
the article's analysis dict, so stored analyses list exactly like fresh ones.

    >>> from sourcetrace.render import render_index
    >>> page = render_index([("3f2a….html", analysis), ...])
"""

from __future__ import annotations

import re
from html import escape
from importlib import resources
from typing import Any

from .markdown import count, flat, plural, sourcing

# A relative file name that starts like "javascript:" would be read as a URL scheme.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def render_index(pages: list[tuple[str, dict[str, Any]]]) -> str:
    """An HTML page listing each (relative file name, `sourcetrace/analysis@1` dict) with its sourcing."""
    rows = [_row(name, analysis) for name, analysis in pages]
    total = sum(count(sourcing(analysis).get("attributions")) for _, analysis in pages)
    style = resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")
    head = (
        "<tr><th>Article</th><th>Date</th><th>Outlet</th><th>Attributions</th><th>Anonymous</th><th>No source</th></tr>"
    )
    table = (
        f'<table class="claims-table cards index-table"><thead>{head}</thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>\n"
        if rows
        else "<p>No articles.</p>\n"
    )
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{plural(len(pages), 'article')} · sourcetrace</title>\n",
            f"<style>\n{style}</style>\n</head>\n<body>\n",
            f'<header class="page">\n<h1>{plural(len(pages), "article")}</h1>\n',
            f'<p class="meta"><span>{plural(total, "attribution")} in all</span>'
            "<span>anonymous: share of attributions resting only on anonymous sources</span>"
            "<span>no source: share with an agentless cue</span></p>\n</header>\n",
            f'<main class="page index">\n{table}</main>\n',
            '<footer class="page"><p>Rendered by sourcetrace from sourcetrace/analysis@1.</p></footer>\n',
            "</body>\n</html>\n",
        ]
    )


def _row(name: str, analysis: dict[str, Any]) -> str:
    meta = analysis.get("article") or {}
    label = flat(meta.get("title")) or flat(meta.get("input")) or "Untitled article"
    href = f"./{name}" if _SCHEME.match(name) else name
    summary = sourcing(analysis)
    total = count(summary.get("attributions"))
    return (
        f'<tr><td class="title"><a href="{escape(href)}">{escape(label)}</a></td>'
        f'<td data-label="Date">{escape(flat(meta.get("published")) or "unknown")}</td>'
        f'<td data-label="Outlet">{escape(flat(meta.get("outlet")) or "unknown")}</td>'
        f'<td class="num" data-label="Attributions">{total}</td>'
        f'<td class="num" data-label="Anonymous">{_share(summary.get("anonymous_only"), total)}</td>'
        f'<td class="num" data-label="No source">{_share(summary.get("unsourced"), total)}</td></tr>'
    )


def _share(ids: Any, total: int) -> str:
    """`2 (10%)`: how many of the attributions, and what share."""
    n = len(ids) if isinstance(ids, list) else 0
    return f"{n} ({round(100 * n / total)}%)" if total else "0"
