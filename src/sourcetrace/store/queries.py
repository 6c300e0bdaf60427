"""The store's read queries: FTS5 search, listing, their filters and sort orders.

Only fixed SQL fragments from this module are put into a query's text; every value a user
gives (query, dates, outlet, kind, limit) is a bound parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..article import SOURCE_KINDS

__all__ = [
    "LIST_SORTS",
    "LIST_SQL",
    "MARK_END",
    "MARK_START",
    "SEARCH_SORTS",
    "SEARCH_SQL",
    "where",
    "list_order",
    "page",
    "parse_snippet",
    "as_phrase",
    "search_order",
]

# SQLite wraps each match in a snippet in these; private-use code points, which news text
# practically never holds, so they can be parsed out into `SearchHit.marks`.
MARK_START, MARK_END = "\ue000", "\ue001"


def as_phrase(query: str) -> str:
    """The query as one FTS5 phrase: every character literal, no operators."""
    return '"' + query.replace('"', '""') + '"'


def parse_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    length, start = 0, None
    for char in marked:
        if char == MARK_START:
            start = length
        elif char == MARK_END and start is not None:
            marks.append((start, length))
            start = None
        else:
            text.append(char)
            length += 1
    return "".join(text), tuple(marks)


SEARCH_SQL = """
    SELECT t.article_id, a.title, t.attribution_id,
           coalesce(nullif(t.source_entity, ''), t.source_text), t.source_kind,
           snippet(attributions_fts, 0, ?, ?, '…', 24), a.published, a.outlet
    FROM attributions_fts
    JOIN attributions AS t ON t.seq = attributions_fts.rowid
    JOIN articles AS a ON a.id = t.article_id
    WHERE attributions_fts MATCH ?{filters}
    ORDER BY {order}
    LIMIT ? OFFSET ?
"""

LIST_SQL = """
    SELECT a.id, a.input, a.title, a.published, a.outlet,
           (SELECT count(*) FROM attributions AS t WHERE t.article_id = a.id) AS attribution_count,
           a.ingested_at
    FROM articles AS a
    WHERE 1{filters}
    ORDER BY {order}
    LIMIT ? OFFSET ?
"""

# Sort keys, ascending; "-key" is descending. Only these fixed SQL expressions reach a
# query: user input is always a bound parameter.
_LIST_ORDER = {
    "date": "a.published",
    "title": "a.title COLLATE NOCASE",
    "outlet": "a.outlet COLLATE NOCASE",
    "attributions": "attribution_count",
    "ingested": "a.ingested_at",
}
LIST_SORTS = tuple(key for name in _LIST_ORDER for key in (name, f"-{name}"))
SEARCH_SORTS = ("rank", "date", "-date")


def _order(expression: str, descending: bool) -> str:
    # Rows without a value go last either way; ties keep the order they were stored in.
    direction = "DESC" if descending else "ASC"
    return f"{expression} IS NULL, {expression} {direction}, a.rowid {direction}"


def list_order(sort: str) -> str:
    name = sort.removeprefix("-")
    if name not in _LIST_ORDER:
        raise ValueError(f"unknown sort {sort!r}; choose one of: {', '.join(LIST_SORTS)}")
    return _order(_LIST_ORDER[name], sort.startswith("-"))


def search_order(sort: str) -> str:
    if sort not in SEARCH_SORTS:
        raise ValueError(f"unknown sort {sort!r}; choose one of: {', '.join(SEARCH_SORTS)}")
    if sort == "rank":
        return "attributions_fts.rank"
    return _order("a.published", sort == "-date") + ", attributions_fts.rank"


def where(
    *, since: str | None, until: str | None, outlet: str | Iterable[str] | None, kind: str | None, kind_sql: str
) -> tuple[str, list[Any]]:
    """SQL conditions (each starting " AND ") over articles `a`, and their parameters."""
    sql, params = [], []
    if since is not None:  # dates compare as ISO text; a date-time compares by its day
        sql.append("substr(a.published, 1, 10) >= ?")
        params.append(since)
    if until is not None:
        sql.append("substr(a.published, 1, 10) <= ?")
        params.append(until)
    outlets = [outlet] if isinstance(outlet, str) else list(outlet or ())
    if outlets:
        sql.append(f"a.outlet COLLATE NOCASE IN ({', '.join('?' * len(outlets))})")
        params.extend(outlets)
    if kind is not None:
        if kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {kind!r}; choose one of: {', '.join(SOURCE_KINDS)}")
        sql.append(kind_sql)
        params.append(kind)
    return "".join(f" AND {condition}" for condition in sql), params


def page(limit: int | None, offset: int) -> tuple[int, int]:
    if (limit is not None and limit < 0) or offset < 0:
        raise ValueError(f"limit and offset cannot be negative (limit={limit}, offset={offset})")
    return (-1 if limit is None else limit), offset
