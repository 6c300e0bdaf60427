"""The command line end to end, as a user runs it: real model, real files, real SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace import __version__
from sourcetrace.cli import main

EXAMPLE = Path(__file__).parents[1] / "src" / "sourcetrace" / "examples" / "ceasefire_channel.txt"

HARBOUR = """date 2024-03-04 Port authority says the harbour will reopen

The harbour in Velmar will reopen next week, port director Elena Maric said on Monday.
According to her, the damaged crane has been replaced. Two dock workers said that repairs were rushed.
"""

BRIDGE = """Bridge repairs delayed again

City engineer Tomas Rudd told reporters that the bridge would stay closed until May.
It is reported that the contractor has asked for more money.
"""


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys, db: str) -> list[dict]:
    code, out, err = run(capsys, "list", "--db", db, "--format", "json")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_analyze_json_lines_follow_the_contract(capsys, articles):
    code, out, err = run(capsys, "analyze", str(articles))
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["article"]["input"]).name for r in records] == ["bridge.txt", "harbour.txt"]
    harbour = records[1]
    assert harbour["schema"] == "sourcetrace/analysis@1"
    assert harbour["producer"] == {"name": "sourcetrace", "version": __version__, "attribution_engine": "hybrid"}
    assert harbour["article"]["published"] == "2024-03-04"
    by_cue = {a["cue"]["text"]: a for a in harbour["attributions"]}
    assert by_cue["According to"]["source"]["entity"] == "Elena Maric"
    workers = [a for a in harbour["attributions"] if a["source"]["text"] == "Two dock workers"]
    assert workers and workers[0]["source"]["kind"] == "anonymous"
    for a in harbour["attributions"]:  # every offset indexes the text
        for role in ("cue", "content"):
            span = a[role]
            assert harbour["text"][span["start"] : span["end"]] == span["text"] or "parts" in span
        for link in a["chain"]:
            if link["start"] is not None:
                assert harbour["text"][link["start"] : link["end"]] == link["text"]


def test_analyze_markdown_of_the_bundled_example(capsys):
    code, out, _ = run(capsys, "analyze", str(EXAMPLE), "--format", "md")
    assert code == 0
    assert "## Sourcing" in out and "(anonymous)" in out and "→" in out


def test_analyze_html_to_a_file_and_a_directory(capsys, articles, tmp_path):
    page = tmp_path / "one.html"
    assert run(capsys, "analyze", str(articles / "harbour.txt"), "--format", "html", "-o", str(page))[0] == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    pages = tmp_path / "pages"
    assert run(capsys, "analyze", str(articles), "--format", "html", "-o", str(pages))[0] == 0
    assert sorted(p.name for p in pages.glob("*.html")) == ["bridge.html", "harbour.html", "index.html"]


def test_bad_inputs_are_named_and_the_batch_goes_on(capsys, articles):
    (articles / "empty.txt").write_text("", encoding="utf-8")
    (articles / "latin1.txt").write_bytes("Titel\n\nDer Bürgermeister sagte".encode("latin-1"))
    (articles / "german.txt").write_text(
        "Neue Brücke\n\nDer Bürgermeister sagte am Montag, dass die neue Brücke im Mai eröffnet werde. "
        "Die Bauarbeiten hätten sich wegen des langen Winters verzögert, erklärte die Stadtverwaltung.",
        encoding="utf-8",
    )
    (articles / "records.jsonl").write_text(
        json.dumps({"title": "Ferry", "text": "The ferry operator said that crossings resume on Friday."})
        + "\n{not json\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "analyze", str(articles))
    assert code == 1
    assert len(out.splitlines()) == 3  # bridge, harbour, the good JSON line
    for name in ("empty.txt", "latin1.txt", "german.txt", "records.jsonl#line 2"):
        assert name in err
    assert "4 failed" in err


def test_ingest_is_idempotent_and_resumable(capsys, articles, tmp_path):
    db = str(tmp_path / "store.db")
    code, _, err = run(capsys, "ingest", str(articles / "harbour.txt"), "--db", db)
    assert code == 0 and "1 stored" in err
    # A rerun over everything, as after an interrupted run: the stored one is skipped.
    code, _, err = run(capsys, "ingest", str(articles), "--db", db)
    assert code == 0 and "1 stored, 1 already stored, 0 analysed again, 0 failed" in err
    assert len(listed(capsys, db)) == 2


def test_ingest_reanalyse_replaces_a_stored_analysis(capsys, articles, tmp_path):
    db = str(tmp_path / "store.db")
    run(capsys, "ingest", str(articles / "harbour.txt"), "--db", db)
    (harbour,) = listed(capsys, db)
    harbour_id = harbour["id"]
    # Switching engines: without --reanalyse the stored (default, hybrid) analysis stays.
    code, _, err = run(capsys, "ingest", str(articles / "harbour.txt"), "--db", db, "--engine", "learned")
    assert code == 0 and "0 stored, 1 already stored" in err
    _, out, _ = run(capsys, "show", harbour_id, "--db", db, "--format", "json")
    assert json.loads(out)["producer"]["attribution_engine"] == "hybrid"
    code, _, err = run(capsys, "ingest", str(articles), "--db", db, "--engine", "learned", "--reanalyse")
    assert code == 0 and "1 stored, 0 already stored, 1 analysed again, 0 failed" in err
    _, out, _ = run(capsys, "show", harbour_id, "--db", db, "--format", "json")
    stored = json.loads(out)
    assert stored["producer"]["attribution_engine"] == "learned"
    # the search index follows: every hit belongs to the analysis now stored
    _, hits, _ = run(capsys, "search", "bridge", "--db", db)
    assert hits.strip()
    assert len(listed(capsys, db)) == 2


def test_ingest_records_failures_and_exits_non_zero(capsys, articles, tmp_path):
    (articles / "blank.txt").write_text("   \n", encoding="utf-8")
    db = str(tmp_path / "store.db")
    code, _, err = run(capsys, "ingest", str(articles), "--db", db)
    assert code == 1 and "blank.txt" in err and "2 stored" in err


def test_show_search_and_sources_read_the_store_back(capsys, articles, tmp_path):
    db = str(tmp_path / "store.db")
    run(capsys, "ingest", str(articles), "--db", db)
    harbour_id = next(row["id"] for row in listed(capsys, db) if "harbour" in row["title"])
    code, out, _ = run(capsys, "show", harbour_id[:6], "--db", db, "--format", "json")
    assert code == 0 and json.loads(out)["article"]["id"] == harbour_id
    code, out, _ = run(capsys, "search", "crane", "--db", db)
    assert code == 0 and "Elena Maric" in out
    code, out, _ = run(capsys, "sources", "--db", db)
    assert code == 0 and "Elena Maric" in out and "Tomas Rudd" in out


def test_show_unknown_id_is_a_clear_error(capsys, articles, tmp_path):
    db = str(tmp_path / "s.db")
    run(capsys, "ingest", str(articles / "bridge.txt"), "--db", db)
    code, _, err = run(capsys, "show", "ffffffff", "--db", db)
    assert code == 2 and "ffffffff" in err


TRANSCRIPT = """line\tspeaker\ttext
1\tMODERATOR\tGood evening and welcome to the debate on the harbour budget.
2\tRUDD\tThe harbour lost 12 million dollars last year, as the Velmar Gazette reported in March.
3\tMARIC\tThat number is wrong, and my opponent knows it.
"""


def test_analyze_a_transcript_makes_each_speaker_the_source_of_their_turn(capsys, tmp_path):
    path = tmp_path / "debate.tsv"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    code, out, err = run(capsys, "analyze", "--transcript", str(path))
    assert code == 0, err
    record = json.loads(out)
    turns = {a["source"]["text"]: a for a in record["attributions"] if a["cue"]["text"] == ":"}
    assert set(turns) == {"MODERATOR", "RUDD", "MARIC"}
    assert all(a["source"]["kind"] == "person" for a in turns.values())
    gazette = next(a for a in record["attributions"] if a["cue"]["text"] == "reported")
    assert [link["text"] for link in gazette["chain"]] == ["RUDD", "the Velmar Gazette"]


def test_rank_prints_checkthat_lines_most_check_worthy_first(capsys, tmp_path):
    path = tmp_path / "debate.tsv"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    code, out, err = run(capsys, "rank", str(path), "--format", "checkthat")
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert sorted(int(n) for n, _ in rows) == [1, 2, 3]
    scores = [float(s) for _, s in rows]
    assert scores == sorted(scores, reverse=True)
    assert rows[0][0] == "2"  # the line with a figure and a source


def test_an_unreadable_date_reaches_the_report(capsys, tmp_path):
    records = tmp_path / "wire.jsonl"
    story = {
        "text": "Port officials said on Monday that the ferry would resume.",
        "title": "Ferry",
        "date": "last Tuesdayish",
    }
    records.write_text(json.dumps(story) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "analyze", str(records))
    assert code == 0, err
    article = json.loads(out)["article"]
    assert article["published"] is None and "'last Tuesdayish' not understood" in article["warnings"][0]
    code, out, _ = run(capsys, "analyze", str(records), "--format", "md")
    assert "Warning: date 'last Tuesdayish' not understood" in out


def test_the_learned_engine_runs_in_the_normal_analyze_path(capsys, articles):
    code, out, err = run(capsys, "analyze", str(articles / "harbour.txt"), "--engine", "learned")
    assert code == 0, err
    record = json.loads(out)
    assert record["producer"]["attribution_engine"] == "learned"
    assert record["attributions"], "the PolNeAR-trained model finds the reports in a plain news text"
    for a in record["attributions"]:
        assert a["chain"][-1]["kind"] == a["source"]["kind"]
        assert record["text"][a["cue"]["start"] : a["cue"]["end"]] == a["cue"]["text"]
