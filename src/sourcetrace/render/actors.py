"""Report sections for actors (who says and wants what) and translation artifacts.

Both read the contract dict (`actors`, `flags`); analyses stored before these existed have
neither key and render without the sections. The actors are listed as `sourcetrace actors`
lists them: every one, in the contract's order (order of first mention), including those
only mentioned, who neither say nor want anything the article reports.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .markdown import md_clip, md_escape, plural
from .text import PageIds, link

EVIDENCE_LIMIT = 140
MAX_VARIANTS = 6


def _position_line(position: dict[str, Any]) -> tuple[str, str, str]:
    """(stance, evidence, attributed to) for one position."""
    evidence = (position.get("evidence") or {}).get("text") or ""
    source = position.get("source")
    if source is None:
        who = "in the article's own voice"
    else:
        who = source.get("entity") or source.get("text") or "?"
        reported = source.get("reported_by") or []
        if reported:
            who = " → ".join([*reported, who])
        who = f"per {who}" + (" (inferred from the sentences before)" if source.get("inferred") else "")
    stance = position.get("stance") or "?"
    if position.get("negated"):
        stance = f"not {stance}"
    return stance, evidence, who


def actors_markdown(analysis: dict[str, Any]) -> str:
    actors = analysis.get("actors") or []
    if not actors:
        return ""
    lines = ["## Actors: who says and wants what", ""]
    for actor in actors:
        variants = [v for v in actor.get("variants") or [] if v != actor.get("name")][:MAX_VARIANTS]
        also = f" — also: {md_escape('; '.join(variants))}" if variants else ""
        lines.append(f"- **{md_escape(actor.get('name'))}** ({md_escape(actor.get('kind'))}){also}")
        if actor.get("says"):
            lines.append(f"  - says: {', '.join(md_escape(str(i)) for i in actor['says'])}")
        if actor.get("reports"):
            lines.append(f"  - passes on: {', '.join(md_escape(str(i)) for i in actor['reports'])}")
        for position in actor.get("positions") or []:
            stance, evidence, who = _position_line(position)
            lines.append(f"  - {md_escape(stance)}: {md_clip(evidence, EVIDENCE_LIMIT)} — *{md_escape(who)}*")
    return "\n".join(lines)


def flags_markdown(analysis: dict[str, Any]) -> str:
    flags = analysis.get("flags") or []
    if not flags:
        return ""
    lines = [f"## Translation artifacts ({len(flags)})", ""]
    for (text, meaning), count in _grouped(flags):
        times = f" ×{count}" if count > 1 else ""
        lines.append(f"- “{md_escape(text)}”{times} likely means {md_escape(meaning)}")
    return "\n".join(lines)


def _grouped(flags: list[dict[str, Any]]) -> list[tuple[tuple[str, str], int]]:
    """Each rendering once, with how often it occurs, in order of first occurrence."""
    counts: dict[tuple[str, str], int] = {}
    for flag in flags:
        key = (str(flag.get("text")), str(flag.get("meaning")))
        counts[key] = counts.get(key, 0) + 1
    return list(counts.items())


def actors_html(analysis: dict[str, Any], ids: PageIds) -> str:
    actors = analysis.get("actors") or []
    if not actors:
        return ""
    items = [_actor_html(actor, a, ids) for a, actor in enumerate(actors)]
    return (
        f'<section class="page actors" id="st-actors">\n<h2>Actors: who says and wants what ({len(actors)})</h2>\n'
        '<ul class="actors">\n' + "\n".join(items) + "\n</ul>\n</section>\n"
    )


def _actor_html(actor: dict[str, Any], a: int, ids: PageIds) -> str:
    """One actor: name, kind, other names, mentions; what it says, passes on and wants, linked to the text."""
    anchor = ids.actors[a]
    variants = "; ".join([str(v) for v in actor.get("variants") or [] if v != actor.get("name")][:MAX_VARIANTS])
    mentions = len(actor.get("mentions") or [])
    first = link(ids.href(f"{anchor}-first"), "the first in the text")
    seen = f"· {plural(mentions, 'mention')}, {first}" if mentions else "· no mention in the text"
    rows = []
    for label, key in (("says", "says"), ("passes on", "reports")):
        if actor.get(key):
            linked = ", ".join(link(ids.statement(i), escape(str(i))) for i in actor[key])
            rows.append(f"<li>{label}: {linked}</li>")
    for p, position in enumerate(actor.get("positions") or []):
        stance, evidence, who = _position_line(position)
        quoted = link(ids.href(ids.positions[(a, p)]), escape(evidence))
        rows.append(f"<li><strong>{escape(stance)}</strong>: {quoted} <em>{escape(who)}</em></li>")
    also = f' <span class="variants">also: {escape(variants)}</span>' if variants else ""
    listed = f"<ul>{''.join(rows)}</ul>" if rows else ""
    return (
        f'<li id="{anchor}"><strong>{escape(str(actor.get("name")))}</strong> ({escape(str(actor.get("kind")))})'
        f'{also} <span class="seen">{seen}</span>{listed}</li>'
    )


def flags_html(analysis: dict[str, Any], ids: PageIds) -> str:
    """Each artifact once, with links to every place it occurs in the text."""
    flags = analysis.get("flags") or []
    if not flags:
        return ""
    places: dict[tuple[str, str], list[str]] = {}
    for flag, anchor in zip(flags, ids.flags):
        places.setdefault((str(flag.get("text")), str(flag.get("meaning"))), []).append(anchor)
    items = []
    for (text, meaning), anchors in places.items():
        times = f" ×{len(anchors)}" if len(anchors) > 1 else ""
        where = " ".join(link(ids.href(anchor), escape(anchor)) for anchor in anchors)
        items.append(
            f'<li><mark class="artifact">“{escape(text)}”</mark>{times} likely means {escape(meaning)} · {where}</li>'
        )
    return (
        f'<section class="page artifacts" id="st-artifacts">\n<h2>Translation artifacts ({len(flags)})</h2>\n'
        "<ul>\n" + "\n".join(items) + "\n</ul>\n</section>\n"
    )
