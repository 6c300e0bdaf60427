"""From findings to attributions: resolve each source, then build its chain of reporters.

A chain runs from the outermost reporter to the source itself:
- an attribution whose cue lies inside another's content is reported by that one
  ("The paper writes that officials said ..." → paper → officials);
- "X, citing Y" and "as X writes with reference to Y" → X → Y, and Y is the source;
- "Y told me" in a journalist's text, or "Y told the newspaper" → journalist/paper → Y.
The article's own outlet is not a link: it is in `article.outlet`.
"""

from __future__ import annotations

from dataclasses import replace

from ..article import Attribution, ChainLink, Source, Span
from ..quotes import quoted_share
from .context import Context, Finding, TokenRange
from .lexicon import FIRST_PERSON, JOURNALIST_ROLES
from .names import ORG_LABELS

DIRECT_SHARE = 0.9  # content this much inside quotation marks is a direct quote
MIN_QUOTED_WORDS = 2  # a quoted stretch of two words or more makes reported speech mixed


def assemble(ctx: Context, findings: list[Finding]) -> list[Attribution]:
    from .sources import Resolver

    resolver = Resolver(ctx)
    resolved: dict[int, tuple[Source, Source | None, Source | None]] = {}
    # Speakers first: "I" inside a quote is resolved once the quote's own source is known.
    in_quote_first_person = {i for i, f in enumerate(findings) if _quoted_first_person(ctx, f)}
    by_cue = sorted(range(len(findings)), key=lambda i: findings[i].cue[0])
    for index in [i for i in by_cue if i not in in_quote_first_person] + sorted(in_quote_first_person):
        resolved[index] = _resolve(ctx, resolver, findings, index, resolved)
    chains: dict[int, tuple[ChainLink, ...]] = {}
    attributions = []
    order = sorted(range(len(findings)), key=lambda i: (_first_char(ctx, findings[i]), i))
    for number, index in enumerate(order, start=1):
        finding = findings[index]
        source, cited, reporter = resolved[index]
        chain = _chain(ctx, findings, resolved, chains, index)
        attributions.append(
            Attribution(
                id=f"a{number}",
                source=cited or source,
                cue=_text_span(ctx, [finding.cue]),
                content=content_span(ctx, finding.content),
                form=content_form(ctx, finding.content),
                chain=chain,
            )
        )
    return attributions


ACRONYM_SPEAKERS = frozenset("NATO UN EU USA US UK FBI CIA WHO IMF OSCE".split())


def _speaker_is_person(span) -> bool:
    """A transcript's speaker is a person unless named as an organisation; an upper-case
    surname ("TRUMP:") is a speaker label whatever the tagger made of it."""
    if span.text.isupper():
        return span.text not in ACRONYM_SPEAKERS
    return span.root.ent_type_ not in ORG_LABELS


def _quoted_first_person(ctx: Context, finding: Finding) -> bool:
    source = finding.source
    return source is not None and source.root.lower_ in FIRST_PERSON and ctx.in_quote(source.root)


def _resolve(ctx, resolver, findings, index, resolved):
    finding = findings[index]
    speaker = _speaker(ctx, findings, index, resolved)
    source = resolver.resolve(finding.source, speaker)
    if finding.rule == "speaker" and source.kind != "person" and _speaker_is_person(finding.source):
        source = replace(source, kind="person")
    resolver.remember(finding.source.root.i if finding.source is not None else finding.cue[0], source)
    cited = resolver.resolve(finding.cited) if finding.cited is not None else None
    reporter = resolver.resolve(finding.reporter, speaker) if finding.reporter is not None else None
    if reporter is not None and not _passes_on(ctx, reporter, finding):
        reporter = None
    if reporter is None and finding.source is not None and source.kind in {"anonymous", "vague"}:
        reporter = resolver.outlet_within(finding.source)
    return source, cited, reporter


def _speaker(ctx, findings, index, resolved) -> Source | None:
    """Who is talking where a finding's cue sits inside another finding's quoted content."""
    outer = _enclosing(findings, index)
    if outer is None or not ctx.in_quote(ctx.doc[findings[index].cue[0]]):
        return None
    return resolved.get(outer, (None,))[0]


def _passes_on(ctx: Context, reporter: Source, finding: Finding) -> bool:
    """ "told me" (a reporter) and "told the newspaper" pass a claim on; "told reporters" does not."""
    text = (finding.reporter.text or "").lower() if finding.reporter is not None else ""
    if reporter.entity is None:
        return False
    if text in {"me", "us"} or reporter.kind == "organization":
        return True
    # "an official told him", where "him" is the journalist whose report is relayed.
    return text in {"him", "her"} and bool(ctx.names.roles.get(reporter.entity, set()) & JOURNALIST_ROLES)


def _enclosing(findings: list[Finding], index: int) -> int | None:
    """The finding with the smallest content holding this finding's cue."""
    inner = findings[index]
    cue = inner.cue
    best, best_size = None, None
    for other, f in enumerate(findings):
        if other == index or f.backward:
            continue
        if any(s <= f.cue[0] < e for s, e in inner.content):
            continue  # each holds the other's cue: neither reports the other
        if f.cue == cue:
            continue  # a quote continued under the same cue
        for s, e in f.content:
            if s <= cue[0] and cue[1] <= e and (best_size is None or e - s < best_size):
                best, best_size = other, e - s
    return best


def _chain(ctx, findings, resolved, chains, index, depth=0) -> tuple[ChainLink, ...]:
    if index in chains:
        return chains[index]
    source, cited, reporter = resolved[index]
    own = [link for link in (reporter, source, cited) if link is not None]
    outer = _enclosing(findings, index) if depth < 8 else None
    prefix = _chain(ctx, findings, resolved, chains, outer, depth + 1) if outer is not None else ()
    # An agentless outer cue ("it is reported that ...") adds no reporter.
    links: list[ChainLink] = [link for link in prefix if link.kind != "none"]
    for link in (s.link(ctx.text) for s in own):
        if not (links and same_link(links[-1], link)):
            links.append(link)
    chains[index] = tuple(links)
    return chains[index]


def renumber(ordered: list[Attribution]) -> list[Attribution]:
    """Ids `a1`, `a2`, … in the given order, with each `continues` pointing at the same
    attribution under its new id (one that points at none left is dropped)."""
    new_ids = {a.id: f"a{number}" for number, a in enumerate(ordered, start=1)}
    kept = [a for a in ordered if a.continues is None or a.continues in new_ids]
    new_ids = {a.id: f"a{number}" for number, a in enumerate(kept, start=1)}
    return [replace(a, id=new_ids[a.id], continues=new_ids.get(a.continues or "")) for a in kept]


def same_link(a: ChainLink, b: ChainLink) -> bool:
    return (a.entity is not None and a.entity == b.entity) or (a.text == b.text and a.kind == b.kind)


def _text_span(ctx: Context, ranges: list[TokenRange]) -> Span:
    doc = ctx.doc
    pieces = sorted((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in ranges)
    start, end = pieces[0][0], max(e for _, e in pieces)
    return Span(start, end, tuple(pieces) if len(pieces) > 1 else None)


def content_span(ctx: Context, ranges: list[TokenRange]) -> Span:
    """The content, with the closing mark of a quotation it opens (trimming took it off)."""
    span = _text_span(ctx, ranges)
    last_start, last_end = span.pieces()[-1]
    piece = ctx.text[last_start:last_end]
    opened = sum(piece.count(m) for m in "“«") - sum(piece.count(m) for m in "”»") + piece.count('"') % 2
    after = ctx.text[last_end : last_end + 3]
    close = next((i for i, c in enumerate(after) if c in '”»"'), None)
    if opened > 0 and close is not None and all(c in ".,!?;" for c in after[:close]):
        pieces = (*span.pieces()[:-1], (last_start, last_end + close + 1))
        return Span(span.start, last_end + close + 1, pieces if len(pieces) > 1 else None)
    return span


def content_form(ctx: Context, ranges: list[TokenRange]) -> str:
    span = _text_span(ctx, ranges)
    inside = sum(quoted_share(ctx.quotes, s, e) * (e - s) for s, e in span.pieces())
    total = sum(e - s for s, e in span.pieces())
    if total and inside / total >= DIRECT_SHARE:
        return "direct"
    quoted = [t for s, e in ranges for t in ctx.doc[s:e] if t.is_alpha and ctx.in_quote(t)]
    terms = {t.i for t in quoted if _in_quoted_term(ctx, t)}
    verbatim = [t for t in quoted if t.i not in terms]
    return "mixed" if len(verbatim) >= MIN_QUOTED_WORDS else "indirect"


def _in_quoted_term(ctx: Context, token) -> bool:
    """A quoted name for a thing ("the “all for all” format") is no quotation of speech:
    the quote's words hang on a noun outside the quotation marks."""
    quote = ctx.quote_at(token.idx)
    doc = ctx.doc
    first = doc.char_span(quote[0], quote[1], alignment_mode="expand")
    if first is not None and 0 < first.start and first.end < len(doc):
        before, after = doc[first.start - 1], doc[first.end]
        if before.pos_ == "DET" and after.pos_ in {"NOUN", "PROPN"}:  # the “all for all” format
            return True
    head = token
    while head.head.i != head.i and quote[0] <= head.head.idx < quote[1]:
        head = head.head
    return head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ in {"NOUN", "PROPN"}


def _first_char(ctx: Context, finding: Finding) -> int:
    return min(ctx.doc[finding.cue[0]].idx, ctx.doc[finding.content_start].idx)
