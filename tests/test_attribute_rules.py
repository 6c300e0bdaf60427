"""The attribution rules on parses built by hand: no model, exact expectations.

Each sentence is written as rows of (word, lemma, POS, dep, head offset within the
sentence, entity label[, fine-grained tag]). The rules only read these attributes, so a hand parse pins
down one construction at a time, independent of what the statistical parser does.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sourcetrace.attribute import find_attributions

TAGS = {
    "NOUN": "NN",
    "PROPN": "NNP",
    "VERB": "VBD",
    "PRON": "PRP",
    "ADP": "IN",
    "DET": "DT",
    "PUNCT": ".",
    "AUX": "VBZ",
    "SCONJ": "IN",
    "ADJ": "JJ",
    "ADV": "RB",
    "PART": "RB",
    "NUM": "CD",
    "CCONJ": "CC",
}


def build(*sentences: list[tuple]) -> Doc:
    words, lemmas, pos, tags, deps, heads, starts, ents = [], [], [], [], [], [], [], []
    for rows in sentences:
        base = len(words)
        for i, (word, lemma, p, dep, head, ent, *tag) in enumerate(rows):  # tag: when TAGS would be wrong
            words.append(word)
            lemmas.append(lemma)
            pos.append(p)
            tags.append(tag[0] if tag else "NNS" if word.endswith("s") and p == "NOUN" else TAGS[p])
            deps.append(dep)
            heads.append(base + head)
            starts.append(i == 0)
            ents.append(ent)
    spaces = [not (i + 1 < len(words) and words[i + 1] in {".", ",", "’s"}) for i in range(len(words))]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        lemmas=lemmas,
        pos=pos,
        tags=tags,
        deps=deps,
        heads=heads,
        sent_starts=starts,
        ents=ents,
    )


def test_indirect_speech_with_anonymous_source():
    doc = build(
        [
            ("Officials", "official", "NOUN", "nsubj", 1, "O"),
            ("said", "say", "VERB", "ROOT", 1, "O"),
            ("that", "that", "SCONJ", "mark", 5, "O"),
            ("the", "the", "DET", "det", 4, "O"),
            ("bridge", "bridge", "NOUN", "nsubj", 5, "O"),
            ("reopened", "reopen", "VERB", "ccomp", 1, "O"),
            (".", ".", "PUNCT", "punct", 1, "O"),
        ]
    )
    [a] = find_attributions(doc)
    assert a.source.kind == "anonymous"
    assert a.cue.text_in(doc.text) == "said"
    assert a.content.text_in(doc.text) == "that the bridge reopened"
    assert a.form == "indirect"
    assert [link.text for link in a.chain] == ["Officials"]


def test_agentless_cue_has_no_source():
    doc = build(
        [
            ("It", "it", "PRON", "nsubjpass", 2, "O"),
            ("is", "be", "AUX", "auxpass", 2, "O"),
            ("noted", "note", "VERB", "ROOT", 2, "O"),
            ("that", "that", "SCONJ", "mark", 5, "O"),
            ("prices", "price", "NOUN", "nsubj", 5, "O"),
            ("rose", "rise", "VERB", "ccomp", 2, "O"),
            (".", ".", "PUNCT", "punct", 2, "O"),
        ]
    )
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
    doc = build(
        PERSON_SPEAKS,
        [
            ("According", "accord", "VERB", "prep", 4, "O"),
            ("to", "to", "ADP", "prep", 0, "O"),
            ("him", "he", "PRON", "pobj", 1, "O"),
            ("prices", "price", "NOUN", "nsubj", 4, "O"),
            ("rose", "rise", "VERB", "ROOT", 4, "O"),
            (".", ".", "PUNCT", "punct", 4, "O"),
        ],
    )
    [a] = find_attributions(doc)
    assert a.source.span.text_in(doc.text) == "him"
    assert (a.source.kind, a.source.entity) == ("person", "Anna Petrova")
    assert a.cue.text_in(doc.text) == "According to"
    assert a.content.text_in(doc.text) == "prices rose"


def test_backward_attribution_takes_the_sentence_before():
    doc = build(
        [
            ("Prices", "price", "NOUN", "nsubj", 1, "O"),
            ("will", "will", "AUX", "aux", 2, "O"),
            ("fall", "fall", "VERB", "ROOT", 2, "O"),
            (".", ".", "PUNCT", "punct", 2, "O"),
        ],
        [
            ("This", "this", "DET", "det", 1, "O"),
            ("opinion", "opinion", "NOUN", "nsubjpass", 3, "O"),
            ("was", "be", "AUX", "auxpass", 3, "O"),
            ("expressed", "express", "VERB", "ROOT", 3, "O"),
            ("by", "by", "ADP", "agent", 3, "O"),
            ("analyst", "analyst", "NOUN", "compound", 7, "O"),
            ("Ivan", "Ivan", "PROPN", "compound", 7, "B-PERSON"),
            ("Sokolov", "Sokolov", "PROPN", "pobj", 4, "I-PERSON"),
            (".", ".", "PUNCT", "punct", 3, "O"),
        ],
    )
    [a] = find_attributions(doc)
    assert a.content.text_in(doc.text) == "Prices will fall"
    assert (a.source.kind, a.source.entity, a.source.role) == ("person", "Ivan Sokolov", "analyst")


def test_citing_makes_a_chain_ending_in_the_cited_source():
    doc = build(
        [
            ("Talks", "talk", "NOUN", "nsubj", 1, "O"),
            ("continue", "continue", "VERB", "ROOT", 1, "O"),
            (".", ".", "PUNCT", "punct", 1, "O"),
        ],
        [
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
        ],
    )
    [a] = find_attributions(doc)
    assert a.content.text_in(doc.text) == "Talks continue"
    assert a.source.kind == "anonymous"
    assert [(link.entity or link.text, link.kind) for link in a.chain] == [
        ("Anna Petrova", "person"),
        ("unnamed diplomats", "anonymous"),
    ]


def citing_report(citing_head: int, clause_head: int) -> list[tuple]:
    """ "The Ledger reported , citing three officials , that the port would close ." with
    "citing" and the that-clause hung where the small parser may hang them."""
    return [
        ("The", "the", "DET", "det", 1, "O"),
        ("Ledger", "Ledger", "PROPN", "nsubj", 2, "B-ORG"),
        ("reported", "report", "VERB", "ROOT", 2, "O"),
        (",", ",", "PUNCT", "punct", 2, "O"),
        ("citing", "cite", "VERB", "advcl", citing_head, "O"),
        ("three", "three", "NUM", "nummod", 6, "O"),
        ("officials", "official", "NOUN", "dobj", 4, "O"),
        (",", ",", "PUNCT", "punct", citing_head, "O"),
        ("that", "that", "SCONJ", "mark", 12, "O"),
        ("the", "the", "DET", "det", 10, "O"),
        ("port", "port", "NOUN", "nsubj", 12, "O"),
        ("would", "would", "AUX", "aux", 12, "O"),
        ("close", "close", "VERB", "ccomp", clause_head, "O"),
        (".", ".", "PUNCT", "punct", 2, "O"),
    ]


@pytest.mark.parametrize(
    "citing_head, clause_head", [(2, 4), (12, 2)], ids=["clause-under-citing", "citing-under-clause"]
)
def test_a_report_citing_its_source_keeps_its_content_and_chain(citing_head, clause_head):
    doc = build(citing_report(citing_head, clause_head))
    [a] = find_attributions(doc)
    assert a.cue.text_in(doc.text) == "reported"
    assert a.content.text_in(doc.text) == "that the port would close"
    assert [link.entity or link.text for link in a.chain] == ["Ledger", "three officials"]
    assert a.source.kind == "anonymous"


# "Russian spies were blamed for the rift ."
BLAMED = [
    ("Russian", "russian", "ADJ", "amod", 1, "B-NORP"),
    ("spies", "spy", "NOUN", "nsubjpass", 3, "O"),
    ("were", "be", "AUX", "auxpass", 3, "O"),
    ("blamed", "blame", "VERB", "ROOT", 3, "O"),
    ("for", "for", "ADP", "prep", 3, "O"),
    ("the", "the", "DET", "det", 6, "O"),
    ("rift", "rift", "NOUN", "pobj", 4, "O"),
    (".", ".", "PUNCT", "punct", 3, "O"),
]


def test_an_agentless_accusation_is_attributed_to_nobody():
    doc = build(BLAMED)
    [a] = find_attributions(doc)
    assert a.cue.text_in(doc.text) == "were blamed"
    assert a.source.kind == "none" and a.source.span is None
    # whom and of what, around the cue: one content in two pieces
    assert [doc.text[s:e] for s, e in a.content.pieces()] == ["Russian spies", "for the rift"]


def test_an_accusation_names_its_accuser_in_a_by_phrase_that_the_charge_does_not_join():
    # "Two officers were accused by the inspectorate of fraud ." — the parser hangs "of
    # fraud" on "inspectorate"; the source stays "the inspectorate".
    doc = build(
        [
            ("Two", "two", "NUM", "nummod", 1, "O"),
            ("officers", "officer", "NOUN", "nsubjpass", 3, "O"),
            ("were", "be", "AUX", "auxpass", 3, "O"),
            ("accused", "accuse", "VERB", "ROOT", 3, "O"),
            ("by", "by", "ADP", "agent", 3, "O"),
            ("the", "the", "DET", "det", 6, "O"),
            ("inspectorate", "inspectorate", "NOUN", "pobj", 4, "O"),
            ("of", "of", "ADP", "prep", 6, "O"),
            ("fraud", "fraud", "NOUN", "pobj", 7, "O"),
            (".", ".", "PUNCT", "punct", 3, "O"),
        ]
    )
    [a] = find_attributions(doc)
    assert a.source.span.text_in(doc.text) == "the inspectorate"
    assert [doc.text[s:e] for s, e in a.content.pieces()] == ["Two officers", "of fraud"]


def test_an_accusation_needs_a_charge_and_an_accused():
    # "Workers charged the batteries ." — no "of/for/with": not an accusation.
    doc = build(
        [
            ("Workers", "worker", "NOUN", "nsubj", 1, "O"),
            ("charged", "charge", "VERB", "ROOT", 1, "O"),
            ("the", "the", "DET", "det", 3, "O"),
            ("batteries", "battery", "NOUN", "dobj", 1, "O"),
            (".", ".", "PUNCT", "punct", 1, "O"),
        ]
    )
    assert find_attributions(doc) == []


def test_a_singular_verb_skips_a_plural_subject_the_parser_gave_it():
    # "The filing says investors lost money and accuses the board of fraud ." with
    # "accuses" hung on "lost": its subject is the filing, not the investors.
    doc = build(
        [
            ("The", "the", "DET", "det", 1, "O"),
            ("filing", "filing", "NOUN", "nsubj", 2, "O"),
            ("says", "say", "VERB", "ROOT", 2, "O", "VBZ"),
            ("investors", "investor", "NOUN", "nsubj", 4, "O"),
            ("lost", "lose", "VERB", "ccomp", 2, "O"),
            ("money", "money", "NOUN", "dobj", 4, "O"),
            ("and", "and", "CCONJ", "cc", 4, "O", "CC"),
            ("accuses", "accuse", "VERB", "conj", 4, "O", "VBZ"),
            ("the", "the", "DET", "det", 9, "O"),
            ("board", "board", "NOUN", "dobj", 7, "O"),
            ("of", "of", "ADP", "prep", 9, "O"),
            ("fraud", "fraud", "NOUN", "pobj", 10, "O"),
            (".", ".", "PUNCT", "punct", 2, "O"),
        ]
    )
    accusation = next(a for a in find_attributions(doc) if a.cue.text_in(doc.text) == "accuses")
    assert accusation.source.span.text_in(doc.text) == "The filing"
    assert accusation.content.text_in(doc.text) == "the board of fraud"


def test_a_relative_pronoun_source_is_resolved_to_the_noun_it_stands_for():
    # The learned tagger marks "who" as the source, as PolNeAR does: who is Ana Roth.
    from sourcetrace.attribute.context import Context
    from sourcetrace.attribute.sources import Resolver

    doc = build(
        [
            ("Mayor", "Mayor", "PROPN", "compound", 2, "O"),
            ("Ana", "Ana", "PROPN", "compound", 2, "B-PERSON"),
            ("Roth", "Roth", "PROPN", "nsubj", 12, "I-PERSON"),
            (",", ",", "PUNCT", "punct", 2, "O"),
            ("who", "who", "PRON", "nsubj", 5, "O", "WP"),
            ("said", "say", "VERB", "relcl", 2, "O"),
            ("the", "the", "DET", "det", 7, "O"),
            ("port", "port", "NOUN", "nsubj", 9, "O"),
            ("would", "would", "AUX", "aux", 9, "O"),
            ("close", "close", "VERB", "ccomp", 5, "O"),
            (",", ",", "PUNCT", "punct", 2, "O"),
            ("has", "have", "AUX", "aux", 12, "O"),
            ("resigned", "resign", "VERB", "ROOT", 12, "O"),
            (".", ".", "PUNCT", "punct", 12, "O"),
        ]
    )
    source = Resolver(Context.of(doc)).resolve(doc[4:5])
    assert (source.kind, source.entity) == ("person", "Ana Roth")
    assert source.span.text_in(doc.text) == "who"
