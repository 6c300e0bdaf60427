"""The sourcing summary: what a reader should see in ten seconds.

Stage `summarize` needs the "attributions" layer and adds the "summary" layer. The summary is
computed from contract dicts (`summary_of`), so the reports can derive it the same way for a
stored record that lacks one: there is one implementation, not two.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .article import SOURCE_KINDS, Article, Attribution
from .stage import stage

NAMED_KINDS = ("person", "organization")


def build_summary(attributions: list[Attribution], text: str) -> dict[str, Any]:
    """Counts by source kind, the longest chains, and the claims resting only on anonymity."""
    return summary_of([attribution.to_json(text) for attribution in attributions])


def summary_of(attributions: list[dict[str, Any]]) -> dict[str, Any]:
    """The summary of attributions given as contract dicts (`Attribution.to_json`).

    Stored records can be malformed: missing keys read as empty, and a source kind outside
    the contract is counted in `attributions` but in no `by_kind` entry.
    """
    kinds = [_source(a).get("kind") for a in attributions]
    by_kind = Counter(kind for kind in kinds if isinstance(kind, str))
    by_form = Counter(str(a.get("form")) for a in attributions)
    sources = Counter(_source_name(a) for a in attributions if _source(a).get("text") is not None)
    chained = sorted((a for a in attributions if len(_chain(a)) > 1), key=lambda a: -len(_chain(a)))
    return {
        "attributions": len(attributions),
        "by_kind": {kind: by_kind.get(kind, 0) for kind in SOURCE_KINDS},
        "named": sum(by_kind.get(k, 0) for k in NAMED_KINDS),
        "by_form": dict(sorted(by_form.items())),
        "distinct_sources": len(sources),
        "top_sources": [{"source": s, "attributions": n} for s, n in sources.most_common(5)],
        "longest_chain": max((len(_chain(a)) for a in attributions), default=0),
        "chains": [{"attribution": a.get("id"), "chain": _chain(a)} for a in chained[:5]],
        "anonymous_only": [a.get("id") for a, kind in zip(attributions, kinds) if kind == "anonymous"],
        "unsourced": [a.get("id") for a, kind in zip(attributions, kinds) if kind == "none"],
        # Added in 0.7: reports that go on without a cue, counted above under their source.
        "continued": [a.get("id") for a in attributions if a.get("continues")],
    }


def _source(attribution: dict[str, Any]) -> dict[str, Any]:
    source = attribution.get("source")
    return source if isinstance(source, dict) else {}


def _chain(attribution: dict[str, Any]) -> list[Any]:
    chain = attribution.get("chain")
    return chain if isinstance(chain, list) else []


def _source_name(attribution: dict[str, Any]) -> str:
    """Its canonical entity, else its words without surrounding space; always a string."""
    source = _source(attribution)
    if source.get("entity"):
        return str(source["entity"])
    return str(source.get("text") or "").strip()


@stage(needs={"attributions"}, adds={"summary"})
def summarize(article: Article) -> Article:
    article.layers["summary"] = build_summary(article.attributions, article.text)
    return article
