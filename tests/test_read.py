"""Readers: what a user gets from each kind of input, and how bad inputs fail."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from files import write

from sourcetrace.article import RawArticle
from sourcetrace.errors import Failure
from sourcetrace.read import RecordFields, read_inputs

INPUTS = Path(__file__).parent / "data" / "inputs"
SHARED = Path(__file__).parents[2] / "shared"
EXAMPLE = SHARED / "examples" / "000_73f1c990b4484077.txt"
PUTIN_CSV = SHARED / "corpus" / "kremlin-zelenskyy-press-2022" / "putin.csv"


def read_all(*paths, **options) -> list[RawArticle | Failure]:
    return list(read_inputs([str(p) for p in paths], **options))


def read_one(path, **options) -> RawArticle | Failure:
    (result,) = read_all(path, **options)
    return result


# --- plain text -------------------------------------------------------------------------


def test_dated_first_line_gives_date_and_title():
    article = read_one(INPUTS / "dated.txt")
    assert article.title == "Blogger: Minsk and Warsaw are quietly discussing border crossings"
    assert article.published == "2024-03-05"
    assert article.body.startswith("Minsk and Warsaw are holding quiet consultations")
    assert article.input == str(INPUTS / "dated.txt")
    assert article.raw is False


def test_first_line_is_the_title():
    article = read_one(INPUTS / "plain.txt")
    assert article.title == "Harbour workers end their strike after two weeks"
    assert article.published is None
    assert article.body.startswith("The dock workers' union said on Friday")


def test_first_line_that_is_a_paragraph_stays_in_the_body(tmp_path):
    text = "The council met on Monday. It voted for the plan.\n\nThe mayor welcomed the vote.\n"
    article = read_one(write(tmp_path, "a.txt", text))
    assert article.title is None
    assert article.body == text


def test_raw_keeps_the_file_verbatim(tmp_path):
    text = " date 2024-03-05 Title line\r\n\r\n  Body  with  odd spacing. See also Other News Here\r\n"
    article = read_one(write(tmp_path, "a.txt", text), raw=True)
    assert article.raw is True
    assert article.title is None and article.published is None
    assert article.body == text
    assert article.body.index("Body") == text.index("Body")


def test_bom_and_crlf(tmp_path):
    path = write(tmp_path, "a.txt", b"\xef\xbb\xbfCouncil approves budget\r\n\r\nThe council approved it.\r\n")
    article = read_one(path)
    assert article.title == "Council approves budget"
    assert not article.body.startswith("\ufeff")
    assert "The council approved it." in article.body


def test_unknown_extension_given_explicitly_is_read_as_text(tmp_path):
    article = read_one(write(tmp_path, "story.md", "Heading\n\nSome article text here."))
    assert article.title == "Heading"
    assert article.body == "Some article text here."


def test_title_only_is_empty(tmp_path):
    failure = read_one(write(tmp_path, "a.txt", "Just a headline\n\n"))
    assert failure.kind == "empty"
    assert "a.txt" in failure.reason and "--raw" in failure.reason


def test_impossible_date_on_the_first_line(tmp_path):
    failure = read_one(write(tmp_path, "a.txt", "date 2024-13-45 Title\n\nBody text."))
    assert failure.kind == "malformed"
    assert "2024-13-45" in failure.reason and "YYYY-MM-DD" in failure.reason


# --- bad files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind", "words"),
    [
        (b"", "empty", ["file is empty", "give a file with article text"]),
        (b"\xef\xbb\xbf", "empty", ["file is empty"]),
        (b"  \n\t\n  ", "empty", ["only whitespace"]),
        (b"Title\n\nBody \x00\x01\x02 more", "binary", ["binary", "NUL"]),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary", ["PDF"]),
        (b"\x01\x02\x03\x04\x05\x06abc\x07\x08", "binary", ["control bytes"]),
        ("Title\n\nThe caf\xe9 was closed.".encode("latin-1"), "encoding", ["byte offset 14", "iconv"]),
        ("Title\n\nText.".encode("utf-16"), "encoding", ["UTF-16", "iconv"]),
    ],
)
def test_bad_files(tmp_path, data, kind, words):
    failure = read_one(write(tmp_path, "bad.txt", data))
    assert isinstance(failure, Failure)
    assert failure.kind == kind
    assert failure.input == str(tmp_path / "bad.txt")
    assert failure.reason.startswith(f"{tmp_path / 'bad.txt'}: ")
    for word in words:
        assert word in failure.reason


def test_too_large_file_is_refused_with_the_limit_and_option(tmp_path):
    failure = read_one(write(tmp_path, "big.txt", "Title\n\n" + "word " * 100), max_bytes=100)
    assert failure.kind == "too_large"
    assert "507 bytes" in failure.reason and "limit of 100 bytes" in failure.reason
    assert "--max-bytes" in failure.reason


def test_missing_path_fails_and_reading_goes_on(tmp_path):
    results = read_all(tmp_path / "nope.txt", INPUTS / "plain.txt")
    assert isinstance(results[0], Failure) and results[0].kind == "unreadable"
    assert "nope.txt: no such file or directory" in results[0].reason
    assert results[1].title == "Harbour workers end their strike after two weeks"


def test_a_single_path_string_is_one_input():
    (article,) = list(read_inputs(str(INPUTS / "plain.txt")))
    assert article.title == "Harbour workers end their strike after two weeks"


# --- directories --------------------------------------------------------------------------


def test_directory_is_walked_sorted_skipping_hidden_and_unknown(tmp_path):
    write(tmp_path, "b.txt", "B title\n\nB body.")
    write(tmp_path, "a.TXT", "A title\n\nA body.")
    write(tmp_path, ".hidden.txt", "H\n\nHidden.")
    write(tmp_path, "notes.md", "M\n\nNot taken from a directory.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.txt", "C title\n\nC body.")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "d.txt", "D\n\nInside a hidden folder.")
    titles = [a.title for a in read_all(tmp_path)]
    assert titles == ["A title", "B title", "C title"]


def test_directory_without_articles_is_a_failure(tmp_path):
    write(tmp_path, "notes.md", "nothing")
    failure = read_one(tmp_path)
    assert failure.kind == "empty"
    assert ".jsonl" in failure.reason


def test_fixture_directory_reads_every_format():
    results = read_all(INPUTS)
    inputs = [r.input for r in results]
    assert inputs[0].endswith("article.html")
    assert any(i.endswith("articles.csv#row 4") for i in inputs)
    assert any(i.endswith("articles.jsonl#line 5") for i in inputs)
    assert any(i.endswith("articles.tsv#row 1") for i in inputs)
    assert inputs[-1].endswith("plain.txt")


# --- HTML ---------------------------------------------------------------------------------


def test_html_main_text_and_metadata():
    article = read_one(INPUTS / "article.html")
    assert article.title == "Harbour workers end their strike"
    assert article.published == "2024-02-16"
    assert article.author == "Maria Lindqvist"
    assert article.outlet == "Coastal Herald"
    assert article.url == "https://herald.example.org/2024/02/16/harbour-strike"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The dock workers' union said on Friday")
    assert "Home" not in article.body and "All rights reserved" not in article.body


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>x</title></head><body><nav><a href=/>Home</a></nav></body></html>",
        "<html><body><div><<<</div></body></html>",
        "<html",
    ],
)
def test_html_without_article_text_is_malformed(tmp_path, html):
    failure = read_one(write(tmp_path, "page.html", html))
    assert failure.kind == "malformed"
    assert "page.html: no article text found in the HTML page" in failure.reason


def test_html_in_a_declared_legacy_encoding(tmp_path):
    html = (
        '<html><head><meta charset="windows-1251"><title>Суд оштрафовал блогера</title></head>'
        "<body><article><p>A court in Samara fined a blogger on Thursday, his lawyer said. "
        "The fine is the largest in the region this year, according to court records.</p>"
        "<p>Quoted in Russian: «Мы подадим апелляцию», the lawyer added after the hearing.</p>"
        "</article></body></html>"
    )
    article = read_one(write(tmp_path, "page.html", html.encode("windows-1251")))
    assert article.title == "Суд оштрафовал блогера"
    assert "«Мы подадим апелляцию»" in article.body


def test_html_that_is_not_utf8_and_declares_nothing(tmp_path):
    html = "<html><body><p>Caf\xe9 text that is long enough to be an article here.</p></body></html>"
    failure = read_one(write(tmp_path, "page.html", html.encode("latin-1")))
    assert failure.kind == "encoding" and "iconv" in failure.reason


# --- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_records_and_broken_line():
    results = read_all(INPUTS / "articles.jsonl")
    name = str(INPUTS / "articles.jsonl")
    assert [r.input for r in results] == [
        f"{name}#line 1 (id a1)",
        f"{name}#line 3",
        f"{name}#line 4",
        f"{name}#line 5",
    ]
    first, second, broken, fourth = results
    assert (first.title, first.published, first.outlet, first.author, first.url) == (
        "Council approves new tram line",
        "2024-01-09",
        "City News",
        "Tom Berg",
        "https://news.example.org/tram",
    )
    assert first.body == (
        "The city council approved a new tram line on Tuesday.\n\n"
        "The mayor said construction would start in the spring."
    )
    assert (second.title, second.published) == ("Bakery chain opens ten shops", "2024-01-10")
    assert broken.kind == "malformed" and "not valid JSON" in broken.reason
    assert "the other lines are still read" in broken.reason
    assert (fourth.title, fourth.published) == ("Museum reopens", "2024-01-11")


def jsonl(tmp_path: Path, *records) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    return write(tmp_path, "a.jsonl", "\n".join(lines) + "\n")


def test_jsonl_configured_fields(tmp_path):
    path = jsonl(tmp_path, {"story": "Text of the story.", "hed": "Hed", "when": "2024-05-06T10:00:00+03:00"})
    article = read_one(path, fields=RecordFields(text="story", title="hed", date="when"))
    assert (article.body, article.title, article.published) == ("Text of the story.", "Hed", "2024-05-06")


def test_an_unreadable_record_date_is_said_not_dropped(tmp_path):
    path = jsonl(
        tmp_path, {"text": "Body of the story.", "date": "sometime in May"}, {"text": "Other.", "date": "2024-05-06"}
    )
    vague, clear = read_all(path)
    assert vague.published is None
    assert vague.warnings and "'sometime in May' not understood" in vague.warnings[0]
    assert "YYYY-MM-DD" in vague.warnings[0]
    assert clear.published == "2024-05-06" and clear.warnings == ()


def test_a_json_file_holds_one_article_or_a_list_of_them(tmp_path):
    one = write(tmp_path, "one.json", json.dumps({"text": "Body of the story.", "title": "One", "date": "2024-05-06"}))
    (article,) = read_all(one)
    assert (article.input, article.title, article.published) == (str(one), "One", "2024-05-06")
    many = write(
        tmp_path, "many.json", json.dumps([{"text": "First body.", "title": "A"}, "stray", {"title": "no text"}])
    )
    first, stray, textless = read_all(many)
    assert first.input == f"{many}#item 1" and first.body == "First body."
    assert stray.kind == "malformed" and stray.input == f"{many}#item 2" and "not an object" in stray.reason
    assert textless.kind == "malformed" and textless.input == f"{many}#item 3"


def test_a_broken_json_file_says_where(tmp_path):
    (failure,) = read_all(write(tmp_path, "bad.json", '[{"text": "Body."},\n{"text": }]'))
    assert failure.kind == "malformed" and "line 2" in failure.reason and ".jsonl" in failure.reason
    (empty,) = read_all(write(tmp_path, "empty.json", "[]"))
    assert empty.kind == "empty"


def test_jsonl_configured_field_absent_lists_the_fields(tmp_path):
    path = jsonl(tmp_path, {"text": "Body.", "headline": "H"}, {"story": "Body.", "hed": "H"})
    results = read_all(path, fields=RecordFields(text="story"))
    assert results[0].kind == "malformed"
    assert "no field 'story'" in results[0].reason and "'text', 'headline'" in results[0].reason
    assert results[1].body == "Body."


def test_jsonl_record_problems(tmp_path):
    path = jsonl(
        tmp_path,
        {"headline": "No text here", "summary": "x"},
        {"text": "   "},
        {"text": 42},
        '["a", "list"]',
        {"Body": "Capitalised field names are found too.", "Headline": "Caps"},
    )
    missing, empty, number, array, caps = read_all(path)
    assert missing.kind == "malformed" and "no article text" in missing.reason
    assert "'headline', 'summary'" in missing.reason
    assert empty.kind == "empty" and "field 'text' is empty" in empty.reason
    assert number.kind == "malformed" and "holds a int" in number.reason
    assert array.kind == "malformed" and "not an object" in array.reason
    assert (caps.body, caps.title) == ("Capitalised field names are found too.", "Caps")


def test_jsonl_too_large_and_bad_encoding_fail_one_line(tmp_path):
    big = json.dumps({"text": "x" * 500})
    good = json.dumps({"text": "A short record."})
    bad = b'{"text": "caf\xe9"}'
    path = write(tmp_path, "a.jsonl", f"{big}\n{good}\n".encode() + bad + b"\n" + good.encode())
    too_large, first, encoding, second = read_all(path, max_bytes=100)
    assert too_large.kind == "too_large" and too_large.input.endswith("#line 1")
    assert f"{len(big):,} bytes" in too_large.reason and "--max-bytes" in too_large.reason
    assert first.body == second.body == "A short record."
    assert encoding.kind == "encoding" and encoding.input.endswith("#line 3")
    offset = len(big) + 1 + len(good) + 1 + len(b'{"text": "caf')
    assert f"byte offset {offset}" in encoding.reason


def test_jsonl_with_bom_keeps_file_offsets(tmp_path):
    data = b"\xef\xbb\xbf" + b'{"text": "caf\xe9"}\n'
    failure = read_one(write(tmp_path, "a.jsonl", data))
    assert failure.kind == "encoding"
    assert "byte offset 16" in failure.reason  # 3 BOM bytes, then {"text": "caf


def test_jsonl_of_blank_lines_is_empty(tmp_path):
    failure = read_one(write(tmp_path, "a.jsonl", "\n\n  \n"))
    assert failure.kind == "empty" and "no records" in failure.reason


def test_jsonl_streams_in_flat_memory(tmp_path):
    record = json.dumps({"title": "Headline", "text": "A sentence of text. " * 50}) + "\n"
    path = tmp_path / "big.jsonl"
    with open(path, "w") as handle:
        for _ in range(4_000):  # about 4 MB, twice the peak allowed below
            handle.write(record)
    tracemalloc.start()
    count = sum(1 for _ in read_inputs([path]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 4_000
    assert peak < 2_000_000


# --- CSV and TSV ------------------------------------------------------------------------------


def test_csv_rows_with_a_wrong_row():
    results = read_all(INPUTS / "articles.csv")
    name = str(INPUTS / "articles.csv")
    assert [r.input for r in results] == [f"{name}#row {n}" for n in (1, 2, 3, 4)]
    first, flood, broken, ferry = results
    assert (first.title, first.published, first.url) == (
        "Bridge closed for repairs",
        "2024-02-01",
        "https://news.example.org/bridge",
    )
    assert flood.body == "Two rivers burst their banks on Friday.\n\nThe emergency service said no one was hurt."
    assert broken.kind == "malformed" and "5 fields but the header has 4" in broken.reason
    assert ferry.title == "Ferry service resumes"


def test_tsv():
    (article,) = read_all(INPUTS / "articles.tsv")
    assert article.title == "Rail strike called off"
    assert article.body == "The rail union called off Monday's strike after late talks, its leader said."


def test_csv_problems_fail_one_row(tmp_path):
    data = ("title,text\nOne,First text.\nTwo,\n\nThree,Caf\xe9 text.\nFour,Fourth text.\n").encode("latin-1")
    one, empty, encoding, four = read_all(write(tmp_path, "a.csv", data))
    assert one.body == "First text."
    assert empty.kind == "empty" and empty.input.endswith("#row 2")
    assert encoding.kind == "encoding" and encoding.input.endswith("#row 3")
    offset = len("title,text\nOne,First text.\nTwo,\n\nThree,Caf")
    assert f"byte offset {offset}" in encoding.reason
    assert four.input.endswith("#row 4") and four.body == "Fourth text."


def test_csv_header_in_another_encoding_fails_the_file(tmp_path):
    path = write(tmp_path, "a.csv", "titel,r\xe9sum\xe9,text\nA,B,C\n".encode("latin-1"))
    (failure,) = read_all(path)
    assert failure.kind == "encoding" and failure.input == str(path)
    assert "header" in failure.reason and "byte offset 7" in failure.reason


def test_csv_configured_column_absent_fails_once(tmp_path):
    path = write(tmp_path, "a.csv", "headline,body\nH,Text.\nH2,Text two.\n")
    (failure,) = read_all(path, fields=RecordFields(text="story"))
    assert failure.kind == "malformed" and failure.input == str(path)
    assert "no field 'story'" in failure.reason and "'headline', 'body'" in failure.reason


def test_csv_unterminated_quote_and_header_only(tmp_path):
    one, broken = read_all(write(tmp_path, "a.csv", 'title,text\nOne,Text.\nTwo,"never closed\n'))
    assert one.body == "Text."
    assert broken.kind == "malformed" and "quoting" in broken.reason
    failure = read_one(write(tmp_path, "b.csv", "title,text\n"))
    assert failure.kind == "empty"


def test_csv_record_over_the_limit(tmp_path):
    path = write(tmp_path, "a.csv", f"title,text\nBig,{'x' * 300}\nSmall,Fine.\n")
    big, small = read_all(path, max_bytes=200)
    assert big.kind == "too_large" and "303 bytes" in big.reason
    assert small.body == "Fine."


def test_binary_collection_is_refused(tmp_path):
    failure = read_one(write(tmp_path, "a.csv", b"PK\x03\x04\x00\x00zipdata"))
    assert failure.kind == "binary" and "ZIP" in failure.reason


# --- the real example and corpus -----------------------------------------------------------------


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared example not present")
def test_real_example_title_and_date():
    article = read_one(EXAMPLE)
    assert article.title == ("Journalist Hersh: Russia and Ukraine are secretly negotiating through military leaders")
    assert article.published == "2023-12-01"
    assert article.body.startswith("Moscow and Kyiv are conducting secret peace talks")


@pytest.mark.skipif(not PUTIN_CSV.exists(), reason="shared corpus not present")
@pytest.mark.parametrize("fields", [None, RecordFields(text="body", title="headline", date="date", url="link")])
def test_real_corpus_csv_first_rows(fields):
    rows = []
    for result in read_inputs([PUTIN_CSV], fields=fields):
        rows.append(result)
        if len(rows) == 3:
            break
    first = rows[0]
    assert first.input == f"{PUTIN_CSV}#row 1"
    assert first.title == "BRICS+ meeting"
    assert first.published == "2022-06-24"
    assert first.url == "http://en.kremlin.ru/events/president/news/68700"
    assert first.body.startswith("The meeting's topic is Foster Partnership")
    assert all(isinstance(r, RawArticle) and r.body for r in rows)
