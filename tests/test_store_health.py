"""The store's guards: search limits and time budget, damaged, truncated and locked stores,
and the `store check` / `store recover` commands. Every store here is built in tmp_path."""

from __future__ import annotations

import random
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.cli import main
from sourcetrace.contract import SCHEMA
from sourcetrace.errors import Failure, StoreError
from sourcetrace.store import Store, health

PAGE = 4096
WORDS = "harbour ferry council budget pier tide contractor mayor deadline crossing".split()


def _analysis(n: int) -> dict[str, Any]:
    rng = random.Random(n)
    content = " ".join(rng.choice(WORDS) for _ in range(60))
    text = f"Mayor Lind said that {content}."
    cue = text.index("said")
    return {
        "schema": SCHEMA,
        "article": {
            "id": f"{n:016x}",
            "input": f"story{n}.txt",
            "title": f"Story {n}",
            "published": "2024-03-05",
            "outlet": "Harbour Gazette",
            "url": None,
            "author": None,
            "language": "en",
        },
        "text": text,
        "removed": [],
        "attributions": [
            {
                "id": "a1",
                "source": {
                    "text": "Mayor Lind",
                    "start": 0,
                    "end": 10,
                    "entity": "Lind",
                    "kind": "person",
                    "role": None,
                },
                "cue": {"text": "said", "start": cue, "end": cue + 4},
                "content": {"text": content, "start": cue + 10, "end": cue + 10 + len(content)},
                "form": "indirect",
                "chain": [{"text": "Mayor Lind", "entity": "Lind", "kind": "person"}],
            }
        ],
        "summary": {"attributions": 1, "longest_chain": 1},
    }


def build(path: Path, articles: int = 200) -> str:
    with Store(path) as store:
        for n in range(articles):
            store.add(_analysis(n))
    # Fold the WAL into the main file, so damaging the file damages the data.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return str(path)


def damage(path: str, pages: int = 6, seed: int = 7) -> None:
    """Overwrite `pages` random pages after the first (the header and schema) with random bytes."""
    rng = random.Random(seed)
    size = Path(path).stat().st_size
    with open(path, "r+b") as file:
        for page in rng.sample(range(1, size // PAGE), pages):
            file.seek(page * PAGE)
            file.write(rng.randbytes(PAGE))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db(tmp_path) -> str:
    return build(tmp_path / "news.db")


# --- 1. search limits and time budget ------------------------------------------------------


def test_a_90_kb_query_is_refused_at_once_naming_the_limit(capsys, db):
    query = " OR ".join(["said*"] * 15_000)  # 90 KB; FTS5 would run for minutes
    assert len(query) > 90_000
    started = time.perf_counter()
    code, _, err = run(capsys, "search", query, "--db", db)
    elapsed = time.perf_counter() - started
    assert code == 2
    assert "too long" in err and f"{health.MAX_QUERY_CHARS:,} characters" in err and "narrow" in err
    assert elapsed < 1.0, elapsed


def test_too_many_terms_are_refused_even_in_a_short_query(db):
    with Store(db) as store, pytest.raises(health.QueryTooLong, match="terms"):
        store.search(" ".join(["a"] * (health.MAX_QUERY_TERMS + 1)))
    with Store(db) as store:  # at the limit, the search runs
        assert store.search(" OR ".join(["ferry"] * (health.MAX_QUERY_TERMS // 2)))


def test_a_search_past_its_time_budget_is_stopped_with_a_clear_error(db, monkeypatch):
    monkeypatch.setattr(health, "QUERY_BUDGET_S", 0.0)
    monkeypatch.setattr(health, "_PROGRESS_STEPS", 1)
    with Store(db) as store:
        with pytest.raises(health.QueryTimeout, match="time budget; narrow the query"):
            store.search("ferry OR harb*")
        monkeypatch.setattr(health, "QUERY_BUDGET_S", 60.0)
        assert store.search("ferry")  # the handler is gone and the next search runs
    assert issubclass(health.QueryTimeout, StoreError)


# --- 2. damaged, truncated and locked stores -----------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["sources"], ["search", "ferry"], ["show", "0000000000000001"]])
def test_every_reader_refuses_a_damaged_store_naming_check_and_recover(capsys, db, command):
    damage(db)
    code, out, err = run(capsys, *command, "--db", db)
    assert code == 2 and not out
    assert "the store is damaged" in err
    assert f"sourcetrace store check --db {db}" in err and "sourcetrace store recover" in err
    assert "permissions" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_ingest_refuses_a_damaged_store(capsys, db, tmp_path):
    damage(db)
    story = tmp_path / "story.txt"
    story.write_text("The mayor said that the pier opens in spring.", encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(story), "--db", db, "--quiet", "--engine", "rules")
    assert code == 2 and "the store is damaged" in err


@pytest.mark.parametrize("command", [["list"], ["failures"], ["search", "ferry"]])
def test_a_store_truncated_to_nothing_is_not_taken_for_an_empty_one(capsys, db, command):
    Path(db).write_bytes(b"")
    for leftover in (db + "-wal", db + "-shm"):
        Path(leftover).unlink(missing_ok=True)
    code, _, err = run(capsys, *command, "--db", db)
    assert code == 2 and "0 bytes long" in err and "sourcetrace store check" in err


def test_store_check_says_ok_or_the_damage(capsys, db):
    code, out, _ = run(capsys, "store", "check", "--db", db)
    assert code == 0 and out.strip() == f"{db}: ok"
    damage(db)
    code, out, err = run(capsys, "store", "check", "--db", db)
    assert code == 1 and "damaged" in out and "store recover" in err
    Path(db).write_bytes(b"")
    code, out, _ = run(capsys, "store", "check", "--db", db)
    assert code == 1 and "0 bytes long" in out


def test_store_recover_saves_the_readable_articles_through_the_write_path(capsys, db, tmp_path):
    with Store(db) as store:
        store.add_failure(Failure("memo.txt", "encoding", "memo.txt: not UTF-8; save it as UTF-8"))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    damage(db)
    new = str(tmp_path / "new.db")
    code, out, _ = run(capsys, "store", "recover", "--db", db, "-o", new)
    saved, unreadable = (int(n) for n in re.findall(r"(\d+) articles saved, (\d+) could not be read", out)[0])
    assert code == (1 if unreadable else 0)
    assert saved >= 150 and saved + unreadable <= 200  # six pages of 150-odd hold few articles
    code, out, _ = run(capsys, "store", "check", "--db", new)
    assert code == 0
    with Store(new, create=False) as store:
        rows = store.list()
        assert len(rows) == saved
        assert store.get(rows[0].id)["article"]["outlet"] == "Harbour Gazette"
        assert store.search("ferry")  # the write path filled the index too


def test_store_recover_refuses_an_existing_output_and_an_empty_store(capsys, db, tmp_path):
    code, _, err = run(capsys, "store", "recover", "--db", db, "-o", db)
    assert code == 2 and "already exists" in err
    Path(db).write_bytes(b"")
    code, _, err = run(capsys, "store", "recover", "--db", db, "-o", str(tmp_path / "new.db"))
    assert code == 2 and "nothing can be recovered" in err


def test_a_locked_store_says_it_is_in_use_and_to_retry(db):
    store = Store(db)
    store._conn.execute("PRAGMA busy_timeout = 0")  # not the 10 s a user would wait
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with store:
            with pytest.raises(health.StoreLocked, match="in use by another process.*retry"):
                store.add(_analysis(999))
            with pytest.raises(health.StoreLocked):
                store.add_failure(Failure("x.txt", "empty", "x.txt: empty"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_sqlite_errors_after_opening_become_store_errors_with_their_fix(db):
    with Store(db) as store:
        store._conn.close()  # any sqlite3 error: a closed connection raises ProgrammingError
        with pytest.raises(StoreError, match="cannot list the store"):
            store.list()
    locked = health.translate(db, "read", sqlite3.OperationalError("database is locked"))
    assert isinstance(locked, health.StoreLocked) and "permissions" not in str(locked)
    damaged = health.translate(db, "read", sqlite3.DatabaseError("database disk image is malformed"))
    assert isinstance(damaged, health.StoreDamaged)


def test_an_analysis_damaged_inside_its_row_is_a_damaged_store_not_a_traceback(capsys, db):
    conn = sqlite3.connect(db)
    conn.execute('UPDATE articles SET analysis = \'{"schema": "sourcetrace/ana\' WHERE id = ?', (f"{1:016x}",))
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "show", f"{1:016x}", "--db", db)
    assert code == 2 and "not readable JSON" in err and "store recover" in err
