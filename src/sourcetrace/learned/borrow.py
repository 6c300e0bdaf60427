"""What the rule layer adds to the learned model's attributions: chains and forms.

PolNeAR annotates a source, a cue and a content, nothing about who passed a claim on, so
the tagger cannot learn chains ("The paper writes that officials said ..." → paper →
officials; "told the newspaper"; "X, citing Y"; "a source at the agency"). The rule engine
finds those, so the learned stage runs it too (about 7 ms an article against the tagger's
100) and lends each learned attribution the reporters of the rule attribution that shares
its cue, or else of the rule attribution whose content holds its cue. The learned source
stays the chain's last link. PolNeAR never nests one attribution in another's content
(a token has one role), so "The paper reported that officials said X" is one attribution
to the tagger: the rules' attributions whose cue and content lie inside a learned content
are added as they are ("officials said X", chain paper → officials). The form (direct, indirect, mixed) is judged as the rules
judge it, from the quotation marks inside the learned content.
"""

from __future__ import annotations

from ..article import Attribution, ChainLink, Source
from ..attribute.chains import content_form, same_link
from ..attribute.context import Context
from ..attribute.lexicon import CITING_VERBS
from ..attribute.phrases import signed_quotes, speaker_lines
from .spans import CONTENT, CUE, SOURCE, Link, Role

__all__ = ["chain_for", "content_form", "layout_links", "nested_reports", "relayed"]


def chain_for(
    ctx: Context, rules: list[Attribution], source: Source, cue: tuple[int, int], reporter: Source | None = None
) -> tuple[ChainLink, ...]:
    """The chain of a learned attribution whose cue covers characters `cue`: the reporters
    the rules found for the same cue (or for the report holding it), then the source."""
    own = source.link(ctx.text)
    same_cue = next((r for r in rules if r.cue.start < cue[1] and cue[0] < r.cue.end), None)
    if same_cue is not None:
        prefix = list(same_cue.chain[:-1])
    else:
        outer = _holding(rules, cue)
        prefix = [link for link in outer.chain if link.kind != "none"] if outer is not None else []
        if not prefix and reporter is not None:  # "a source at RIA Sever": the outlet passed it on
            prefix = [reporter.link(ctx.text)]
    # A reporter equal to the source itself ("X, citing Y" when the tagger took X) is one link.
    cut = next((i for i, link in enumerate(prefix) if same_link(link, own)), len(prefix))
    return (*prefix[:cut], own)


def relayed(ctx: Context, rules: list[Attribution], source: Source, cue: tuple[int, int]) -> Attribution | None:
    """The rule attribution whose reporter the learned source is, when the learned cue is
    that attribution's cue or the word of citing in its sentence: "The Ledger reported,
    citing three officials, that ..." is the Ledger passing on what the officials said.
    PolNeAR marks one source per cue, and its annotators (and so the tagger) mostly chose
    the outlet, some taking "citing" as the cue; the chain says who the claim rests on."""
    if source.span is None:
        return None
    own = source.link(ctx.text)
    same_cue = [r for r in rules if r.cue.start < cue[1] and cue[0] < r.cue.end]
    words = ctx.doc.char_span(cue[0], cue[1], alignment_mode="expand")
    if not same_cue and words is not None and words.root.lemma_.lower() in CITING_VERBS:
        sentence = ctx.sentence_of[words.root.i]
        same_cue = [r for r in rules if ctx.sentence_of[_token_at(ctx, r.cue.start)] == sentence]
    span = source.span

    def reports(link) -> bool:  # the same reporter, or its phrase cut short ("The newspaper [Het Dagblad]")
        overlaps = link.start is not None and link.start < span.end and span.start < link.end
        return overlaps or same_link(link, own)

    return next((r for r in same_cue if len(r.chain) >= 2 and any(reports(link) for link in r.chain[:-1])), None)


def _token_at(ctx: Context, char: int) -> int:
    span = ctx.doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _holding(rules: list[Attribution], cue: tuple[int, int]) -> Attribution | None:
    """The rule attribution with the smallest content piece holding the cue."""
    best, size = None, None
    for rule in rules:
        for start, end in rule.content.pieces():
            if start <= cue[0] and cue[1] <= end and (size is None or end - start < size):
                best, size = rule, end - start
    return best


def nested_reports(rules: list[Attribution], learned: list[Attribution]) -> list[Attribution]:
    """Rule attributions reported inside a learned attribution's content: cue and content
    within one of its pieces, and no learned cue or source among their words."""
    taken = [a.cue for a in learned] + [a.source.span for a in learned if a.source.span is not None]
    found = []
    for rule in rules:
        if any(rule.cue.start < t.end and t.start < rule.cue.end for t in taken):
            continue
        if any(_inside(rule, piece) for outer in learned for piece in outer.content.pieces()):
            found.append(rule)
    return found


def _inside(rule: Attribution, piece: tuple[int, int]) -> bool:
    start, end = piece
    spans = [rule.cue, rule.content] + ([rule.source.span] if rule.source.span is not None else [])
    return all(start <= s.start and s.end <= end for s in spans)


def layout_links(ctx: Context, links: list[Link]) -> list[Link]:
    """`links` with the attributions that the page's layout makes: "SPEAKER: words" lines
    and quotes signed "― Name". The tagger reads sentences, and sees too few of these in
    PolNeAR's training articles to learn them (one dev article of 24 signed quotes: it
    found 2). The rules find them on the line; a learned link whose cue or source lies
    in such a line's source and cue gives way to the rule's, and a learned content piece
    on the line's content is dropped from its link (dev: overlap attribution +0.001)."""
    doc = ctx.doc
    found = []
    for finding in speaker_lines(ctx) + signed_quotes(ctx):
        # PolNeAR's content keeps the punctuation at its edges: the quote with its marks, the
        # speaker's line to its last full stop (a headline "Pence: ..." to its last word).
        start, end = finding.content[0]
        first, limit = (0, finding.cue[0]) if finding.rule == "signed_quote" else (finding.cue[1], len(doc))
        while start > first and doc[start - 1].is_punct:
            start -= 1
        while end < limit and doc[end].is_punct and doc[end].text not in ";:":  # "A; B;" lists
            end += 1
        if doc[end - 1].text == "." and "\n" not in ctx.text[: doc[start].idx]:
            end -= 1  # a headline's full stop is the extractor's, not the speaker's
        source = Role(finding.source.start, finding.source.end, SOURCE)
        found.append(Link(source, Role(*finding.cue, CUE), (Role(start, end, CONTENT),)))
    if not found:
        return links

    def displaced(link: Link) -> bool:
        spans = [link.cue] + ([link.source] if link.source else [])
        return any(_overlaps(a, b) for a in spans for new in found for b in (new.cue, new.source))

    kept = []
    for link in links:
        # the line's quote is its signer's or speaker's content, not another cue's piece
        pieces = tuple(r for r in link.content if not any(_overlaps(r, c) for new in found for c in new.content))
        if pieces and not displaced(link):
            kept.append(Link(link.source, link.cue, pieces))
    return sorted(kept + found, key=lambda link: link.cue)


def _overlaps(a: Role, b: Role | None) -> bool:
    return b is not None and a.start < b.end and b.start < a.end
