"""The evaluation: BRAT reading, span and attribution matching, scores we computed by hand.

tests/data/brat/ holds two short articles annotated by hand: `harbour` (a quote split
around its cue, an Attribution-no-source event, a Discuss span, two annotators) and
`senate` (a content whose surface crosses a line break, a Source shared by two events,
a Content2, an unfinished event, a Discard span, an annotator note). The system output
scored against it is written here too, so every expected number can be checked by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.article import Article, Attribution, Source, Span
from sourcetrace.evaluate import (
    GoldError,
    evaluate_attribution,
    format_text,
    parse_ann,
    read_gold,
    score_spans,
)
from sourcetrace.evaluate.attribution import PRF, Segments, normalise, score_sentences
from sourcetrace.evaluate.brat import GoldSpan, choose_annotations

BRAT = Path(__file__).parent / "data" / "brat"
DEV = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "polnear" / "dev"
HARBOUR = (BRAT / "text" / "harbour.txt").read_text(encoding="utf-8")
SENATE = (BRAT / "text" / "senate.txt").read_text(encoding="utf-8")


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """The place of the nth occurrence of a phrase, end-exclusive."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def span(text: str, *phrases: str | tuple[str, int]) -> Span:
    parts = tuple(at(text, *p) if isinstance(p, tuple) else at(text, p) for p in phrases)
    if len(parts) == 1:
        return Span(*parts[0])
    return Span(parts[0][0], parts[-1][1], parts)


def gold(text: str, *phrases: str, role: str = "content") -> GoldSpan:
    return GoldSpan(role, tuple(at(text, p) for p in phrases))


# --- reading BRAT -------------------------------------------------------------------


def test_one_annotator_per_article_the_smallest_id() -> None:
    chosen = choose_annotations(BRAT / "attributions")
    assert list(chosen) == ["harbour", "senate"]
    assert chosen["harbour"][0] == "a1b2"
    assert chosen["harbour"][2] == ("a1b2", "c3d4")
    assert chosen["senate"][0] == "e5f6"


def test_read_gold_harbour() -> None:
    harbour = next(a for a in read_gold(BRAT) if a.name == "harbour")
    first, agentless, workers = harbour.attributions
    pieces = [HARBOUR[s:e] for s, e in first.content.parts]
    assert pieces == ["“The crane is fixed,”", "“and ships can dock again.”"]
    assert HARBOUR[first.source.start : first.source.end] == "port director Elena Maric"
    assert agentless.source is None
    assert HARBOUR[agentless.cue.start : agentless.cue.end] == "is expected"
    assert HARBOUR[workers.cue.start : workers.cue.end] == "said"
    assert workers.cue.start > first.cue.start  # the second "said", not the first
    assert len(harbour.spans("source")) == 2  # Discuss is not a role


def test_read_gold_senate() -> None:
    senate = next(a for a in read_gold(BRAT) if a.name == "senate")
    assert [a.id for a in senate.attributions] == ["E1", "E2", "E3", "E4"]
    crossing = senate.attributions[0].content
    assert SENATE[crossing.start : crossing.end] == "the bill would pass\nbefore the recess"
    assert senate.attributions[1].source == senate.attributions[2].source
    assert len(senate.spans("source")) == 3  # the shared source counts once
    quote = senate.attributions[3].content  # Content and Content2 as one span in pieces
    assert [SENATE[s:e] for s, e in quote.parts] == ["“We will win,”", "“Nothing can stop us.”"]
    assert len(senate.skipped) == 1 and "E5" in senate.skipped[0]


def test_parse_ann_continuation_lines_and_bad_offsets() -> None:
    text = "He said: one\n\ntwo three."
    ann = (
        "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\n"
        "T3\tContent 9 12;14 23\tone\n\ntwo three\n"  # the surface's newlines split the line
        "T4\tAttribution 3 7\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    )
    (attribution,) = parse_ann(ann, "x.ann", text=text)
    assert attribution.content.parts == ((9, 12), (14, 23))
    with pytest.raises(GoldError, match="bad offsets"):
        parse_ann("T1\tCue 5 x\tsaid\n", "x.ann")
    with pytest.raises(GoldError, match="past the text"):
        parse_ann(ann, "x.ann", text="He said")


def test_gold_dir_without_folders_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="text/ and attributions/"):
        list(read_gold(tmp_path))


# --- spans ----------------------------------------------------------------------------


def test_normalise_trims_whitespace_and_joins_ranges_parted_by_whitespace() -> None:
    text = "a  bold\nclaim here"
    assert normalise(Span(1, 8), text) == ((3, 7),)
    assert normalise(GoldSpan("content", ((3, 7), (8, 13))), text) == ((3, 13),)
    assert normalise(GoldSpan("content", ((0, 1), (3, 7))), text) == ((0, 7),)


def test_exact_and_overlap_span_scores() -> None:
    text = HARBOUR
    gold_spans = [
        gold(text, "port director Elena Maric", role="source"),
        gold(text, "Two dock workers", role="source"),
    ]
    predicted = [span(text, "Elena Maric"), span(text, "Two dock workers "), span(text, "ships")]
    exact = score_spans(gold_spans, predicted, "exact", text)
    assert (exact.gold, exact.predicted, exact.matched) == (2, 3, 1)  # trailing space trimmed
    assert exact.precision == pytest.approx(1 / 3) and exact.recall == pytest.approx(0.5)
    assert exact.f1 == pytest.approx(0.4)
    overlap = score_spans(gold_spans, predicted, "overlap", text)
    assert (overlap.gold, overlap.predicted, overlap.matched) == (2, 3, 2)


def test_overlap_needs_a_shared_word_character_and_is_one_to_one() -> None:
    text = "“Yes,” he said, “no.”"
    yes = gold(text, "“Yes,”")
    assert score_spans([yes], [span(text, "”")], "overlap", text).matched == 0  # only a quote mark
    assert score_spans([yes], [span(text, "Yes")], "overlap", text).matched == 1
    two = score_spans([yes], [span(text, "Ye"), span(text, "es")], "overlap", text)
    assert (two.predicted, two.matched) == (2, 1)  # one gold span is matched at most once


def test_a_gold_cue_without_words_is_overlapped_by_a_span_sharing_its_mark() -> None:
    text = "“We were heard.” ― Ana Ruiz"
    dash = gold(text, "―")
    assert score_spans([dash], [span(text, "―")], "overlap", text).matched == 1  # exact is overlap too
    assert score_spans([dash], [span(text, "― Ana")], "overlap", text).matched == 1
    assert score_spans([dash], [span(text, "Ana")], "overlap", text).matched == 0


def test_discontinuous_spans_match_exactly_only_with_the_same_pieces() -> None:
    text = HARBOUR
    split = gold(text, "“The crane is fixed,”", "“and ships can dock again.”")
    same = span(text, "“The crane is fixed,”", "“and ships can dock again.”")
    whole = Span(0, at(text, "again.”")[1])  # covers the cue and source too
    assert score_spans([split], [same], "exact", text).matched == 1
    assert score_spans([split], [whole], "exact", text).matched == 0
    assert score_spans([split], [whole], "overlap", text).matched == 1


def test_prf_with_nothing_predicted_or_nothing_gold() -> None:
    assert (PRF(3, 0, 0).precision, PRF(3, 0, 0).recall, PRF(3, 0, 0).f1) == (0.0, 0.0, 0.0)
    assert PRF(0, 2, 0).recall == 0.0


def test_sentence_level_cuts_spans_at_line_breaks() -> None:
    text = "Officials said it.\nIt failed, they said."
    segments = Segments.of(text)  # no parse: words and punctuation marks are the tokens
    assert segments.units == ((0, 18), (19, 40))
    across = GoldSpan("content", ((15, 28),))  # "it.\nIt failed" runs over two lines
    assert segments.runs(across) == {(0, 2, 3), (1, 4, 5)}
    partly = score_sentences([across], [Span(19, 28)], segments)
    assert (partly.gold, partly.predicted, partly.matched) == (2, 1, 1)
    # a span cut mid-token still counts the whole token, as a tagger labels whole tokens
    assert segments.runs(Span(20, 28)) == segments.runs(Span(19, 28))


# --- the whole evaluation on the hand-made gold -------------------------------------


def _attribution(n: int, source: Span | None, cue: Span, content: Span) -> Attribution:
    kind = "none" if source is None else "person"
    return Attribution(f"a{n}", Source(source, kind), cue, content, "indirect", ())


SYSTEM = {
    # harbour: a shorter source; a cue without "is" and a content without "that";
    # a source without "Two" and a content with its full stop.
    "harbour": [
        _attribution(
            1,
            span(HARBOUR, "Elena Maric"),
            span(HARBOUR, "said"),
            span(HARBOUR, "“The crane is fixed,”", "“and ships can dock again.”"),
        ),
        _attribution(2, None, span(HARBOUR, "expected"), span(HARBOUR, "the harbour will reopen on Monday")),
        _attribution(
            3, span(HARBOUR, "dock workers"), span(HARBOUR, ("said", 1)), span(HARBOUR, "that repairs were rushed.")
        ),
    ],
    # senate: the first exactly right; the second content swallows the third attribution
    # (which is missed); the quote lacks its second piece; a false "can stop".
    "senate": [
        _attribution(
            1, span(SENATE, "The senator"), span(SENATE, "said"), span(SENATE, "the bill would pass\nbefore the recess")
        ),
        _attribution(
            2,
            span(SENATE, "Her aides"),
            span(SENATE, ("said", 1)),
            span(SENATE, "that the vote was close and warned that it could slip"),
        ),
        _attribution(3, span(SENATE, "she"), span(SENATE, ("said", 2)), span(SENATE, "“We will win,”")),
        _attribution(4, None, span(SENATE, "can stop"), span(SENATE, "us")),
    ],
}


class HandPipeline:
    """Stands in for the spaCy pipeline: the SYSTEM attributions and a blank tokenizer."""

    keep_doc = True

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.blank("en")

    def run(self, items):
        for raw in items:
            name = Path(raw.input).stem
            article = Article(text=raw.body, input=raw.input, language="en")
            article.layers["attributions"] = SYSTEM[name]
            article.doc = self.nlp.make_doc(raw.body)
            yield article


@pytest.fixture(scope="module")
def hand_scores():
    return evaluate_attribution(BRAT, pipeline=HandPipeline())


def counts(prf: PRF) -> tuple[int, int, int]:
    return prf.gold, prf.predicted, prf.matched


def test_role_scores_by_hand(hand_scores) -> None:
    # source: gold 2 + 3 (one shared), system 2 + 3; exact only in senate.
    assert counts(hand_scores.role("source", "exact")) == (5, 5, 3)
    assert counts(hand_scores.role("source", "overlap")) == (5, 5, 5)
    # cue: "expected" and "can stop" miss exactly; "expected" overlaps "is expected".
    assert counts(hand_scores.role("cue", "exact")) == (7, 7, 5)
    assert counts(hand_scores.role("cue", "overlap")) == (7, 7, 6)
    # content: exact for the split quote and the line-crossing one; under overlap the
    # swallowing content can take only one of the two gold contents it covers.
    assert counts(hand_scores.role("content", "exact")) == (7, 7, 2)
    assert counts(hand_scores.role("content", "overlap")) == (7, 7, 6)
    assert hand_scores.role("cue", "exact").f1 == pytest.approx(5 / 7)


def test_attribution_scores_by_hand(hand_scores) -> None:
    assert counts(hand_scores.attribution("exact")) == (7, 7, 1)  # the senator's only
    # overlap: all of harbour (the agentless one has no source on either side), and in
    # senate all but the missed "warned" one and the false "can stop".
    assert counts(hand_scores.attribution("overlap")) == (7, 7, 6)
    assert hand_scores.attribution("overlap").f1 == pytest.approx(6 / 7)


def test_sentence_scores_by_hand(hand_scores) -> None:
    assert counts(hand_scores.sentence("source")) == (5, 5, 3)
    assert counts(hand_scores.sentence("cue")) == (7, 7, 5)
    # Units are lines. Content runs: harbour 2 + 1 + 1 gold, senate 2 (cut at the line
    # break) + 1 + 1 + 2; right: the split quote's two runs, the senator's two runs and
    # "“We will win,”"; the swallowing content and "us" are wrong.
    assert counts(hand_scores.sentence("content")) == (10, 9, 5)


def test_json_has_totals_rule_and_per_article_counts(hand_scores) -> None:
    out = hand_scores.to_json()
    assert out["articles"] == 2 and out["failed"] == 0
    assert out["annotator_rule"].startswith("one file per article")
    assert out["gold_attributions"] == 7 and out["system_attributions"] == 7
    assert out["roles"]["content"]["exact"]["f1"] == pytest.approx(2 / 7, abs=1e-4)
    assert len(out["skipped_gold_events"]) == 1
    harbour = out["per_article"][0]
    assert harbour["article"] == "harbour" and harbour["annotator"] == "a1b2"
    assert harbour["roles"]["cue"]["exact"] == {"gold": 3, "predicted": 3, "matched": 2}
    assert harbour["sentence_exact"]["content"] == {"gold": 4, "predicted": 4, "matched": 2}
    json.dumps(out)
    assert "lexicographically smallest" in format_text(hand_scores)


def test_an_attribution_nested_in_another_content_is_scored_only_on_request() -> None:
    from sourcetrace.evaluate.attribution import score_article, top_level

    senate = next(g for g in read_gold(BRAT) if g.name == "senate")
    # The rules' reading: "warned that it could slip" inside the aides' over-long content.
    warned = _attribution(5, span(SENATE, "Her aides"), span(SENATE, "warned"), span(SENATE, "that it could slip"))
    article = Article(text=SENATE, input="senate.txt", language="en")
    article.layers["attributions"] = [*SYSTEM["senate"], warned]
    assert warned not in top_level(article.attributions) and len(top_level(article.attributions)) == 4
    # PolNeAR's convention (the default): the nested one is counted, not scored.
    default = score_article(senate, article)
    assert default.nested == 1 and counts(default.attributions["exact"]) == (4, 4, 1)
    # Scored, it is the gold "warned" attribution exactly.
    every = score_article(senate, article, nested=True)
    assert every.nested == 0 and counts(every.attributions["exact"]) == (4, 5, 2)
    assert every.to_json()["nested_not_scored"] == 0 and default.to_json()["nested_not_scored"] == 1


def test_limit_scores_the_first_articles_only() -> None:
    scores = evaluate_attribution(BRAT, pipeline=HandPipeline(), limit=1)
    assert [a.article for a in scores.articles] == ["harbour"]


# --- the command and the real data ----------------------------------------------------


def _eval_registered() -> bool:
    from sourcetrace import cli

    parser = cli._parser()
    return any("eval" in (getattr(action, "choices", None) or {}) for action in parser._actions)


@pytest.mark.skipif(not _eval_registered(), reason="`eval` is not registered in cli.py yet")
def test_cli_eval_attribution(capsys) -> None:
    from sourcetrace.cli import main

    code = main(["eval", "attribution", str(BRAT), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["articles"] == 2 and result["gold_attributions"] == 7
    assert result["producer"]["attribution_engine"] == "hybrid"  # which engine was scored (the default)
    for role in ("source", "cue", "content"):
        for mode in ("exact", "overlap"):
            assert 0.0 <= result["roles"][role][mode]["f1"] <= 1.0
    assert "scored 2/2" in err
    code = main(["eval", "attribution", str(BRAT)])
    out, _ = capsys.readouterr()
    assert code == 0 and "annotator: one file per article" in out and "sentence level" in out
    assert out.startswith("engine: hybrid (sourcetrace ")
    assert "nested attributions: " in out and "not scored (inside another's content" in out
    assert main(["eval", "attribution", str(BRAT), "--nested", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr()[0])["nested_scored"] is True


@pytest.mark.skipif(not DEV.is_dir(), reason="PolNeAR dev split not present")
def test_polnear_dev_first_articles() -> None:
    scores = evaluate_attribution(DEV, limit=3)
    out = scores.to_json()
    assert out["articles"] == 3 and not out["failures"]
    assert out["gold_attributions"] > 0 and out["system_attributions"] > 0
    scored = [m for r in out["roles"].values() for m in r.values()]
    scored += list(out["attributions"].values()) + list(out["sentence_exact"].values())
    assert len(scored) == 11
    assert all(0.0 <= m[k] <= 1.0 for m in scored for k in ("precision", "recall", "f1"))


# --- agreement between annotators (benchmarks/annotator_agreement.py) -----------------


def _benchmark(name: str):
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_second_annotator_is_scored_against_the_chosen_one_like_a_system() -> None:
    result = _benchmark("annotator_agreement").agreement([BRAT])
    assert result["articles"] == 1  # senate has one annotator: not a pair
    chosen = result["against_chosen"]
    assert chosen["pairs"] == 1
    # c3d4 marked one of a1b2's three attributions: the same cue, "Elena Maric" for
    # "port director Elena Maric", the first piece of a two-piece quote.
    roles = chosen["roles"]
    assert (roles["source"]["exact"]["matched"], roles["source"]["overlap"]["matched"]) == (0, 1)
    assert (roles["source"]["exact"]["gold"], roles["source"]["exact"]["predicted"]) == (2, 1)
    assert roles["cue"]["exact"]["matched"] == 1
    assert (roles["content"]["exact"]["matched"], roles["content"]["overlap"]["matched"]) == (0, 1)
    attributions = chosen["attributions"]
    assert (attributions["exact"]["matched"], attributions["overlap"]["matched"]) == (0, 1)
    assert attributions["overlap"]["f1"] == 0.5  # 2 × 1 / (3 + 1)
    assert result["every_pair"]["attributions"] == attributions  # two annotators: one pair
    # Source and content edges both differ: only with a1b2's edges for both does it match.
    ceilings = chosen["edge_ceilings"]
    assert ceilings["none"]["matched"] == ceilings["content"]["matched"] == ceilings["source"]["matched"] == 0
    assert ceilings["source + content"] == {"matched": 1, "f1": 0.5}
    assert chosen["content_scope"] == {}  # the source is not the same, so no content question


def test_scores_by_annotation_level_are_summed_per_band(tmp_path: Path) -> None:
    def article(name: str, gold: int, predicted: int, matched: int) -> dict:
        counts = {"gold": gold, "predicted": predicted, "matched": matched}
        return {
            "article": name,
            "attributions": {"exact": counts},
            "roles": {role: {"exact": counts} for role in ("source", "cue", "content")},
        }

    scores = {
        "per_article": [
            article("early", 4, 4, 1),
            article("late", 4, 4, 3),
            article("later", 2, 2, 2),
            article("undated", 1, 1, 0),
        ]
    }
    metadata = tmp_path / "metadata.tsv"
    metadata.write_text(
        "compartment\tfilename\tlevel\n"
        "dev\tearly.txt\t2\n"
        "dev\tlate.txt\t15\n"
        "dev\tlater.txt\t20\n"
        "dev\tundated.txt\tNone\n",
        encoding="utf-8",
    )
    module = _benchmark("score_by_level")
    result = module.by_level(scores, module.levels(metadata))
    assert list(result["bands"]) == ["0-6", "14-23", "unknown"]
    assert result["bands"]["0-6"]["attribution"] == 0.25
    assert result["bands"]["14-23"]["attribution"] == 5 / 6  # (3 + 2) matched of (4 + 2)
    assert result["bands"]["14-23"]["articles"] == 2
    assert result["articles_with_level"] == 3
    assert result["spearman_level_attribution"] == 1.0  # F1 0.25, 0.75, 1.0 rise with level
