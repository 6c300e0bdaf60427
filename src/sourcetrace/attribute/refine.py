"""Corrections to findings once all of an article's findings are known.

- A content never holds its own cue.
- A content that starts or ends inside a quotation takes the whole quotation: the parse
  ties a cue to one sentence, the quotation marks say where the speech runs.
- A transcript's speaker label ("TRUMP:") is in no content.
- "X expressed this view" after "Moscow stated that C" takes C, not the report of it.
"""

from __future__ import annotations

from .context import Context, Finding, TokenRange
from .syntax import minus, trim


def refine(ctx: Context, findings: list[Finding]) -> None:
    for finding in findings:
        widen_to_quotes(finding, ctx)
    narrow_backward(findings)
    labels = [(f.source.start, f.cue[1]) for f in findings if f.rule == "speaker" and f.source is not None]
    for finding in findings:
        cut_cue_out_of_content(finding, ctx)
        for label in labels:  # "TRUMP:" belongs to no one's content
            finding.content = [p for s, e in finding.content for p in minus((s, e), label, ctx.doc)]


def widen_to_quotes(finding: Finding, ctx: Context) -> None:
    doc = ctx.doc
    widened: list[TokenRange] = []
    for start, end in finding.content:
        for edge in (doc[start].idx, doc[end - 1].idx):
            quote = ctx.quote_at(edge)
            if quote is None or quote[0] <= doc[finding.cue[0]].idx < quote[1]:
                continue
            span = doc.char_span(quote[0], quote[1], alignment_mode="expand")
            if span is not None:
                q_start, q_end = trim(doc, span.start, span.end)
                start, end = min(start, q_start), max(end, q_end)
        widened.append((start, end))
    finding.content = _merge(widened)


def _merge(ranges: list[TokenRange]) -> list[TokenRange]:
    merged: list[TokenRange] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def cut_cue_out_of_content(finding: Finding, ctx: Context) -> None:
    """A content never holds its own cue ("what he calls hell" is content "hell")."""
    parts = []
    for start, end in finding.content:
        if start <= finding.cue[0] < end:
            parts.extend(minus((start, end), finding.cue, ctx.doc))
        else:
            parts.append((start, end))
    finding.content = parts


def narrow_backward(findings: list[Finding]) -> None:
    """ "X expressed this view" after "Moscow stated that C": X's content is C, not the report."""
    for finding in findings:
        if not finding.backward:
            continue
        start, end = finding.content[0]
        inside = [f for f in findings if not f.backward and start <= f.content_start and f.content_end <= end]
        if inside:
            finding.content = list(inside[-1].content)
