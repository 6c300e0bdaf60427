"""The sourcing summary: what a reader should see in ten seconds.

Stage `summarize` needs the "attributions" layer and adds the "summary" layer.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .article import SOURCE_KINDS, Article, Attribution
from .stage import stage

NAMED_KINDS = ("person", "organization")


def build_summary(attributions: list[Attribution], text: str) -> dict[str, Any]:
    """Counts by source kind, the longest chains, and the claims resting only on anonymity."""
    by_kind = Counter(a.source.kind for a in attributions)
    by_form = Counter(a.form for a in attributions)
    sources = Counter(_source_name(a, text) for a in attributions if a.source.span is not None)
    longest = max((len(a.chain) for a in attributions), default=0)
    chained = sorted((a for a in attributions if len(a.chain) > 1), key=lambda a: -len(a.chain))
    return {
        "attributions": len(attributions),
        "by_kind": {kind: by_kind.get(kind, 0) for kind in SOURCE_KINDS},
        "named": sum(by_kind.get(k, 0) for k in NAMED_KINDS),
        "by_form": dict(sorted(by_form.items())),
        "distinct_sources": len(sources),
        "top_sources": [{"source": s, "attributions": n} for s, n in sources.most_common(5)],
        "longest_chain": longest,
        "chains": [{"attribution": a.id, "chain": [link.to_json() for link in a.chain]} for a in chained[:5]],
        "anonymous_only": [a.id for a in attributions if a.source.kind == "anonymous"],
        "unsourced": [a.id for a in attributions if a.source.kind == "none"],
    }


def _source_name(attribution: Attribution, text: str) -> str:
    source = attribution.source
    if source.entity:
        return source.entity
    return source.span.text_in(text).strip() if source.span else ""


@stage(needs={"attributions"}, adds={"summary"})
def summarize(article: Article) -> Article:
    article.layers["summary"] = build_summary(article.attributions, article.text)
    return article
