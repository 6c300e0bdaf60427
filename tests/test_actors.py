"""Actors: one actor per entity with the variants that refer to it, what it says, and its
positions under the actor who holds them, with the source they are attributed to.

The articles below were written for these tests; they imitate the example's features
(transliteration variants in one text, a pronoun source, "the Ukrainian side ... is
seeking", "Moscow has stated that it is ready", "rejects", "demands").
"""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from sourcetrace.actors import Actor, find_actors, list_actors, lookup, name_key, to_json
from sourcetrace.article import Article
from sourcetrace.cli.actors import add_command as add_actors_command
from sourcetrace.cli.actors import run as run_actors
from sourcetrace.errors import PipelineError
from sourcetrace.pipeline import Pipeline

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "000_73f1c990b4484077.txt"

CONTACTS = (
    "Kiev and Moscow are holding indirect contacts through intermediaries, the British newspaper "
    "The Times reported, citing two diplomatic sources. The Ukrainian side, according to the "
    "newspaper, is seeking security guarantees from Western countries before any ceasefire. "
    "Meanwhile, Moscow has repeatedly stated that it is ready to resume negotiations with Kyiv "
    "without preconditions.\n\n"
    "Russian Foreign Minister Sergei Lavrov said that Russia rejects any freeze of the conflict "
    "along the current line. He added that the Kremlin demands recognition of the new territorial "
    "realities. Ukrainian Commander-in-Chief Valerii Zaluzhnyi told reporters that the army needs "
    "more shells. Later, Zaluzhny said that Ukraine wants a just peace. According to him, fighting "
    "continues near Lugansk and Zaporozhye, and the situation around Luhansk is difficult.\n\n"
    "Washington has not commented. The Zaporizhzhia nuclear plant was shelled again, according to "
    "the IAEA. The goals of the SBO are unchanged."
)

CEASEFIRE = (
    "The Russian side rejects the American proposal for a ceasefire, Kremlin spokesman Dmitry "
    "Peskov said on Tuesday. Peskov noted that Russia demands the withdrawal of Ukrainian troops "
    "from the Zaporozhye region. President Volodymyr Zelenskyy said that Kyiv is not ready to give "
    "up territory. Zelensky also demands new air defence systems from the United States. A meeting "
    "in Kyiv is planned for next week."
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    # actors over the rule engine's attributions, whose conventions these texts pin
    return Pipeline(keep_doc=True, engine="rules")


@pytest.fixture(scope="module")
def contacts(pipeline) -> Article:
    return find_actors(pipeline.analyze_text(CONTACTS, title="Indirect contacts"))


@pytest.fixture(scope="module")
def ceasefire(pipeline) -> Article:
    return find_actors(pipeline.analyze_text(CEASEFIRE, title="Ceasefire"))


def actor(article: Article, name: str) -> Actor:
    [found] = [a for a in article.layers["actors"] if a.name == name]
    return found


def attribution(article: Article, attribution_id: str):
    [found] = [a for a in article.attributions if a.id == attribution_id]
    return found


# --- one actor per entity, with its variants -------------------------------------------


def test_one_actor_per_entity(contacts):
    names = [a.name for a in contacts.layers["actors"]]
    assert len(names) == len(set(names))
    assert {"Ukraine", "Russia", "United States", "Sergei Lavrov", "Valerii Zaluzhnyi", "Luhansk",
            "Zaporizhzhia", "IAEA"} <= set(names)  # fmt: skip
    assert not {"Zaluzhny", "Zaluzhnyi", "Lugansk", "Kiev", "Moscow", "SBO"} & set(names)
    assert [a.id for a in contacts.layers["actors"]] == [f"e{i}" for i in range(1, len(names) + 1)]


def test_transliterations_are_one_actor(contacts):
    zaluzhnyi = actor(contacts, "Valerii Zaluzhnyi")
    assert zaluzhnyi.kind == "person"
    assert {"Valerii Zaluzhnyi", "Zaluzhny"} <= set(zaluzhnyi.variants)
    assert set(actor(contacts, "Luhansk").variants) == {"Lugansk", "Luhansk"}
    assert set(actor(contacts, "Zaporizhzhia").variants) == {"Zaporozhye", "Zaporizhzhia"}
    assert actor(contacts, "Luhansk").kind == "place"


def test_capitals_adjectives_and_sides_stand_for_countries(contacts):
    ukraine = actor(contacts, "Ukraine")
    assert ukraine.kind == "country"
    assert {"Kiev", "Kyiv", "Ukrainian", "The Ukrainian side", "Ukraine"} <= set(ukraine.variants)
    assert {"Moscow", "Russian", "Russia", "Kremlin"} <= set(actor(contacts, "Russia").variants)
    assert actor(contacts, "United States").variants == ("Washington",)
    side = next(m for m in ukraine.mentions if m.text == "The Ukrainian side")
    assert (side.span.start, side.via) == (CONTACTS.index("The Ukrainian side"), "side")


def test_mentions_are_exact_spans(contacts):
    for item in contacts.layers["actors"]:
        for mention in item.mentions:
            assert contacts.text[mention.span.start : mention.span.end] == mention.text


def test_a_capital_as_a_place_is_the_city(ceasefire):
    kyiv = actor(ceasefire, "Kyiv")
    assert kyiv.kind == "place"
    assert [m.span.start for m in kyiv.mentions] == [CEASEFIRE.index("in Kyiv") + 3]
    assert "Kyiv" in actor(ceasefire, "Ukraine").variants  # "Kyiv is not ready": the government


def test_translation_artifact_is_not_an_actor(contacts):
    assert all("SBO" not in a.variants for a in contacts.layers["actors"])


# --- what an actor says ---------------------------------------------------------------


def test_pronoun_source_counts_as_variant_and_claim(contacts):
    zaluzhnyi = actor(contacts, "Valerii Zaluzhnyi")
    assert "him" in zaluzhnyi.variants
    by_him = [i for i in zaluzhnyi.says if attribution(contacts, i).source.span.text_in(contacts.text) == "him"]
    assert len(by_him) == 1
    assert len(zaluzhnyi.says) == 3
    lavrov = actor(contacts, "Sergei Lavrov")
    assert "He" in lavrov.variants and len(lavrov.says) == 2


def test_reporter_in_a_chain(contacts):
    times = actor(contacts, "Times")
    assert times.kind == "organization"
    assert "the newspaper" in times.variants
    [relayed] = times.reports  # "The Times reported, citing two diplomatic sources"
    assert attribution(contacts, relayed).source.kind == "anonymous"
    assert [attribution(contacts, i).source.span.text_in(contacts.text) for i in times.says] == ["the newspaper"]


# --- positions ------------------------------------------------------------------------


def test_seek_under_the_side_attributed_to_its_source(contacts):
    [seek] = actor(contacts, "Ukraine").positions[:1]
    assert seek.stance == "seek"
    assert seek.cue.text_in(contacts.text) == "is seeking"
    assert seek.holder.text_in(contacts.text) == "The Ukrainian side"
    assert seek.evidence.text_in(contacts.text) == (
        "The Ukrainian side, according to the newspaper, is seeking security guarantees from "
        "Western countries before any ceasefire"
    )
    assert seek.source.text == "the newspaper"
    assert seek.source.actor == actor(contacts, "Times").id
    assert not seek.source.inferred and not seek.negated


def test_ready_through_a_pronoun_resolved_to_the_source(contacts):
    russia = actor(contacts, "Russia")
    [ready] = [p for p in russia.positions if p.stance == "ready"]
    assert ready.holder.text_in(contacts.text) == "it"
    assert ready.evidence.text_in(contacts.text) == "it is ready to resume negotiations with Kyiv without preconditions"
    assert (ready.source.text, ready.source.actor) == ("Moscow", russia.id)
    assert ready.source.attribution in russia.says


def test_rejects_and_demands(contacts, ceasefire):
    lavrov = actor(contacts, "Sergei Lavrov").id
    stances = {p.stance: p for p in actor(contacts, "Russia").positions}
    assert (
        stances["reject"].evidence.text_in(contacts.text)
        == "Russia rejects any freeze of the conflict along the current line"
    )
    assert stances["reject"].source.actor == lavrov
    assert stances["demand"].holder.text_in(contacts.text) == "Kremlin"
    assert (stances["demand"].source.text, stances["demand"].source.actor) == ("He", lavrov)

    peskov = actor(ceasefire, "Dmitry Peskov")
    russia = {p.stance: p for p in actor(ceasefire, "Russia").positions}
    assert russia["reject"].holder.text_in(ceasefire.text) == "The Russian side"
    assert russia["reject"].source.actor == peskov.id
    assert russia["demand"].evidence.text_in(ceasefire.text).startswith("Russia demands the withdrawal")
    assert russia["demand"].source.actor == peskov.id


def test_negated_position_and_inferred_source(ceasefire):
    zelenskyy = actor(ceasefire, "Volodymyr Zelenskyy")
    assert {"President Volodymyr Zelenskyy", "Zelensky"} <= set(zelenskyy.variants)
    [ready] = actor(ceasefire, "Ukraine").positions
    assert (ready.stance, ready.negated) == ("ready", True)
    assert ready.source.actor == zelenskyy.id and not ready.source.inferred
    [demand] = zelenskyy.positions  # "Zelensky also demands": no cue of its own
    assert demand.stance == "demand"
    assert demand.source.inferred and demand.source.actor == zelenskyy.id


def test_no_position_without_a_holder(pipeline):
    article = find_actors(
        pipeline.analyze_text("Prices declined in March. The soldiers refused to advance.", title="T")
    )
    assert all(not a.positions for a in article.layers["actors"])


# --- the layer, the helper, JSON and the command ---------------------------------------


def test_json_shape(contacts):
    data = to_json(contacts.layers["actors"], contacts.text)
    json.dumps(data)
    ukraine = next(a for a in data if a["name"] == "Ukraine")
    assert set(ukraine) == {"id", "name", "kind", "variants", "mentions", "says", "reports", "positions"}
    assert set(ukraine["mentions"][0]) == {"text", "start", "end", "via"}
    position = ukraine["positions"][0]
    assert set(position) == {"id", "stance", "cue", "holder", "evidence", "negated", "source", "also_in"}
    assert set(position["source"]) == {"attribution", "text", "entity", "kind", "actor", "reported_by", "inferred"}
    assert position["evidence"]["text"] == contacts.text[position["evidence"]["start"] : position["evidence"]["end"]]


def test_list_actors_runs_the_stage_and_filters(pipeline):
    article = pipeline.analyze_text(CEASEFIRE, title="Ceasefire")
    del article.layers["actors"]  # the pipeline runs the stage; list_actors runs it when missing
    countries = list_actors(article, kinds=("country",))
    assert {a.name for a in countries} == {"Russia", "United States", "Ukraine"}
    assert "actors" in article.layers


def test_stage_needs_the_parse():
    with pytest.raises(PipelineError, match="needs the parse"):
        find_actors(Article(text="Moscow said so.", input="<t>"))


def test_actors_command(tmp_path, monkeypatch):
    path = tmp_path / "ceasefire.txt"
    path.write_text("Ceasefire\n\n" + CEASEFIRE, encoding="utf-8")
    parser = argparse.ArgumentParser(prog="sourcetrace")
    add_actors_command(parser.add_subparsers())
    out = io.StringIO()
    args = parser.parse_args(["actors", str(path)])
    assert run_actors(args, out) == 0
    text = out.getvalue()
    assert "- **Russia** (country): The Russian side; Kremlin; Russia" in text
    assert "  - position: reject — “The Russian side rejects the American proposal for a ceasefire”" in text
    assert "**Dmitry Peskov** (person):" in text and "says: 2 claims" in text

    out = io.StringIO()
    assert run_actors(parser.parse_args(["actors", str(path), "--format", "json"]), out) == 0
    record = json.loads(out.getvalue())
    assert record["input"].endswith("ceasefire.txt")
    assert "Russia" in [a["name"] for a in record["actors"]]


# --- the transliteration key and the gazetteer ---------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [("Zaluzhny", "Zaluzhnyi"), ("Zaluzhniy", "Zaluzhny"), ("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelenskij"),
     ("Zaporizhzhia", "Zaporizhzhya"), ("Donbas", "Donbass"), ("Alexei", "Aleksei"), ("Alexey", "Aleksei"),
     ("Kharkiv", "Harkiv"), ("Zaporozhye", "Zaporozhe"), ("Pyotr", "Petr"), ("Matviychuk", "Matviichuk"),
     ("Mariupol’", "Mariupol"), ("Kyïv", "Kyiv")],
)  # fmt: skip
def test_name_key_folds_romanisation(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Lugansk", "Luhansk"), ("Kiev", "Kyiv"), ("Putin", "Pushilin")])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_gazetteer():
    assert (lookup("Kiev").kind, lookup("Kiev").name, lookup("Kiev").country) == ("capital", "Kyiv", "Ukraine")
    assert lookup("Lugansk").name == lookup("Luhansk").name == "Luhansk"
    assert lookup("Artemovsk").name == "Bakhmut"
    assert lookup("Zaporozhye").name == lookup("Zaporizhzhya").name == "Zaporizhzhia"
    assert lookup("Lugansk People’s Republics").name == "Luhansk People's Republic"
    assert (lookup("the Russian Federation").kind, lookup("the Russian Federation").name) == ("country", "Russia")
    assert lookup("American").name == lookup("Washington").country == "United States"
    assert lookup("Kremlin").country == "Russia"
    assert lookup("Atlantis") is None


# --- the example article -----------------------------------------------------------------


@pytest.fixture(scope="module")
def example(pipeline) -> Article:
    from sourcetrace.read import read_inputs

    return find_actors(next(pipeline.run(read_inputs([EXAMPLE]))))


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the shared example articles are not here")
def test_example_people_with_variants_and_statements(example):
    hersh = actor(example, "Seymour Hersh")
    assert {"American journalist Seymour Hersh", "Hersh", "the journalist", "me"} <= set(hersh.variants)
    assert hersh.says and hersh.reports  # he cites anonymous US officials: a reporter in their chains
    assert all(attribution(example, i).source.kind == "anonymous" for i in hersh.reports)
    putin = actor(example, "Vladimir Putin")
    assert {"President Vladimir Putin", "Putin", "him"} <= set(putin.variants)
    assert any(attribution(example, i).source.span.text_in(example.text) == "him" for i in putin.says)
    zaluzhny = actor(example, "Valery Zaluzhny")
    assert {"Valery Zaluzhny", "Zaluzhny"} <= set(zaluzhny.variants)
    assert [attribution(example, i).cue.text_in(example.text) for i in zaluzhny.says] == ["statements"]
    assert {"Zelensky", "Vladimir Zelensky"} <= set(actor(example, "Vladimir Zelensky").variants)
    assert actor(example, "Valery Gerasimov").kind == "person"
    assert {"Zaporizhzhya", "Zaporozhye"} <= set(actor(example, "Zaporizhzhia").variants)
    assert {"Moscow", "Russian Federation", "Russian"} <= set(actor(example, "Russia").variants)
    names = {a.name for a in example.layers["actors"]}
    assert not {"SBO", "SVO", "Northern Military District", "Kyiv", "Donbass"} & names


@pytest.mark.skipif(not EXAMPLE.exists(), reason="the shared example articles are not here")
def test_example_positions_of_russia_and_ukraine(example):
    text = example.text
    hersh = actor(example, "Seymour Hersh")
    [nato] = actor(example, "Ukraine").positions
    assert nato.stance == "seek"
    assert "seeking permission to join NATO" in nato.evidence.text_in(text)
    assert "deployment of troops" in nato.evidence.text_in(text)  # the proviso: no foreign troops
    assert (nato.source.text, nato.source.actor) == ("the journalist", hersh.id)

    russia = actor(example, "Russia")
    [borders] = [p for p in russia.positions if p.stance == "terms"]
    assert "borders of countries along the current front line" in borders.evidence.text_in(text)
    assert "Russia retains the Crimea peninsula" in borders.evidence.text_in(text)
    assert borders.source.kind == "anonymous" and borders.source.reported_by == ("Seymour Hersh",)
    assert borders.source.inferred  # the article does not repeat who said it
    [ready] = [p for p in russia.positions if p.stance == "ready"]
    assert ready.evidence.text_in(text).startswith("it is ready to conduct direct negotiations")
    assert (ready.source.text, ready.source.actor) == ("Moscow", russia.id)
    assert set(ready.also_in) <= set(actor(example, "Vladimir Putin").says)  # "expressed this point of view"
