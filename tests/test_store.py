"""The SQLite store: migrations, one write path, round trips, search, sources, failures."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.article import FORMS, SOURCE_KINDS
from sourcetrace.contract import SCHEMA
from sourcetrace.errors import Failure, StoreError
from sourcetrace.store import (
    SCHEMA_VERSION,
    ArticleNotFound,
    ArticleRow,
    SearchHit,
    SourceRow,
    Store,
    Unresolved,
    migrations,
)
from sourcetrace.store import sqlite as store_module
from sourcetrace.store.sqlite import LIST_SORTS, QuerySyntaxError, StoreNotFound

# --- hand-built contract dicts -------------------------------------------------------------

FERRY_TEXT = (
    "The harbour authority said the ferry would resume on Monday. "
    "According to two officials familiar with the plan, the repairs cost more than expected. "
    "Mayor Elena Varga told reporters that the city will pay its share."
)
BUDGET_TEXT = (
    "Ms Varga said on Tuesday that the budget is balanced. "
    "Local residents believe the delays were avoidable. "
    "the Harbour Authority stated that the new pier opens in spring. "
    "It is reported that the contractor missed two deadlines."
)


def _span(text: str, piece: str) -> dict[str, Any]:
    start = text.index(piece)
    return {"text": piece, "start": start, "end": start + len(piece)}


def _attribution(
    text: str,
    id: str,
    source: str | None,
    kind: str,
    cue: str,
    content: str,
    *,
    entity: str | None = None,
    role: str | None = None,
    form: str = "indirect",
    reporters: tuple[dict[str, Any], ...] = (),
) -> dict[str, Any]:
    if source is None:
        src: dict[str, Any] = {"text": None, "start": None, "end": None}
    else:
        src = _span(text, source)
    src.update(entity=entity, kind=kind, role=role)
    link = {"text": source, "entity": entity, "kind": kind}
    return {
        "id": id,
        "source": src,
        "cue": _span(text, cue),
        "content": _span(text, content),
        "form": form,
        "chain": [*reporters, link],
    }


def _analysis(id: str, input: str, title: str, text: str, attributions: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "article": {
            "id": id,
            "input": input,
            "title": title,
            "published": "2024-03-05",
            "outlet": "Harbour Gazette",
            "url": None,
            "author": None,
            "language": "en",
        },
        "text": text,
        "removed": [{"kind": "see_also", "text": "See also: Tides and timetables"}],
        "attributions": attributions,
        "summary": {"attributions": len(attributions), "longest_chain": 1},
    }


def ferry() -> dict[str, Any]:
    t = FERRY_TEXT
    return _analysis(
        "f3a91c07d2e84b65",
        "ferry.txt",
        "Ferry to resume on Monday",
        t,
        [
            _attribution(
                t,
                "a1",
                "The harbour authority",
                "organization",
                "said",
                "the ferry would resume on Monday",
            ),
            _attribution(
                t,
                "a2",
                "two officials familiar with the plan",
                "anonymous",
                "According to",
                "the repairs cost more than expected",
                reporters=({"text": "Harbour Gazette", "entity": "Harbour Gazette", "kind": "organization"},),
            ),
            _attribution(
                t,
                "a3",
                "Mayor Elena Varga",
                "person",
                "told reporters",
                "the city will pay its share",
                entity="Elena Varga",
                role="Mayor",
            ),
        ],
    )


def budget() -> dict[str, Any]:
    t = BUDGET_TEXT
    return _analysis(
        "b7d204e1c9f35a80",
        "budget.txt",
        "Budget balanced, says mayor",
        t,
        [
            _attribution(
                t,
                "a1",
                "Ms Varga",
                "person",
                "said",
                "the budget is balanced",
                entity="Elena Varga",
            ),
            _attribution(
                t,
                "a2",
                "Local residents",
                "vague",
                "believe",
                "the delays were avoidable",
            ),
            _attribution(
                t,
                "a3",
                "the Harbour Authority",
                "organization",
                "stated",
                "the new pier opens in spring",
            ),
            _attribution(
                t,
                "a4",
                None,
                "none",
                "It is reported",
                "the contractor missed two deadlines",
            ),
        ],
    )


def _count(store: Store, table: str) -> int:
    count: int = store._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return count


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        return version
    finally:
        conn.close()


@pytest.fixture
def store() -> Iterator[Store]:
    with Store() as s:
        yield s


# --- opening and migrations ----------------------------------------------------------------


def test_new_store_is_migrated_to_the_latest_version(store: Store) -> None:
    version = store._conn.execute("PRAGMA user_version").fetchone()[0]
    assert version == SCHEMA_VERSION == len(migrations.MIGRATIONS)
    names = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "attributions", "failures", "attributions_fts"} <= names


def test_reopening_a_file_keeps_data_and_runs_no_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.db"
    with Store(path) as s:
        s.add(ferry())
    ran: list[str] = []
    monkeypatch.setattr(migrations, "MIGRATIONS", (lambda conn: ran.append("v1"),))
    with Store(str(path)) as s:
        assert s.has(ferry()["article"]["id"])
    assert ran == []
    assert _user_version(path) == SCHEMA_VERSION


def test_a_new_migration_applies_once_on_top_of_stored_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.db"
    with Store(path) as s:
        s.add(ferry())
    ran: list[int] = []

    def add_note(conn: sqlite3.Connection) -> None:
        ran.append(1)
        conn.execute("ALTER TABLE articles ADD COLUMN note TEXT")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, add_note))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    for _ in range(2):
        with Store(path) as s:
            assert s.get(ferry()["article"]["id"]) == ferry()
    assert ran == [1]
    assert _user_version(path) == SCHEMA_VERSION + 1


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.db"
    Store(path).close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="store.db"):
        Store(path)
    assert _user_version(path) == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    conn.close()


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="upgrade sourcetrace"):
        Store(path)


def test_file_stores_use_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "store.db") as s:
        assert s._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_missing_directory_is_a_store_error_with_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "store.db"
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(path) in str(info.value)
    assert "create it first" in str(info.value)


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store(tmp_path)


def test_a_text_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database. " * 40, encoding="utf-8")
    with pytest.raises(StoreError, match="not a SQLite database") as info:
        Store(path)
    assert str(path) in str(info.value)
    assert path.read_text(encoding="utf-8").startswith("These are my notes")


def test_another_programs_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        Store(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


# --- adding, idempotence, transactions -----------------------------------------------------


def test_adding_twice_stores_once(store: Store) -> None:
    assert store.add(ferry()) is True
    assert store.add(ferry()) is False
    assert _count(store, "articles") == 1
    assert _count(store, "attributions") == 3
    assert len(store.search("ferry")) == 1


def test_replacing_an_analysis_leaves_nothing_of_the_old_one(store: Store) -> None:
    store.add(ferry())
    again = ferry()
    again["attributions"] = again["attributions"][:1]  # the new engine finds one report
    assert store.add(again) is False  # without replace the stored one stays
    assert len(store.get(again["article"]["id"])["attributions"]) == 3
    assert store.add(again, replace=True) is True
    assert store.get(again["article"]["id"]) == again
    assert store.search("repairs") == []  # the dropped attribution left the index too
    assert [hit.article_id for hit in store.search("ferry")] == [again["article"]["id"]]
    assert len(store.list()) == 1


def test_a_stored_article_comes_back_equal(store: Store) -> None:
    store.add(ferry())
    assert store.get("f3a91c07d2e84b65") == ferry()


def test_analysis_json_is_compact_and_keeps_unicode(store: Store) -> None:
    analysis = ferry()
    analysis["article"]["title"] = "Fähre fährt wieder — «bientôt»"
    store.add(analysis)
    (data,) = store._conn.execute("SELECT analysis FROM articles").fetchone()
    assert "Fähre fährt wieder — «bientôt»" in data
    assert '", "' not in data and '": ' not in data


def test_a_crash_mid_add_leaves_no_partial_article(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_failure(Failure("ferry.txt", "empty", "ferry.txt: empty; check the file"))

    def crash(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
        raise KeyboardInterrupt  # the user pressed Ctrl-C after the article row went in

    monkeypatch.setattr(store_module, "_insert_attributions", crash)
    with pytest.raises(KeyboardInterrupt):
        store.add(ferry())
    assert not store.has("f3a91c07d2e84b65")
    assert _count(store, "articles") == 0
    assert _count(store, "attributions") == 0
    assert store.failures() != []  # the failure's removal was rolled back too

    monkeypatch.undo()
    assert store.add(ferry()) is True
    assert store.get("f3a91c07d2e84b65") == ferry()


def test_a_crash_mid_add_leaves_nothing_in_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store.db"
    with Store(path) as s:
        s.add(budget())
        monkeypatch.setattr(store_module, "_insert_attributions", _raise_disk_error)
        with pytest.raises(StoreError, match="nothing of it was written"):
            s.add(ferry())
    with Store(path) as s:
        assert [row.id for row in s.list()] == ["b7d204e1c9f35a80"]
        assert _count(s, "attributions") == 4


def _raise_disk_error(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> None:
    raise sqlite3.OperationalError("disk I/O error")


def test_a_malformed_analysis_is_a_store_error_and_writes_nothing(store: Store) -> None:
    broken = ferry()
    del broken["attributions"][1]["cue"]
    with pytest.raises(StoreError, match="f3a91c07d2e84b65"):
        store.add(broken)
    with pytest.raises(StoreError, match="schema"):
        store.add({**ferry(), "schema": "sourcetrace/analysis@0"})
    with pytest.raises(StoreError, match="no id"):
        store.add({"schema": SCHEMA, "article": "not a dict"})
    assert _count(store, "articles") == 0


# --- round trip ----------------------------------------------------------------------------

_text = st.text(max_size=30)
_maybe_text = st.none() | _text
_offset = st.integers(min_value=0, max_value=100_000)
_json_leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text
_json = st.recursive(
    _json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12,
)


def _spans(text: st.SearchStrategy[Any], offset: st.SearchStrategy[Any]) -> Any:
    return st.fixed_dictionaries(
        {"text": text, "start": offset, "end": offset},
        optional={"parts": st.lists(st.lists(_offset, min_size=2, max_size=2), max_size=3)},
    )


_source = st.fixed_dictionaries(
    {
        "text": _maybe_text,
        "start": st.none() | _offset,
        "end": st.none() | _offset,
        "entity": _maybe_text,
        "kind": st.sampled_from(SOURCE_KINDS),
        "role": _maybe_text,
    }
)
_link = st.fixed_dictionaries({"text": _maybe_text, "entity": _maybe_text, "kind": _text})
_attribution_body = st.fixed_dictionaries(
    {
        "source": _source,
        "cue": _spans(_text, _offset),
        "content": _spans(_text, _offset),
        "form": st.sampled_from(FORMS),
        "chain": st.lists(_link, max_size=4),
    }
)
_attributions = st.lists(_attribution_body, max_size=5).map(
    lambda bodies: [{"id": f"a{i}", **body} for i, body in enumerate(bodies, 1)]
)
_contracts = st.fixed_dictionaries(
    {
        "schema": st.just(SCHEMA),
        "article": st.fixed_dictionaries(
            {
                "id": st.text(min_size=1, max_size=20),
                "input": _text,
                "title": _maybe_text,
                "published": st.none() | st.dates().map(str),
                "outlet": _maybe_text,
                "url": _maybe_text,
                "author": _maybe_text,
                "language": _maybe_text,
            }
        ),
        "text": st.text(max_size=200),
        "removed": st.lists(st.fixed_dictionaries({"kind": _text, "text": _text}), max_size=3),
        "attributions": _attributions,
        "summary": st.dictionaries(_text, _json, max_size=5),
    }
)


@settings(max_examples=150, deadline=None)
@given(_contracts)
def test_store_then_get_gives_an_equal_dict(analysis: dict[str, Any]) -> None:
    with Store() as s:
        assert s.add(analysis) is True
        assert s.get(analysis["article"]["id"]) == analysis
        (row,) = s.list()
        assert row.attributions == len(analysis["attributions"])
        assert s.add(analysis) is False


# --- listing and get by prefix -------------------------------------------------------------


def test_list_is_newest_first_with_counts(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    times = iter(["2024-03-05T10:00:00Z", "2024-03-05T11:00:00Z"])
    monkeypatch.setattr(store_module, "_now", lambda: next(times))
    store.add(ferry())
    store.add(budget())
    rows = store.list()
    assert rows[0] == ArticleRow(
        id="b7d204e1c9f35a80",
        input="budget.txt",
        title="Budget balanced, says mayor",
        published="2024-03-05",
        outlet="Harbour Gazette",
        attributions=4,
        ingested_at="2024-03-05T11:00:00Z",
    )
    assert [r.id for r in rows] == ["b7d204e1c9f35a80", "f3a91c07d2e84b65"]
    assert [r.id for r in store.list(limit=1)] == ["b7d204e1c9f35a80"]


def test_list_breaks_same_second_ties_by_insertion(store: Store) -> None:
    store.add(ferry())
    store.add(budget())
    assert [r.id for r in store.list()] == ["b7d204e1c9f35a80", "f3a91c07d2e84b65"]


def test_get_accepts_a_unique_prefix(store: Store) -> None:
    store.add(ferry())
    store.add(budget())
    assert store.get("f3a9") == ferry()
    assert store.get("b7d204e1")["article"]["input"] == "budget.txt"


def test_get_names_an_ambiguous_prefix(store: Store) -> None:
    first, second = ferry(), budget()
    first["article"]["id"], second["article"]["id"] = "abcd000011112222", "abcd999911112222"
    store.add(first)
    store.add(second)
    with pytest.raises(ArticleNotFound) as info:
        store.get("abcd")
    assert info.value.matches == ("abcd000011112222", "abcd999911112222")
    assert "abcd000011112222" in str(info.value) and "more characters" in str(info.value)
    assert store.get("abcd9")["article"]["id"] == "abcd999911112222"


def test_get_names_a_missing_or_too_short_id(store: Store) -> None:
    store.add(ferry())
    with pytest.raises(ArticleNotFound, match="'0000ffff'") as info:
        store.get("0000ffff")
    assert isinstance(info.value, KeyError) and isinstance(info.value, StoreError)
    assert str(info.value).startswith("article '0000ffff'")  # not KeyError's repr()
    with pytest.raises(ArticleNotFound, match="at least 4 characters"):
        store.get("f3a")
    with pytest.raises(KeyError):
        store.get("")


# --- search --------------------------------------------------------------------------------


def test_search_finds_a_word_in_a_content(store: Store) -> None:
    store.add(ferry())
    store.add(budget())
    (hit,) = store.search("repairs")
    assert hit == SearchHit(
        article_id="f3a91c07d2e84b65",
        title="Ferry to resume on Monday",
        attribution_id="a2",
        source="two officials familiar with the plan",
        kind="anonymous",
        snippet="the repairs cost more than expected",
        marks=((4, 11),),
        published="2024-03-05",
        outlet="Harbour Gazette",
    )
    assert hit.marked() == "the [repairs] cost more than expected"
    assert hit.marked("<mark>", "</mark>") == "the <mark>repairs</mark> cost more than expected"


def test_search_finds_a_source_entity(store: Store) -> None:
    store.add(ferry())
    store.add(budget())
    hits = store.search("Elena")
    assert {(h.article_id, h.attribution_id) for h in hits} == {
        ("f3a91c07d2e84b65", "a3"),
        ("b7d204e1c9f35a80", "a1"),
    }
    assert {h.source for h in hits} == {"Elena Varga"}
    assert all(h.marks == () for h in hits)  # the match is in the source, not the content


def test_search_uses_fts_syntax_and_stems(store: Store) -> None:
    store.add(ferry())
    store.add(budget())
    assert [h.attribution_id for h in store.search("deadline")] == ["a4"]
    assert [h.attribution_id for h in store.search("pier AND spring")] == ["a3"]
    assert [h.attribution_id for h in store.search("resum*")] == ["a1"]
    assert len(store.search("the", limit=2)) == 2


@pytest.mark.parametrize("query", ['"', '"repairs', "*", "AND(", "repairs AND(", "NEAR(", "-", "cost:", "a\x00b", "  "])
def test_search_survives_fts_syntax_characters(store: Store, query: str) -> None:
    store.add(ferry())
    assert isinstance(store.search(query, phrase=True), list)
    try:
        assert isinstance(store.search(query), list)
    except QuerySyntaxError as error:
        assert error.query == query.replace("\x00", " ").strip()


def test_bad_syntax_is_an_error_naming_the_query_and_a_phrase_searches_literally(store: Store) -> None:
    store.add(ferry())
    with pytest.raises(QuerySyntaxError, match="'\"repairs cost'.*double quotes") as info:
        store.search('"repairs cost')
    assert isinstance(info.value, StoreError)
    (hit,) = store.search('"repairs cost', phrase=True)
    assert hit.marked() == "the [repairs cost] more than expected"
    assert store.search("expected AND(", phrase=True) == []  # the phrase "expected and" is not in it


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_search_raises_nothing_but_a_syntax_error(query: str) -> None:
    with Store() as s:
        s.add(ferry())
        assert all(isinstance(h, SearchHit) for h in s.search(query, phrase=True))
        try:
            assert all(isinstance(h, SearchHit) for h in s.search(query))
        except QuerySyntaxError:
            pass


# --- sources -------------------------------------------------------------------------------


def test_sources_list_names_and_count_the_rest_as_unresolved(store: Store) -> None:
    # More in test_store_sources.py.
    store.add(ferry())
    store.add(budget())
    assert store.sources() == [
        SourceRow(name="Elena Varga", kind="person", attributions=2, articles=2, outlets=("Harbour Gazette",)),
    ]
    assert [s.name for s in store.sources(kind="anonymous")] == ["two officials familiar with the plan"]
    assert [s.name for s in store.sources(kind="vague")] == ["Local residents"]
    # "The harbour authority" twice (a description without a name), one agentless cue.
    assert store.unresolved() == Unresolved(3, 7, {"pronoun": 0, "description": 2, "agentless": 1})


def test_an_empty_store_has_nothing(store: Store) -> None:
    assert store.list() == [] and store.sources() == [] and store.failures() == []
    assert store.unresolved() == Unresolved(0, 0, {"pronoun": 0, "description": 0, "agentless": 0})
    assert store.unresolved().share == 0.0
    assert store.search("anything") == []


# --- failures ------------------------------------------------------------------------------


def test_failures_are_recorded_replaced_and_cleared_on_success(store: Store) -> None:
    empty = Failure("ferry.txt", "empty", "ferry.txt: nothing to analyse; check the file")
    binary = Failure("photo.jpg", "binary", "photo.jpg: looks binary; give a text or HTML file")
    store.add_failure(empty)
    store.add_failure(binary)
    assert store.failures() == [empty, binary]

    again = Failure("ferry.txt", "encoding", "ferry.txt: not UTF-8; convert it to UTF-8")
    store.add_failure(again)
    assert sorted(store.failures(), key=lambda f: f.input) == [again, binary]

    store.add(ferry())  # ferry.txt now analyses
    assert store.failures() == [binary]


def test_failure_times_are_recorded(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "_now", lambda: "2024-03-05T09:30:00Z")
    store.add_failure(Failure("x.html", "malformed", "x.html: broken HTML; re-save the page"))
    row = store._conn.execute("SELECT input, kind, failed_at FROM failures").fetchone()
    assert row == ("x.html", "malformed", "2024-03-05T09:30:00Z")


def test_a_failure_is_cleared_even_when_the_article_was_stored_before(store: Store) -> None:
    store.add(ferry())
    store.add_failure(Failure("ferry.txt", "unreadable", "ferry.txt: permission denied; fix"))
    assert store.add(ferry()) is False
    assert store.failures() == []


# --- filters, sorting and pages ------------------------------------------------------------


def _dated(analysis: dict[str, Any], id: str, published: str | None, outlet: str | None) -> dict[str, Any]:
    analysis["article"].update(id=id, input=f"{id}.txt", published=published, outlet=outlet)
    return analysis


@pytest.fixture
def three(store: Store) -> Store:
    """Ferry (March, Gazette), budget (May, Courier, an anonymous-free article), and an
    undated ferry copy from no outlet, stored in that order."""
    store.add(_dated(ferry(), "aaaa000000000001", "2024-03-05", "Harbour Gazette"))
    store.add(_dated(budget(), "bbbb000000000002", "2024-05-20T08:30:00", "Velmar Courier"))
    store.add(_dated(ferry(), "cccc000000000003", None, None))
    return store


def _ids(rows: list[Any]) -> list[str]:
    return [getattr(row, "id", None) or row.article_id for row in rows]


def test_list_filters_by_date_outlet_and_source_kind(three: Store) -> None:
    assert _ids(three.list(since="2024-04-01")) == ["bbbb000000000002"]
    assert _ids(three.list(until="2024-05-20")) == ["bbbb000000000002", "aaaa000000000001"]  # inclusive, by day
    assert _ids(three.list(since="2024-03-05", until="2024-03-05")) == ["aaaa000000000001"]
    assert _ids(three.list(outlet="velmar courier")) == ["bbbb000000000002"]
    assert _ids(three.list(outlet=["Velmar Courier", "Harbour Gazette"], sort="date")) == [
        "aaaa000000000001",
        "bbbb000000000002",
    ]
    assert _ids(three.list(kind="anonymous")) == ["cccc000000000003", "aaaa000000000001"]
    assert _ids(three.list(kind="none")) == ["bbbb000000000002"]
    assert three.list(kind="document") == []
    assert three.list(outlet="Velmar Courier", kind="anonymous") == []


def test_list_sorts_with_missing_values_last(three: Store) -> None:
    assert _ids(three.list(sort="date")) == ["aaaa000000000001", "bbbb000000000002", "cccc000000000003"]
    assert _ids(three.list(sort="-date")) == ["bbbb000000000002", "aaaa000000000001", "cccc000000000003"]
    assert _ids(three.list(sort="outlet"))[:2] == ["aaaa000000000001", "bbbb000000000002"]
    assert _ids(three.list(sort="-attributions"))[0] == "bbbb000000000002"  # 4 attributions against 3
    assert _ids(three.list(sort="ingested")) == ["aaaa000000000001", "bbbb000000000002", "cccc000000000003"]
    assert (
        _ids(three.list())
        == _ids(three.list(sort="-ingested"))[:3]
        == ["cccc000000000003", "bbbb000000000002", "aaaa000000000001"]
    )
    assert [r.title for r in three.list(sort="title")][0] == "Budget balanced, says mayor"
    assert set(LIST_SORTS) >= {"date", "-date", "title", "outlet", "attributions", "ingested"}
    with pytest.raises(ValueError, match="unknown sort 'size'"):
        three.list(sort="size")


def test_list_pages_with_limit_and_offset(three: Store) -> None:
    assert _ids(three.list(sort="date", limit=1, offset=1)) == ["bbbb000000000002"]
    assert _ids(three.list(sort="date", offset=2)) == ["cccc000000000003"]
    assert three.list(offset=5) == []
    with pytest.raises(ValueError, match="negative"):
        three.list(limit=-1)


def test_search_filters_by_the_hits_source_kind_date_and_outlet(three: Store) -> None:
    assert {(h.article_id, h.attribution_id) for h in three.search("the", kind="anonymous")} == {
        ("aaaa000000000001", "a2"),
        ("cccc000000000003", "a2"),
    }
    assert _ids(three.search("Varga", since="2024-04-01")) == ["bbbb000000000002"]
    assert _ids(three.search("Varga", outlet="Harbour Gazette")) == ["aaaa000000000001"]
    hits = three.search("Varga", sort="-date")
    assert _ids(hits) == ["bbbb000000000002", "aaaa000000000001", "cccc000000000003"]
    assert (hits[0].published, hits[0].outlet) == ("2024-05-20T08:30:00", "Velmar Courier")
    assert _ids(three.search("Varga", sort="date", limit=1, offset=1)) == ["bbbb000000000002"]
    with pytest.raises(ValueError, match="unknown source kind 'martian'"):
        three.search("Varga", kind="martian")


def test_a_missing_file_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(StoreNotFound, match="typo.db: no such store") as info:
        Store(path, create=False)
    assert isinstance(info.value, StoreError) and not path.exists()
    Store(path).close()  # created
    with Store(path, create=False) as store:
        assert store.list() == []
