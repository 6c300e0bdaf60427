"""Reports that go on without a new cue (docs/continued-reports.md), on articles we wrote in
the style of the bundled example, through the whole rule pipeline: what a reader checks is
who the continued sentences are attributed to, which report they continue, and that the
claims and the sourcing profile count them under that source."""

from __future__ import annotations

import pytest

from sourcetrace.pipeline import Pipeline

RELAY = """Berlin and Warsaw are holding quiet talks on a new gas pipeline, the talks were started without the knowledge of the European Commission. Polish journalist Marek Zielinski wrote about this, citing information from anonymous government officials.

Senior energy officials are drafting the terms of a deal that will suit both capitals. Thus, there is talk of sharing the transit fees equally; in this case, Germany keeps control of the northern section of the pipe.

The Polish side, according to the journalist, is seeking guarantees for its own gas terminals on the Baltic coast."""

QUOTE = """Retired general Pavel Orlov said that the army had run out of shells for its heavy artillery. “We have not fired a single heavy shell near Kherson since March, and nobody in the capital wants to hear about it.”

The defence ministry did not respond to a request for comment."""

VOICE = """The government could fall before the winter, as anger among farmers grows over unpaid subsidies. This opinion was expressed by political analyst Irina Sokolova.

The prime minister could still call early elections. We know that he has already lost the support of his own party."""

BACKGROUND = """The newspaper Nordic Ledger reported, citing two officials, that the ministry plans to close three coal mines next year. The region has about 4,000 miners and two power stations."""

NEW_SPEAKER = """Berlin and Warsaw are holding quiet talks on a new gas pipeline, the talks were started without the knowledge of the European Commission. Polish journalist Marek Zielinski wrote about this, citing information from anonymous government officials.

Local mayor Jonas Lind is furious about the route of the pipe. The route crosses two nature reserves.

The Polish side, according to the journalist, is seeking guarantees for its own gas terminals on the Baltic coast."""

OWN_REPORTS = """Party chairman Viktor Hale said that the party would be wrong to go into the election without a reserve candidate. The party's rules give its national committee the last word on candidates. He said that the committee would meet in October."""


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(keep_doc=True, engine="rules")  # the engine that adds continued reports


def analysed(pipeline, text):
    return pipeline.analyze_text(text, title="Test")


def continued_of(article):
    return [a for a in article.attributions if a.continues is not None]


def by_id(article, ident):
    return next(a for a in article.attributions if a.id == ident)


def claim_with(article, words):
    return next(c for c in article.layers["claims"] if words in c.span.text_in(article.text))


def test_a_journalists_report_through_anonymous_officials_goes_on_for_two_sentences(pipeline):
    article = analysed(pipeline, RELAY)
    text = article.text
    [going_on] = continued_of(article)
    continued = by_id(article, going_on.continues)
    assert "Berlin and Warsaw" in continued.content.text_in(text)
    assert going_on.content.text_in(text).startswith("Senior energy officials are drafting")
    assert "Thus, there is talk of sharing the transit fees" in going_on.content.text_in(text)
    assert going_on.source.kind == "anonymous"
    assert going_on.source.span.text_in(text) == "anonymous government officials"
    assert [link.entity or link.text for link in going_on.chain] == [
        "Marek Zielinski",
        "anonymous government officials",
    ]
    assert going_on.cue == continued.cue  # the continued report's cue, as a continued quote has
    assert going_on.to_json(text)["continues"] == continued.id

    for words in ("Senior energy officials", "Thus, there is talk"):
        claim = claim_with(article, words)
        assert claim.attribution == going_on.id
        assert claim.source_kind == "anonymous" and claim.hearsay_depth == 2
        assert not claim.stated_as_fact
    profile = article.layers["profile"]
    assert profile["counts"]["anonymous"] == 3 and profile["counts"]["unsourced"] == 0
    assert profile["continued"] == [claim_with(article, w).id for w in ("Senior energy", "Thus, there")]
    assert article.layers["summary"]["continued"] == [going_on.id]
    assert article.layers["summary"]["by_kind"]["anonymous"] == 2


def test_a_quote_in_the_sentence_after_an_indirect_report_is_the_same_speakers(pipeline):
    article = analysed(pipeline, QUOTE)
    text = article.text
    [quote] = continued_of(article)
    report = by_id(article, quote.continues)
    assert report.content.text_in(text) == "that the army had run out of shells for its heavy artillery"
    assert quote.content.text_in(text).startswith("We have not fired a single heavy shell near Kherson")
    assert quote.form == "direct"
    assert quote.source.entity == "Pavel Orlov" and quote.source.kind == "person"
    claim = claim_with(article, "We have not fired")
    assert claim.attribution == quote.id and claim.source_kind == "person"
    # the outlet's own line after it stays the outlet's
    assert claim_with(article, "The defence ministry did not respond").attribution is None


def test_a_speakers_next_sentences_in_their_own_voice_are_theirs(pipeline):
    article = analysed(pipeline, VOICE)
    text = article.text
    [voice] = continued_of(article)
    assert by_id(article, voice.continues).cue.text_in(text) == "was expressed"
    assert voice.content.text_in(text).startswith("The prime minister could still call early elections.")
    assert voice.content.text_in(text).endswith("lost the support of his own party")
    assert voice.source.entity == "Irina Sokolova" and voice.source.kind == "person"
    assert claim_with(article, "We know that he").attribution == voice.id


def test_the_outlets_background_after_a_report_stays_unattributed(pipeline):
    article = analysed(pipeline, BACKGROUND)
    assert continued_of(article) == []
    background = claim_with(article, "The region has about 4,000 miners")
    assert background.attribution is None and background.source_kind == "unsourced"


def test_a_new_speaker_breaks_the_continuation(pipeline):
    article = analysed(pipeline, NEW_SPEAKER)
    assert continued_of(article) == []
    assert claim_with(article, "Local mayor Jonas Lind").source_kind == "unsourced"
    assert claim_with(article, "The route crosses").source_kind == "unsourced"


def test_a_speaker_between_two_of_their_own_reports_does_not_take_the_outlets_background(pipeline):
    article = analysed(pipeline, OWN_REPORTS)
    assert continued_of(article) == []
    assert claim_with(article, "The party's rules give").source_kind == "unsourced"


def test_renumbering_keeps_continues_pointing_at_the_same_report(pipeline):
    from dataclasses import replace

    from sourcetrace.attribute.chains import renumber

    article = analysed(pipeline, RELAY)
    [going_on] = continued_of(article)
    target = by_id(article, going_on.continues)
    shuffled = [replace(a, id=f"x{a.id}", continues=a.continues and f"x{a.continues}") for a in article.attributions]
    renumbered = renumber(list(reversed(shuffled)))
    moved = next(a for a in renumbered if a.content == going_on.content)
    assert next(a for a in renumbered if a.id == moved.continues).content == target.content
    # a continuation whose report is gone is gone too
    assert all(a.continues is None for a in renumber([a for a in shuffled if a.id != f"x{target.id}"]))


def test_another_engine_adds_continued_reports_to_its_own_list_once(pipeline):
    from sourcetrace.attribute import add_continued, find_attributions
    from sourcetrace.attribute.context import Context

    article = analysed(pipeline, RELAY)
    ctx = Context.of(article.doc)
    cued = find_attributions(article.doc, ctx)  # what the learned engines borrow from: no continuations
    assert all(a.continues is None for a in cued) and len(cued) == len(article.attributions) - 1
    added = add_continued(ctx, cued)
    assert added == article.attributions
    assert add_continued(ctx, added) == added
