"""The corpus-wide view of sources: who is cited, under which names, in how many articles.

Each stored attribution carries its source's key and class (`source_columns`, from the
name layer in `..names`). The view lists persons and organisations by name, one row per
person however the articles spell or shorten the name (`EntityIndex`), and anonymous,
vague or document sources by phrase, each kind apart. Pronouns, bare titles and agentless
cues name no one: they are counted as unresolved, never listed.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..names import DESCRIPTION, NAME, PHRASE, UNRESOLVED, EntityIndex, lookup, source_key, source_name, strip_article

__all__ = ["NAMED_KINDS", "PHRASE_KINDS", "SourceRow", "Unresolved", "named_sources", "phrase_sources", "unresolved"]

NAMED_KINDS = ("person", "organization")
PHRASE_KINDS = ("anonymous", "vague", "document")


@dataclass(frozen=True)
class SourceRow:
    """One source across the store, with how much rests on it."""

    name: str  # its most frequent spelling in full
    kind: str  # the kind most often given to it
    attributions: int
    articles: int
    outlets: tuple[str, ...] = ()  # the distinct outlets citing it, most citing first
    variants: tuple[str, ...] = ()  # its other spellings, most frequent first


@dataclass(frozen=True)
class Unresolved:
    """Attributions whose source names no one, of all attributions in the store."""

    count: int
    total: int
    by_class: dict[str, int] = field(default_factory=dict)  # pronoun, description, agentless

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0


def source_columns(source: dict[str, Any]) -> tuple[str, str, str | None]:
    """The stored `source_key`, `source_class` and `source_name` of a contract's source dict."""
    klass, name = source_name(source["kind"], source.get("text"), source.get("entity"))
    return source_key(name), klass, name and " ".join(name.split())


class _Groups:
    """Counts gathered under a group key: spellings, kinds, articles and their outlets."""

    def __init__(self) -> None:
        self.spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.kinds: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.articles: defaultdict[str, dict[str, str | None]] = defaultdict(dict)

    def rows(self) -> list[SourceRow]:
        out = []
        for group, kinds in self.kinds.items():
            spellings = self.spellings[group]
            # The full name, not the surname most articles shorten it to.
            full = Counter({s: n for s, n in spellings.items() if source_key(s) == group})
            name = _most_common(full or spellings)
            outlets = Counter(o for o in self.articles[group].values() if o)
            out.append(
                SourceRow(
                    name=name,
                    kind=_most_common(kinds),
                    attributions=sum(kinds.values()),
                    articles=len(self.articles[group]),
                    outlets=tuple(sorted(outlets, key=lambda o: (-outlets[o], o.casefold()))),
                    variants=tuple(s for s in sorted(spellings, key=lambda s: (-spellings[s], s)) if s != name),
                )
            )
        return sorted(out, key=lambda s: (-s.attributions, -s.articles, s.name.casefold()))


def named_sources(conn: sqlite3.Connection) -> list[SourceRow]:
    """Persons and organisations by name, most attributions first."""
    return _named(conn).groups.rows()


def phrase_sources(conn: sqlite3.Connection, kind: str) -> list[SourceRow]:
    """Anonymous, vague or document sources (`kind`) by phrase, most attributions first."""
    joined = _named(conn).rescued[PHRASE]  # a name tagged vague ("Zelenskyy") is listed by name
    groups = _Groups()
    rows = conn.execute(
        "SELECT source_key, source_name, source_kind, count(*) FROM attributions"
        " WHERE source_class = ? AND source_kind = ? GROUP BY 1, 2, 3",
        (PHRASE, kind),
    )
    for key, text, kind_, count in rows:
        if key not in joined:
            groups.spellings[key][text] += count
            groups.kinds[key][kind_] += count
    _add_articles(conn, groups, {PHRASE: {key: key for key in groups.kinds}}, kind)
    return groups.rows()


def unresolved(conn: sqlite3.Connection) -> Unresolved:
    counts = Counter(dict(conn.execute("SELECT source_class, count(*) FROM attributions GROUP BY 1").fetchall()))
    total = sum(counts.values())
    counts[DESCRIPTION] -= _named(conn).joined
    by_class = {klass: counts[klass] for klass in UNRESOLVED}
    return Unresolved(sum(by_class.values()), total, by_class)


@dataclass
class _Named:
    groups: _Groups
    rescued: dict[str, dict[str, str]]  # by class: the keys of unnamed sources a name joined
    joined: int  # descriptions joined to a name


def _named(conn: sqlite3.Connection) -> _Named:
    """The named sources grouped by full name, joined by the unnamed ones whose text is a
    known name ("President of Ukraine Volodymyr Zelenskyy" with no entity, "Zelenskyy"
    tagged vague)."""
    rows = conn.execute(
        "SELECT source_key, source_name, source_kind, count(*) FROM attributions WHERE source_class = ? GROUP BY 1, 2, 3",
        (NAME,),
    ).fetchall()
    kinds: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for key, _, kind, count in rows:
        kinds[key][kind] += count
    index = EntityIndex({key: (_most_common(c), sum(c.values())) for key, c in kinds.items()})
    canonical = {key: index.canonical(key, _most_common(c)) for key, c in kinds.items()}
    groups = _Groups()
    for key, name, kind, count in rows:
        groups.spellings[canonical[key]][name] += count
        groups.kinds[canonical[key]][kind] += count
    named = _Named(groups, {DESCRIPTION: {}, PHRASE: {}}, 0)
    for klass, key, text, kind, count in conn.execute(
        "SELECT source_class, source_key, source_name, source_kind, count(*) FROM attributions"
        " WHERE source_class IN (?, ?) GROUP BY 1, 2, 3, 4",
        (DESCRIPTION, PHRASE),
    ):
        full = index.canonical(key, kind if kind in NAMED_KINDS else "person")
        # A capitalised text that is a known name, but never a place taken for a person.
        if full in groups.kinds and strip_article(text)[:1].isupper() and not (kind == "person" and lookup(text)):
            named.rescued[klass][key] = full
            groups.kinds[full][kind] += count
            named.joined += count if klass == DESCRIPTION else 0
    _add_articles(conn, groups, {NAME: canonical, **named.rescued})
    return named


def _add_articles(
    conn: sqlite3.Connection, groups: _Groups, group_of: dict[str, dict[str, str]], kind: str | None = None
) -> None:
    """Each group's articles with their outlets; `group_of` maps a class's keys to groups."""
    marks = ", ".join("?" * len(group_of))
    sql = (
        "SELECT t.source_class, t.source_key, t.article_id, a.outlet FROM attributions AS t"
        f" JOIN articles AS a ON a.id = t.article_id WHERE t.source_class IN ({marks})"
    )
    params: list[str] = list(group_of)
    if kind is not None:
        sql += " AND t.source_kind = ?"
        params.append(kind)
    for klass, key, article, outlet in conn.execute(sql + " GROUP BY 1, 2, 3", params):
        group = group_of[klass].get(key)
        if group is not None:
            groups.articles[group][article] = outlet


def _most_common(counter: Counter[str]) -> str:
    # Ties go to the alphabetically first, so the answer does not depend on row order.
    return min(counter, key=lambda value: (-counter[value], value))
