"""Inputs that used to crash or mislead: each test failed before its fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace.article import Article, RawArticle
from sourcetrace.clean import clean
from sourcetrace.errors import Failure, InputError, InputTooLarge, MalformedRecord
from sourcetrace.pipeline import Pipeline
from sourcetrace.read import read_inputs


def test_a_symbolic_link_loop_is_called_one(tmp_path: Path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    [failure] = read_inputs([tmp_path / "a.txt"])
    assert isinstance(failure, Failure)
    assert "symbolic link loop" in failure.reason


def test_a_dangling_symbolic_link_names_its_target(tmp_path: Path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    [failure] = read_inputs([tmp_path / "gone.txt"])
    assert "broken symbolic link" in failure.reason and "missing.txt" in failure.reason


def test_a_lone_surrogate_is_replaced_and_reported(tmp_path: Path):
    path = tmp_path / "s.jsonl"
    lines = [
        '{"text": "The minister said the bridge would reopen in May."}',
        '{"text": "The mayor said \\ud800 the road was closed.", "title": "Road \\udc00 works"}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second = (clean(item) for item in read_inputs([path]))
    assert not first.warnings
    assert second.text == "The mayor said \ufffd the road was closed."
    assert second.title == "Road \ufffd works"
    assert len(second.warnings) == 2 and "surrogate" in second.warnings[0]
    json.dumps(second.text, ensure_ascii=False).encode("utf-8")  # writable now


def test_surrogate_replacement_keeps_raw_offsets():
    article = clean(RawArticle(body="She said \udfff  it.", input="x", raw=True))
    assert article.text == "She said \ufffd  it."


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize(
    ("text", "title", "said"),
    [
        (None, None, "the text is a NoneType"),
        (b"The minister said so.", None, "decode the bytes"),
        (42, None, "the text is a int"),
        ("The minister said the plan was ready.", 5, "the title is a int"),
    ],
)
def test_wrong_types_raise_the_documented_input_error(pipeline: Pipeline, text, title, said: str):
    with pytest.raises(MalformedRecord, match=said):
        pipeline.analyze_text(text, title=title)


def test_a_text_over_the_parsers_limit_names_the_limit(pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pipeline.parser.nlp, "max_length", 100)
    with pytest.raises(InputTooLarge, match="over the parser's limit of 100"):
        pipeline.analyze_text("The minister said the plan was ready. " * 5)


def test_an_empty_source_span_names_no_one(pipeline: Pipeline):
    article = pipeline.analyze_text("said n\U0001f532...said P.")  # an IndexError (E1002) before
    assert article.text.startswith("said")


_PIECES = ["said", " ", "...", ".", "\U0001f532", "n", "P", "Q", "\u00e9", '"', ",", "\n", "told", "that"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join))
def test_short_odd_texts_give_an_article_or_an_input_error(pipeline: Pipeline, text: str):
    try:
        assert isinstance(pipeline.analyze_text(text), Article)
    except InputError:
        pass


@pytest.mark.parametrize("quoted", [False, True])
def test_a_csv_row_with_an_unclosed_quote_fails_alone(tmp_path: Path, quoted: bool):
    rows = ["id,text"]
    for number in range(1, 201):
        text = f"The spokesperson said that plan {number} was approved."
        rows.append(f'{number},"{text}"' if quoted else f"{number},{text}")
    rows[11] = 'broken,"The spokesperson said that the plan was dropped.'  # data row 11
    path = tmp_path / "many.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    outcomes = list(read_inputs([path]))
    failures = [o for o in outcomes if isinstance(o, Failure)]
    assert len(outcomes) == 200
    assert [f.input for f in failures] == [f"{path}#row 11"]
    assert "line 12" in failures[0].reason and "still read" in failures[0].reason
    articles = [o for o in outcomes if not isinstance(o, Failure)]
    assert articles[-1].input == f"{path}#row 200 (id 200)" and articles[10].body.endswith("plan 12 was approved.")


def test_surrogate_replacement_leaves_other_types_to_their_own_checks():
    article = clean(RawArticle(body="The minister said the plan was ready.", input="x", title=5))  # type: ignore[arg-type]
    assert article.title == 5 and not article.warnings
