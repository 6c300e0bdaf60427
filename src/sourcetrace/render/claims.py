"""Report sections for claims and the sourcing profile, in Markdown and in HTML.

Both read the contract dict (`claims`, `profile`, `attributions`); an analysis stored before
claims existed has neither key and renders without these sections. In HTML each claim's row
carries its id and links to the claim's sentence in the text (which links back), its hedges
to where they are marked, and its sourcing to its attribution.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .markdown import by_id, chain_label, md_clip, md_escape, source_name
from .text import PageIds, hedge_anchor, link

TOP_CLAIMS = 10
CLAIM_LIMIT = 160
PROFILE_LABELS = {
    "named": "named",
    "anonymous": "anonymous",
    "vague": "vague",
    "document": "document",
    "none": "agentless cue",
    "unsourced": "no source",
}


def ranked_claims(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(analysis.get("claims") or [], key=lambda c: -float(c.get("checkworthiness") or 0))


def sourcing_of(claim: dict[str, Any], attributions: dict[str, dict[str, Any]]) -> str:
    """ "anonymous, via Seymour Hersh (person) → anonymous US officials (anonymous)"."""
    attribution = attributions.get(str(claim.get("attribution")))
    if attribution is None:
        if claim.get("continues"):
            return f"no source of its own; follows {claim['continues']}"
        return "no source" + ("" if claim.get("hedges") else ", stated as fact")
    chain = attribution.get("chain") or []
    kind = claim.get("source_kind") or "?"
    if len(chain) > 1:
        return f"{kind}, via {chain_label(chain)}"
    if kind == "none":
        return "agentless cue (no source named)"
    return f"{kind}: {source_name(attribution.get('source'))}"


def profile_line(profile: dict[str, Any]) -> str:
    shares = profile.get("shares") or {}
    parts = [f"{PROFILE_LABELS[k]} {round(100 * float(shares.get(k, 0)))}%" for k in PROFILE_LABELS]
    line = " · ".join(parts) + f" · {profile.get('distinct_sources', 0)} distinct sources"
    dominant = profile.get("dominant_source")
    if dominant:
        line += f" · one source carries {round(100 * dominant['share'])}% of attributed claims: {dominant['source']}"
    return line


def claims_markdown(analysis: dict[str, Any]) -> str:
    claims = ranked_claims(analysis)
    profile = analysis.get("profile")
    if not claims or not profile:
        return ""
    attributions = by_id(analysis)
    lines = [f"## Claims ({len(claims)}), most check-worthy first", "", md_escape(profile_line(profile)), ""]
    anonymous = profile.get("anonymous_only") or []
    if anonymous:
        lines += [f"**Resting only on anonymous sources:** {', '.join(md_escape(str(i)) for i in anonymous)}", ""]
    unsourced = profile.get("stated_as_fact") or []
    if unsourced:
        lines += [f"**Stated as fact with no source:** {', '.join(md_escape(str(i)) for i in unsourced)}", ""]
    # A label, so the ranked list is not read as the ids above it.
    lines += [f"**Most check-worthy** (of {len(claims)}):", ""]
    for claim in claims[:TOP_CLAIMS]:
        hedges = ", ".join(h.get("text", "") for h in claim.get("hedges") or [])
        hedged = f" · hedged: {md_escape(hedges)}" if hedges else ""
        lines.append(
            f"- {float(claim.get('checkworthiness') or 0):.2f} **{md_escape(str(claim.get('id')))}** "
            f"{md_clip(claim.get('text'), CLAIM_LIMIT)} — *{md_escape(sourcing_of(claim, attributions))}*{hedged}"
        )
    if len(claims) > TOP_CLAIMS:
        lines.append(f"- … and {len(claims) - TOP_CLAIMS} more claims in the JSON report")
    return "\n".join(lines)


def claims_html(analysis: dict[str, Any], ids: PageIds) -> str:
    """The claims table: each claim with its id, linked to its sentence in the text and back."""
    claims = ranked_claims(analysis)
    profile = analysis.get("profile")
    if not claims or not profile:
        return ""
    row_of = {id(claim): anchor for claim, anchor in zip(analysis.get("claims") or [], ids.claims)}
    anonymous = {str(i) for i in profile.get("anonymous_only") or []}
    attributions = by_id(analysis)
    rows = [_claim_row(claim, row_of[id(claim)], anonymous, attributions, ids) for claim in claims]
    return (
        '<section class="page claims" id="st-claims">\n'
        f"<h2>Claims ({len(claims)}), most check-worthy first</h2>\n"
        f"<p>{escape(profile_line(profile))}</p>\n"
        '<table class="claims-table cards"><thead><tr><th>Id</th><th>Check-worthiness</th><th>Claim</th>'
        "<th>Sourcing</th><th>Hedges</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>\n</section>\n"
    )


def _claim_row(
    claim: dict[str, Any], anchor: str, anonymous: set[str], attributions: dict[str, dict[str, Any]], ids: PageIds
) -> str:
    flags = []
    if str(claim.get("id")) in anonymous:
        flags.append('<span class="flag anonymous-only">anonymous only</span>')
    if claim.get("stated_as_fact"):
        flags.append('<span class="flag unsourced">stated as fact</span>')
    label = link(ids.href(f"{anchor}-text"), escape(anchor), "claim-id")
    sourcing = escape(sourcing_of(claim, attributions))
    attribution = str(claim.get("attribution"))
    if attribution in ids.by_attribution:
        sourcing += f" ({link(ids.statement(attribution), escape(attribution))})"
    hedges = ", ".join(
        link(ids.href(hedge_anchor(anchor, number)), escape(str(hedge.get("text", ""))))
        for number, hedge in enumerate(claim.get("hedges") or [], 1)
    )
    return (
        f'<tr id="{anchor}"><td class="id" data-label="Claim">{label}</td>'
        f'<td class="num" data-label="Check-worthiness">{float(claim.get("checkworthiness") or 0):.2f}</td>'
        f'<td class="claim-text">{escape(str(claim.get("text") or ""))} {" ".join(flags)}</td>'
        f'<td data-label="Sourcing">{sourcing}</td>'
        f'<td data-label="Hedges">{hedges}</td></tr>'
    )
