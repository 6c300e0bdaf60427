"""The attribution rules on parses built by hand: no model, exact expectations.

Each sentence is written as rows of (word, lemma, POS, dep, head offset within the
sentence, entity label). The rules only read these attributes, so a hand parse pins
down one construction at a time, independent of what the statistical parser does.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sourcetrace.attribute import find_attributions

TAGS = {"NOUN": "NN", "PROPN": "NNP", "VERB": "VBD", "PRON": "PRP", "ADP": "IN", "DET": "DT",
        "PUNCT": ".", "AUX": "VBZ", "SCONJ": "IN", "ADJ": "JJ", "ADV": "RB", "PART": "RB"}


def build(*sentences: list[tuple]) -> Doc:
    words, lemmas, pos, tags, deps, heads, starts, ents = [], [], [], [], [], [], [], []
    for rows in sentences:
        base = len(words)
        for i, (word, lemma, p, dep, head, ent) in enumerate(rows):
            words.append(word)
            lemmas.append(lemma)
            pos.append(p)
            tags.append("NNS" if word.endswith("s") and p == "NOUN" else TAGS[p])
            deps.append(dep)
            heads.append(base + head)
            starts.append(i == 0)
            ents.append(ent)
    spaces = [not (i + 1 < len(words) and words[i + 1] in {".", ",", "’s"}) for i in range(len(words))]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos,
               tags=tags, deps=deps, heads=heads, sent_starts=starts, ents=ents)


def test_indirect_speech_with_anonymous_source():
    doc = build([
        ("Officials", "official", "NOUN", "nsubj", 1, "O"),
        ("said", "say", "VERB", "ROOT", 1, "O"),
        ("that", "that", "SCONJ", "mark", 5, "O"),
        ("the", "the", "DET", "det", 4, "O"),
        ("bridge", "bridge", "NOUN", "nsubj", 5, "O"),
        ("reopened", "reopen", "VERB", "ccomp", 1, "O"),
        (".", ".", "PUNCT", "punct", 1, "O"),
    ])
    [a] = find_attributions(doc)
    assert a.source.kind == "anonymous"
    assert a.cue.text_in(doc.text) == "said"
    assert a.content.text_in(doc.text) == "that the bridge reopened"
    assert a.form == "indirect"
    assert [link.text for link in a.chain] == ["Officials"]


def test_agentless_cue_has_no_source():
    doc = build([
        ("It", "it", "PRON", "nsubjpass", 2, "O"),
        ("is", "be", "AUX", "auxpass", 2, "O"),
        ("noted", "note", "VERB", "ROOT", 2, "O"),
        ("that", "that", "SCONJ", "mark", 5, "O"),
        ("prices", "price", "NOUN", "nsubj", 5, "O"),
        ("rose", "rise", "VERB", "ccomp", 2, "O"),
        (".", ".", "PUNCT", "punct", 2, "O"),
    ])
    [a] = find_attributions(doc)
    assert a.source.kind == "none" and a.source.span is None
    assert a.cue.text_in(doc.text) == "is noted"
    assert a.content.text_in(doc.text) == "that prices rose"


PERSON_SPEAKS = [
    ("Anna", "Anna", "PROPN", "compound", 1, "B-PERSON"),
    ("Petrova", "Petrova", "PROPN", "nsubj", 2, "I-PERSON"),
    ("spoke", "speak", "VERB", "ROOT", 2, "O"),
    ("today", "today", "NOUN", "npadvmod", 2, "O"),
    (".", ".", "PUNCT", "punct", 2, "O"),
]


def test_according_to_him_resolves_to_the_person_named_before():
    doc = build(PERSON_SPEAKS, [
        ("According", "accord", "VERB", "prep", 4, "O"),
        ("to", "to", "ADP", "prep", 0, "O"),
        ("him", "he", "PRON", "pobj", 1, "O"),
        ("prices", "price", "NOUN", "nsubj", 4, "O"),
        ("rose", "rise", "VERB", "ROOT", 4, "O"),
        (".", ".", "PUNCT", "punct", 4, "O"),
    ])
    [a] = find_attributions(doc)
    assert a.source.span.text_in(doc.text) == "him"
    assert (a.source.kind, a.source.entity) == ("person", "Anna Petrova")
    assert a.cue.text_in(doc.text) == "According to"
    assert a.content.text_in(doc.text) == "prices rose"


def test_backward_attribution_takes_the_sentence_before():
    doc = build([
        ("Prices", "price", "NOUN", "nsubj", 1, "O"),
        ("will", "will", "AUX", "aux", 2, "O"),
        ("fall", "fall", "VERB", "ROOT", 2, "O"),
        (".", ".", "PUNCT", "punct", 2, "O"),
    ], [
        ("This", "this", "DET", "det", 1, "O"),
        ("opinion", "opinion", "NOUN", "nsubjpass", 3, "O"),
        ("was", "be", "AUX", "auxpass", 3, "O"),
        ("expressed", "express", "VERB", "ROOT", 3, "O"),
        ("by", "by", "ADP", "agent", 3, "O"),
        ("analyst", "analyst", "NOUN", "compound", 7, "O"),
        ("Ivan", "Ivan", "PROPN", "compound", 7, "B-PERSON"),
        ("Sokolov", "Sokolov", "PROPN", "pobj", 4, "I-PERSON"),
        (".", ".", "PUNCT", "punct", 3, "O"),
    ])
    [a] = find_attributions(doc)
    assert a.content.text_in(doc.text) == "Prices will fall"
    assert (a.source.kind, a.source.entity, a.source.role) == ("person", "Ivan Sokolov", "analyst")


def test_citing_makes_a_chain_ending_in_the_cited_source():
    doc = build([
        ("Talks", "talk", "NOUN", "nsubj", 1, "O"),
        ("continue", "continue", "VERB", "ROOT", 1, "O"),
        (".", ".", "PUNCT", "punct", 1, "O"),
    ], [
        ("Anna", "Anna", "PROPN", "compound", 1, "B-PERSON"),
        ("Petrova", "Petrova", "PROPN", "nsubj", 2, "I-PERSON"),
        ("spoke", "speak", "VERB", "ROOT", 2, "O"),
        ("about", "about", "ADP", "prep", 2, "O"),
        ("this", "this", "PRON", "pobj", 3, "O"),
        (",", ",", "PUNCT", "punct", 2, "O"),
        ("citing", "cite", "VERB", "advcl", 2, "O"),
        ("unnamed", "unnamed", "ADJ", "amod", 8, "O"),
        ("diplomats", "diplomat", "NOUN", "dobj", 6, "O"),
        (".", ".", "PUNCT", "punct", 2, "O"),
    ])
    [a] = find_attributions(doc)
    assert a.content.text_in(doc.text) == "Talks continue"
    assert a.source.kind == "anonymous"
    assert [(link.entity or link.text, link.kind) for link in a.chain] == [
        ("Anna Petrova", "person"), ("unnamed diplomats", "anonymous")
    ]
