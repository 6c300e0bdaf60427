"""Direct quotes the parse did not tie to a cue.

- A quote split around its cue ("“A,” X said, “B.”"): B joins the finding of A.
- A quote after a colon ("X said: “...”") or a block after "X said:".
- A quote with a speech verb and subject elsewhere in its sentence.
- A quote that opens a paragraph right after a quoted paragraph: the same speaker goes on.
Quotes of fewer than three words are scare quotes, not speech.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..quotes import OPENING_MARKS
from .context import Context, Finding, TokenRange
from .cues import declined
from .lexicon import SPEECH_VERBS
from .syntax import NoSubject, phrase, subject_of, trim

MIN_QUOTE_WORDS = 3


def quoted(ctx: Context, findings: list[Finding]) -> list[Finding]:
    added: list[Finding] = []
    for qs, qe in ctx.quotes:
        tokens = _quote_tokens(ctx, qs, qe)
        if tokens is None or sum(t.is_alpha for t in ctx.doc[tokens[0] : tokens[1]]) < MIN_QUOTE_WORDS:
            continue
        everything = findings + added
        if _covered(tokens, everything):
            continue
        split = _split_partner(ctx, tokens, everything)
        if split is not None:
            split.content.append(tokens)
            split.content.sort()
            continue
        finding = _colon_cue(ctx, tokens) or _sentence_cue(ctx, tokens) or _continued(ctx, tokens, everything)
        if finding is not None:
            added.append(finding)
    return added


def _quote_tokens(ctx: Context, qs: int, qe: int) -> TokenRange | None:
    span = ctx.doc.char_span(qs, qe, alignment_mode="expand")
    if span is None:
        return None
    start, end = trim(ctx.doc, span.start, span.end)
    return (start, end) if end > start else None


def _covered(tokens: TokenRange, findings: list[Finding]) -> bool:
    """Most of the quote already lies in some finding's content (or is its cue)."""
    size = tokens[1] - tokens[0]
    for f in findings:
        inside = sum(max(0, min(e, tokens[1]) - max(s, tokens[0])) for s, e in f.content)
        if inside * 2 >= size or tokens[0] <= f.cue[0] < tokens[1]:
            return True
    return False


def _split_partner(ctx: Context, tokens: TokenRange, findings: list[Finding]) -> Finding | None:
    """The finding whose cue clause sits right before this quote in the same sentence."""
    doc = ctx.doc
    for f in findings:
        if f.backward or ctx.sentence_of[f.cue[0]] != ctx.sentence_of[tokens[0]]:
            continue
        between = doc[max(f.cue[1], f.content_end) : tokens[0]]
        if (
            f.content_end <= f.cue[0]
            and len(between) <= 6
            and not any(t.lemma_.lower() in SPEECH_VERBS and t.i >= f.cue[1] for t in between)
        ):
            return f
    return None


def _colon_cue(ctx: Context, tokens: TokenRange) -> Finding | None:
    """ "X said: “...”" in one sentence, or "X said:" ending the sentence before the quote."""
    doc = ctx.doc
    colon = tokens[0] - 1
    while colon >= 0 and (doc[colon].is_space or doc[colon].text in OPENING_MARKS):
        colon -= 1
    if colon < 0 or doc[colon].text != ":":
        return None
    sent = ctx.sentence(doc[colon])
    verbs = [t for t in doc[sent.start : colon] if _speech_verb(t)]
    return _finding_for(verbs[-1], tokens, "colon_quote") if verbs else None


def _sentence_cue(ctx: Context, tokens: TokenRange) -> Finding | None:
    sent = ctx.sentence(ctx.doc[tokens[0]])
    outside = [t for t in sent if not tokens[0] <= t.i < tokens[1] and _speech_verb(t)]
    if not outside:
        return None
    nearest = min(outside, key=lambda t: min(abs(t.i - tokens[0]), abs(t.i - tokens[1])))
    return _finding_for(nearest, tokens, "sentence_quote")


def _continued(ctx: Context, tokens: TokenRange, findings: list[Finding]) -> Finding | None:
    """A paragraph that opens with a quote continues the quoted speaker of the paragraph before."""
    doc = ctx.doc
    start = doc[tokens[0]]
    before = doc[start.i - 1] if start.i > 0 else None
    opens_paragraph = before is None or (before.is_space and "\n" in before.text)
    earlier = [f for f in findings if f.content_end <= tokens[0] and f.source is not None]
    if not earlier:
        return None
    last = max(earlier, key=lambda f: f.content_end)
    if not _is_quote(ctx, last):
        return None  # only a quoted speaker goes on speaking in a new quotation
    # Or the sentence right after a quoted one: "“A,” she added. “B.”"
    sentence = ctx.sentence(start)
    opens_sentence = all(t.is_punct or t.pos_ == "CCONJ" for t in doc[sentence.start : tokens[0]])
    follows_quote = opens_sentence and (
        ctx.sentence_of[tokens[0]] - ctx.sentence_of[max(last.cue[0], last.content_end - 1)] == 1
    )
    if not (opens_paragraph or follows_quote):
        return None
    gap = doc[max(last.content_end, last.cue[1]) : tokens[0]]
    if not follows_quote and sum(t.is_alpha and not ctx.in_quote(t) for t in gap) > 0:
        return None  # narration between the two quotes: the speaker may have changed
    return Finding("continued_quote", last.cue, [tokens], last.source)


def _is_quote(ctx: Context, finding: Finding) -> bool:
    tokens = [t for s, e in finding.content for t in ctx.doc[s:e] if t.is_alpha]
    return bool(tokens) and sum(ctx.in_quote(t) for t in tokens) * 2 > len(tokens)


def _speech_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in SPEECH_VERBS and not declined(token)


def _finding_for(verb: Token, tokens: TokenRange, rule: str) -> Finding | None:
    try:
        source = subject_of(verb)
    except NoSubject:
        return None
    if source is None:
        return None
    return Finding(rule, (verb.i, verb.i + 1), [tokens], phrase(source))
