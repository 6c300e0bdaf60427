"""The claims, actors and translation-artifact sections of the reports, from a hand-made contract."""

from __future__ import annotations

from sourcetrace.render import render

HOSTILE = "<script>alert(1)</script>"
TEXT = f"Officials said the bridge will reopen. The SVO continues. {HOSTILE}"


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
                "content": {"text": "the bridge will reopen", "start": 15, "end": 37},
                "form": "indirect",
                "chain": [{"text": "Officials", "entity": None, "kind": "anonymous"}],
            }
        ],
        "summary": {},
        "claims": [
            {
                "id": "c1",
                "text": "Officials said the bridge will reopen.",
                "start": 0,
                "end": 38,
                "checkworthiness": 0.61,
                "attribution": "a1",
                "support": ["a1"],
                "source_kind": "anonymous",
                "hearsay_depth": 1,
                "hedges": [],
                "stated_as_fact": False,
            },
            {
                "id": "c2",
                "text": f"The SVO continues. {HOSTILE}",
                "start": 39,
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
                "start": 43,
                "end": 46,
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
                "mentions": [],
                "says": ["a1"],
                "reports": [],
                "positions": [
                    {"id": "p1", "stance": "reject", "evidence": {"text": HOSTILE}, "negated": False, "source": None}
                ],
            }
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
