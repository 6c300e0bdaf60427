"""The store's schema and how a file reaches it: `MIGRATIONS`, applied in order, each in
one write transaction, counted in `PRAGMA user_version` (as sqlite-utils does), and the
check that a file is ours before anything is written to it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..errors import StoreError
from .sources import source_columns

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "check_ours",
    "migrate",
    "refill_source_columns",
    "transaction",
]

# "srct": tells our files apart from other programs' SQLite databases.
APPLICATION_ID = 0x73726374

_V1_INITIAL = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY, input TEXT NOT NULL, title TEXT, published TEXT, outlet TEXT,
        url TEXT, language TEXT, ingested_at TEXT NOT NULL, analysis TEXT NOT NULL
    )""",
    "CREATE INDEX articles_by_input ON articles (input)",
    "CREATE INDEX articles_by_ingested_at ON articles (ingested_at)",
    # `seq` is the stable integer key the FTS index points at; `source_key` is the
    # case-folded name sources are grouped by.
    """CREATE TABLE attributions (
        seq INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        attribution_id TEXT NOT NULL,
        source_text TEXT, source_entity TEXT, source_kind TEXT NOT NULL,
        source_key TEXT NOT NULL, cue_text TEXT NOT NULL, content_text TEXT NOT NULL,
        form TEXT NOT NULL, chain_length INTEGER NOT NULL,
        UNIQUE (article_id, attribution_id)
    )""",
    "CREATE INDEX attributions_by_source ON attributions (source_key)",
    """CREATE TABLE failures (
        input TEXT PRIMARY KEY, kind TEXT NOT NULL, reason TEXT NOT NULL,
        failed_at TEXT NOT NULL
    )""",
    # External content: the text lives once, in `attributions`; triggers keep the index
    # in step (rows are only inserted, and deleted by cascade; a migration that updates
    # them must add an update trigger). Porter stemming lets "official" find "officials".
    """CREATE VIRTUAL TABLE attributions_fts USING fts5 (
        content_text, cue_text, source_text, source_entity,
        content = 'attributions', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER attributions_ai AFTER INSERT ON attributions BEGIN
        INSERT INTO attributions_fts (rowid, content_text, cue_text, source_text, source_entity)
        VALUES (new.seq, new.content_text, new.cue_text, new.source_text, new.source_entity);
    END""",
    """CREATE TRIGGER attributions_ad AFTER DELETE ON attributions BEGIN
        INSERT INTO attributions_fts
            (attributions_fts, rowid, content_text, cue_text, source_text, source_entity)
        VALUES ('delete', old.seq, old.content_text, old.cue_text, old.source_text,
                old.source_entity);
    END""",
    f"PRAGMA application_id = {APPLICATION_ID}",
)


def _v1_initial(conn: sqlite3.Connection) -> None:
    # Statement by statement: `executescript` would commit the migration's transaction.
    for statement in _V1_INITIAL:
        conn.execute(statement)


def _v2_source_names(conn: sqlite3.Connection) -> None:
    """Sources grouped by name: `source_key` becomes the name layer's key (one key for
    "Podolyak" and "Podoliak"), `source_class` tells a name from a phrase, a pronoun, a
    bare title or no source at all, and `source_name` is the name or phrase counted."""
    conn.execute("ALTER TABLE attributions ADD COLUMN source_class TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE attributions ADD COLUMN source_name TEXT")
    refill_source_columns(conn)
    conn.execute("CREATE INDEX attributions_by_class ON attributions (source_class, source_key)")


def refill_source_columns(conn: sqlite3.Connection) -> None:
    """Compute each attribution's source key, class and name again from its stored analysis.

    They follow `names.source_name`'s rules at the time they were written, so a release that
    changes those rules adds a migration that calls this. None of the three is in the FTS
    index, so updating them needs no index trigger.
    """
    update = (
        "UPDATE attributions SET source_key = ?, source_class = ?, source_name = ?"
        " WHERE article_id = ? AND attribution_id = ?"
    )
    for article_id, data in conn.execute("SELECT id, analysis FROM articles"):
        rows = [(*source_columns(a["source"]), article_id, a["id"]) for a in json.loads(data)["attributions"]]
        conn.executemany(update, rows)


# Append only: a released migration is never edited, a change is a new function.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1_initial, _v2_source_names)
SCHEMA_VERSION = len(MIGRATIONS)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed on success, rolled back on any exception.

    IMMEDIATE takes the write lock up front, so a second writer waits on the busy
    timeout instead of failing halfway through when its read lock cannot be upgraded.
    """
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        yield conn


def migrate(conn: sqlite3.Connection, path: str) -> None:
    while True:
        with transaction(conn):
            # Read inside the lock: another process may have migrated meanwhile.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: the store has schema version {version}, newer than this "
                    f"sourcetrace knows ({SCHEMA_VERSION}); upgrade sourcetrace"
                )
            if version == SCHEMA_VERSION:
                return
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")


def check_ours(conn: sqlite3.Connection, path: str) -> None:
    """Refuse to add our tables to another program's database."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise StoreError(
            f"{path}: this SQLite database belongs to another program, not sourcetrace; choose a new file for the store"
        )
