"""The HTML report: one self-contained page, no script, no outside resources.

Rendered from the contract dict (`contract.to_json`), so a stored analysis renders exactly
like a fresh one. The article text with its highlights and markers comes from `text.py`.
Linking is pure CSS: `#a3` (or `#a3-source`, `#a3-cue`, `#a3-content`) becomes the `:target`,
and a generated `:has()` rule outlines everything of attribution a3; hovering does the same.
Claims, hedges, artifacts and positions link to their markers in the text the same way.

Everything that comes from an article or a stored record is escaped with `html.escape`,
and only ids that match a safe pattern reach attributes and the style sheet.
"""

from __future__ import annotations

import re
from html import escape
from importlib import resources
from typing import Any

from .actors import actors_html, flags_html
from .claims import claims_html
from .markdown import (
    CONTENT_LIMIT,
    KIND_LABELS,
    KINDS,
    SHORT_LIMIT,
    by_id,
    chain_label,
    content_coverage,
    count,
    fill_span_texts,
    flat,
    kind_of,
    kind_rows,
    plural,
    shorten,
    source_detail,
    sourcing,
    span_text,
)
from .text import ROLES, PageIds, Range, attribution_pieces, page_ids, ranges, target_rules, text_html

_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def render_html(analysis: dict[str, Any]) -> str:
    """The HTML report for one analysis (a `sourcetrace/analysis@1` dict)."""
    analysis = fill_span_texts(analysis)
    attributions = analysis.get("attributions") or []
    ids = page_ids(analysis)
    text = analysis.get("text") or ""
    pieces, unplaced = attribution_pieces(attributions, len(text))
    marked = ranges(analysis, ids)
    body = text_html(text, pieces, marked, ids)  # first: the sections link only to what it placed
    meta = analysis.get("article") or {}
    title = flat(meta.get("title")) or "Untitled article"
    lang = meta.get("language") if _LANG.fullmatch(str(meta.get("language"))) else "en"
    warning = ""
    if unplaced:
        warning = (
            f'<p class="warning">{plural(unplaced, "span")} with offsets outside the text '
            "not highlighted; their attributions are still listed.</p>\n"
        )
    return "".join(
        [
            f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{escape(title)} · sourcetrace</title>\n",
            f"<style>\n{_css(ids, marked)}</style>\n</head>\n<body>\n",
            _header(meta, title),
            _summary(analysis, ids.by_attribution),
            '<main class="report">\n<div>\n<h2>Text</h2>\n',
            warning,
            f'<div class="text" id="st-text">{body}</div>\n</div>\n',
            _attribution_list(attributions, ids.attributions, ids.placed, text),
            "</main>\n",
            claims_html(analysis, ids),
            flags_html(analysis, ids),
            actors_html(analysis, ids),
            _removed(analysis),
            _footer(analysis),
            "</body>\n</html>\n",
        ]
    )


def _css(ids: PageIds, marked: list[Range]) -> str:
    base = resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")
    return base + target_rules(ids, marked)


def _header(meta: dict[str, Any], title: str) -> str:
    facts = [escape(flat(meta.get("published")) or "date unknown")]
    if meta.get("outlet"):
        facts.append(escape(flat(meta["outlet"])))
    if meta.get("author"):
        facts.append(f"by {escape(flat(meta['author']))}")
    facts.append(f"input: {escape(flat(meta.get('input')) or 'unknown')}")
    url = flat(meta.get("url"))
    if re.match(r"https?://", url, re.IGNORECASE):
        # Only web links become links: a stored "javascript:" URL stays inert text.
        facts.append(f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(url)}</a>')
    elif url:
        facts.append(escape(url))
    spans = "".join(f"<span>{fact}</span>" for fact in facts)
    return f'<header class="page">\n<h1>{escape(title)}</h1>\n<p class="meta">{spans}</p>\n</header>\n'


def _summary(analysis: dict[str, Any], anchor_of: dict[str, str]) -> str:
    summary = sourcing(analysis)
    total = count(summary.get("attributions"))
    head = '<section class="page sourcing" id="st-sourcing">\n<h2>Sourcing</h2>\n'
    if not total:
        empty = "<p>No attributions found: nothing in this text is attributed.</p>\n"
        return f"{head}{empty}</section>\n"
    text_len = len(analysis.get("text") or "")
    share = round(100 * content_coverage(analysis) / text_len) if text_len else 0
    lead = (
        f'<p class="lead">{_strong(total, "attribution")} · '
        f"{_strong(count(summary.get('distinct_sources')), 'distinct source')} · "
        f"longest chain <strong>{count(summary.get('longest_chain'))}</strong> · "
        f"attributed content covers {share}% of the text</p>\n"
    )
    columns = "".join(
        [
            _claim_list(analysis, summary.get("anonymous_only"), anchor_of, "Resting only on anonymous sources"),
            _claim_list(analysis, summary.get("unsourced"), anchor_of, "No source given"),
            _chain_list(summary, anchor_of),
        ]
    )
    return "".join(
        [
            head,
            lead,
            _bar(summary),
            _kind_table(summary),
            _forms_and_top(summary),
            f'<div class="summary-cols">{columns}</div>\n',
            _legend(),
            "</section>\n",
        ]
    )


def _strong(n: int, word: str) -> str:
    number, _, words = plural(n, word).partition(" ")
    return f"<strong>{number}</strong> {words}"


def _bar(summary: dict[str, Any]) -> str:
    """One bar split by source kind: the shape of the sourcing at a glance."""
    by_kind = summary.get("by_kind") or {}
    total = count(summary.get("attributions"))
    counts = [(kind, count(by_kind.get(kind))) for kind in KINDS]
    counts.append(("other", total - sum(n for _, n in counts)))
    cells = []
    for kind, n in counts:
        if n > 0 and total:
            width = f"{100 * n / total:.2f}%"
            label = f"{KIND_LABELS.get(kind, 'other kind')}: {n}"
            cells.append(f'<span class="k-{kind}" style="width:{width}" title="{label}"></span>')
    label = "attributions by source kind"
    return f'<div class="bar" role="img" aria-label="{label}">{"".join(cells)}</div>\n'


def _kind_table(summary: dict[str, Any]) -> str:
    rows = []
    for kind, label, n, pct in kind_rows(summary):
        swatch = f'<span class="swatch kind k-{kind}"></span>'
        rows.append(f'<tr><td>{swatch}{escape(label)}</td><td class="n">{n}</td><td class="n">{pct}%</td></tr>')
    head = "<tr><th>Source</th><th>Attributions</th><th>Share</th></tr>"
    return f'<table class="kinds">\n{head}\n' + "\n".join(rows) + "\n</table>\n"


def _forms_and_top(summary: dict[str, Any]) -> str:
    out = []
    forms = summary.get("by_form") or {}
    if isinstance(forms, dict) and forms:
        listed = ", ".join(f"{count(n)} {escape(flat(str(f)))}" for f, n in forms.items())
        out.append(f"<p>Forms: {listed}.</p>\n")
    top = [t for t in summary.get("top_sources") or [] if isinstance(t, dict)]
    if top:
        cited = ", ".join(f"{escape(flat(str(t.get('source'))))} ({count(t.get('attributions'))})" for t in top)
        out.append(f"<p>Most cited: {cited}.</p>\n")
    return "".join(out)


def _claim_list(analysis: dict[str, Any], ids: list[Any] | None, anchor_of: dict[str, str], heading: str) -> str:
    if not ids:
        return ""
    known = by_id(analysis)
    text = analysis.get("text") or ""
    items = []
    for ident in ids:
        attribution = known.get(str(ident))
        if attribution is None:
            items.append(f"<li>{escape(str(ident))}: not in this analysis</li>")
            continue
        source = attribution.get("source") or {}
        name = escape(flat(source.get("text"))) or '<span class="none-source">no source</span>'
        content, left_out = shorten(span_text(attribution.get("content"), text), SHORT_LIMIT)
        more = " …" if left_out else ""
        link = f'<a href="#{escape(anchor_of[str(ident)])}">{escape(str(ident))}</a>'
        items.append(f"<li>{link}: <strong>{name}</strong> → {escape(content)}{more}</li>")
    return f"<div><h3>{escape(heading)} ({len(ids)})</h3>\n<ul>{''.join(items)}</ul></div>\n"


def _chain_list(summary: dict[str, Any], anchor_of: dict[str, str]) -> str:
    chains = [c for c in summary.get("chains") or [] if isinstance(c, dict)]
    if not chains:
        return ""
    items = []
    for entry in chains:
        ident = str(entry.get("attribution"))
        label = escape(ident)
        if ident in anchor_of:
            label = f'<a href="#{escape(anchor_of[ident])}">{label}</a>'
        items.append(f"<li>{label}: {escape(chain_label(entry.get('chain') or []))}</li>")
    heading = f"Chains (longest: {count(summary.get('longest_chain'))} links)"
    return f"<div><h3>{heading}</h3>\n<ol>{''.join(items)}</ol></div>\n"


def _legend() -> str:
    roles = "".join(f'<span class="seg {role}">{role}</span>' for role in ROLES)
    kinds = "".join(f'<span class="badge k-{kind}">{escape(KIND_LABELS[kind])}</span>' for kind in KINDS)
    marks = (
        '<span><span class="claim-mark" data-claim="c1"></span>claim id</span>'
        '<span><mark class="hedge">hedge</mark></span><span><mark class="artifact">translation artifact</mark></span>'
    )
    return (
        f'<div class="legend"><span>Highlights:</span>{roles}{marks}'
        f"<span>Source kinds:</span>{kinds}"
        "<span>Click a highlight, an attribution or a claim id to outline all of its parts.</span></div>\n"
    )


def _attribution_list(attributions: list[dict[str, Any]], anchors: list[str], placed: set[str], text: str) -> str:
    items = [_attribution_item(attribution, anchor, placed, text) for attribution, anchor in zip(attributions, anchors)]
    return (
        f'<aside class="attributions">\n<h2>Attributions ({len(attributions)})</h2>\n'
        f'<ol class="atts">\n{"".join(items)}</ol>\n</aside>\n'
    )


def _attribution_item(attribution: dict[str, Any], anchor: str, placed: set[str], text: str) -> str:
    source = attribution.get("source") or {}
    kind = kind_of(source)
    ident = escape(str(attribution.get("id")))
    top = (
        f'<div class="top"><a class="att-id" href="#{anchor}">{ident}</a>'
        f'<span class="badge k-{kind}">{escape(KIND_LABELS.get(kind, "other"))}</span>'
        f"<span>{escape(flat(str(attribution.get('form'))))}</span></div>"
    )
    words = source.get("text")
    if words:
        who = _span_link(anchor, "source", flat(words), placed, f"k-{kind}")
        who += f' <span class="detail">({escape(source_detail(source))})</span>'
    else:
        who = '<span class="none-source">no source (agentless cue)</span>'
    cue_words = flat(span_text(attribution.get("cue"), text))
    cue = _span_link(anchor, "cue", f"“{cue_words}”", placed)
    content_span = attribution.get("content") or {}
    clipped, left_out = shorten(span_text(content_span, text), CONTENT_LIMIT)
    content = _span_link(anchor, "content", clipped, placed)
    if left_out:
        content += f' <span class="parts">… [+{left_out:,} chars]</span>'
    parts = content_span.get("parts") or []
    if len(parts) > 1:
        content += f' <span class="parts">(in {len(parts)} parts)</span>'
    chain = attribution.get("chain") or []
    chain_html = ""
    if len(chain) > 1:
        chain_html = f'<div class="chain">Chain: {escape(chain_label(chain))}</div>'
    return (
        f'<li class="att at-{anchor}" id="{anchor}">{top}'
        f'<div class="row">{who}</div><div class="row">← {cue}</div>'
        f'<div class="row">→ {content}</div>{chain_html}</li>\n'
    )


def _span_link(anchor: str, role: str, words: str, placed: set[str], extra: str = "") -> str:
    """A span's words, linked to where it sits in the text when it could be placed there."""
    classes = " ".join(["seg", role, extra]).strip()
    key = f"{anchor}-{role}"
    if key in placed:
        return f'<a class="{classes}" href="#{key}">{escape(words)}</a>'
    return f'<span class="{classes}">{escape(words)}</span>'


def _removed(analysis: dict[str, Any]) -> str:
    removed = [r for r in analysis.get("removed") or [] if isinstance(r, dict)]
    head = '<section class="page removed" id="st-removed">\n'
    if not removed:
        return head + "<h2>Removed by cleaning</h2>\n<p>Nothing was removed.</p>\n</section>\n"
    chars = sum(len(str(r.get("text") or "")) for r in removed)
    items = "".join(
        f'<li><span class="badge k-other">{escape(flat(str(r.get("kind"))))}</span> '
        f'<span class="removed-text">{escape(str(r.get("text") or ""))}</span></li>\n'
        for r in removed
    )
    return (
        f"{head}<h2>Removed by cleaning ({plural(len(removed), 'item')}, "
        f"{plural(chars, 'character')})</h2>\n"
        f"<ol>\n{items}</ol>\n</section>\n"
    )


def _footer(analysis: dict[str, Any]) -> str:
    meta = analysis.get("article") or {}
    text = analysis.get("text") or ""
    schema = escape(flat(str(analysis.get("schema") or "an analysis")))
    ident = escape(flat(str(meta.get("id") or "")))
    return (
        f'<footer class="page"><p>{len(text):,} characters of cleaned text · article {ident} · '
        f"rendered by sourcetrace from {schema}.</p></footer>\n"
    )
