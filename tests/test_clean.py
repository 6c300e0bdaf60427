"""Cleaning: what is removed (and listed), and what article text survives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.article import RawArticle, Removed
from sourcetrace.clean import clean, clean_text, normalise_whitespace
from sourcetrace.errors import EmptyInput
from sourcetrace.read import read_inputs

INPUTS = Path(__file__).parent / "data" / "inputs"
EXAMPLE = Path(__file__).parents[2] / "shared" / "examples" / "000_73f1c990b4484077.txt"


def kinds(removed: list[Removed]) -> list[str]:
    return [r.kind for r in removed]


# --- whitespace -------------------------------------------------------------------------


def test_whitespace_is_normalised_and_recorded():
    text, removed = clean_text("First  line\u00a0here.\r\n  Second\tline. \r\n\r\n\r\n\r\nThird\u2009one.")
    assert text == "First line here.\nSecond line.\n\nThird one."
    assert removed == [Removed("whitespace", "11 whitespace runs normalised")]


def test_clean_text_without_changes_records_nothing():
    text = "One paragraph.\n\nAnother paragraph."
    assert clean_text(text) == (text, [])
    assert clean_text(text + "\n") == (text, [])  # a file's final newline is not a change


def test_paragraphs_stay_separated_by_a_blank_line():
    text, _ = clean_text("One.\n\n\n\n\nTwo.\n \nThree.")
    assert text == "One.\n\nTwo.\n\nThree."


# --- glued "See also" ----------------------------------------------------------------------


def test_see_also_after_a_word_with_caption_glued_to_a_lowercase_role():
    text, removed = clean_text(
        "The army still trusts him, so he could well become the leader See also Dense fog "
        "delays six trains at Minsk station Pavel Orlovformer Belarusian general"
    )
    assert text == "The army still trusts him, so he could well become the leader"
    assert removed == [
        Removed("see_also", "See also Dense fog delays six trains at Minsk station"),
        Removed("caption", "Pavel Orlovformer Belarusian general"),
    ]


def test_see_also_after_a_sentence_with_caption_glued_to_a_capital():
    text, removed = clean_text(
        "“We will not wait forever,” a senior diplomat told me. See also Court fines a blogger "
        "in Samara Ivan PetrovRussian economist\n\nThe next paragraph stays."
    )
    assert text == "“We will not wait forever,” a senior diplomat told me.\n\nThe next paragraph stays."
    assert removed == [
        Removed("see_also", "See also Court fines a blogger in Samara"),
        Removed("caption", "Ivan PetrovRussian economist"),
    ]


def test_see_also_without_a_visible_caption_seam_is_one_item():
    text, removed = clean_text("Talks resumed on Monday. See also Storm cuts power to three villages")
    assert text == "Talks resumed on Monday."
    assert removed == [Removed("see_also", "See also Storm cuts power to three villages")]


@pytest.mark.parametrize(
    "line",
    [
        "Readers should see also the annex to the report.",
        "See also the annex to the report, the minister added.",
        "He left early. See also Smith's remarks. The minister said nothing more about it.",
        "The museum has a new wing.See also is not glued here",
    ],
)
def test_see_also_that_is_not_glued_link_text_stays(line):
    assert clean_text(line) == (line, [])


# --- tails and link lists ---------------------------------------------------------------------


def test_tail_marker_then_links_then_prose():
    text, removed = clean_text(
        "The talks will continue next week.\n\n"
        "Read also:\n\n"
        "Lukashenko meets a Chinese delegation in Minsk\n"
        "Will fuel prices rise again in spring?\n\n"
        "Earlier, the minister said that the border would stay closed until the end of the year."
    )
    assert text == (
        "The talks will continue next week.\n\n"
        "Earlier, the minister said that the border would stay closed until the end of the year."
    )
    assert removed == [
        Removed("related_tail", "Read also:"),
        Removed(
            "link_list",
            "Lukashenko meets a Chinese delegation in Minsk\nWill fuel prices rise again in spring?",
        ),
    ]


@pytest.mark.parametrize(
    "marker", ["Related materials:", "RELATED:", "Read also", "Read more:", "Also read:", "See also:", "Related"]
)
def test_tail_marker_before_prose_removes_only_the_marker(marker):
    prose = "Previously, officials in Kyiv blamed Moscow for the rift, according to a statement."
    text, removed = clean_text(f"First paragraph.\n\n{marker}\n\n{prose}")
    assert text == f"First paragraph.\n\n{prose}"
    assert removed == [Removed("related_tail", marker)]


def test_link_list_in_the_middle_of_the_body():
    text, removed = clean_text(
        "The minister spoke to reporters on Monday.\n"
        "Court fines a blogger in Samara\n"
        "Dense fog delays six trains at Minsk station\n"
        "Nine flights delayed at Moscow airports\n"
        "He said the talks would go on."
    )
    assert text == "The minister spoke to reporters on Monday.\nHe said the talks would go on."
    assert removed == [
        Removed(
            "link_list",
            "Court fines a blogger in Samara\nDense fog delays six trains at Minsk station\n"
            "Nine flights delayed at Moscow airports",
        )
    ]


def test_single_subheadings_stay():
    text = (
        "Talks began in Istanbul on Tuesday.\n\n"
        "The subject of the talks does not contradict the stated goals\n\n"
        "The delegations met for three hours, officials said.\n\n"
        "Who will lead the army\n\n"
        "The commander has more room for manoeuvre, a political scientist believes."
    )
    assert clean_text(text) == (text, [])


def test_a_list_introduced_by_the_article_stays():
    text = "The demands include:\nRecognition of the new borders\nNeutral status for Ukraine\n\nTalks go on."
    assert clean_text(text) == (text, [])


def test_bylines_are_not_link_lists():
    text = "By Ivan Petrov\nMoscow Bureau Chief\n\nThe talks resumed on Monday."
    assert clean_text(text)[0].startswith("By Ivan Petrov")


# --- the article -------------------------------------------------------------------------------


def test_clean_builds_the_article():
    raw = RawArticle(
        body="Body text.  More.",
        input="x.jsonl#line 2",
        title="T",
        published="2024-01-02",
        outlet="O",
        url="https://example.org/x",
        author="A",
    )
    article = clean(raw)
    assert article.text == "Body text. More."
    assert (article.input, article.title, article.published) == ("x.jsonl#line 2", "T", "2024-01-02")
    assert (article.outlet, article.url, article.author) == ("O", "https://example.org/x", "A")
    assert article.language is None
    assert article.removed == [Removed("whitespace", "1 whitespace runs normalised")]


def test_raw_keeps_the_text_verbatim():
    body = "  Title line\r\n\r\nHe said so.  See also Other News Here\r\n\r\nRead also:\r\nA B\r\nC D\r\n"
    article = clean(RawArticle(body=body, input="a.txt", raw=True))
    assert article.text == body
    assert article.removed == []
    assert article.text[article.text.index("He said") :].startswith("He said so.")


def test_nothing_left_is_empty_input():
    raw = RawArticle(body="Related:\nCourt fines a blogger\nFog delays trains\n", input="a.txt")
    with pytest.raises(EmptyInput) as caught:
        clean(raw)
    assert str(caught.value).startswith("a.txt: no article text left after cleaning")
    assert "link_list, related_tail" in str(caught.value)


def test_fixture_article_end_to_end():
    (raw,) = list(read_inputs([INPUTS / "dated.txt"]))
    article = clean(raw)
    assert kinds(article.removed) == ["see_also", "caption", "see_also", "caption", "related_tail", "link_list"]
    assert "a Polish official told me.\n\n" in article.text
    assert "and Warsaw could well become the first to move\n\n" in article.text
    assert article.text.endswith("would remain closed until the end of the year.")
    assert "See also" not in article.text and "Read also" not in article.text
    assert len(article.text.split("\n\n")) == 5


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared example not present")
def test_real_example():
    (raw,) = list(read_inputs([EXAMPLE]))
    article = clean(raw)
    assert article.title == ("Journalist Hersh: Russia and Ukraine are secretly negotiating through military leaders")
    assert article.published == "2023-12-01"
    see_also = [r.text for r in article.removed if r.kind == "see_also"]
    # The file has two glued blocks (one with a visible caption seam, one without).
    assert see_also == [
        'See also The UN accuses Russia of war crimes in Ukraine with "summary executions" even of children',
        "See also Nine flights delayed at Moscow airports due to fog",
    ]
    captions = [r.text for r in article.removed if r.kind == "caption"]
    assert captions == ["Seymour HershAmerican journalist", "Anatoly Matviychukretired Russian colonel"]
    assert Removed("related_tail", "Related materials:") in article.removed
    assert "See also" not in article.text and "Related materials" not in article.text
    assert "an American official told me.\n\n" in article.text
    assert "so he could well become the leader\n\n" in article.text
    assert article.text.endswith(
        "Alexei Danilov, it was beneficial for Moscow to drive a wedge between political and military leaders."
    )
    assert "The subject of negotiations does not contradict the stated goals of the SBO" in article.text


# --- properties -----------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "See also ",
        "Related:",
        "Read also",
        "\n",
        "\n\n",
        " ",
        "\t",
        "\u00a0",
        "\r\n",
        ".",
        "said",
        "Minsk",
        "PetrovRussian",
        "the talks",
        "Court fines",
        "?",
        ":",
        "By ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_cleaning_only_removes(body):
    """Every cleaned line is a piece of a normalised input line: nothing is invented."""
    normalised, _ = normalise_whitespace(body)
    text, removed = clean_text(body)
    source_lines = normalised.split("\n")
    for line in text.split("\n"):
        assert any(line in source for source in source_lines)
    assert "\n\n\n" not in text and "\r" not in text
    assert not re.search(r"^ | $|  ", text, re.MULTILINE)
    assert all(r.text for r in removed)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_raw_is_always_verbatim(body):
    if body.strip():
        assert clean(RawArticle(body=body, input="a.txt", raw=True)).text == body


def test_a_caption_standing_alone_on_its_line_is_removed():
    body = (
        "Kyiv is preparing a new law on mobilisation, the office said on Monday.\n"
        "Rostyslav BerezinDeputy Head of the Office of the President\n"
        "The bill will be submitted to parliament in June.\n"
        "McAllister Shipping Group\n"
    )
    article = clean(RawArticle(body=body, input="<t>", title="Mobilisation"))
    assert Removed("caption", "Rostyslav BerezinDeputy Head of the Office of the President") in article.removed
    assert "BerezinDeputy" not in article.text
    # a name of one word, or a name with its spaces, is no glued caption
    assert "McAllister Shipping Group" in article.text
