"""The one document model that flows through the pipeline.

An `Article` holds metadata, the cleaned text (fixed once cleaning ends) and named
layers of annotations over that text. Every stage reads an article and adds layers;
none rewrites the text or another stage's layer. Offsets are Unicode code points,
end-exclusive, into `Article.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SOURCE_KINDS = ("person", "organization", "anonymous", "vague", "document", "none")
FORMS = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class Span:
    """A stretch of the article text; `parts` is set when it is interrupted."""

    start: int
    end: int
    parts: tuple[tuple[int, int], ...] | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text_in(self, text: str) -> str:
        if self.parts:
            return " … ".join(text[s:e] for s, e in self.parts)
        return text[self.start : self.end]

    def pieces(self) -> tuple[tuple[int, int], ...]:
        return self.parts or ((self.start, self.end),)

    def overlaps(self, other: Span) -> bool:
        return any(s < oe and os < e for s, e in self.pieces() for os, oe in other.pieces())

    def contains(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.pieces())

    def to_json(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text_in(text), "start": self.start, "end": self.end}
        if self.parts:
            out["parts"] = [list(p) for p in self.parts]
        return out


@dataclass(frozen=True)
class Removed:
    """Something cleaning took out of the input, kept so nothing is lost silently."""

    kind: str  # "see_also", "caption", "related_tail", "link_list", "whitespace", ...
    text: str


@dataclass(frozen=True)
class Source:
    """Who a claim rests on. `span` is None for agentless cues ("it is noted that")."""

    span: Span | None
    kind: str  # one of SOURCE_KINDS
    entity: str | None = None  # canonical name: "Vladimir Putin" for "him"
    role: str | None = None  # "Russian political scientist"

    def to_json(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {"text": None, "start": None, "end": None}
        if self.span is not None:
            out = self.span.to_json(text)
        out.update(entity=self.entity, kind=self.kind, role=self.role)
        return out

    def link(self, text: str) -> ChainLink:
        return ChainLink(
            text=self.span.text_in(text) if self.span else None,
            entity=self.entity,
            kind=self.kind,
            start=self.span.start if self.span else None,
            end=self.span.end if self.span else None,
        )


@dataclass(frozen=True)
class ChainLink:
    """One reporter in a chain: outermost reporter first, the source itself last."""

    text: str | None
    entity: str | None
    kind: str
    start: int | None = None  # where the link is named in the text (added in 0.2)
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "entity": self.entity, "kind": self.kind, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Attribution:
    """Source ← cue → content, with the chain of reporters behind it."""

    id: str
    source: Source
    cue: Span
    content: Span
    form: str  # one of FORMS
    chain: tuple[ChainLink, ...]
    # The id of the attribution whose report this one goes on with, without a cue of its
    # own (docs/continued-reports.md); whoever renumbers ids must renumber this too.
    continues: str | None = None

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_json(text),
            "cue": self.cue.to_json(text),
            "content": self.content.to_json(text),
            "form": self.form,
            "chain": [link.to_json() for link in self.chain],
            "continues": self.continues,
        }


@dataclass
class RawArticle:
    """What a reader found, before cleaning: the body as it came, plus metadata.

    `raw=True` asks cleaning to keep the body verbatim (offsets then index the input).
    """

    body: str
    input: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    raw: bool = False
    warnings: tuple[str, ...] = ()  # what the reader could not use (an unreadable date)


@dataclass
class Article:
    """An article: metadata, cleaned text, and named layers of annotations."""

    text: str
    input: str  # the file (and record) it came from
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    engine: str | None = None  # the attribution engine that produced the "attributions" layer
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # metadata the reader could not use
    # Named layers added by stages: "sentences", "entities", "attributions", ...
    layers: dict[str, Any] = field(default_factory=dict)
    # The spaCy Doc for the text; runtime only, never serialised.
    doc: Any = None

    @property
    def id(self) -> str:
        """Stable identity: the same article (title, date and text) has the same id."""
        key = "\x1f".join([self.title or "", self.published or "", self.text])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    @property
    def attributions(self) -> list[Attribution]:
        return self.layers.get("attributions", [])
