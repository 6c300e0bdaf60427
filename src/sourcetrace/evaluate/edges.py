"""How much of an exact-match score is lost to span edges alone: the measures behind
"What the targets would take now" in docs/learned-model.md.

Exact attribution F1 asks for three spans to be exactly right. Two annotations (a system
and gold, or two annotators) often agree on an attribution (it matches under overlap) and
still differ on where a role starts or ends. `edge_ceilings` counts how many attributions
would match exactly if every overlap-matched pair took gold's edges for some of its roles:
the most that work on those roles' edges alone could win, since it finds nothing new.
`content_scope` says, for pairs right on source and cue, how far their contents differ.
Both take `Triple`s (attribution.py) of one text, so they score annotators' files against
each other as readily as a system against gold.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations

from .attribution import Triple, match_attributions
from .brat import ROLES

__all__ = ["content_scope", "edge_ceilings"]

_WORD = re.compile(r"\w+")


def edge_ceilings(gold: Sequence[Triple], other: Sequence[Triple], text: str) -> dict[tuple[str, ...], int]:
    """Exact attribution matches of `other` against `gold` when the attributions the two
    pair under overlap take gold's edges for each set of roles: `()` is the score as it
    is, `ROLES` the overlap score. Counts add up across texts."""
    pairs = match_attributions(gold, other, "overlap", text)
    counts = {}
    for size in range(len(ROLES) + 1):
        for roles in combinations(ROLES, size):
            fixed = list(other)
            for g, o in pairs:
                fixed[o] = replace(fixed[o], **{role: getattr(gold[g], role) for role in roles})
            counts[roles] = len(match_attributions(gold, fixed, "exact", text))
    return counts


def content_scope(gold: Sequence[Triple], other: Sequence[Triple], text: str) -> Counter:
    """For each overlap-matched pair whose source and cue are exactly gold's and whose
    content is not: by how much the content differs ("punctuation only", "1-4 words",
    "5+ words", counting the words in the characters only one side has) and which way
    ("longer" when `other` only adds, "shorter" when it only leaves out, else "both")."""
    counts: Counter = Counter()
    for g, o in match_attributions(gold, other, "overlap", text):
        want, got = gold[g], other[o]
        if want.source != got.source or want.cue != got.cue or want.content == got.content:
            continue
        inside = [{i for start, end in t.content for i in range(start, end)} for t in (want, got)]
        extra, lost = inside[1] - inside[0], inside[0] - inside[1]
        changed = extra | lost
        # a space wherever the changed characters are not contiguous, so that words do not run together
        gaps = "".join(text[i] + ("" if i + 1 in changed else " ") for i in sorted(changed))
        words = len(_WORD.findall(gaps))
        size = "punctuation only" if not words else "1-4 words" if words <= 4 else "5+ words"
        way = "longer" if not lost else "shorter" if not extra else "both"
        counts[f"{size}, {way}"] += 1
    return counts
