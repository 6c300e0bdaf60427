"""Role spans in token terms, and their tidying before linking.

The role tagger cuts its spans where it must (at every sentence start, which it cannot
cross) and decides each word's tag alone; before the linker sees them, pieces of one span
that a sentence start cut apart are joined again, and spans that stop inside a phrase are
run on to its end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["CONTENT", "CUE", "SOURCE", "Link", "Role", "close_spans", "join_forced"]

SOURCE, CUE, CONTENT = "SOURCE", "CUE", "CONTENT"
_NOUN_MODIFIERS = frozenset({"det", "compound", "amod", "poss", "nummod", "nmod", "quantmod"})


@dataclass(frozen=True, order=True)
class Role:
    """A role span in token terms: [start, end) over the Doc's tokens."""

    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Link:
    """An attribution in token terms; `source` is None when it has no source span."""

    source: Role | None
    cue: Role
    content: tuple[Role, ...]


def join_forced(doc, roles: Iterable[Role]) -> list[Role]:
    """Join same-label neighbours that a sentence start had to cut apart (the tagger
    cannot cross one), so a quote of three sentences is one piece again. Pieces on two
    sides of a line break stay two: the linker decides whether they share a cue."""
    joined: list[Role] = []
    for role in sorted(roles):
        if joined and _forced_cut(doc, joined[-1], role):
            joined[-1] = Role(joined[-1].start, role.end, role.label)
        else:
            joined.append(role)
    return joined


def close_spans(doc, roles: Sequence[Role]) -> list[Role]:
    """Role spans that stop inside a phrase run on to its end, unless another role starts
    first. The tagger decides each word's tag alone, and cuts phrases short more often
    than it runs them on:

    - a content that stops on a word whose head comes later in the sentence ("jointly
      owned drones and other", a subject without its verb) runs on to the end of that
      head's phrase (PolNeAR dev, with the layout links: content exact F1 0.595 → 0.600);
    - a source that stops on a modifier of a later noun ("Rakeyia" of "Rakeyia Scott",
      "The" of "The Europeans, who had been cut out of the talks,") runs on to the end of
      that noun's phrase; a span with a bracket left open ("Sen. Bernie Sanders (") runs on
      to its closing bracket (dev: source 0.799 → 0.801, attribution 0.517 → 0.518).
    """
    roles = sorted(roles)
    closed = []
    for index, role in enumerate(roles):
        following = roles[index + 1].start if index + 1 < len(roles) else len(doc)
        end = _phrase_end(doc, role)
        while end > role.end and doc[end - 1].is_space:
            end -= 1
        if end <= following:
            role = Role(role.start, end, role.label)
        end = _bracket_end(doc, role, following)
        closed.append(Role(role.start, end, role.label))
    return closed


def _phrase_end(doc, role: Role) -> int:
    last = doc[role.end - 1]
    head = last.head
    if head.i < role.end or head.sent != last.sent or last.is_punct:
        return role.end
    if role.label == CONTENT:
        return max(head.i, head.right_edge.i) + 1
    if role.label == SOURCE and last.dep_ in _NOUN_MODIFIERS and head.tag_.startswith("NN"):
        return head.right_edge.i + 1
    return role.end


def _bracket_end(doc, role: Role, following: int) -> int:
    words = [t.text for t in doc[role.start : role.end]]
    if words.count("(") <= words.count(")"):
        return role.end
    for i in range(role.end, min(following, role.end + 8, len(doc))):
        if doc[i].text == ")":
            return i + 1
        if "\n" in doc[i].text:
            break  # a bracket is closed on its own line or not at all
    return role.end


def _forced_cut(doc, left: Role, right: Role) -> bool:
    if left.label != right.label or any(not doc[i].is_space for i in range(left.end, right.start)):
        return False
    # Across a line break the two pieces stay apart and the linker gives each its cue: a
    # quote that goes on in the next paragraph still goes to the same cue, but the next
    # paragraph's own quote, whose cue comes after it, no longer rides on this one's
    # (PolNeAR dev, 0.6.0: content exact F1 0.626 → 0.650, attribution 0.557 → 0.578).
    if any("\n" in doc[i].text for i in range(left.end, right.start)):
        return False
    return right.start > left.end or doc[right.start].is_sent_start
