"""The embedded store: analysed articles and failures in one SQLite file.

The store keeps each article as its contract dict (`contract.to_json`), so a stored
analysis renders exactly like a fresh one, plus a few flattened columns per attribution
for listing, full-text search (FTS5) and the corpus-wide view of sources.

One write path: every write runs in one `BEGIN IMMEDIATE` transaction, so an interrupted
ingest leaves either the whole article or nothing. The schema grows only through
`MIGRATIONS` (migrations.py), applied in order and counted in `PRAGMA user_version`.
"""

from __future__ import annotations

import builtins
import json
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..contract import SCHEMA
from ..errors import Failure, StoreError
from . import health
from .migrations import SCHEMA_VERSION, check_ours, migrate, transaction
from .queries import (
    LIST_SORTS,
    LIST_SQL,
    MARK_END,
    MARK_START,
    SEARCH_SORTS,
    SEARCH_SQL,
    as_phrase,
    list_order,
    page,
    parse_snippet,
    search_order,
    where,
)
from .sources import NAMED_KINDS, PHRASE_KINDS, SourceRow, Unresolved, named_sources, phrase_sources, source_columns
from .sources import unresolved as _unresolved

__all__ = [
    "LIST_SORTS",
    "SCHEMA_VERSION",
    "SEARCH_SORTS",
    "ArticleNotFound",
    "ArticleRow",
    "QuerySyntaxError",
    "SearchHit",
    "SourceRow",
    "Store",
    "StoreNotFound",
    "Unresolved",
]

MIN_PREFIX = 4  # shortest id prefix `get` accepts, like an abbreviated git hash


class ArticleNotFound(StoreError, KeyError):
    """No stored article has this id, or an id prefix matches more than one."""

    def __init__(self, article_id: str, problem: str, fix: str, matches: tuple[str, ...] = ()) -> None:
        self.article_id = article_id
        self.matches = matches
        super().__init__(f"article {article_id!r}: {problem}; {fix}")

    def __str__(self) -> str:
        # KeyError would repr() the message; show it as written.
        return str(self.args[0])


class StoreNotFound(StoreError):
    """The store file does not exist and the caller asked not to create one."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: no such store; check the path, or create the store by adding articles to it")


class QuerySyntaxError(StoreError):
    """A search query is not valid FTS5 syntax."""

    def __init__(self, query: str, detail: str) -> None:
        self.query = query
        super().__init__(
            f"search query {query!r} is not valid FTS5 syntax ({detail}); put words holding punctuation "
            "in double quotes, as in '\"U.S.\" AND talks', or search the whole query as one literal phrase"
        )


@dataclass(frozen=True)
class ArticleRow:
    """One stored article, as `Store.list` shows it."""

    id: str
    input: str
    title: str | None
    published: str | None
    outlet: str | None
    attributions: int
    ingested_at: str  # ISO 8601, UTC


@dataclass(frozen=True)
class FailureRow:
    """One input that failed: its kind, the reason (which says the fix) and when (ISO 8601, UTC)."""

    input: str
    kind: str
    reason: str
    failed_at: str


@dataclass(frozen=True)
class SearchHit:
    """One attribution matching a search; `marks` are the matches' spans in `snippet`."""

    article_id: str
    title: str | None
    attribution_id: str
    source: str | None  # the entity if known, else the source text
    kind: str
    snippet: str  # an excerpt of the content
    marks: tuple[tuple[int, int], ...]
    published: str | None = None  # the article's date and outlet, for listing hits
    outlet: str | None = None

    def marked(self, start: str = "[", end: str = "]") -> str:
        """The snippet with each match wrapped in `start` … `end`."""
        out, last = [], 0
        for s, e in self.marks:
            out += [self.snippet[last:s], start, self.snippet[s:e], end]
            last = e
        out.append(self.snippet[last:])
        return "".join(out)


def _open_fix(path: str, error: sqlite3.Error) -> str:
    """What the user can do when the store cannot be opened."""
    if path != ":memory:" and Path(path).is_dir():
        return "the path is a directory; give a file path such as store.db"
    if path != ":memory:" and not Path(path).parent.exists():
        return f"the directory {Path(path).parent} does not exist; create it first"
    if isinstance(error, sqlite3.DatabaseError) and "not a database" in str(error):
        return "the file is not a SQLite database; choose another path"
    return "check the path and its permissions"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- rows from a contract dict ----------------------------------------------------------


def _article_row(analysis: dict[str, Any]) -> tuple[Any, ...]:
    meta = analysis["article"]
    if not isinstance(meta["id"], str) or not meta["id"]:
        raise TypeError("article.id must be a non-empty string")
    optional = ("title", "published", "outlet", "url", "language")
    return (meta["id"], meta["input"], *(meta.get(key) for key in optional))


def _attribution_row(article_id: str, attribution: dict[str, Any]) -> tuple[Any, ...]:
    source = attribution["source"]
    return (
        article_id, attribution["id"],
        source.get("text"), source.get("entity"), source["kind"], *source_columns(source),
        attribution["cue"]["text"], attribution["content"]["text"],
        attribution["form"], len(attribution["chain"]),
    )  # fmt: skip


def _rows(analysis: dict[str, Any]) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], str]:
    """The article row, attribution rows and JSON text, or a StoreError saying what is wrong."""
    try:
        if analysis.get("schema") != SCHEMA:
            raise ValueError(f"schema is {analysis.get('schema')!r}, expected {SCHEMA!r}")
        article = _article_row(analysis)
        attributions = [_attribution_row(article[0], a) for a in analysis["attributions"]]
        data = json.dumps(analysis, ensure_ascii=False, separators=(",", ":"))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise StoreError(
            f"cannot store analysis {_id_of(analysis)}: malformed contract dict "
            f"({type(error).__name__}: {error}); pass what contract.to_json returns"
        ) from error
    return article, attributions, data


def _id_of(analysis: Any) -> str:
    meta = analysis.get("article") if isinstance(analysis, dict) else None
    name = meta.get("id") if isinstance(meta, dict) else None
    return name if isinstance(name, str) and name else "(no id)"


def _insert_article(conn: sqlite3.Connection, article: tuple[Any, ...], data: str, ingested_at: str) -> bool:
    cursor = conn.execute(
        "INSERT INTO articles (id, input, title, published, outlet, url, language,"
        " ingested_at, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO NOTHING",
        (*article, ingested_at, data),
    )
    return cursor.rowcount == 1


def _insert_attributions(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    conn.executemany(
        "INSERT INTO attributions (article_id, attribution_id, source_text, source_entity,"
        " source_kind, source_key, source_class, source_name, cue_text, content_text, form, chain_length)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


# --- the store --------------------------------------------------------------------------


class Store:
    """Analysed articles and failures in one SQLite database (":memory:" by default)."""

    def __init__(self, path: str | Path = ":memory:", *, create: bool = True) -> None:
        """Open the store at `path`; with `create=False` a missing file is a `StoreNotFound`
        instead of a new, empty store (for readers, where a new store means a mistyped path)."""
        self.path = os.fspath(path)
        if not create and self.path not in (":memory:", "") and not Path(self.path).exists():
            raise StoreNotFound(self.path)
        if health.is_empty_file(self.path):  # SQLite would take it for a new, empty store
            raise health.StoreDamaged(self.path, "the file is 0 bytes long, truncated or never written")
        self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        try:
            # isolation_level=None: transactions are begun explicitly, see migrations.transaction.
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
            conn.execute("PRAGMA foreign_keys = ON")
            check_ours(conn, self.path)  # before WAL, which would change a foreign file
            health.quick_check(conn, self.path)
            if self.path not in (":memory:", ""):
                # Readers do not block the writer, and a crash cannot corrupt the file.
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn, self.path)
        except (StoreError, sqlite3.Error) as error:
            if conn is not None:
                conn.close()
            if isinstance(error, StoreError):
                raise
            if health.is_damage(error) or health.is_lock(error):
                raise health.translate(self.path, "open the store", error) from error
            raise StoreError(f"{self.path}: cannot open the store ({error}); {_open_fix(self.path, error)}") from error
        return conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @health.guarded("read the store")
    def has(self, article_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
        return row.fetchone() is not None

    def add(self, analysis: dict[str, Any], *, replace: bool = False) -> bool:
        """Store one analysed article; False if its id was already stored (unless
        `replace`: then the stored analysis and its attributions give way to this one).

        Either way the input's earlier failure, if any, is cleared: it now analyses.
        """
        article, attributions, data = _rows(analysis)
        try:
            with transaction(self._conn) as conn:
                conn.execute("DELETE FROM failures WHERE input = ?", (article[1],))
                if replace:  # attributions go by cascade, their index rows by trigger
                    conn.execute("DELETE FROM articles WHERE id = ?", (article[0],))
                if not _insert_article(conn, article, data, _now()):
                    return False
                _insert_attributions(conn, attributions)
        except (sqlite3.Error, UnicodeEncodeError) as error:
            if isinstance(error, sqlite3.Error) and (health.is_lock(error) or health.is_damage(error)):
                raise health.translate(self.path, "store the article", error) from error
            raise StoreError(
                f"{self.path}: cannot store article {article[0]} from {article[1]} ({error}); "
                "nothing of it was written, fix the cause and add it again"
            ) from error
        return True

    def add_failure(self, failure: Failure) -> None:
        """Record why an input failed; a later failure of the same input replaces it."""
        try:
            with transaction(self._conn) as conn:
                conn.execute(
                    "INSERT INTO failures (input, kind, reason, failed_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (input) DO UPDATE SET"
                    " kind = excluded.kind, reason = excluded.reason,"
                    " failed_at = excluded.failed_at",
                    (failure.input, failure.kind, failure.reason, _now()),
                )
        except (sqlite3.Error, UnicodeEncodeError) as error:
            if isinstance(error, sqlite3.Error) and (health.is_lock(error) or health.is_damage(error)):
                raise health.translate(self.path, "record the failure", error) from error
            raise StoreError(
                f"{self.path}: cannot record the failure of {failure.input} ({error}); "
                "check the disk and that no other program holds the store"
            ) from error

    @health.guarded("read the failures")
    def failures(self) -> builtins.list[Failure]:
        """Inputs that failed and have not analysed since, oldest first."""
        rows = self._conn.execute("SELECT input, kind, reason FROM failures ORDER BY failed_at, rowid")
        return [Failure(input=i, kind=k, reason=r) for i, k, r in rows]

    @health.guarded("read the failures")
    def failure_log(self) -> builtins.list[FailureRow]:
        """`failures` with the time each input last failed."""
        rows = self._conn.execute("SELECT input, kind, reason, failed_at FROM failures ORDER BY failed_at, rowid")
        return [FailureRow(*row) for row in rows]

    @health.guarded("list the store")
    def list(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "-ingested",
        since: str | None = None,
        until: str | None = None,
        outlet: str | Iterable[str] | None = None,
        kind: str | None = None,
    ) -> builtins.list[ArticleRow]:
        """Stored articles, newest ingested first unless `sort` says otherwise (`LIST_SORTS`).

        `since`/`until` (ISO dates, inclusive) keep articles published in that range,
        `outlet` those of that outlet (or any of several; case-insensitive), `kind` those
        with at least one attribution whose source is of that kind (`SOURCE_KINDS`).
        """
        conditions, params = where(
            since=since,
            until=until,
            outlet=outlet,
            kind=kind,
            kind_sql="EXISTS (SELECT 1 FROM attributions AS k WHERE k.article_id = a.id AND k.source_kind = ?)",
        )
        sql = LIST_SQL.format(filters=conditions, order=list_order(sort))
        rows = self._conn.execute(sql, (*params, *page(limit, offset)))
        return [ArticleRow(*row) for row in rows]

    @health.guarded("read the article")
    def get(self, article_id: str) -> dict[str, Any]:
        """The contract dict stored for an id or a unique prefix of one."""
        found = self._resolve(article_id)
        row = self._conn.execute("SELECT analysis FROM articles WHERE id = ?", (found,))
        try:
            result: dict[str, Any] = json.loads(row.fetchone()[0])
        except (ValueError, TypeError) as error:  # damage inside a row passes SQLite's own checks
            raise health.StoreDamaged(self.path, f"article {found}'s stored analysis is not readable JSON") from error
        return result

    def _resolve(self, prefix: str) -> str:
        if self.has(prefix):
            return prefix
        if len(prefix) < MIN_PREFIX:
            raise ArticleNotFound(
                prefix,
                "no article has this id",
                f"give the full id or at least {MIN_PREFIX} characters of it",
            )
        # Ids sharing the prefix sort right after it, so the index finds them.
        rows = self._conn.execute("SELECT id FROM articles WHERE id >= ? ORDER BY id LIMIT 6", (prefix,))
        matches: tuple[str, ...] = tuple(i for (i,) in rows if i.startswith(prefix))
        if not matches:
            raise ArticleNotFound(prefix, "no stored article has this id", "list the store to see its ids")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", …" if len(matches) > 5 else "")
            raise ArticleNotFound(
                prefix,
                f"the prefix matches several articles ({shown})",
                "give more characters of the id",
                matches,
            )
        return matches[0]

    def search(
        self,
        query: str,
        *,
        limit: int | None = 50,
        offset: int = 0,
        phrase: bool = False,
        sort: str = "rank",
        since: str | None = None,
        until: str | None = None,
        outlet: str | Iterable[str] | None = None,
        kind: str | None = None,
    ) -> builtins.list[SearchHit]:
        """Attributions whose content, cue or source match, best first (or by date, `sort`).

        `query` is FTS5 syntax ("officials AND secret", "talk*"); one that is not raises
        `QuerySyntaxError`. `phrase=True` searches the query literally, as one phrase.
        The filters are `list`'s, except that `kind` is the kind of the hit's own source.
        """
        # FTS5 reads a query only up to a NUL, which would leave a quote unterminated.
        query = query.replace("\x00", " ").strip()
        if not query:
            return []
        health.check_query(query)
        conditions, params = where(since=since, until=until, outlet=outlet, kind=kind, kind_sql="t.source_kind = ?")
        sql = SEARCH_SQL.format(filters=conditions, order=search_order(sort))
        fts_query = as_phrase(query) if phrase else query
        try:
            with health.time_budget(self._conn) as expired:
                rows = self._conn.execute(sql, (MARK_START, MARK_END, fts_query, *params, *page(limit, offset)))
                rows = rows.fetchall()
        except sqlite3.Error as error:
            if expired[0]:
                raise health.timeout_error(query) from error
            if (
                phrase
                or health.is_lock(error)
                or health.is_damage(error)
                or not isinstance(error, sqlite3.OperationalError)
            ):
                raise health.translate(self.path, f"search for {query[:80]!r}", error) from error
            raise QuerySyntaxError(query, str(error)) from error
        hits = []
        for article_id, title, attribution_id, source, kind_, marked, published, outlet_ in rows:
            snippet, marks = parse_snippet(marked)
            hits.append(SearchHit(article_id, title, attribution_id, source, kind_, snippet, marks, published, outlet_))
        return hits

    @health.guarded("list the sources")
    def sources(self, *, kind: str | None = None, limit: int | None = None) -> builtins.list[SourceRow]:
        """Sources across the store, most attributions first.

        By default persons and organisations, each once under its fullest name however the
        articles spell or shorten it (`SourceRow.variants`); `kind` keeps one of
        `NAMED_KINDS`, or lists the phrases of one of `PHRASE_KINDS` ("two officials").
        Pronouns, bare titles and agentless cues are never listed: see `unresolved`.
        """
        if kind is not None and kind not in NAMED_KINDS + PHRASE_KINDS:
            raise ValueError(f"unknown source kind {kind!r}; choose one of: {', '.join(NAMED_KINDS + PHRASE_KINDS)}")
        if kind in PHRASE_KINDS:
            rows = phrase_sources(self._conn, kind)
        else:
            rows = [row for row in named_sources(self._conn) if kind is None or row.kind == kind]
        return rows[:limit] if limit is not None else rows

    @health.guarded("count the unresolved sources")
    def unresolved(self) -> Unresolved:
        """How many attributions have a source that names no one: a pronoun ("I", "we")
        the engine did not resolve, a bare title ("the Head of State"), or none at all."""
        return _unresolved(self._conn)
