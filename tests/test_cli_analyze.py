"""`analyze` and `ingest` as a user runs them: csv rows, a folder of pages, and what the
progress display leaves on stderr (a bar on a terminal, one line otherwise, nothing with -q)."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from pathlib import Path

import pytest

from sourcetrace.cli import main
from sourcetrace.cli.progress import Tracker

HARBOUR = """Harbour to reopen

The harbour in Velmar will reopen next week, port director Elena Maric said on Monday.
Two dock workers said that the repairs were rushed, according to the Velmar Gazette.
"""
BRIDGE = """Bridge stays closed

City engineer Tomas Rudd told reporters that the bridge would stay closed until May.
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    return folder


def test_csv_has_one_row_per_attribution_of_every_article(capsys, articles):
    code, out, err = run(capsys, "analyze", str(articles), "--format", "csv", "--quiet")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["article", "attribution", "source", "entity", "kind", "cue", "content", "form", "chain"]
    _, lines, _ = run(capsys, "analyze", str(articles), "--quiet")
    analyses = [json.loads(line) for line in lines.splitlines()]
    assert len(rows) == sum(len(a["attributions"]) for a in analyses)
    maric = next(r for r in rows if r["entity"] == "Elena Maric")
    assert maric["kind"] == "person" and "reopen next week" in maric["content"]
    workers = next(r for r in rows if r["source"] == "Two dock workers")
    assert workers["kind"] == "anonymous" and workers["chain"].endswith("→ Two dock workers")


def test_csv_rows_can_be_claims(capsys, articles):
    code, out, _ = run(capsys, "analyze", str(articles / "bridge.txt"), "--format", "csv", "--rows", "claims")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert list(rows[0])[:3] == ["article", "claim", "text"]
    assert any("bridge would stay closed" in r["text"] for r in rows)


def test_html_pages_are_named_after_their_inputs_with_an_index(capsys, articles, tmp_path):
    pages = tmp_path / "pages"
    code, _, err = run(capsys, "analyze", str(articles), "--format", "html", "-o", str(pages))
    assert code == 0, err
    assert {p.name for p in pages.iterdir()} == {"bridge.html", "harbour.html", "index.html"}
    assert (pages / "harbour.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert 'href="harbour.html"' in index and 'href="bridge.html"' in index
    assert "Harbour to reopen" in index and "Bridge stays closed" in index


def test_several_html_reports_to_stdout_are_refused(capsys, articles):
    code, _, err = run(capsys, "analyze", str(articles), "--format", "html")
    assert code == 2 and "-o DIRECTORY" in err


def test_piped_analyze_ends_with_one_summary_line(capsys, articles):
    code, out, err = run(capsys, "analyze", str(articles))
    assert code == 0 and len(out.splitlines()) == 2
    assert err.splitlines() == ["analysed 2 article(s), 0 failed"]


def test_quiet_leaves_only_the_errors(capsys, articles):
    code, _, err = run(capsys, "analyze", str(articles), "--quiet")
    assert code == 0 and err == ""
    (articles / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "analyze", str(articles), "-q")
    assert code == 1 and err.count("\n") == 1 and err.startswith("error: ") and "empty.txt" in err


def test_piped_ingest_ends_with_one_summary_line_and_quiet_with_none(capsys, articles, tmp_path):
    db = str(tmp_path / "news.db")
    (articles / "empty.txt").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(articles), "--db", db)
    lines = err.splitlines()
    assert code == 1 and lines[-1] == f"{db}: 2 stored, 0 already stored, 0 analysed again, 1 failed"
    assert len(lines) == 2 and "empty.txt" in lines[0]  # the error as it happened, then the summary
    code, _, err = run(capsys, "ingest", str(articles / "bridge.txt"), "--db", db, "--quiet")
    assert code == 0 and err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_live_bar_with_count_rate_failures_and_time_left(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with Tracker("analysing", count=lambda: 4) as tracker:
        assert tracker.live
        tracker.advance()
        time.sleep(0.3)  # the background count and a refresh
        tracker.error("error: empty.txt: empty")
        tracker.advance(failed=True)
        tracker.summary = "analysed 1 article(s), 1 failed"
    shown = terminal.getvalue()
    assert "analysing" in shown and "2/4" in shown and "1 failed" in shown and "/s" in shown
    assert "error: empty.txt: empty\n" in shown
    assert shown.endswith("analysed 1 article(s), 1 failed\n")


def test_no_bar_when_quiet_or_piped(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with Tracker("analysing", quiet=True) as tracker:
        assert not tracker.live
        tracker.advance()
        tracker.summary = "analysed 1 article(s), 0 failed"
    assert terminal.getvalue() == ""
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with Tracker("analysing") as tracker:
        assert not tracker.live
        tracker.advance()
        tracker.summary = "done"
    assert piped.getvalue() == "done\n"


def test_the_bar_estimates_the_articles_without_reading_them(tmp_path):
    import argparse

    from sourcetrace.cli.options import estimate_inputs

    folder = tmp_path / "inputs"
    (folder / "nested").mkdir(parents=True)
    (folder / "one.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "nested" / "page.html").write_text("<html><body><p>Text</p></body></html>", encoding="utf-8")
    (folder / "wire.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n', encoding="utf-8")
    (folder / "sheet.csv").write_text("title,text\nA,one\nB,two\n", encoding="utf-8")
    (folder / "list.json").write_text('[{"text": "a"}, {"text": "b"}]', encoding="utf-8")
    (folder / ".hidden.txt").write_text("left out", encoding="utf-8")
    (folder / "notes.md").write_text("not an input format", encoding="utf-8")
    args = argparse.Namespace(paths=[str(folder), str(tmp_path / "missing.txt")])
    assert estimate_inputs(args) == 1 + 1 + 3 + 2 + 2 + 1  # the missing file is one failure
