"""The public JSON contract, `sourcetrace/analysis@1` (documented in docs/contract.md).

Renderers and the store work from this dictionary, not from the `Article`, so a stored
analysis renders exactly like a fresh one.
"""

from __future__ import annotations

from typing import Any

from .article import Article
from .version import __version__

SCHEMA = "sourcetrace/analysis@1"


def to_json(article: Article) -> dict[str, Any]:
    """The contract object for one analysed article."""
    return {
        "schema": SCHEMA,
        "article": {
            "id": article.id,
            "input": article.input,
            "title": article.title,
            "published": article.published,
            "outlet": article.outlet,
            "url": article.url,
            "author": article.author,
            "language": article.language,
            # Added in 0.3: metadata the reader found but could not use (an unreadable date).
            "warnings": list(article.warnings),
        },
        "text": article.text,
        "removed": [{"kind": r.kind, "text": r.text} for r in article.removed],
        "attributions": [a.to_json(article.text) for a in article.attributions],
        "summary": article.layers.get("summary", {}),
        # Added in 0.2 (same schema: new keys only): claims and the sourcing profile.
        "claims": [c.to_json(article.text) for c in article.layers.get("claims", [])],
        "profile": article.layers.get("profile", {}),
        # Added in 0.2: machine-translation artifacts flagged, and the actors.
        "flags": [flag.to_json() for flag in article.layers.get("flags", [])],
        "actors": [actor.to_json(article.text) for actor in article.layers.get("actors", [])],
        # Added in 0.3: what produced the analysis, so results of two engines or versions
        # can be told apart in a store or a diff.
        "producer": {
            "name": "sourcetrace",
            "version": __version__,
            "attribution_engine": article.engine,
        },
    }
