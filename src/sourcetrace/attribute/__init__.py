"""The attribution stage: who claims what, citing whom.

Stage `attribute` needs the "parse" (article.doc) and adds the "attributions" layer.
Finding (rules over the parse, `cues.py` and `quoted.py`) is kept apart from resolving
(`sources.py`) and from writing the layer (`chains.py`), as spaCy keeps matching apart
from setting annotations.
"""

from __future__ import annotations

from ..article import Article, Attribution
from ..stage import needs_parse, stage
from .chains import assemble
from .context import Context, Finding
from .continued import add_continued
from .cues import attach_citing, hearsay, noun_cues, verb_cues
from .phrases import according_to, as_reports, in_opinion, signed_quotes, speaker_lines
from .quoted import quoted
from .refine import refine

__all__ = ["add_continued", "attribute", "find_attributions"]

# Earlier rules win when two find the same cue: the parse-based ones know more.
RULES = (verb_cues, according_to, in_opinion, noun_cues, hearsay, as_reports, speaker_lines, signed_quotes)


def find_attributions(doc, ctx: Context | None = None, *, continued: bool = False) -> list[Attribution]:
    """Every attribution in a parsed spaCy Doc, resolved and with chains; `ctx` when the
    caller has built the Doc's context already. With `continued`, also the reports that go
    on without a cue (`continued.py`), read off the others once they are resolved; engines
    that borrow from these attributions add them to their own final list (`add_continued`)."""
    ctx = ctx or Context.of(doc)
    findings = _dedupe([f for rule in RULES for f in rule(ctx)])
    attach_citing(ctx, findings)
    findings = _dedupe(findings + quoted(ctx, findings))
    refine(ctx, findings)
    attributions = assemble(ctx, [f for f in findings if f.content])
    return add_continued(ctx, attributions) if continued else attributions


@stage(needs={"doc"}, adds={"attributions"})
def attribute(article: Article) -> Article:
    """Stage: the rule engine's attributions, and its name in the article's metadata."""
    needs_parse(article, "attribute")
    article.layers["attributions"] = find_attributions(article.doc, continued=True)
    article.engine = "rules"
    return article


def _dedupe(findings: list[Finding]) -> list[Finding]:
    kept: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        if not finding.content:
            continue
        kept.setdefault((finding.cue[0], finding.content_start), finding)
    cues = {}
    for finding in kept.values():  # one finding per cue, except quotes that continue it
        if finding.rule == "continued_quote":
            continue
        cues.setdefault(finding.cue, finding)
    continued = [f for f in kept.values() if f.rule == "continued_quote"]
    return sorted(list(cues.values()) + continued, key=lambda f: (f.cue[0], f.content_start))
