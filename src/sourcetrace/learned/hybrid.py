"""The hybrid engine: the learned model's attributions, and what only the rules can read.

Both engines propose attributions over the same parse; the rules run once. Per cue:

- a cue both found keeps the learned spans (PolNeAR's conventions, which the tagger
  learned) with the rules' resolution of the same source when the rules named who it is
  ("the journalist," → Seymour Hersh), except where the rules read a construction the
  tagger cannot: a view attributed backwards ("This opinion was expressed by X", its
  content the sentence before) and an agentless cue whose learned source is the
  expletive "it" ("It is noted that"): there the rules' attribution stands;
- a cue only the learned model found stays: PolNeAR annotates stance and belief cues
  ("dismissed", "has backed") that our rules leave out;
- a cue only the rules found is added only for the constructions the tagger cannot read
  (`_construction`): a reporter in the chain ("an American official told me", "X, citing
  Y"), "according to" and "in X's view", a view attributed backwards, an agentless cue, a
  quotation (a quote whose speaker was named the sentence before, a second quote after
  its cue), a report that continues without a new cue. A plain verb the rules read as a
  cue and the tagger did not ("shows", "found") is left out: on 250 PolNeAR train articles
  6 of 102 such additions had a gold cue (`benchmarks/hybrid_choices.py`).
- a learned cue the rules do not have inside another attribution's content ("are
  discussing", "still believes in" in a journalist's report) is that content, not a
  report of its own, and is left out;
- an added attribution never takes words another already holds: its cue must lie outside
  every kept content (unless it passes on a reporter's words, which PolNeAR folds into
  the outer content), and most of its content must be its own.
"""

from __future__ import annotations

from dataclasses import replace

from ..article import Article, Attribution, Span
from ..attribute import find_attributions
from ..attribute.context import Context
from ..stage import needs_parse, stage
from .stage import LearnedAttributor, to_attributions

__all__ = ["HybridAttributor", "merge"]

TELLER_GAP = 40  # characters between a quote's end and the cue of who told it ("," an official told)
MOSTLY = 0.5  # a rule content this much inside kept contents is already attributed
PHRASE_CUES = ("according to", "in the opinion", "in his opinion", "in her opinion", "in their opinion", "view")


@stage(needs={"doc"}, adds={"attributions"})
class HybridAttributor(LearnedAttributor):
    """The `hybrid` engine's attribution stage (the default)."""

    def find(self, doc) -> list[Attribution]:
        ctx = Context.of(doc)
        rules = find_attributions(doc, ctx)
        learned = to_attributions(doc, self.links(doc), ctx=ctx, rules=rules)
        return merge(ctx, learned, rules)

    def __call__(self, article: Article) -> Article:
        needs_parse(article, "the hybrid attribution stage")
        article.layers["attributions"] = self.find(article.doc)
        article.engine = "hybrid"
        return article


def merge(ctx: Context, learned: list[Attribution], rules: list[Attribution]) -> list[Attribution]:
    """One list, per cue as the module says, in text order with ids renumbered."""
    kept = []
    for attribution in learned:
        rule = _same_cue(attribution, rules)
        teller = _teller_after(ctx, attribution, rules)
        if teller is not None:
            kept.append(replace(attribution, source=teller.source, cue=teller.cue, chain=teller.chain))
        elif rule is None:
            kept.append(attribution)
        elif _rules_read_it_better(ctx, attribution, rule):
            kept.append(rule)
        else:
            kept.append(_named_by_rules(attribution, rule, ctx.text))
    for rule in rules:
        if _construction(ctx, rule) and _new_cue_or_quote(rule, kept) and not _taken(rule, kept):
            kept.append(rule)
    kept = [a for a in kept if not _invented(ctx, a, kept, rules)]
    ordered = sorted(kept, key=lambda a: (a.cue.start, a.content.start))
    return [replace(a, id=f"a{number}") for number, a in enumerate(ordered, 1)]


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _same_cue(attribution: Attribution, others: list[Attribution]) -> Attribution | None:
    return next((other for other in others if _overlap(attribution.cue, other.cue)), None)


def _teller_after(ctx: Context, learned: Attribution, rules: list[Attribution]) -> Attribution | None:
    """The rules' reporter-chained attribution whose cue follows the learned content and
    whose quote lies inside it: "… with or without you." "If necessary, we will pay," an
    American official told me. The tagger took an earlier verb for the cue; the words are
    the official's, passed on by the journalist ("me")."""
    end = learned.content.end
    for rule in rules:
        if len(rule.chain) < 2 or not 0 <= rule.cue.start - end <= TELLER_GAP:
            continue
        if all(learned.content.start <= s and e <= end for s, e in rule.content.pieces()):
            return rule
    return None


def _rules_read_it_better(ctx: Context, learned: Attribution, rule: Attribution) -> bool:
    # Backwards: the tagger took the anaphor in the cue's sentence ("This opinion") for the
    # content; a quote before "he said" in a sentence of its own is no such case.
    anaphor = _one_sentence(
        ctx, min(learned.content.start, learned.cue.start), max(learned.content.start, learned.cue.start)
    )
    backward = _backward(ctx, rule) and anaphor
    return backward or (rule.source.kind == "none" and _said_by(learned, ctx.text) == "it")


def _backward(ctx: Context, rule: Attribution) -> bool:
    """ "This opinion was expressed by X": the content is a sentence before the cue's own."""
    return rule.content.end <= rule.cue.start and not _one_sentence(ctx, rule.content.end - 1, rule.cue.start)


def _said_by(attribution: Attribution, text: str) -> str:
    span = attribution.source.span
    return span.text_in(text).strip().lower() if span is not None else ""


def _named_by_rules(learned: Attribution, rule: Attribution, text: str) -> Attribution:
    """The learned attribution, its source resolved as the rules resolved the same words
    when they found a name the learned phrase did not ("the journalist," → Seymour Hersh)."""
    mine, theirs = learned.source, rule.source
    if mine.span is None or theirs.span is None or not _overlap(mine.span, theirs.span):
        return learned
    if theirs.entity is None or theirs.entity == mine.entity:
        return learned
    source = replace(mine, kind=theirs.kind, entity=theirs.entity, role=theirs.role or mine.role)
    return replace(learned, source=source, chain=(*learned.chain[:-1], source.link(text)))


def _invented(ctx: Context, attribution: Attribution, kept: list[Attribution], rules: list[Attribution]) -> bool:
    """A learned cue the rules do not have inside another's content: "Senior military
    leaders are discussing terms", in the middle of a journalist's report, is the report's
    content, not a report of the leaders'. PolNeAR never nests one attribution in another
    (the tagger learned none), so such a cue is a reading the two engines disagree on,
    and the rules, which read reports inside reports, did not find one. (Nested
    attributions are not scored on PolNeAR, so this costs its scores nothing.)"""
    if _same_cue(attribution, rules) is not None:
        return False
    return any(
        other is not attribution and start <= attribution.cue.start and attribution.cue.end <= end
        for other in kept
        for start, end in other.content.pieces()
    )


def _construction(ctx: Context, rule: Attribution) -> bool:
    """A construction the tagger cannot read (the module's list)."""
    cue = rule.cue.text_in(ctx.text).lower()
    return (
        len(rule.chain) >= 2
        or any(phrase in cue for phrase in PHRASE_CUES)
        or _backward(ctx, rule)
        or rule.source.kind == "none"
        or rule.form == "direct"
        or getattr(rule, "continues", None) is not None
    )


def _new_cue_or_quote(rule: Attribution, kept: list[Attribution]) -> bool:
    """A cue no kept attribution has, or a kept cue's second quote: "…," he said. "…" is
    two attributions with one cue when the second quote stands in marks of its own."""
    same = [other for other in kept if _overlap(rule.cue, other.cue)]
    return not same or (rule.form == "direct" and not any(_overlap(rule.content, other.content) for other in same))


def _taken(rule: Attribution, kept: list[Attribution]) -> bool:
    """The rule's words are another's: its cue in a kept content (a reporter's words passed
    on excepted), or most of its content kept content."""
    pieces = [piece for other in kept for piece in other.content.pieces()]
    cue_inside = any(start <= rule.cue.start and rule.cue.end <= end for start, end in pieces)
    if cue_inside and len(rule.chain) < 2:
        return True
    size = sum(end - start for start, end in rule.content.pieces()) or 1
    inside = sum(max(0, min(end, e) - max(start, s)) for start, end in rule.content.pieces() for s, e in pieces)
    return inside / size > MOSTLY


def _one_sentence(ctx: Context, a: int, b: int) -> bool:
    starts = [sentence.start_char for sentence in ctx.sentences]
    return sum(1 for start in starts if a < start <= b) == 0
