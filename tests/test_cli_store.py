"""The store's commands as a user runs them: formats, filters, sorting, pages, -o, and the
errors a mistyped store or query gives. One store is built per module (the real model)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sourcetrace.cli import main

STORIES = [
    {
        "title": "Harbour to reopen next week",
        "date": "2024-03-04",
        "outlet": "Velmar Gazette",
        "text": "The harbour in Velmar will reopen next week, port director Elena Maric said on Monday. "
        "Two dock workers said that the repairs were rushed.",
    },
    {
        "title": "Bridge stays closed until May",
        "date": "2024-04-10",
        "outlet": "Northern Courier",
        "text": "City engineer Tomas Rudd told reporters that the bridge would stay closed until May. "
        "The council said the contractor had asked for more money.",
    },
    {
        "title": "Ferry timetable changes",
        "date": "2024-05-22",
        "outlet": "Velmar Gazette",
        "text": "The ferry company announced that the summer timetable starts in June. "
        "Its spokesperson Ana Lind said that two more crossings will run on weekends.",
    },
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("store")
    records = folder / "wire.jsonl"
    records.write_text("".join(json.dumps(story) + "\n" for story in STORIES), encoding="utf-8")
    path = str(folder / "news.db")
    assert main(["ingest", str(records), "--db", path, "--quiet", "--engine", "rules"]) == 0
    return path


def _json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_list_shows_a_header_with_date_outlet_and_title(capsys, db):
    code, out, _ = run(capsys, "list", "--db", db)
    lines = out.splitlines()
    assert code == 0 and lines[0] == "| id | date | outlet | attributions | title |"
    assert len(lines) == 2 + len(STORIES)
    assert any("| 2024-04-10 | Northern Courier |" in line and "Bridge stays closed" in line for line in lines)


def test_list_as_json_lines_and_csv(capsys, db):
    _, out, _ = run(capsys, "list", "--db", db, "--format", "json")
    rows = _json_lines(out)
    assert {row["title"] for row in rows} == {story["title"] for story in STORIES}
    assert all(set(row) == {"id", "date", "outlet", "attributions", "title"} for row in rows)
    _, out, _ = run(capsys, "list", "--db", db, "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in table] == [r["id"] for r in rows]
    assert {r["outlet"] for r in table} == {"Velmar Gazette", "Northern Courier"}


def test_list_filters_sorts_and_pages(capsys, db):
    def titles(*options: str) -> list[str]:
        code, out, err = run(capsys, "list", "--db", db, "--format", "json", *options)
        assert code == 0, err
        return [row["title"] for row in _json_lines(out)]

    assert titles("--outlet", "velmar gazette", "--sort", "date") == [
        "Harbour to reopen next week",
        "Ferry timetable changes",
    ]
    assert titles("--since", "2024-04-01", "--until", "2024-04-30") == ["Bridge stays closed until May"]
    assert titles("--sort", "-date") == [
        "Ferry timetable changes",
        "Bridge stays closed until May",
        "Harbour to reopen next week",
    ]
    assert titles("--sort=-date", "--limit", "1", "--offset", "1") == ["Bridge stays closed until May"]
    assert titles("--sort", "title", "--limit", "2") == ["Bridge stays closed until May", "Ferry timetable changes"]
    assert titles("--kind", "anonymous") == ["Harbour to reopen next week"]  # "Two dock workers"
    assert titles("--kind", "document") == []


@pytest.mark.parametrize("value", ["0", "-1", "ten"])
def test_list_limit_must_be_a_positive_number(capsys, db, value):
    with pytest.raises(SystemExit) as info:
        main(["list", "--db", db, "--limit", value])
    assert info.value.code == 2
    assert f"'{value}' is not a positive whole number" in capsys.readouterr().err


def test_an_empty_selection_says_which_filters_matched_nothing(capsys, db):
    code, out, err = run(capsys, "list", "--db", db, "--since", "2030-01-01")
    assert code == 0 and len(out.splitlines()) == 2  # the header only
    assert "no stored article matches --since 2030-01-01" in err


def test_search_rows_carry_title_date_and_outlet(capsys, db):
    code, out, _ = run(capsys, "search", "timetable", "--db", db, "--format", "csv")
    (hit,) = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert (hit["title"], hit["date"], hit["outlet"]) == ("Ferry timetable changes", "2024-05-22", "Velmar Gazette")
    assert "timetable" in hit["match"]
    _, out, _ = run(capsys, "search", "timetable", "--db", db)
    assert "**timetable**" in out and out.startswith("| article | attribution | date | outlet | title |")


def test_search_filters_by_the_sources_kind_and_outlet(capsys, db):
    _, out, _ = run(capsys, "search", "repairs OR bridge OR crossings", "--db", db, "--format", "json")
    assert len(_json_lines(out)) == 3
    _, out, _ = run(
        capsys, "search", "repairs OR bridge OR crossings", "--db", db, "--format", "json", "--kind", "anonymous"
    )
    assert [(h["source"], h["kind"]) for h in _json_lines(out)] == [("Two dock workers", "anonymous")]
    _, out, _ = run(
        capsys,
        "search",
        "repairs OR bridge OR crossings",
        "--db",
        db,
        "--format",
        "json",
        "--outlet",
        "Northern Courier",
    )
    assert [h["title"] for h in _json_lines(out)] == ["Bridge stays closed until May"]


def test_a_query_syntax_error_is_answered_as_one(capsys, db):
    code, out, err = run(capsys, "search", "bridge AND (", "--db", db)
    assert code == 2 and out == ""
    assert "'bridge AND ('" in err and "not valid" in err and "double quotes" in err
    code, out, _ = run(capsys, "search", '"repairs', "--db", db, "--phrase", "--format", "json")
    assert code == 0 and [h["source"] for h in _json_lines(out)] == ["Two dock workers"]


def test_sources_in_every_table_format(capsys, db):
    _, out, err = run(capsys, "sources", "--db", db, "--format", "csv")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["Tomas Rudd"]["kind"] == "person" and rows["Tomas Rudd"]["attributions"] == "1"
    assert rows["Tomas Rudd"]["outlets"] == "Northern Courier"
    assert "The council" not in rows and err.startswith("unresolved: ")  # a description names no one
    _, out, err = run(capsys, "sources", "--db", db, "--format", "json", "--limit", "2")
    lines = _json_lines(out)
    assert len(lines) == 2 and "unresolved: " in err
    assert all(set(line) == {"name", "kind", "variants", "attributions", "articles", "outlets"} for line in lines)
    assert all(isinstance(line["outlets"], list) and isinstance(line["variants"], list) for line in lines)
    _, out, err = run(capsys, "sources", "--db", db)
    assert out.startswith("| name | kind | attributions | articles | outlets | variants |")
    assert "| Elena Maric | person | 1 | 1 | Velmar Gazette |" in out
    assert out.rstrip().splitlines()[-1].startswith("unresolved: ") and "name no one" in out and not err


def test_sources_lists_a_phrase_kind_apart(capsys, db):
    _, out, _ = run(capsys, "sources", "--db", db, "--kind", "anonymous", "--format", "json")
    assert [line["name"] for line in _json_lines(out)] == ["Two dock workers"]


def test_show_as_csv_and_to_a_file(capsys, db, tmp_path):
    _, out, _ = run(capsys, "search", "timetable", "--db", db, "--format", "json")
    article = _json_lines(out)[0]["article"]
    code, out, _ = run(capsys, "show", article[:6], "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["article"] for r in rows} == {article}
    assert "Ana Lind" in {r["entity"] or r["source"] for r in rows}
    page = tmp_path / "ferry.html"
    code, out, _ = run(capsys, "show", article, "--db", db, "--format", "html", "-o", str(page))
    assert code == 0 and out == "" and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_list_to_a_file(capsys, db, tmp_path):
    target = tmp_path / "list.csv"
    code, out, _ = run(capsys, "list", "--db", db, "--format", "csv", "-o", str(target))
    assert code == 0 and out == ""
    assert len(list(csv.DictReader(target.open(encoding="utf-8")))) == len(STORIES)


@pytest.mark.parametrize("command", [["list"], ["show", "abcd"], ["search", "bridge"], ["sources"], ["actors", "abcd"]])
def test_a_missing_store_is_refused_not_created(capsys, tmp_path, command):
    typo = tmp_path / "typo.db"
    code, out, err = run(capsys, *command, "--db", str(typo))
    assert code == 2 and out == ""
    assert err.strip() == f"error: {typo}: no such store; create one with `sourcetrace ingest PATH --db {typo}`"
    assert not typo.exists()


def test_actors_read_the_store_without_analysing_again(capsys, db, monkeypatch):
    import sourcetrace.pipeline

    def no_pipeline(*args, **kwargs):
        raise AssertionError("actors --db must not analyse")

    monkeypatch.setattr(sourcetrace.pipeline, "Pipeline", no_pipeline)
    code, out, _ = run(capsys, "actors", "--db", db)
    assert code == 0
    assert "# Bridge stays closed until May" in out and "- **Tomas Rudd** (person)" in out
    code, out, _ = run(capsys, "actors", "--db", db, "--format", "json")
    records = _json_lines(out)
    assert len(records) == len(STORIES)
    assert any(actor["name"] == "Elena Maric" for record in records for actor in record["actors"])


def test_actors_of_stored_articles_equal_those_of_a_fresh_analysis(capsys, db, tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(f"{STORIES[1]['title']}\n\n{STORIES[1]['text']}\n", encoding="utf-8")
    _, fresh, _ = run(capsys, "actors", str(path), "--format", "json")
    _, out, _ = run(capsys, "list", "--db", db, "--format", "json", "--outlet", "Northern Courier")
    _, stored, _ = run(capsys, "actors", "--db", db, json.loads(out)["id"], "--format", "json")
    assert json.loads(fresh)["actors"] == json.loads(stored)["actors"]


def test_paths_and_db_are_both_needed_somewhere(capsys):
    code, _, err = run(capsys, "actors")
    assert code == 2 and "--db FILE" in err


def test_the_commands_share_one_grammar():
    from sourcetrace.cli import _parser

    commands = _parser()._subparsers._group_actions[0].choices
    for name in ("analyze", "list", "show", "search", "sources", "actors", "rank"):
        options = {s for action in commands[name]._actions for s in action.option_strings}
        assert {"--format", "-o"} <= options, name
    for name in ("analyze", "ingest", "actors"):
        options = {s for action in commands[name]._actions for s in action.option_strings}
        assert {"--engine", "--model", "--text-field", "--raw"} <= options, name
    for name in ("list", "search"):
        options = {s for action in commands[name]._actions for s in action.option_strings}
        assert {"--sort", "--since", "--until", "--outlet", "--kind", "--limit", "--offset"} <= options, name
