"""The Markdown and HTML reports, rendered from hand-built contract dicts (no model needed)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest

from sourcetrace.article import Article, Attribution, ChainLink, Removed, Source, Span
from sourcetrace.contract import to_json
from sourcetrace.render import FORMATS, render
from sourcetrace.summary import summarize, summary_of

TEXT = (
    "Moscow and Kyiv are holding secret peace talks, the journalist Seymour Hersh wrote, "
    "citing anonymous US officials. “We will pay for your trip,” an American official told me."
    "\n\n"
    "The Kremlin said that Hersh had reported that talks were under way. "
    "Vladimir Putin spoke in Moscow. According to him, there will be no progress.\n\n"
    "It is noted that the decree remains in force. "
    "“The talks,” Hersh said, “will go on with or without you.”"
)
HERSH = ChainLink("the journalist Seymour Hersh", "Seymour Hersh", "person")
KREMLIN = ChainLink("The Kremlin", None, "organization")


def at(phrase: str, after: str = "", text: str = TEXT) -> Span:
    """The span of `phrase`, looking from the end of `after` (to pick one occurrence)."""
    start = text.index(phrase, text.index(after) + len(after) if after else 0)
    return Span(start, start + len(phrase))


def source(phrase: str, kind: str, after: str = "", **extra: Any) -> Source:
    return Source(at(phrase, after), kind, **extra)


def hersh_article() -> dict[str, Any]:
    """A journalist citing anonymous officials, a pronoun source, nesting, an agentless cue."""
    talks = at("Moscow and Kyiv are holding secret peace talks")
    first, second = at("“The talks,”"), at("“will go on with or without you.”")
    hersh = source("the journalist Seymour Hersh", "person", entity="Seymour Hersh", role="journalist")
    nested_hersh = source("Hersh", "person", "The Kremlin said that ", entity="Seymour Hersh")
    officials = source("anonymous US officials", "anonymous")
    official = source("an American official", "anonymous")
    attributions = [
        Attribution("a1", officials, at("citing"), talks, "indirect", (HERSH, officials.link(TEXT))),
        Attribution("a2", hersh, at("wrote"), talks, "indirect", (HERSH,)),
        Attribution(
            "a3",
            official,
            at("told"),
            at("“We will pay for your trip,”"),
            "direct",
            (ChainLink("me", "Seymour Hersh", "person"), official.link(TEXT)),
        ),
        Attribution(
            "a4",
            source("The Kremlin", "organization"),
            at("said"),
            at("Hersh had reported that talks were under way"),
            "indirect",
            (KREMLIN,),
        ),
        Attribution(
            "a5",
            nested_hersh,
            at("had reported"),
            at("talks were under way"),
            "indirect",
            (KREMLIN, nested_hersh.link(TEXT)),
        ),
        Attribution(
            "a6",
            source("him", "person", entity="Vladimir Putin", role="Russian President"),
            at("According to"),
            at("there will be no progress"),
            "indirect",
            (ChainLink("him", "Vladimir Putin", "person"),),
        ),
        Attribution(
            "a7",
            Source(None, "none"),
            at("It is noted that"),
            at("the decree remains in force"),
            "indirect",
            (ChainLink(None, None, "none"),),
        ),
        Attribution(
            "a8",
            source("Hersh", "person", "“The talks,” ", entity="Seymour Hersh"),
            at("said", "“The talks,” Hersh "),
            Span(first.start, second.end, ((first.start, first.end), (second.start, second.end))),
            "direct",
            (HERSH,),
        ),
    ]
    article = Article(
        text=TEXT,
        input="examples/hersh.txt",
        title="Hersh: secret talks under way",
        published="2023-12-01",
        outlet="Example News",
        language="en",
        removed=[
            Removed("see_also", "See also The UN accuses Russia of war crimes"),
            Removed("caption", "Seymour HershAmerican journalist"),
        ],
        layers={"attributions": attributions},
    )
    return to_json(summarize(article))


HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(1)> </style> | * `x`'


def hostile_record() -> dict[str, Any]:
    """A stored record with hostile text in every field a page shows, and no summary."""
    text = f"Officials said {HOSTILE} happened."
    content = at(HOSTILE, text=text)
    return {
        "schema": "sourcetrace/analysis@1",
        "article": {
            "id": HOSTILE,
            "input": HOSTILE,
            "title": HOSTILE,
            "published": HOSTILE,
            "outlet": HOSTILE,
            "url": "javascript:alert(1)",
            "author": HOSTILE,
            "language": HOSTILE,
        },
        "text": text,
        "removed": [{"kind": HOSTILE, "text": HOSTILE}],
        "attributions": [
            {
                "id": HOSTILE,
                "source": {
                    "text": "Officials",
                    "start": 0,
                    "end": 9,
                    "entity": HOSTILE,
                    "kind": HOSTILE,
                    "role": HOSTILE,
                },
                "cue": {"text": "said", "start": 10, "end": 14},
                "content": {"text": HOSTILE, "start": content.start, "end": content.end},
                "form": HOSTILE,
                "chain": [
                    {"text": HOSTILE, "entity": None, "kind": "vague"},
                    {"text": "Officials", "entity": HOSTILE, "kind": HOSTILE},
                ],
            }
        ],
        "summary": {},
    }


class Page(HTMLParser):
    """Collects tags (checking they balance) and the highlighted segments of the text."""

    VOID = {"meta", "link", "br", "img", "hr", "input", "wbr", "source", "area", "col"}

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.in_text = False
        self.segment: dict[str, str | None] | None = None
        self.text: list[tuple[str, dict[str, str | None] | None]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag not in self.VOID:
            self.stack.append(tag)
        if found.get("id") == "st-text":
            self.in_text = True
        elif self.in_text and tag == "a":
            self.segment = found

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "a":
            self.segment = None
        elif tag == "div" and self.in_text:
            self.in_text = False  # the text div holds no nested divs

    def handle_data(self, data: str) -> None:
        if self.in_text:
            self.text.append((data, self.segment))

    def plain_text(self) -> str:
        return "".join(data for data, _ in self.text)

    def covered(self, attribution: str, role: str) -> set[int]:
        """Offsets of the text inside segments marked as `attribution`'s `role`."""
        offsets: set[int] = set()
        position = 0
        for data, segment in self.text:
            marks = (segment or {}).get("title") or ""
            if f"{attribution} {role}" in marks.split(" · "):
                offsets.update(range(position, position + len(data)))
            position += len(data)
        return offsets


def pieces_of(span: dict[str, Any]) -> set[int]:
    parts = span.get("parts") or [[span["start"], span["end"]]]
    return {i for start, end in parts for i in range(start, end)}


# ---------------------------------------------------------------------------------------
# Markdown


def test_markdown_header_names_title_date_outlet_and_input() -> None:
    md = render(hersh_article(), "md")
    assert md.startswith("# Hersh: secret talks under way\n")
    assert "2023-12-01 · Example News" in md
    assert "Input: examples/hersh.txt" in md
    assert f"Text: {len(TEXT):,} characters in 3 paragraphs" in md


def test_markdown_sourcing_counts_by_kind_with_share() -> None:
    md = render(hersh_article(), "md")
    assert "**8 attributions** · 5 distinct sources · longest chain: 2" in md
    assert "| Named (person 4, organization 1) | 5 | 62% |" in md
    assert "| Anonymous | 2 | 25% |" in md
    assert "| Vague | 0 | 0% |" in md
    assert "| No source (agentless cue) | 1 | 12% |" in md
    assert "Most cited: Seymour Hersh (3)" in md


def test_markdown_shows_chains_and_anonymous_only_claims() -> None:
    md = render(hersh_article(), "md")
    assert "- a1: Seymour Hersh (person) → anonymous US officials (anonymous)" in md
    assert "- a5: The Kremlin (organization) → Seymour Hersh (person)" in md
    assert "**Resting only on anonymous sources** (2):" in md
    assert "- a3: an American official → “We will pay for your trip,”" in md
    assert "**No source given** (1):\n\n- a7: *(no source)* → the decree remains in force" in md


def test_markdown_lists_every_attribution() -> None:
    md = render(hersh_article(), "md")
    expected = [
        "- **him** (person: Vladimir Putin, Russian President) ← “According to” → "
        "there will be no progress — *indirect, a6*",
        "- **the journalist Seymour Hersh** (person: Seymour Hersh, journalist) "
        "← “wrote” → Moscow and Kyiv are holding secret peace talks — *indirect, a2*",
        "- *(no source)* ← “It is noted that” → the decree remains in force — *indirect, a7*",
        "- **Hersh** (person: Seymour Hersh) ← “said” → “The talks,” … "
        "“will go on with or without you.” — *direct, in 2 parts, a8*",
        "- **The Kremlin** (organization) ← “said” → Hersh had reported that talks were under way — *indirect, a4*",
        "  - chain: Seymour Hersh (person) → an American official (anonymous)",
    ]
    for line in expected:
        assert line in md.splitlines()


def test_markdown_lists_removed_items_with_counts() -> None:
    md = render(hersh_article(), "md")
    assert "## Removed by cleaning (2 items, 76 characters)" in md
    assert "- see_also: See also The UN accuses Russia of war crimes" in md
    assert "- caption: Seymour HershAmerican journalist" in md


def test_markdown_clips_long_content_and_says_how_much() -> None:
    analysis = hersh_article()
    analysis["attributions"][0]["content"]["text"] = "word " * 200  # 999 chars on one line
    line = next(row for row in render(analysis, "md").splitlines() if row.endswith("a1*"))
    assert "← “citing” → word word" in line
    assert "word … [+700 chars] — *indirect, a1*" in line
    assert len(line) < 400


def test_markdown_escapes_what_would_break_the_layout() -> None:
    md = render(hostile_record(), "md")
    assert "\\<script>" in md and "<script" not in md.replace("\\<script", "")
    assert "\\| \\* \\`x\\`" in md
    table = [row for row in md.splitlines() if row.startswith("| ")]
    assert all(row.replace("\\|", "").count("|") == 4 for row in table)


def test_markdown_derives_the_summary_when_a_record_has_none() -> None:
    md = render(hostile_record(), "md")
    assert "**1 attribution** · 1 distinct source ·" in md
    assert "| Named (person 0, organization 0) | 0 | 0% |" in md
    assert "| Other kind (not in the contract) | 1 | 100% |" in md


def test_the_derived_summary_is_the_one_the_pipeline_stores() -> None:
    analysis = hersh_article()
    assert summary_of(analysis["attributions"]) == analysis["summary"]
    stored_without = {**analysis, "summary": {}}
    assert render(stored_without, "md") == render(analysis, "md")


def test_markdown_slices_the_text_when_a_record_lacks_span_text() -> None:
    analysis = hersh_article()
    for attribution in analysis["attributions"]:
        for role in ("source", "cue", "content"):
            if attribution[role]["text"] is not None:
                del attribution[role]["text"]
    md = render(analysis, "md")
    assert "← “said” → “The talks,” … “will go on with or without you.”" in md
    assert "- **him** (person: Vladimir Putin, Russian President) ← “According to”" in md


def test_markdown_without_attributions() -> None:
    analysis = hersh_article()
    analysis["attributions"], analysis["summary"] = [], {}
    md = render(analysis, "md")
    assert "No attributions found" in md
    assert "## Attributions" not in md


# ---------------------------------------------------------------------------------------
# HTML


def test_html_is_one_balanced_page_without_outside_resources() -> None:
    page = render(hersh_article(), "html")
    parsed = Page(page)
    assert parsed.stack == []
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "@import" not in page and "url(" not in page
    assert not [t for t, a in parsed.tags if t in {"link", "img", "iframe", "object"}]
    assert not [a for _, a in parsed.tags if "src" in a]


def test_html_keeps_the_text_exactly_despite_overlapping_spans() -> None:
    parsed = Page(render(hersh_article(), "html"))
    assert parsed.plain_text() == TEXT


def test_html_highlights_every_span_with_its_attribution() -> None:
    analysis = hersh_article()
    parsed = Page(render(analysis, "html"))
    for attribution in analysis["attributions"]:
        for role in ("source", "cue", "content"):
            span = attribution[role]
            if span["start"] is None:
                continue
            assert parsed.covered(attribution["id"], role) == pieces_of(span), (attribution["id"], role)


def test_html_segments_carry_classes_ids_and_links() -> None:
    analysis = hersh_article()
    parsed = Page(render(analysis, "html"))
    segments = [a for t, a in parsed.tags if t == "a" and "seg" in (a.get("class") or "")]
    hersh = [s for s in segments if "a5 source" in (s.get("title") or "")]
    assert hersh and all("a4" in s["data-attribution"].split() for s in hersh)
    assert all({"source", "content", "k-person"} <= set(s["class"].split()) for s in hersh)
    assert all(s["href"] == "#a5" for s in hersh)  # the innermost span owns the click
    ids = {a.get("id") for _, a in parsed.tags}
    assert {"a1", "a8", "a6-source", "a8-content", "a7-cue"} <= ids
    assert "a7-source" not in ids  # an agentless cue has no source in the text


def test_html_links_attributions_to_their_spans() -> None:
    page = render(hersh_article(), "html")
    assert 'href="#a6-source">him</a>' in page
    assert 'href="#a6-cue">“According to”</a>' in page
    assert "main.report:has(#a6:target, #a6-source:target" in page
    assert "(in 2 parts)" in page
    assert "Chain: The Kremlin (organization) → Seymour Hersh (person)" in page


def test_html_has_the_sourcing_summary_legend_and_removed_items() -> None:
    page = render(hersh_article(), "html")
    assert "<strong>8</strong> attributions" in page
    assert 'Named (person 4, organization 1)</td><td class="n">5</td><td class="n">62%' in page
    assert "Seymour Hersh (person) → anonymous US officials (anonymous)" in page
    assert 'class="legend"' in page and 'class="badge k-anonymous"' in page
    assert "Removed by cleaning (2 items, 76 characters)" in page
    assert "Seymour HershAmerican journalist" in page


def test_html_escapes_hostile_text_everywhere() -> None:
    record = hostile_record()
    page = render(record, "html")
    parsed = Page(page)
    assert parsed.stack == []
    assert "<script" not in page.lower()
    assert page.count("</style>") == 1
    assert not [t for t, _ in parsed.tags if t in {"script", "img"}]
    attributes = [name for _, attrs in parsed.tags for name in attrs]
    assert not [name for name in attributes if name.startswith("on")]
    assert 'href="javascript' not in page
    assert parsed.plain_text() == record["text"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_reports_spans_it_cannot_place() -> None:
    record = hostile_record()
    record["attributions"][0]["cue"] = {"text": "said", "start": 10, "end": 10_000}
    page = render(record, "html")
    assert "1 span with offsets outside the text" in page
    assert Page(page).plain_text() == record["text"]


def test_html_without_attributions() -> None:
    analysis = hersh_article()
    analysis["attributions"], analysis["summary"] = [], {}
    parsed = Page(render(analysis, "html"))
    assert parsed.stack == [] and parsed.plain_text() == TEXT


# ---------------------------------------------------------------------------------------
# json and formats


def test_json_is_one_line_and_round_trips() -> None:
    analysis = hersh_article()
    out = render(analysis, "json")
    assert "\n" not in out and "“" in out
    assert json.loads(out) == analysis


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="json, md, html"):
        render(hersh_article(), "pdf")
    assert FORMATS == ("json", "md", "html")
