"""Attributions carried by a phrase rather than a verb's arguments.

- "According to X, C" and "The side, according to X, is C" (C around the phrase).
- "In his opinion, C" / "In the view of X, C".
- "As the newspaper writes, C" when the parser missed the verb ("clarifies" as a noun).
- "SPEAKER: what they said" at the start of a line, as in transcripts and interviews.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .context import Context, Finding
from .lexicon import SPEECH_VERBS
from .syntax import child, minus, phrase, subtree_range, trim

# A line that opens with a name and a colon: "HOLT: Good evening", "Sen. Mary Holt: We will".
SPEAKER_LINE = re.compile(r"^((?:[A-Z][\w.'’-]*\.? ?){1,4}):[ \t]+\S")
NOT_SPEAKERS = frozenset(
    "update photo photos video note correction source sources watch listen read related see "
    "q a editor editor's disclaimer warning breaking live advertisement caption credit "
    "subscribe tags share comments".split()
)
OPINION_NOUNS = frozenset("opinion view words estimation assessment judgment judgement understanding belief".split())


def according_to(ctx: Context) -> list[Finding]:
    findings = []
    for token in ctx.doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = child(to, "pobj") if to is not None else None
        if obj is None:
            continue
        head = token.head if token.head.i != token.i else token
        clause = _clause_of(ctx, token)
        source = phrase(obj)
        hole = (token.i, token.right_edge.i + 1)
        subject = _misattached_subject(head, obj)
        if subject is not None:  # "According to X, Valery Zaluzhny has ...": the name is the subject
            source = ctx.doc[source.start : min(source.end, subject.left_edge.i)]
            source = ctx.doc.__getitem__(slice(*trim(ctx.doc, source.start, source.end)))
            hole = (token.i, subject.left_edge.i)
        parts = minus(clause, hole, ctx.doc)
        if parts and len(source):
            findings.append(Finding("according", (token.i, to.i + 1), parts, source))
    return findings


def _misattached_subject(head: Token, obj: Token) -> Token | None:
    """An apposition the parser hung on the source that is really the clause's subject."""
    if head.pos_ not in {"VERB", "AUX"} or child(head, "nsubj", "nsubjpass", "expl", "csubj"):
        return None
    appos = [c for c in obj.subtree if c.dep_ == "appos" and c.right_edge.i + 1 == head.i - _aux_count(head)]
    return appos[-1] if appos else None


def _aux_count(head: Token) -> int:
    return sum(1 for c in head.lefts if c.dep_ in {"aux", "auxpass", "neg", "advmod"} and c.i > head.i - 4)


def _clause_of(ctx: Context, token: Token) -> tuple[int, int]:
    head = token.head if token.head.i != token.i else token
    sent = ctx.sentence(token)
    if head.dep_ == "ROOT" or head == token:
        return sent.start, sent.end
    return subtree_range(head)


def in_opinion(ctx: Context) -> list[Finding]:
    """"In his opinion, the West needs a pause": the holder is the possessor or the of-object."""
    findings = []
    for token in ctx.doc:
        if token.lower_ != "in" or token.dep_ != "prep":
            continue
        noun = child(token, "pobj")
        if noun is None or noun.lemma_.lower() not in OPINION_NOUNS:
            continue
        holder = child(noun, "poss") or next(
            (child(p, "pobj") for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"), None
        )
        if holder is None:
            continue
        parts = minus(_clause_of(ctx, token), (token.i, token.right_edge.i + 1), ctx.doc)
        if parts:
            findings.append(Finding("in_opinion", (token.i, noun.i + 1), parts, phrase(holder)))
    return findings


def as_reports(ctx: Context) -> list[Finding]:
    """"As the newspaper clarifies, C": found on the words when the parse misses the verb."""
    findings = []
    for sent in ctx.sentences:
        words = [t for t in sent if not t.is_space]
        if len(words) < 5 or words[0].lower_ != "as":
            continue
        comma = next((t for t in words[1:12] if t.text == ","), None)
        if comma is None or comma.i < words[0].i + 3:
            continue
        verb = ctx.doc[comma.i - 1]
        if verb.pos_ == "VERB" or _speech_lemma(verb.lower_) is None:
            continue  # a real verb is found by the verb rules
        source = ctx.doc[words[0].i + 1 : verb.i]
        start, end = trim(ctx.doc, comma.i + 1, sent.end)
        if end > start and len(source):
            findings.append(Finding("as_reports", (verb.i, verb.i + 1), [(start, end)], source))
    return findings


def _speech_lemma(word: str) -> str | None:
    """"clarifies" → "clarify", "writes" → "write", "noted" → "note": inflections the tagger missed."""
    for ending, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e")):
        if word.endswith(ending) and word[: -len(ending)] + replacement in SPEECH_VERBS:
            return word[: -len(ending)] + replacement
    return None


def speaker_lines(ctx: Context) -> list[Finding]:
    """"TRUMP: We will win": the speaker before the colon is the source of the line."""
    findings = []
    offset = 0
    for line in ctx.text.split("\n"):
        match = SPEAKER_LINE.match(line)
        name = match.group(1).strip() if match else ""
        if match and name.lower().rstrip(".") not in NOT_SPEAKERS and not name.lower().startswith(("see ", "read ")):
            finding = _speaker_finding(ctx, offset, offset + len(name), offset + len(line))
            if finding is not None:
                findings.append(finding)
        offset += len(line) + 1
    return findings


def _speaker_finding(ctx: Context, name_start: int, name_end: int, line_end: int) -> Finding | None:
    doc = ctx.doc
    source = doc.char_span(name_start, name_end, alignment_mode="expand")
    colon = doc.char_span(name_end, name_end + 1, alignment_mode="expand")
    content = doc.char_span(name_end + 1, line_end, alignment_mode="expand")
    if source is None or colon is None or content is None:
        return None
    start, end = trim(doc, content.start, content.end)
    if end <= start:
        return None
    return Finding("speaker", (colon.start, colon.end), [(start, end)], source)
