"""What span edges alone cost an exact attribution score (sourcetrace.evaluate.edges),
on a two-sentence text whose right counts are worked out by hand."""

from __future__ import annotations

from sourcetrace.evaluate.attribution import Triple
from sourcetrace.evaluate.edges import content_scope, edge_ceilings

TEXT = "The mayor said the bridge will close in May, officials added. Critics warned of chaos."


def _at(phrase: str) -> tuple[tuple[int, int], ...]:
    start = TEXT.index(phrase)
    return ((start, start + len(phrase)),)


GOLD = [
    Triple(_at("The mayor"), _at("said"), _at("the bridge will close in May")),
    Triple(_at("Critics"), _at("warned of"), _at("chaos")),
]


def test_content_edges_alone_cost_one_attribution() -> None:
    # The first attribution is right but for its content, which runs on to the comma
    # clause; the second has "warned" for "warned of": only both edges fixed match it.
    other = [
        Triple(_at("The mayor"), _at("said"), _at("the bridge will close in May, officials added")),
        Triple(_at("Critics"), _at("warned"), _at("chaos")),
    ]
    ceilings = edge_ceilings(GOLD, other, TEXT)
    assert ceilings[()] == 0
    assert ceilings[("content",)] == 1
    assert ceilings[("cue",)] == 1
    assert ceilings[("cue", "content")] == 2
    assert ceilings[("source", "cue", "content")] == 2
    assert len(ceilings) == 8  # every set of the three roles, the empty one included
    assert content_scope(GOLD, other, TEXT) == {"1-4 words, longer": 1}  # "officials added" (the comma is no word)


def test_content_scope_sizes_and_ways_and_what_it_leaves_out() -> None:
    other = [
        Triple(_at("The mayor"), _at("said"), _at("the bridge will close in May,")),  # a comma more
        Triple(_at("Critics"), _at("warned of"), _at("chaos")),  # exactly right: not counted
        Triple(None, _at("added"), _at("officials")),  # overlaps no gold attribution
    ]
    assert content_scope(GOLD, other, TEXT) == {"punctuation only, longer": 1}
    shorter = [Triple(_at("The mayor"), _at("said"), _at("the bridge"))]
    assert content_scope(GOLD, shorter, TEXT) == {"1-4 words, shorter": 1}  # "will close in May"
    much_shorter = [Triple(_at("The mayor"), _at("said"), _at("the"))]
    assert content_scope(GOLD, much_shorter, TEXT) == {"5+ words, shorter": 1}
    both = [Triple(_at("The mayor"), _at("said"), _at("bridge will close in May, officials added"))]
    assert content_scope(GOLD, both, TEXT) == {"1-4 words, both": 1}  # "the" out, "officials added" in
    other_source = [Triple(_at("mayor"), _at("said"), _at("the bridge"))]
    assert content_scope(GOLD, other_source, TEXT) == {}  # the source is off: not a content question
    assert edge_ceilings(GOLD, other_source, TEXT)[("source", "content")] == 1
