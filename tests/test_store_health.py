"""The store's guards: search limits and time budget, damaged, truncated and locked stores,
and the `store check` / `store recover` commands. Every store here is built in tmp_path."""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.cli import main
from sourcetrace.contract import SCHEMA
from sourcetrace.errors import StoreError
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
