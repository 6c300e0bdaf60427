"""Reports rendered from the JSON contract (`contract.to_json`), never from an `Article`.

Working from the contract dict means a stored analysis renders exactly like a fresh one.

    >>> from sourcetrace.render import render
    >>> page = render(analysis, "html")     # "json", "md" or "html"
    >>> index = render_index([("3f2a….html", analysis), ...])   # a page listing several reports
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .html import render_html
from .index import render_index
from .markdown import render_markdown

__all__ = ["FORMATS", "render", "render_html", "render_index", "render_json", "render_markdown"]


def render_json(analysis: dict[str, Any]) -> str:
    """The contract itself on one line (a JSON Lines record), non-ASCII kept as is."""
    return json.dumps(analysis, ensure_ascii=False, separators=(",", ":"))


_RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "json": render_json,
    "md": render_markdown,
    "html": render_html,
}
FORMATS = tuple(_RENDERERS)


def render(analysis: dict[str, Any], format: str) -> str:
    """One analysis (a `sourcetrace/analysis@1` dict) as "json", "md" or "html"."""
    renderer = _RENDERERS.get(format)
    if renderer is None:
        raise ValueError(f"unknown report format {format!r}; choose one of: {', '.join(FORMATS)}")
    return renderer(analysis)
