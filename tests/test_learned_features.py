"""The parse features the role tagger reads beside spaCy's lexical attributes
(src/sourcetrace/learned/features.py), on hand-built Docs."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from sourcetrace.learned.features import COLUMNS, role_features

# 'Smith said " the plan fails .\n It costs " too much .' — a quotation left open at a line
# break, as print does, then a stray closing mark in the next paragraph.
WORDS = ["Smith", "said", '"', "the", "plan", "fails", ".", "\n", "It", "costs", '"', "too", "much", "."]
SPACES = [True, True, False, True, True, False, False, False, True, True, False, True, False, False]
HEADS = [1, 1, 5, 4, 5, 1, 1, 6, 9, 9, 9, 12, 9, 9]
DEPS = [
    "nsubj",
    "ROOT",
    "punct",
    "det",
    "nsubj",
    "ccomp",
    "punct",
    "dep",
    "nsubj",
    "ROOT",
    "punct",
    "advmod",
    "dobj",
    "punct",
]
TAGS = ["NNP", "VBD", "``", "DT", "NN", "VBZ", ".", "_SP", "PRP", "VBZ", "''", "RB", "JJ", "."]
POS = [
    "PROPN",
    "VERB",
    "PUNCT",
    "DET",
    "NOUN",
    "VERB",
    "PUNCT",
    "SPACE",
    "PRON",
    "VERB",
    "PUNCT",
    "ADV",
    "ADJ",
    "PUNCT",
]
LEMMAS = ["Smith", "say", '"', "the", "plan", "fail", ".", "\n", "it", "cost", '"', "too", "much", "."]
SENTS = [True] + [False] * 7 + [True] + [False] * 5


def parsed() -> Doc:
    return Doc(
        Vocab(),
        words=WORDS,
        spaces=SPACES,
        heads=HEADS,
        deps=DEPS,
        tags=TAGS,
        pos=POS,
        lemmas=LEMMAS,
        sent_starts=SENTS,
    )


def column(rows, name):
    return [row[COLUMNS.index(name)] for row in rows]


def test_quotation_state_follows_the_marks_and_closes_at_a_line_break():
    quotes = column(role_features(parsed()), "quote")
    assert quotes[:7] == ["out", "out", "open", "in", "in", "in", "in"]
    assert quotes[7] == "out"  # the line break ends the open quotation
    assert quotes[10] == "open"  # a straight mark after a break opens again
    assert quotes[11:] == ["in", "in", "in"]


def test_tokens_know_how_they_hang_under_the_speech_verb():
    rows = role_features(parsed())
    speech = column(rows, "speech")
    assert speech[1] == "self"  # "said"
    assert speech[0] == "nsubj"  # the source
    assert speech[3:6] == ["ccomp", "ccomp", "ccomp"]  # the content
    assert speech[8] == "none"  # "It costs…" has no speech verb
    clause = column(rows, "clause")
    assert clause[4] == "nsubj|fail" and clause[5] == "ccomp|say"
    assert column(rows, "root")[9] == "cost"


def test_tokens_know_the_side_of_the_nearest_cue_and_their_paragraph():
    rows = role_features(parsed())
    assert all(len(row) == len(COLUMNS) for row in rows)
    side = column(rows, "cue_side")
    assert side[0] == "before|1|say" and side[1] == "cue" and side[4].startswith("after|")
    paragraph = column(rows, "paragraph")
    assert paragraph[0] == "0|-|q" and paragraph[9] == "0|-|q"


def test_verbs_and_nouns_carry_their_wordnet_classes():
    sense = column(role_features(parsed()), "sense")
    assert sense[1] == "v:communication|communication"  # "say"
    assert sense[4].startswith("n:") and sense[5].startswith("v:")  # "plan", "fail"
    assert sense[0] == "-" and sense[3] == "-"  # a name and a determiner have none
