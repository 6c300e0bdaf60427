"""`sourcetrace failures` lists the inputs that failed, with the reason and its fix; `ingest`
says the reason beside each failure as it happens."""

from __future__ import annotations

import csv
import io
import json

from sourcetrace.cli import main
from sourcetrace.errors import Failure
from sourcetrace.store import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _store(tmp_path) -> str:
    path = str(tmp_path / "news.db")
    with Store(path) as store:
        store.add_failure(Failure("memo.txt", "encoding", "memo.txt: not UTF-8 at byte 12; save it as UTF-8"))
        store.add_failure(Failure("blank.txt", "empty", "blank.txt: the file is empty; give a file with text"))
    return path


def test_failures_lists_kind_reason_with_the_fix_and_time(capsys, tmp_path):
    db = _store(tmp_path)
    code, out, _ = run(capsys, "failures", "--db", db, "--format", "json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["input"], r["kind"]) for r in rows] == [("memo.txt", "encoding"), ("blank.txt", "empty")]
    assert rows[0]["reason"].endswith("save it as UTF-8")
    assert rows[0]["failed_at"].endswith("Z")


def test_failures_as_markdown_keeps_the_whole_reason_and_as_csv(capsys, tmp_path):
    db = _store(tmp_path)
    with Store(db) as store:
        long_reason = "x.txt: " + "the record is broken " * 8 + "; fix the JSON on line 3"
        store.add_failure(Failure("x.txt", "record", long_reason))
    code, out, _ = run(capsys, "failures", "--db", db)
    assert code == 0 and out.startswith("| input | kind | reason | failed_at |")
    assert "fix the JSON on line 3" in out
    code, out, _ = run(capsys, "failures", "--db", db, "--format", "csv", "-o", str(tmp_path / "f.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "f.csv").read_text(encoding="utf-8"))))
    assert [r["kind"] for r in rows] == ["encoding", "empty", "record"]


def test_no_failure_is_said_on_stderr(capsys, tmp_path):
    db = str(tmp_path / "ok.db")
    Store(db).close()
    code, out, err = run(capsys, "failures", "--db", db)
    assert code == 0 and "no failed input" in err


def test_ingest_says_the_reason_beside_each_failure_and_failures_lists_it(capsys, tmp_path):
    bad = tmp_path / "memo.txt"
    bad.write_bytes(b"The mayor said \xff\xfe that the pier opens.")
    db = str(tmp_path / "news.db")
    code, _, err = run(capsys, "ingest", str(bad), "--db", db, "--quiet", "--engine", "rules")
    assert code == 1
    with Store(db) as store:
        (failure,) = store.failure_log()
    assert failure.reason in err
    code, out, _ = run(capsys, "failures", "--db", db, "--format", "json")
    assert json.loads(out)["reason"] == failure.reason
