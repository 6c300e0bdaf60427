"""The Markdown report: what a person reads in ten seconds.

Rendered from the contract dict (`contract.to_json`), never from an `Article`, so a stored
analysis renders exactly like a fresh one. The plain-text facts at the top of this module
(labels, chains, the sourcing summary) are shared with the HTML report, so both reports
say the same thing in the same words.
"""

from __future__ import annotations

import re
from typing import Any

from ..summary import summary_of

KINDS = ("person", "organization", "anonymous", "vague", "document", "none")
KIND_LABELS = {
    "person": "person",
    "organization": "organization",
    "anonymous": "anonymous",
    "vague": "vague",
    "document": "document",
    "none": "no source",
}
CONTENT_LIMIT = 300  # a claim stays readable at a glance
SHORT_LIMIT = 90  # content quoted inside the summary lists
REMOVED_LIMIT = 200

# Characters that can open emphasis, code, tables, links or raw HTML in Markdown. Article
# text is escaped only for these, so the raw report stays readable in a terminal.
_MD_SPECIAL = re.compile(r"([\\`*|\[\]<])")


# ---------------------------------------------------------------------------------------
# Plain-text facts, shared with the HTML report


def plural(n: int, word: str) -> str:
    """`1 attribution`, `3 attributions`."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def flat(text: Any) -> str:
    """One line: every run of whitespace (newlines included) becomes one space."""
    return "" if text is None else " ".join(str(text).split())


def shorten(text: str | None, limit: int) -> tuple[str, int]:
    """`text` on one line, cut at a word boundary near `limit`; returns (text, chars left out)."""
    line = flat(text)
    if len(line) <= limit:
        return line, 0
    cut = line[:limit]
    space = cut.rfind(" ")
    if space > limit - 40:
        cut = cut[:space]
    cut = cut.rstrip()
    return cut, len(line) - len(cut)


def span_text(span: dict[str, Any] | None, text: str) -> str | None:
    """A span's text as the contract gives it; sliced from `text` when a record lacks it."""
    if not span:
        return None
    if span.get("text") is not None:
        return str(span["text"])
    pieces = span_pieces(span)
    if not pieces or not all(valid_piece(s, e, len(text)) for s, e in pieces):
        return None
    return " … ".join(text[s:e] for s, e in pieces)


def fill_span_texts(analysis: dict[str, Any]) -> dict[str, Any]:
    """A copy whose spans all carry their text, sliced from the article where a record has none.

    Reports then read `span["text"]` everywhere; the caller's dict is left as it was.
    """
    text = analysis.get("text") or ""
    filled = []
    for attribution in analysis.get("attributions") or []:
        attribution = dict(attribution)
        for role in ("source", "cue", "content"):
            span = attribution.get(role)
            if isinstance(span, dict) and span.get("text") is None:
                attribution[role] = {**span, "text": span_text(span, text)}
        filled.append(attribution)
    return {**analysis, "attributions": filled}


def span_pieces(span: dict[str, Any] | None) -> list[tuple[Any, Any]]:
    """The stretches a span covers: its parts when interrupted, else [start, end)."""
    if not span:
        return []
    parts = span.get("parts")
    if parts:
        return [tuple(p[:2]) for p in parts if isinstance(p, (list, tuple)) and len(p) >= 2]
    if span.get("start") is None and span.get("end") is None:
        return []  # an agentless source has no span at all
    return [(span.get("start"), span.get("end"))]


def valid_piece(start: Any, end: Any, length: int) -> bool:
    """Whether [start, end) is a stretch of a text of `length` (stored records can be stale)."""
    ints = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
    return ints and 0 <= start <= end <= length


def kind_of(source: dict[str, Any] | None) -> str:
    """The source kind, or "other" for a value outside the contract (never trusted as is)."""
    kind = (source or {}).get("kind")
    return kind if kind in KINDS else "other"


def source_name(source: dict[str, Any] | None) -> str:
    """What to call a source: its canonical entity, else its words in the text."""
    source = source or {}
    return flat(source.get("entity") or source.get("text"))


def source_detail(source: dict[str, Any] | None) -> str:
    """`kind[: entity if it differs from the words][, role]`, e.g. `person: Vladimir Putin`."""
    source = source or {}
    kind = str(source.get("kind") or "other")
    label = KIND_LABELS.get(kind, flat(kind))
    entity, words = flat(source.get("entity")), flat(source.get("text"))
    if entity and entity.casefold() != words.casefold():
        label = f"{label}: {entity}"
    role = flat(source.get("role"))
    return f"{label}, {role}" if role else label


def link_label(link: dict[str, Any]) -> str:
    """One chain link as `Seymour Hersh (person)`."""
    name = flat(link.get("entity") or link.get("text"))
    kind = KIND_LABELS.get(str(link.get("kind")), flat(link.get("kind")))
    return f"{name} ({kind})" if name else f"({kind})"


def chain_label(chain: list[dict[str, Any]]) -> str:
    """A chain, outermost reporter first: `Seymour Hersh (person) → US officials (anonymous)`."""
    return " → ".join(link_label(link) for link in chain or [])


def sourcing(analysis: dict[str, Any]) -> dict[str, Any]:
    """The summary block; derived from the attributions when a stored record lacks one."""
    summary = analysis.get("summary") or {}
    if isinstance(summary.get("by_kind"), dict):
        return summary
    return summary_of(analysis.get("attributions") or [])


def count(value: Any) -> int:
    """A count from a summary; anything that is not a count reads as 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def kind_rows(summary: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    """(kind, label, count, share %) for named, anonymous, vague, document and no source."""
    by_kind = summary.get("by_kind") or {}
    total = count(summary.get("attributions"))
    person, org = count(by_kind.get("person")), count(by_kind.get("organization"))
    rows = [("named", f"Named (person {person}, organization {org})", person + org)]
    rows += [
        ("anonymous", "Anonymous", count(by_kind.get("anonymous"))),
        ("vague", "Vague", count(by_kind.get("vague"))),
        ("document", "Document", count(by_kind.get("document"))),
        ("none", "No source (agentless cue)", count(by_kind.get("none"))),
    ]
    other = total - sum(n for _, _, n in rows)
    if other > 0:  # kinds outside the contract: counted, not silently dropped
        rows.append(("other", "Other kind (not in the contract)", other))
    return [(kind, label, n, round(100 * n / total) if total else 0) for kind, label, n in rows]


def content_coverage(analysis: dict[str, Any]) -> int:
    """How many characters of the text lie inside some attribution's content."""
    text = analysis.get("text") or ""
    covered = bytearray(len(text))
    for attribution in analysis.get("attributions") or []:
        for start, end in span_pieces(attribution.get("content")):
            if valid_piece(start, end, len(text)):
                covered[start:end] = b"\x01" * (end - start)
    return sum(covered)


def by_id(analysis: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Attributions by id (the first one wins if a record repeats an id)."""
    found: dict[str, dict[str, Any]] = {}
    for attribution in analysis.get("attributions") or []:
        found.setdefault(str(attribution.get("id")), attribution)
    return found


# ---------------------------------------------------------------------------------------
# Markdown


def md_escape(text: str | None) -> str:
    """Article text on one line, safe inside a Markdown paragraph, list item or table cell."""
    return _MD_SPECIAL.sub(r"\\\1", flat(text))


def md_clip(text: str | None, limit: int) -> str:
    """Escaped and shortened, saying how much was left out."""
    line, left_out = shorten(text, limit)
    line = md_escape(line)
    return f"{line} … [+{left_out:,} chars]" if left_out else line


def render_markdown(analysis: dict[str, Any]) -> str:
    """The Markdown report for one analysis (a `sourcetrace/analysis@1` dict)."""
    from .actors import actors_markdown, flags_markdown  # they build on this module's helpers
    from .claims import claims_markdown

    analysis = fill_span_texts(analysis)
    sections = [
        _header(analysis),
        _sourcing(analysis),
        claims_markdown(analysis),
        flags_markdown(analysis),
        actors_markdown(analysis),
        _attributions(analysis),
        _removed(analysis),
        f"*Rendered by sourcetrace from {md_escape(analysis.get('schema') or 'an analysis')}.*",
    ]
    return "\n\n".join(s for s in sections if s) + "\n"


def _header(analysis: dict[str, Any]) -> str:
    meta = analysis.get("article") or {}
    title = md_escape(meta.get("title")) or "Untitled article"
    facts = [md_escape(meta.get("published")) or "date unknown"]
    if meta.get("outlet"):
        facts.append(md_escape(meta["outlet"]))
    if meta.get("author"):
        facts.append(f"by {md_escape(meta['author'])}")
    lines = [f"# {title}", " · ".join(facts)]
    if meta.get("url"):
        lines.append(f"URL: {md_escape(meta['url'])}")
    lines.append(f"Input: {md_escape(meta.get('input')) or 'unknown'}")
    lines += [f"Warning: {md_escape(warning)}" for warning in meta.get("warnings") or ()]
    text = analysis.get("text") or ""
    paragraphs = len([p for p in re.split(r"\n\s*\n", text) if p.strip()])
    lines.append(
        f"Text: {plural(len(text), 'character')} in {plural(paragraphs, 'paragraph')} "
        "after cleaning (the full text is in the JSON and HTML reports)."
    )
    # Two trailing spaces: a hard line break, so the facts stay on separate lines.
    return lines[0] + "\n\n" + "  \n".join(lines[1:])


def _sourcing(analysis: dict[str, Any]) -> str:
    summary = sourcing(analysis)
    total = count(summary.get("attributions"))
    if not total:
        return "## Sourcing\n\nNo attributions found: nothing in this text is attributed."
    text_len = len(analysis.get("text") or "")
    covered = content_coverage(analysis)
    share = round(100 * covered / text_len) if text_len else 0
    lines = [
        "## Sourcing",
        "",
        f"**{plural(total, 'attribution')}** · "
        f"{plural(count(summary.get('distinct_sources')), 'distinct source')} · "
        f"longest chain: {count(summary.get('longest_chain'))} · "
        f"attributed content covers {share}% of the text",
        "",
        "| Source | Attributions | Share |",
        "|---|---:|---:|",
    ]
    lines += [f"| {label} | {n} | {pct}% |" for _, label, n, pct in kind_rows(summary)]
    forms = summary.get("by_form") or {}
    if isinstance(forms, dict) and forms:
        listed = ", ".join(f"{count(n)} {md_escape(str(f))}" for f, n in forms.items())
        lines += ["", f"Forms: {listed}."]
    top = [t for t in summary.get("top_sources") or [] if isinstance(t, dict)]
    if top:
        cited = ", ".join(f"{md_escape(str(t.get('source')))} ({count(t.get('attributions'))})" for t in top)
        lines += ["", f"Most cited: {cited}."]
    anonymous = summary.get("anonymous_only")
    lines += _claim_list(analysis, anonymous, "Resting only on anonymous sources")
    lines += _claim_list(analysis, summary.get("unsourced"), "No source given")
    lines += _chain_list(analysis, summary)
    return "\n".join(lines)


def _claim_list(analysis: dict[str, Any], ids: list[Any] | None, heading: str) -> list[str]:
    if not ids:
        return []
    known = by_id(analysis)
    text = analysis.get("text") or ""
    lines = ["", f"**{heading}** ({len(ids)}):", ""]
    for ident in ids:
        attribution = known.get(str(ident))
        if attribution is None:
            lines.append(f"- {md_escape(str(ident))}: (not in this analysis)")
            continue
        source = attribution.get("source") or {}
        name = md_escape(source.get("text")) or f"*({KIND_LABELS['none']})*"
        content = md_clip(span_text(attribution.get("content"), text), SHORT_LIMIT)
        lines.append(f"- {md_escape(str(ident))}: {name} → {content}")
    return lines


def _chain_list(analysis: dict[str, Any], summary: dict[str, Any]) -> list[str]:
    chains = [c for c in summary.get("chains") or [] if isinstance(c, dict)]
    if not chains:
        return []
    lines = ["", f"**Chains** (longest: {count(summary.get('longest_chain'))} links):", ""]
    for entry in chains:
        ident = md_escape(str(entry.get("attribution")))
        lines.append(f"- {ident}: {md_escape(chain_label(entry.get('chain') or []))}")
    chained = sum(1 for a in analysis.get("attributions") or [] if len(a.get("chain") or []) > 1)
    if chained > len(chains):
        lines.append(f"- and {chained - len(chains)} more chained attributions, listed below")
    return lines


def _attributions(analysis: dict[str, Any]) -> str:
    attributions = analysis.get("attributions") or []
    if not attributions:
        return ""
    text = analysis.get("text") or ""
    lines = [f"## Attributions ({len(attributions)})", ""]
    for attribution in attributions:
        lines += _attribution_lines(attribution, text)
    return "\n".join(lines)


def _attribution_lines(attribution: dict[str, Any], text: str) -> list[str]:
    """`- **him** (person: Vladimir Putin) ← “According to” → content — indirect, a5`."""
    source = attribution.get("source") or {}
    words = source.get("text")
    who = f"**{md_escape(words)}**" if words else f"*({KIND_LABELS['none']})*"
    detail = source_detail(source)
    if words or kind_of(source) != "none":
        who = f"{who} ({md_escape(detail)})"
    cue = md_escape(span_text(attribution.get("cue"), text))
    content_span = attribution.get("content") or {}
    content = md_clip(span_text(content_span, text), CONTENT_LIMIT)
    parts = content_span.get("parts") or []
    note = f", in {len(parts)} parts" if len(parts) > 1 else ""
    form, ident = md_escape(str(attribution.get("form"))), md_escape(str(attribution.get("id")))
    tag = f"{form}{note}, {ident}"
    lines = [f"- {who} ← “{cue}” → {content} — *{tag}*"]
    chain = attribution.get("chain") or []
    if len(chain) > 1:
        lines.append(f"  - chain: {md_escape(chain_label(chain))}")
    return lines


def _removed(analysis: dict[str, Any]) -> str:
    removed = [r for r in analysis.get("removed") or [] if isinstance(r, dict)]
    if not removed:
        return "## Removed by cleaning\n\nNothing was removed."
    chars = sum(len(str(r.get("text") or "")) for r in removed)
    lines = [
        f"## Removed by cleaning ({plural(len(removed), 'item')}, {plural(chars, 'character')})",
        "",
    ]
    for item in removed:
        kind = md_escape(str(item.get("kind")))
        lines.append(f"- {kind}: {md_clip(str(item.get('text') or ''), REMOVED_LIMIT)}")
    return "\n".join(lines)
