"""Checking a store for damage and saving what is readable from a damaged one.

Both open the file read-only with plain sqlite3, not `Store`, which refuses a damaged
file. `recover` reads article by article, so one unreadable page loses only the articles
on it, and writes through `Store.add`, the one write path, into a new store.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Failure, StoreError
from .health import is_empty_file, translate
from .sqlite import Store, StoreNotFound

__all__ = ["RecoverReport", "check", "recover"]


@dataclass
class RecoverReport:
    saved: int = 0
    unreadable: int = 0  # articles found but not readable, or rows lost mid-scan
    failures_saved: int = 0
    problems: list[str] = field(default_factory=list)  # what stopped a scan, for the user


def _connect(path: str) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise StoreNotFound(path)
    if is_empty_file(path):
        raise StoreError(
            f"{path}: the store is 0 bytes long, truncated or never written, so nothing can be recovered; "
            "restore it from a backup, or delete it and ingest the articles again"
        )
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def check(path: str) -> list[str]:
    """`PRAGMA integrity_check`: [] when the store is sound, else the problems SQLite finds."""
    if Path(path).is_file() and is_empty_file(path):
        return ["the file is 0 bytes long: truncated or never written; restore it from a backup"]
    conn = _connect(path)
    try:
        rows = _pragma(conn, "integrity_check(100)") or _pragma(conn, "quick_check(100)")
    finally:
        conn.close()
    if rows is None:
        return ["SQLite stops on the damage before it can list it (database disk image is malformed)"]
    lines = [line for text in rows for line in text.splitlines() if line and not line.startswith("***")]
    return [] if lines == ["ok"] else lines


def _pragma(conn: sqlite3.Connection, pragma: str) -> list[str] | None:
    """The check's lines, or None when the damage stops the check itself (it can)."""
    try:
        return [row[0] for row in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.Error:
        return None


def _scan(conn: sqlite3.Connection, sql: str, report: RecoverReport) -> Iterator[tuple]:
    """Rows of `sql` until the first one damage makes unreadable."""
    try:
        yield from conn.execute(sql)
    except sqlite3.Error as error:
        report.problems.append(f"{sql.split(' FROM ')[0]} … stopped: {error}")


def _article_ids(conn: sqlite3.Connection, report: RecoverReport) -> list[str]:
    """Ids read two ways, by the id index and by the table, so damage to one leaves the other."""
    ids = {row[0] for row in _scan(conn, "SELECT id FROM articles ORDER BY id", report)}
    ids |= {row[0] for row in _scan(conn, "SELECT id FROM articles NOT INDEXED", report)}
    return sorted(i for i in ids if isinstance(i, str))


def recover(path: str, output: str) -> RecoverReport:
    """Copy every readable article analysis and failure of the store at `path` into a new
    store at `output` (which must not exist)."""
    if Path(output).exists():
        raise StoreError(f"{output}: already exists; give a new file for the recovered store")
    conn = _connect(path)
    report = RecoverReport()
    try:
        with Store(output) as new:
            for article_id in _article_ids(conn, report):
                _copy_article(conn, new, article_id, report)
            for input, kind, reason in _scan(conn, "SELECT input, kind, reason FROM failures", report):
                new.add_failure(Failure(input=input, kind=kind, reason=reason))
                report.failures_saved += 1
    except sqlite3.Error as error:  # the schema itself is unreadable
        raise translate(path, "read the store's schema", error) from error
    finally:
        conn.close()
    return report


def _copy_article(conn: sqlite3.Connection, new: Store, article_id: str, report: RecoverReport) -> None:
    try:
        row = conn.execute("SELECT analysis FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise ValueError("no row")
        new.add(json.loads(row[0]))
    except (sqlite3.Error, ValueError, StoreError, TypeError):
        report.unreadable += 1
        return
    report.saved += 1
