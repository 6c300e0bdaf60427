"""Report sections for actors (who says and wants what) and translation artifacts.

Both read the contract dict (`actors`, `flags`); analyses stored before these existed have
neither key and render without the sections.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .markdown import md_clip, md_escape

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


def _with_content(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in analysis.get("actors") or [] if a.get("says") or a.get("positions") or a.get("reports")]


def actors_markdown(analysis: dict[str, Any]) -> str:
    actors = _with_content(analysis)
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


def actors_html(analysis: dict[str, Any]) -> str:
    actors = _with_content(analysis)
    if not actors:
        return ""
    items = []
    for actor in actors:
        variants = "; ".join(v for v in (actor.get("variants") or [])[:MAX_VARIANTS])
        rows = []
        if actor.get("says"):
            rows.append(f"<li>says: {escape(', '.join(map(str, actor['says'])))}</li>")
        if actor.get("reports"):
            rows.append(f"<li>passes on: {escape(', '.join(map(str, actor['reports'])))}</li>")
        for position in actor.get("positions") or []:
            stance, evidence, who = _position_line(position)
            rows.append(f"<li><strong>{escape(stance)}</strong>: {escape(evidence)} <em>{escape(who)}</em></li>")
        items.append(
            f"<li><strong>{escape(str(actor.get('name')))}</strong> ({escape(str(actor.get('kind')))})"
            f' <span class="variants">{escape(variants)}</span><ul>{"".join(rows)}</ul></li>'
        )
    return (
        '<section class="actors">\n<h2>Actors: who says and wants what</h2>\n<ul>\n'
        + "\n".join(items)
        + "\n</ul>\n</section>\n"
    )


def flags_html(analysis: dict[str, Any]) -> str:
    flags = analysis.get("flags") or []
    if not flags:
        return ""
    items = "\n".join(
        f"<li>“{escape(text)}”{f' ×{count}' if count > 1 else ''} likely means {escape(meaning)}</li>"
        for (text, meaning), count in _grouped(flags)
    )
    return f'<section class="artifacts">\n<h2>Translation artifacts ({len(flags)})</h2>\n<ul>\n{items}\n</ul>\n</section>\n'
