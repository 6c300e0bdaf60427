"""The store's view of sources: one row per person however spelt, the unresolved counted
apart, phrases by kind, and the migration that brings an older store to it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sourcetrace.contract import SCHEMA
from sourcetrace.store import Store, Unresolved, migrations

# (source text, entity, kind) per attribution; a made-up ministry's press office.
Source = tuple[str | None, str | None, str]

ARTICLES: list[tuple[str, str | None, list[Source]]] = [
    (
        "a1",
        "Velmar Courier",
        [
            ("Borysko Vartanyuk", "Borysko Vartanyuk", "person"),
            ("he", "Borysko Vartanyuk", "person"),
            ("I", None, "person"),
            ("The Head of State", None, "person"),
            ("two officials", None, "anonymous"),
        ],
    ),
    (
        "a2",
        "Ostra Daily",
        [
            ("Borisko Vartaniuk", "Borisko Vartaniuk", "person"),
            ("Vartaniuk", "Vartaniuk", "person"),  # this article named him by surname alone
            ("the Velmar Port Authority", "Velmar Port Authority", "organization"),
            ("we", None, "organization"),
            (None, None, "none"),
        ],
    ),
    (
        "a3",
        None,  # no outlet
        [
            ("Minister of Ports Borysko Vartanyuk", "Minister of Ports Borysko Vartanyuk", "person"),
            ("Vartanyuk", None, "vague"),  # a name the engine took for a vague source
            ("President of Velmar Borysko Vartanyuk", None, "person"),  # a name without an entity
            ("Velmar Port Authority", "Velmar Port Authority", "organization"),
            ("Local residents", None, "vague"),
            ("the spokesman", None, "anonymous"),
        ],
    ),
]


def _analysis(article_id: str, outlet: str | None, sources: list[Source]) -> dict[str, Any]:
    text = "Words. " * 40
    attributions = []
    for number, (source_text, entity, kind) in enumerate(sources, start=1):
        source = {"text": source_text, "start": None, "end": None, "entity": entity, "kind": kind, "role": None}
        attributions.append(
            {
                "id": f"t{number}",
                "source": source,
                "cue": {"text": "said", "start": 0, "end": 4},
                "content": {"text": f"the port reopens on day {number}", "start": 5, "end": 9},
                "form": "indirect",
                "chain": [{"text": source_text, "entity": entity, "kind": kind}],
            }
        )
    return {
        "schema": SCHEMA,
        "article": {
            "id": f"{article_id}00000000000000",
            "input": f"{article_id}.txt",
            "title": article_id,
            "published": "2024-06-01",
            "outlet": outlet,
            "url": None,
            "author": None,
            "language": "en",
        },
        "text": text,
        "removed": [],
        "attributions": attributions,
        "summary": {"attributions": len(attributions), "longest_chain": 1},
    }


@pytest.fixture
def store() -> Iterator[Store]:
    with Store() as s:
        for article_id, outlet, sources in ARTICLES:
            s.add(_analysis(article_id, outlet, sources))
        yield s


def test_one_person_under_every_spelling_is_one_source(store: Store) -> None:
    person, organization = store.sources()
    assert person.name == "Borysko Vartanyuk" and person.kind == "person"
    # Two named in a1, two in a2, one titled and one vague in a3, one without an entity in a3.
    assert (person.attributions, person.articles) == (7, 3)
    assert person.outlets == ("Ostra Daily", "Velmar Courier")  # a3 has none
    assert set(person.variants) == {"Borisko Vartaniuk", "Vartaniuk", "Minister of Ports Borysko Vartanyuk"}
    assert (organization.name, organization.attributions, organization.articles) == ("Velmar Port Authority", 2, 2)


def test_pronouns_titles_and_agentless_cues_are_counted_not_listed(store: Store) -> None:
    listed = {s.name for kind in ("person", "organization", "anonymous", "vague") for s in store.sources(kind=kind)}
    assert not listed & {"I", "we", "The Head of State", "the spokesman"}
    unresolved = store.unresolved()
    assert unresolved == Unresolved(5, 16, {"pronoun": 2, "description": 2, "agentless": 1})
    assert unresolved.share == pytest.approx(5 / 16)


def test_kinds_are_listed_apart(store: Store) -> None:
    assert [s.name for s in store.sources(kind="person")] == ["Borysko Vartanyuk"]
    assert [s.name for s in store.sources(kind="organization")] == ["Velmar Port Authority"]
    assert [s.name for s in store.sources(kind="anonymous")] == ["two officials"]
    assert [s.name for s in store.sources(kind="vague")] == ["Local residents"]  # not "Vartanyuk"
    assert store.sources(kind="document") == []
    assert len(store.sources(limit=1)) == 1
    with pytest.raises(ValueError, match="unknown source kind 'none'"):
        store.sources(kind="none")


# --- the migration to version 2 ------------------------------------------------------------


def _store_at_version_1(path: Path) -> None:
    """A store as sourcetrace wrote it before the name layer: version 1, case-folded keys."""
    conn = sqlite3.connect(path, isolation_level=None)
    with migrations.transaction(conn):
        migrations.MIGRATIONS[0](conn)
        conn.execute("PRAGMA user_version = 1")
        for article_id, outlet, sources in ARTICLES:
            analysis = _analysis(article_id, outlet, sources)
            meta = analysis["article"]
            conn.execute(
                "INSERT INTO articles (id, input, title, published, outlet, url, language, ingested_at, analysis)"
                " VALUES (?, ?, ?, ?, ?, NULL, 'en', '2024-06-02T00:00:00Z', ?)",
                (meta["id"], meta["input"], meta["title"], meta["published"], outlet, json.dumps(analysis)),
            )
            for a in analysis["attributions"]:
                src = a["source"]
                conn.execute(
                    "INSERT INTO attributions (article_id, attribution_id, source_text, source_entity, source_kind,"
                    " source_key, cue_text, content_text, form, chain_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    (meta["id"], a["id"], src["text"], src["entity"], src["kind"],
                     (src["entity"] or src["text"] or "").casefold(), "said", a["content"]["text"], "indirect"),
                )  # fmt: skip
    conn.close()


def test_a_version_1_store_upgrades_in_place_to_the_same_view(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "old.db"
    _store_at_version_1(path)
    with Store(path) as upgraded:
        assert upgraded._conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
        assert upgraded.sources() == store.sources()
        assert upgraded.sources(kind="vague") == store.sources(kind="vague")
        assert upgraded.unresolved() == store.unresolved()
        # The full-text index still points at the right rows.
        assert [hit.attribution_id for hit in upgraded.search('"day 4"', phrase=True)] == ["t4", "t4", "t4"]


def test_the_source_columns_can_be_computed_again_after_the_rules_change(store: Store) -> None:
    before = (store.sources(), store.unresolved())
    store._conn.execute("UPDATE attributions SET source_key = '', source_class = '', source_name = NULL")
    assert store.sources() == []
    with migrations.transaction(store._conn) as conn:
        migrations.refill_source_columns(conn)
    assert (store.sources(), store.unresolved()) == before
