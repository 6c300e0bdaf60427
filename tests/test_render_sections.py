"""The claims, actors and translation-artifact sections of the reports, from a hand-made contract."""

from __future__ import annotations

import re

from sourcetrace.render import render, render_index

HOSTILE = "<script>alert(1)</script>"
TEXT = f"Officials said the bridge might reopen. The SVO continues. {HOSTILE}"
MIGHT, SVO = TEXT.index("might"), TEXT.index("SVO")


def analysis() -> dict:
    return {
        "schema": "sourcetrace/analysis@1",
        "article": {
            "id": "abc",
            "input": "t.txt",
            "title": "Bridge",
            "published": None,
            "outlet": None,
            "url": None,
            "author": None,
            "language": "en",
        },
        "text": TEXT,
        "removed": [],
        "attributions": [
            {
                "id": "a1",
                "source": {
                    "text": "Officials",
                    "start": 0,
                    "end": 9,
                    "entity": None,
                    "kind": "anonymous",
                    "role": None,
                },
                "cue": {"text": "said", "start": 10, "end": 14},
                "content": {"text": "the bridge might reopen", "start": 15, "end": 38},
                "form": "indirect",
                "chain": [{"text": "Officials", "entity": None, "kind": "anonymous"}],
            }
        ],
        "summary": {},
        "claims": [
            {
                "id": "c1",
                "text": "Officials said the bridge might reopen.",
                "start": 0,
                "end": 39,
                "checkworthiness": 0.61,
                "attribution": "a1",
                "support": ["a1"],
                "source_kind": "anonymous",
                "hearsay_depth": 1,
                "hedges": [{"kind": "modal", "text": "might", "start": MIGHT, "end": MIGHT + 5}],
                "stated_as_fact": False,
            },
            {
                "id": "c2",
                "text": f"The SVO continues. {HOSTILE}",
                "start": 40,
                "end": len(TEXT),
                "checkworthiness": 0.2,
                "attribution": None,
                "support": [],
                "source_kind": "unsourced",
                "hearsay_depth": 0,
                "hedges": [],
                "stated_as_fact": True,
            },
        ],
        "profile": {
            "claims": 2,
            "shares": {"named": 0, "anonymous": 0.5, "vague": 0, "document": 0, "none": 0, "unsourced": 0.5},
            "anonymous_only": ["c1"],
            "stated_as_fact": ["c2"],
            "distinct_sources": 1,
            "dominant_source": None,
        },
        "flags": [
            {
                "id": "f1",
                "entry": "svo",
                "text": "SVO",
                "start": SVO,
                "end": SVO + 3,
                "meaning": "the special military operation",
                "note": HOSTILE,
                "origin": "СВО",
            }
        ],
        "actors": [
            {
                "id": "e1",
                "name": HOSTILE,
                "kind": "country",
                "variants": [HOSTILE],
                "mentions": [{"text": "Officials", "start": 0, "end": 9, "via": "name"}],
                "says": ["a1"],
                "reports": [],
                "positions": [
                    {
                        "id": "p1",
                        "stance": "reject",
                        "evidence": {"text": HOSTILE, "start": len(TEXT) - len(HOSTILE), "end": len(TEXT)},
                        "negated": False,
                        "source": None,
                    }
                ],
            },
            {
                "id": "e2",
                "name": "Bridge Authority",
                "kind": "organization",
                "variants": ["Bridge Authority"],
                "mentions": [],
                "says": [],
                "reports": [],
                "positions": [],
            },
        ],
    }


def test_markdown_lists_claims_by_check_worthiness_with_their_sourcing():
    md = render(analysis(), "md")
    assert "## Claims (2), most check-worthy first" in md
    first, second = md.index("**c1**"), md.index("**c2**")
    assert first < second
    assert "anonymous: Officials" in md and "no source, stated as fact" in md
    assert "**Resting only on anonymous sources:** c1" in md
    assert "“SVO” likely means the special military operation" in md
    assert "## Actors" in md and "reject:" in md


def test_html_sections_escape_everything_from_the_article():
    page = render(analysis(), "html")
    assert "Claims (2), most check-worthy first" in page
    assert "Translation artifacts (1)" in page and "Actors: who says and wants what" in page
    assert "<script>" not in page
    assert page.count("&lt;script&gt;") >= 3


def test_an_analysis_stored_before_claims_renders_without_the_sections():
    old = analysis()
    for key in ("claims", "profile", "flags", "actors"):
        del old[key]
    md = render(old, "md")
    assert "## Claims" not in md and "## Actors" not in md and "## Attributions (1)" in md


def links_and_ids(page: str) -> tuple[list[str], list[str]]:
    """In-page link targets and element ids (html.escape leaves safe ids as they are)."""
    return re.findall(r'href="#([^"]*)"', page), re.findall(r' id="([^"]*)"', page)


def test_html_links_every_claim_to_its_sentence_and_back():
    page = render(analysis(), "html")
    assert '<tr id="c1"><td class="id" data-label="Claim"><a class="claim-id" href="#c1-text">c1</a>' in page
    assert '<a class="claim-mark" id="c1-text" href="#c1" data-claim="c1"' in page
    assert '<a class="claim-mark" id="c2-text" href="#c2"' in page
    assert "body:has(#c1-text:target) .r-c1-text" in page  # the whole sentence outlined when targeted


def test_html_marks_hedges_and_artifacts_in_the_text_and_links_to_them():
    page = render(analysis(), "html")
    assert '<mark class="hedge" title="hedge (modal) in claim c1">might</mark>' in page
    assert '<span class="mark" id="c1-h1"></span>' in page and '<a href="#c1-h1">might</a>' in page
    assert (
        '<mark class="artifact" title="translation artifact: likely means the special military operation">SVO' in page
    )
    assert '<span class="mark" id="f1"></span>' in page and '<a href="#f1">f1</a>' in page


def test_html_lists_every_actor_in_the_contracts_order_with_links_to_the_text():
    page = render(analysis(), "html")
    section = page[page.index('id="st-actors"') :]
    assert "Actors: who says and wants what (2)" in section
    assert section.index("&lt;script&gt;") < section.index("Bridge Authority")  # only mentioned: listed too
    assert '<li>says: <a href="#a1-content">a1</a></li>' in section
    assert '<a href="#p1">&lt;script&gt;' in section and '<a href="#e1-first">the first in the text</a>' in section


def test_every_link_in_the_report_has_its_target_and_every_id_is_unique():
    for record in (analysis(), {**analysis(), "claims": [{**analysis()["claims"][0], "id": "a1"}]}):
        targets, ids = links_and_ids(render(record, "html"))
        assert len(ids) == len(set(ids))
        assert set(targets) <= set(ids), set(targets) - set(ids)


def test_html_skips_marks_whose_offsets_do_not_fit_the_text():
    stale = analysis()
    stale["flags"][0]["end"] = 10_000
    stale["claims"][0]["hedges"][0]["start"] = None
    page = render(stale, "html")
    assert "<mark" not in page.split('id="st-text"')[1].split("</div>")[0]
    targets, ids = links_and_ids(page)
    assert "f1" not in ids and "f1" not in targets and "c1-h1" not in targets


def test_markdown_lists_every_actor_too():
    md = render(analysis(), "md")
    assert "- **Bridge Authority** (organization)" in md


def test_index_lists_each_article_with_its_sourcing_and_link():
    record = analysis()
    record["article"] = {**record["article"], "published": "2024-03-01", "outlet": "Example Agency"}
    untitled = {**analysis(), "article": {**analysis()["article"], "title": None, "input": "feeds/b.txt"}}
    page = render_index([("abc.html", record), ("javascript:x.html", untitled)])
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "url(" not in page
    assert "<h1>2 articles</h1>" in page and "2 attributions in all" in page
    assert '<a href="abc.html">Bridge</a>' in page and '<a href="./javascript:x.html">feeds/b.txt</a>' in page
    assert 'data-label="Date">2024-03-01</td>' in page
    assert 'data-label="Outlet">Example Agency</td>' in page
    assert 'data-label="Attributions">1</td>' in page and 'data-label="Anonymous">1 (100%)</td>' in page
    assert 'data-label="No source">0 (0%)</td>' in page
    assert "No articles." in render_index([])
