"""The store's guards: search limits and time budget, damage and lock detection, and the
translation of every sqlite3 error at the store's boundary into a `StoreError` with its fix.

FTS5 query cost grows far faster than the query (5,000 ORed terms took 53 s), so a query
is refused above `MAX_QUERY_CHARS` or `MAX_QUERY_TERMS`, and any search that still runs
longer than `QUERY_BUDGET_S` is interrupted through SQLite's progress handler.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "QUERY_BUDGET_S",
    "QueryTimeout",
    "QueryTooLong",
    "StoreDamaged",
    "StoreLocked",
    "check_query",
    "guarded",
    "quick_check",
    "time_budget",
    "translate",
]

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64
QUERY_BUDGET_S = 2.0
_PROGRESS_STEPS = 10_000  # SQLite VM instructions between two looks at the clock
_TERM = re.compile(r"\w+")
_REPAIR = "run `sourcetrace store check --db {path}` to see the damage, and `sourcetrace store recover --db {path} -o NEW.db` to save what is readable"  # noqa: E501

F = TypeVar("F", bound=Callable[..., Any])


class QueryTooLong(StoreError):
    """A search query over `MAX_QUERY_CHARS` characters or `MAX_QUERY_TERMS` terms."""


class QueryTimeout(StoreError):
    """A search that ran past its time budget and was stopped."""


class StoreDamaged(StoreError):
    """The store file is damaged (malformed pages) or was truncated to nothing."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        super().__init__(f"{path}: the store is damaged ({detail}); {_REPAIR.format(path=path)}")


class StoreLocked(StoreError):
    """Another process holds the store's write lock."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        super().__init__(
            f"{path}: the store is in use by another process ({detail}); "
            "wait for that process (an ingest?) to finish and retry"
        )


def check_query(query: str) -> None:
    """Refuse a query whose length or number of terms would make FTS5 run for minutes."""
    terms = len(_TERM.findall(query))
    if len(query) > MAX_QUERY_CHARS or terms > MAX_QUERY_TERMS:
        raise QueryTooLong(
            f"search query too long ({len(query):,} characters, {terms:,} terms; the limit is "
            f"{MAX_QUERY_CHARS:,} characters and {MAX_QUERY_TERMS} terms); narrow the query to its "
            "distinguishing words, or filter with --since, --until, --outlet or --kind"
        )


@contextmanager
def time_budget(conn: sqlite3.Connection, seconds: float | None = None) -> Iterator[list[bool]]:
    """Interrupt the statements run inside after `seconds` (default `QUERY_BUDGET_S`); the
    yielded flag says whether it did."""
    deadline = time.monotonic() + (QUERY_BUDGET_S if seconds is None else seconds)
    expired = [False]

    def handler() -> int:
        if time.monotonic() > deadline:
            expired[0] = True
            return 1  # nonzero: SQLite aborts the statement with "interrupted"
        return 0

    conn.set_progress_handler(handler, _PROGRESS_STEPS)
    try:
        yield expired
    finally:
        conn.set_progress_handler(None, 0)


def timeout_error(query: str) -> QueryTimeout:
    return QueryTimeout(
        f"search for {query[:80]!r} stopped after {QUERY_BUDGET_S:g} s, its time budget; "
        "narrow the query (fewer terms, fewer prefix* terms) or filter with --since, --until, --outlet or --kind"
    )


def is_damage(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    # "file is not a database" is left out: at open it is more often the wrong file (see sqlite._open_fix).
    return "malformed" in text or "corrupt" in text or "disk image" in text


def is_lock(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def translate(path: str, action: str, error: sqlite3.Error) -> StoreError:
    """The StoreError for a sqlite3 error, with the fix that fits its cause."""
    if is_lock(error):
        return StoreLocked(path, str(error))
    if is_damage(error):
        return StoreDamaged(path, str(error))
    return StoreError(f"{path}: cannot {action} ({error}); check the disk and the file's permissions")


def guarded(action: str) -> Callable[[F], F]:
    """A Store method whose sqlite3 errors become StoreErrors (`self.path` names the store)."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as error:
                raise translate(self.path, action, error) from error

        return run  # type: ignore[return-value]

    return wrap


def is_empty_file(path: str) -> bool:
    return path not in (":memory:", "") and Path(path).is_file() and Path(path).stat().st_size == 0


def quick_check(conn: sqlite3.Connection, path: str) -> None:
    """`PRAGMA quick_check` (no index cross-checks, so cheap); a StoreDamaged if it finds damage."""
    rows = [row[0] for row in conn.execute("PRAGMA quick_check(20)")]
    if rows != ["ok"]:
        raise StoreDamaged(path, summary(rows))


def summary(problems: list[str]) -> str:
    """SQLite's problem lines as one short clause: how many, and the first."""
    lines = [line for text in problems for line in text.splitlines() if line and not line.startswith("***")]
    if not lines:
        return "SQLite reports damage"
    more = f" and {len(lines) - 1} more" if len(lines) > 1 else ""
    return f"{lines[0]}{more}"
