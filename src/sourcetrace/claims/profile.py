"""The article's sourcing profile: how the weight of its claims is carried.

Shares of claims resting on named, anonymous, vague, document and agentless sources and on
none at all; the claims whose only support is anonymous; how many distinct sources the
article rests on; and whether one source carries most of it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..article import Attribution
from .extract import Claim

PROFILE_KINDS = ("named", "anonymous", "vague", "document", "none", "unsourced")
DOMINANT_SHARE = 0.5  # one source behind half the attributed claims or more
DOMINANT_MIN_CLAIMS = 3


def build_profile(claims: list[Claim], attributions: list[Attribution], text: str) -> dict[str, Any]:
    by_id = {a.id: a for a in attributions}
    kinds = Counter(_profile_kind(c.source_kind) for c in claims)
    total = len(claims)
    anonymous_only = [c.id for c in claims if c.support and all(by_id[a].source.kind == "anonymous" for a in c.support)]
    sources = Counter(_source_name(by_id[c.attribution], text) for c in claims if c.attribution)
    attributed = sum(sources.values())
    profile: dict[str, Any] = {
        "claims": total,
        "shares": {k: round(kinds.get(k, 0) / total, 3) if total else 0.0 for k in PROFILE_KINDS},
        "counts": {k: kinds.get(k, 0) for k in PROFILE_KINDS},
        "anonymous_only": anonymous_only,
        "stated_as_fact": [c.id for c in claims if c.stated_as_fact],
        "hedged": [c.id for c in claims if c.hedges],
        "distinct_sources": len(sources),
        "dominant_source": None,
        "max_hearsay_depth": max((c.hearsay_depth for c in claims), default=0),
        # Claims resting on a report that goes on without a cue: counted above under the
        # source of the report they continue (docs/continued-reports.md).
        "continued": [c.id for c in claims if c.attribution and by_id[c.attribution].continues],
    }
    if sources and attributed >= DOMINANT_MIN_CLAIMS:
        name, count = sources.most_common(1)[0]
        if count / attributed >= DOMINANT_SHARE:
            profile["dominant_source"] = {"source": name, "claims": count, "share": round(count / attributed, 3)}
    return profile


def _profile_kind(source_kind: str) -> str:
    return "named" if source_kind in {"person", "organization"} else source_kind


def _source_name(attribution: Attribution, text: str) -> str:
    source = attribution.source
    if source.entity:
        return source.entity
    return source.span.text_in(text) if source.span else "(no source)"
