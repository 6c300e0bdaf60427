"""The article text of the HTML report, with every attribution, claim, hedge and artifact in place.

The text is split at every boundary of every span; each segment is one element carrying the
classes of everything covering it, so overlapping spans neither lose nor repeat text.
Attribution spans become links (`a.seg`); other stretches (`Range`) give their segments a
class, hedges and artifacts also a visible `<mark>`. Where a span or range starts, an empty
marker with its page id is placed, so a report section can link to it; `text_html` returns
the ids it placed, and sections link only to those.

Page ids are the contract ids (`a3`, `c1`, `f4`, `p2`, `e1`) where they are safe as HTML ids,
CSS selectors and class names, else `kind-N`; ids derived from them carry a hyphen
(`a3-cue`, `c1-text`, `c1-h1`), so the two never clash.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

from .markdown import kind_of, span_pieces, valid_piece

ROLES = ("source", "cue", "content")
# No hyphen: a safe contract id can never equal a derived id ("a3-cue") or the page's own ("st-…").
_SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")


@dataclass(frozen=True)
class _Piece:
    """One stretch of one span: attribution `index`'s source, cue or content."""

    start: int
    end: int
    index: int
    role: str
    kind: str  # the attribution's source kind, to colour its source


@dataclass(frozen=True)
class Range:
    """A stretch that is not an attribution span: a claim, a hedge, an artifact, a position."""

    start: int
    end: int
    anchor: str  # the page id of its marker in the text
    mark: str = ""  # "hedge" or "artifact": shown as a <mark> of that class; "" for none
    title: str = ""
    back: str = ""  # a claim's row: its marker becomes a visible link back to it


@dataclass
class PageIds:
    """The page ids of an analysis, by position in each contract list."""

    attributions: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    positions: dict[tuple[int, int], str] = field(default_factory=dict)  # (actor, position) index
    by_attribution: dict[str, str] = field(default_factory=dict)  # contract id: page id, the first wins
    placed: set[str] = field(default_factory=set)  # markers that made it into the text

    def href(self, anchor: str | None) -> str | None:
        """`#anchor` when that marker is in the text, else None (a link must never dangle)."""
        return f"#{anchor}" if anchor and anchor in self.placed else None

    def statement(self, ident: Any) -> str | None:
        """Where attribution `ident` sits in the text: its content, else its cue, else its list entry."""
        anchor = self.by_attribution.get(str(ident))
        if anchor is None:
            return None
        return self.href(f"{anchor}-content") or self.href(f"{anchor}-cue") or f"#{anchor}"


def page_ids(analysis: dict[str, Any]) -> PageIds:
    taken: set[str] = set()

    def take(items: Iterable[Any], fallback: str) -> list[str]:
        found = []
        for number, item in enumerate(items, 1):
            ident = str(item.get("id")) if isinstance(item, dict) else ""
            if not _SAFE_ID.fullmatch(ident) or ident in taken:
                ident = f"{fallback}-{number}"  # our own pattern; a safe contract id has no hyphen
            taken.add(ident)
            found.append(ident)
        return found

    ids = PageIds(
        attributions=take(analysis.get("attributions") or [], "att"),
        claims=take(analysis.get("claims") or [], "claim"),
        flags=take(analysis.get("flags") or [], "flag"),
        actors=take(analysis.get("actors") or [], "actor"),
    )
    for attribution, anchor in zip(analysis.get("attributions") or [], ids.attributions):
        ids.by_attribution.setdefault(str(attribution.get("id")), anchor)
    for a, actor in enumerate(analysis.get("actors") or []):
        for p, anchor in enumerate(take(actor.get("positions") or [], f"pos-{a + 1}")):
            ids.positions[(a, p)] = anchor
    return ids


def link(href: str | None, label: str, css: str = "") -> str:
    """`label` (already HTML) linked to `href` when there is a place to go, else plain."""
    classes = f' class="{css}"' if css else ""
    return f'<a{classes} href="{escape(href)}">{label}</a>' if href else f"<span{classes}>{label}</span>"


def hedge_anchor(claim_anchor: str, number: int) -> str:
    return f"{claim_anchor}-h{number}"


def ranges(analysis: dict[str, Any], ids: PageIds) -> list[Range]:
    """Claims, their hedges, artifacts, positions' evidence and each actor's first mention."""
    length = len(analysis.get("text") or "")
    found: list[Range | None] = []
    for claim, anchor in zip(analysis.get("claims") or [], ids.claims):
        found.append(_range(claim, length, f"{anchor}-text", title=f"claim {anchor}", back=anchor))
        for number, hedge in enumerate(claim.get("hedges") or [], 1):
            title = f"hedge ({hedge.get('kind')}) in claim {anchor}"
            found.append(_range(hedge, length, hedge_anchor(anchor, number), mark="hedge", title=title))
    for flag, anchor in zip(analysis.get("flags") or [], ids.flags):
        title = f"translation artifact: likely means {flag.get('meaning')}"
        found.append(_range(flag, length, anchor, mark="artifact", title=title))
    for a, (actor, anchor) in enumerate(zip(analysis.get("actors") or [], ids.actors)):
        mentions = actor.get("mentions") or []
        if mentions:
            found.append(_range(mentions[0], length, f"{anchor}-first"))
        for p, position in enumerate(actor.get("positions") or []):
            found.append(_range(position.get("evidence"), length, ids.positions[(a, p)]))
    return [r for r in found if r is not None]


def _range(span: Any, length: int, anchor: str, **extra: str) -> Range | None:
    """A range over a contract span; None where a stored record's offsets do not fit the text."""
    start, end = (span.get("start"), span.get("end")) if isinstance(span, dict) else (None, None)
    return Range(start, end, anchor, **extra) if valid_piece(start, end, length) and start < end else None


def attribution_pieces(attributions: list[dict[str, Any]], length: int) -> tuple[list[_Piece], int]:
    """Every attribution stretch to highlight, and how many could not be placed in the text."""
    pieces: list[_Piece] = []
    unplaced = 0
    for index, attribution in enumerate(attributions):
        kind = kind_of(attribution.get("source"))
        for role in ROLES:
            for start, end in span_pieces(attribution.get(role)):
                if not valid_piece(start, end, length):
                    unplaced += 1
                elif start < end:
                    pieces.append(_Piece(start, end, index, role, kind))
    return pieces, unplaced


def text_html(text: str, pieces: list[_Piece], marked: list[Range], ids: PageIds) -> str:
    """The article text with highlights and markers; records the markers placed in `ids.placed`."""
    out: list[str] = []
    for low, high, active, covering in _segments(len(text), pieces, marked):
        for piece in active:
            # An empty marker per span start: one segment can begin several spans.
            key = f"{ids.attributions[piece.index]}-{piece.role}"
            if key not in ids.placed:
                ids.placed.add(key)
                out.append(f'<span class="mark" id="{escape(key)}"></span>')
        for item in covering:
            if item.anchor not in ids.placed:
                ids.placed.add(item.anchor)
                out.append(_marker(item))
        out.append(_segment_html(escape(text[low:high]), active, covering, ids.attributions))
    return "".join(out)


def _segments(
    length: int, pieces: list[_Piece], marked: list[Range]
) -> Iterator[tuple[int, int, list[_Piece], list[Range]]]:
    """Split [0, length) at every boundary; yield each segment with the pieces and ranges over it."""
    spans: list[_Piece | Range] = [*pieces, *marked]
    bounds = sorted({0, length, *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[_Piece | Range]] = defaultdict(list)
    for span in spans:
        starting[span.start].append(span)
    active: list[_Piece | Range] = []
    for low, high in zip(bounds, bounds[1:]):
        active = [s for s in active if s.end > low] + starting.get(low, [])
        found = [s for s in active if isinstance(s, _Piece)]
        yield (
            low,
            high,
            sorted(found, key=lambda p: (p.index, ROLES.index(p.role))),
            [s for s in active if isinstance(s, Range)],
        )


def _marker(item: Range) -> str:
    anchor = escape(item.anchor)
    if item.back:
        # A visible label (CSS `attr()`, so the text itself stays exactly the article's) linking to the claim's row.
        back = escape(item.back)
        return f'<a class="claim-mark" id="{anchor}" href="#{back}" data-claim="{back}" title="claim {back}" aria-label="claim {back}"></a>'
    return f'<span class="mark" id="{anchor}"></span>'


def _segment_html(chunk: str, active: list[_Piece], covering: list[Range], anchors: list[str]) -> str:
    for item in covering:
        if item.mark:
            chunk = f'<mark class="{item.mark}" title="{escape(item.title)}">{chunk}</mark>'
    groups = [f"r-{item.anchor}" for item in covering]
    if not active:
        return f'<span class="{escape(" ".join(groups))}">{chunk}</span>' if groups else chunk
    roles = [role for role in ROLES if any(p.role == role for p in active)]
    kinds = sorted({f"k-{p.kind}" for p in active if p.role == "source"})
    ids = list(dict.fromkeys(anchors[p.index] for p in active))
    # A click goes to the innermost span: usually the source or cue inside a longer content.
    owner = min(active, key=lambda p: (p.end - p.start, ROLES.index(p.role)))
    title = " · ".join(f"{anchors[p.index]} {p.role}" for p in active)
    classes = " ".join(["seg", *roles, *kinds, *(f"at-{i}" for i in ids), *groups])
    return (
        f'<a class="{escape(classes)}" href="#{escape(anchors[owner.index])}" '
        f'data-attribution="{escape(" ".join(ids))}" title="{escape(title)}">{chunk}</a>'
    )


def target_rules(ids: PageIds, marked: list[Range]) -> str:
    """CSS: the target (or hovered) attribution outlined everywhere; a targeted range outlined in the text."""
    rules = []
    for anchor in ids.attributions:
        targets = ", ".join(
            [f"#{anchor}:target"] + [f"#{anchor}-{role}:target" for role in ROLES] + [f".at-{anchor}:hover"]
        )
        rules.append(
            f"main.report:has({targets}) .at-{anchor} {{ outline: 2px solid var(--selected); outline-offset: 1px; }}"
        )
    for item in marked:
        if item.anchor in ids.placed:
            rules.append(
                f"body:has(#{item.anchor}:target) .r-{item.anchor} {{ outline: 2px dashed var(--selected); outline-offset: 1px; }}"
            )
    return "\n".join(rules) + "\n"
