"""Claims, hedges and the sourcing profile on articles we wrote, with the real parser.

The check-worthiness model has its own tests; here a length-based stand-in scorer keeps the
claim logic under test independent of the model's weights.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.claims.extract import find_claims
from sourcetrace.claims.profile import build_profile
from sourcetrace.pipeline import Pipeline

ARTICLE = """The ministry will close four regional airports next year, according to two officials familiar with the plan. The closures would reportedly save about $40 million.

Transport Minister Lena Varga said that no final decision had been taken. She could not say when a decision would come.

Is this the end of regional flying? The region's airports carried 1.2 million passengers in 2023. This is wonderful.

Thank you for reading our coverage of the transport budget."""


def by_length(sentences) -> list[float]:
    return [min(1.0, len(s.text.strip()) / 200) for s in sentences]


@pytest.fixture(scope="module")
def article():
    # claims over the rule engine's attributions, whose conventions this text pins
    return Pipeline(keep_doc=True, engine="rules").analyze_text(ARTICLE, title="Airports")


@pytest.fixture(scope="module")
def claims(article):
    return {c.span.text_in(article.text): c for c in find_claims(article, by_length)}


def test_questions_greetings_and_bare_evaluations_are_not_claims(claims):
    texts = list(claims)
    assert not any(t.endswith("?") for t in texts)
    assert not any(t.startswith("Thank you") for t in texts)
    assert "This is wonderful." not in texts
    assert "The region's airports carried 1.2 million passengers in 2023." in texts


def test_a_claim_resting_only_on_anonymous_sources(article, claims):
    lead = claims[
        "The ministry will close four regional airports next year, according to two officials familiar with the plan."
    ]
    assert lead.source_kind == "anonymous"
    assert lead.hearsay_depth == 1
    profile = build_profile(list(claims.values()), article.attributions, article.text)
    assert lead.id in profile["anonymous_only"]


def test_hedges_are_found_and_typed(claims):
    saving = claims["The closures would reportedly save about $40 million."]
    assert [(h.kind, h.text) for h in saving.hedges] == [("distancing", "reportedly")]
    assert saving.source_kind == "unsourced" and not saving.stated_as_fact
    could = claims["She could not say when a decision would come."]
    assert ("modal", "could") in [(h.kind, h.text) for h in could.hedges]


def test_unsourced_unhedged_claims_are_stated_as_fact(claims):
    passengers = claims["The region's airports carried 1.2 million passengers in 2023."]
    assert passengers.stated_as_fact and passengers.attribution is None


def test_named_source_and_profile_shares(article, claims):
    minister = claims["Transport Minister Lena Varga said that no final decision had been taken."]
    assert minister.source_kind == "person" and minister.attribution is not None
    profile = build_profile(list(claims.values()), article.attributions, article.text)
    assert profile["claims"] == len(claims)
    assert abs(sum(profile["shares"].values()) - 1.0) < 0.01
    assert profile["counts"]["named"] >= 1 and profile["counts"]["anonymous"] == 1


def test_checkworthiness_comes_from_the_scorer(claims):
    for text, claim in claims.items():
        assert claim.checkworthiness == pytest.approx(min(1.0, len(text.strip()) / 200), abs=0.02)


def test_json_shape(article, claims):
    claim = next(iter(claims.values()))
    out = claim.to_json(article.text)
    assert list(out)[0] == "id"
    assert {
        "text",
        "start",
        "end",
        "checkworthiness",
        "attribution",
        "support",
        "source_kind",
        "hearsay_depth",
        "hedges",
        "stated_as_fact",
    } <= set(out)
    assert article.text[out["start"] : out["end"]] == out["text"]


EXAMPLE = Path(__file__).parents[2] / "shared" / "examples" / "000_73f1c990b4484077.txt"


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared/examples is not beside the checkout")
def test_the_example_lead_claim_rests_only_on_anonymous_sources_through_a_chain():
    from sourcetrace.contract import to_json
    from sourcetrace.read import read_inputs

    [article] = list(Pipeline().run(read_inputs([EXAMPLE])))
    analysis = to_json(article)
    lead = analysis["claims"][0]
    assert lead["text"].startswith("Moscow and Kyiv are conducting secret peace talks")
    assert lead["source_kind"] == "anonymous" and lead["hearsay_depth"] == 2
    assert lead["id"] in analysis["profile"]["anonymous_only"]
    attribution = next(a for a in analysis["attributions"] if a["id"] == lead["attribution"])
    assert [link["entity"] or link["text"] for link in attribution["chain"]] == [
        "Seymour Hersh",
        "anonymous US officials",
    ]
    assert 0.0 <= min(c["checkworthiness"] for c in analysis["claims"])
    assert max(c["checkworthiness"] for c in analysis["claims"]) <= 1.0


def test_an_unsourced_sentence_right_after_a_report_in_its_paragraph_continues_it():
    text = (
        "The newspaper Velmar Gazette reported on Friday that the port would be sold. "
        "The buyer is a shipping group from the north.\n\n"
        "The city council meets on Monday to approve the budget for next year."
    )
    article = Pipeline(keep_doc=True, engine="rules").analyze_text(text, title="Port")
    claims = {c.span.text_in(article.text): c for c in find_claims(article, by_length)}
    report = next(a for a in article.attributions if a.cue.text_in(article.text) == "reported")
    buyer = claims["The buyer is a shipping group from the north."]
    assert buyer.continues == report.id and not buyer.stated_as_fact
    council = claims["The city council meets on Monday to approve the budget for next year."]
    assert council.continues is None and council.stated_as_fact
