"""Translation artifacts: every occurrence flagged with its exact span, no false hits, and a
user glossary that extends the built-in one or fails with a message naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.article import Article
from sourcetrace.artifacts import (
    GLOSSARY_ENV,
    find_flags,
    flag_artifacts,
    glossary,
    is_artifact,
    load_glossary,
    parse_glossary,
    to_json,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "000_73f1c990b4484077.txt"
HEADER = "id\tpattern\tmatch\tcase\tmeaning\texplanation\torigin\n"

# Written for these tests, imitating machine-translated state-media text.
TEXT = (
    "Units that took part in the Northern Military District were decorated. "
    "The goals of the SVO remain unchanged, the general said, and the SBO will go on. "
    "Reports about the NWO zone and the special operation were denied."
)


@pytest.fixture(autouse=True)
def no_user_glossary(monkeypatch):
    monkeypatch.delenv(GLOSSARY_ENV, raising=False)


def flagged(text: str) -> list[tuple[str, str]]:
    return [(f.entry, f.text) for f in find_flags(text)]


def test_each_occurrence_is_flagged_with_its_exact_span():
    flags = find_flags(TEXT)
    assert [(f.entry, f.text) for f in flags] == [
        ("northern-military-district", "Northern Military District"),
        ("svo", "SVO"),
        ("sbo", "SBO"),
        ("nwo", "NWO"),
        ("special-operation", "the special operation"),
    ]
    for flag in flags:
        assert TEXT[flag.span.start : flag.span.end] == flag.text
    first = flags[0]
    assert first.span.start == TEXT.index("Northern Military District")
    assert "special military operation" in first.meaning
    assert first.origin.startswith("СВО")
    assert first.note  # the explanation a reader sees


def test_stage_adds_flags_layer_and_leaves_text_alone():
    article = Article(text=TEXT, input="<test>")
    flag_artifacts(article)
    assert article.text == TEXT
    assert [f.id for f in article.layers["flags"]] == ["f1", "f2", "f3", "f4", "f5"]
    [first, *_] = to_json(article.layers["flags"], article.text)
    assert first == {
        "id": "f1",
        "entry": "northern-military-district",
        "text": "Northern Military District",
        "start": TEXT.index("Northern Military District"),
        "end": TEXT.index("Northern Military District") + len("Northern Military District"),
        "meaning": first["meaning"],
        "note": first["note"],
        "origin": first["origin"],
    }


@pytest.mark.parametrize(
    "text",
    [
        "The SBOX module and the XSVO unit were tested.",  # inside a word
        "She wrote an sbo and an svo in lower case.",  # not upper case
        "Svo is a name here.",  # not all upper case
        "He led a special operation to free the hostages.",  # some other operation
        "US special operations forces trained there.",
        "The special operations command was reorganised.",
        "The Republic of Moldova signed the deal.",  # a country's proper name
    ],
)
def test_no_false_hits(text):
    assert flagged(text) == []


def test_special_operation_only_where_it_names_the_war():
    text = "Russia's special operation goes on; troops in the special operation zone were rotated."
    assert flagged(text) == [
        ("special-operation", "Russia's special operation"),
        ("special-operation", "the special operation"),
    ]


def test_other_renderings_of_the_same_family():
    text = (
        "The Kiev regime and the AFU lost ground near the Donetsk People's Republic, "
        "while the republic asked for aid and denazification was declared a goal."
    )
    assert flagged(text) == [
        ("kiev-regime", "Kiev regime"),
        ("afu", "AFU"),
        ("peoples-republics", "Donetsk People's Republic"),
        ("the-republic", "the republic"),
        ("denazification", "denazification"),
    ]


def test_is_artifact_for_whole_phrases():
    assert is_artifact("SBO")
    assert is_artifact("the Northern Military District")
    assert not is_artifact("NATO")
    assert not is_artifact("SBO talks")


def test_user_glossary_extends_the_built_in_one(tmp_path, monkeypatch):
    user = tmp_path / "mine.tsv"
    user.write_text(
        HEADER
        + "# my additions\n"
        + "nvo\tNVO\tliteral\texact\tthe special military operation\tA rarer transliteration.\tСВО\n"
        + "svo\tSVO\tliteral\texact\tRussia's war in Ukraine\tMy own wording.\tСВО\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(GLOSSARY_ENV, str(user))
    flags = find_flags("The NVO and the SVO and the SBO.")
    assert [(f.entry, f.text) for f in flags] == [("nvo", "NVO"), ("svo", "SVO"), ("sbo", "SBO")]
    assert flags[1].meaning == "Russia's war in Ukraine"  # the user's entry replaces the built-in one
    assert sum(1 for e in glossary() if e.id == "svo") == 1


@pytest.mark.parametrize(
    "content, problem",
    [
        ("id\tpattern\n", "mine.tsv:1: the first line must be the header"),
        (HEADER + "x\tNVO\tliteral\texact\tmeaning\n", "mine.tsv:2: expected 7 tab-separated columns"),
        (HEADER + "x\tNVO\tliteral\tsometimes\tm\te\to\n", "mine.tsv:2: case must be one of exact, any"),
        (HEADER + "x\tNVO\tfuzzy\texact\tm\te\to\n", "mine.tsv:2: match must be one of literal, regex"),
        (
            HEADER + "\n# c\nx\tN(VO\tregex\texact\tm\te\to\n",
            "mine.tsv:4: pattern 'N(VO' is not a valid regular expression",
        ),
        (HEADER + "x\t(a)\\1\tregex\texact\tm\te\to\n", "mine.tsv:2: pattern '(a)\\\\1' uses a back-reference"),
        (HEADER + "x\ta*\tregex\texact\tm\te\to\n", "mine.tsv:2: pattern 'a*' matches empty text"),
        (HEADER + "x\tA\tliteral\texact\tm\te\to\nx\tB\tliteral\texact\tm\te\to\n", "mine.tsv:3: id 'x' is used twice"),
        (HEADER + "x\t\tliteral\texact\tm\te\to\n", "mine.tsv:2: the pattern column is empty"),
    ],
)
def test_malformed_user_glossary_names_file_and_line(tmp_path, monkeypatch, content, problem):
    user = tmp_path / "mine.tsv"
    user.write_text(content, encoding="utf-8")
    monkeypatch.setenv(GLOSSARY_ENV, str(user))
    with pytest.raises(ValueError) as error:
        find_flags("SVO")
    assert str(error.value).startswith(str(tmp_path / problem.split(":")[0]))
    assert problem in str(error.value)


def test_missing_user_glossary_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv(GLOSSARY_ENV, str(tmp_path / "nowhere.tsv"))
    with pytest.raises(ValueError, match=r"nowhere\.tsv: glossary file not found .*SOURCETRACE_GLOSSARY"):
        find_flags("SVO")


def test_glossary_is_loaded_once_per_path(tmp_path):
    user = tmp_path / "mine.tsv"
    user.write_text(HEADER + "nvo\tNVO\tliteral\texact\tm\te\to\n", encoding="utf-8")
    assert load_glossary(str(user)) is load_glossary(str(user))


def test_built_in_glossary_is_valid_and_documented():
    entries = load_glossary(None)
    assert len({e.id for e in entries}) == len(entries) >= 15
    docs = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"
    documented = docs.read_text(encoding="utf-8")
    for entry in entries:
        assert f"`{entry.id}`" in documented, f"{entry.id} is not in docs/glossary.md"
    assert parse_glossary(HEADER, "empty.tsv") == ()


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the shared example articles are not here")
def test_example_article():
    text = EXAMPLE.read_text(encoding="utf-8")
    found = flagged(text)
    assert ("northern-military-district", "Northern Military District") in found
    assert ("sbo", "SBO") in found
    assert found.count(("svo", "SVO")) == 2
    assert ("special-operation", "the special operation") in found
    # "special military operation" itself is the official term, correctly translated
    assert all("special military operation" not in t for _, t in found)
