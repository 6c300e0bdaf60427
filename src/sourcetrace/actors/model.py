"""The items of the "actors" layer: actors, their mentions and their positions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..article import Span

ACTOR_KINDS = ("person", "organization", "country", "place")
# What an actor is reported to want. "terms": a term of a deal under discussion that
# gives the actor something ("in this case, Russia retains ...").
STANCES = ("want", "demand", "propose", "seek", "insist", "ready", "reject", "terms")


@dataclass(frozen=True)
class Mention:
    """One stretch of text that refers to an actor."""

    span: Span
    text: str
    via: str  # "name", "surname", "adjective", "side", "capital", "metonym", "abbreviation", "source"

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.span.start, "end": self.span.end, "via": self.via}


@dataclass(frozen=True)
class PositionSource:
    """Who the article says reports a position: the source of the attribution it sits in."""

    attribution: str  # attribution id
    text: str | None  # the source words ("the journalist", "Moscow"); None when agentless
    entity: str | None  # the attribution engine's canonical name
    kind: str  # the source kind
    actor: str | None  # id of the actor that source is, if any
    reported_by: tuple[str, ...] = ()  # the chain before the source: ("Seymour Hersh",)
    inferred: bool = False  # True: carried over from an attribution just before the position

    def to_json(self) -> dict[str, Any]:
        return {
            "attribution": self.attribution,
            "text": self.text,
            "entity": self.entity,
            "kind": self.kind,
            "actor": self.actor,
            "reported_by": list(self.reported_by),
            "inferred": self.inferred,
        }


@dataclass(frozen=True)
class Position:
    """What an actor is reported to want, demand, propose, seek, insist on, be ready for or reject."""

    id: str
    stance: str  # one of STANCES
    cue: Span  # the stance word ("is seeking", "ready", "demands")
    holder: Span  # the words naming the actor there ("The Ukrainian side", "it")
    evidence: Span  # the clause that states the position
    negated: bool  # "does not want"
    source: PositionSource | None  # None: stated in the article's own voice
    also_in: tuple[str, ...] = ()  # other attributions whose content holds it

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "stance": self.stance,
            "cue": self.cue.to_json(text),
            "holder": self.holder.to_json(text),
            "evidence": self.evidence.to_json(text),
            "negated": self.negated,
            "source": self.source.to_json() if self.source else None,
            "also_in": list(self.also_in),
        }


@dataclass(frozen=True)
class Actor:
    """A person, organisation, country or place, under one canonical name."""

    id: str
    name: str
    kind: str  # one of ACTOR_KINDS
    variants: tuple[str, ...]  # distinct texts that refer to it, in order of appearance
    mentions: tuple[Mention, ...]
    says: tuple[str, ...]  # ids of attributions whose source is this actor
    reports: tuple[str, ...]  # ids of attributions it passes on (a reporter in the chain)
    positions: tuple[Position, ...]

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "variants": list(self.variants),
            "mentions": [m.to_json() for m in self.mentions],
            "says": list(self.says),
            "reports": list(self.reports),
            "positions": [p.to_json(text) for p in self.positions],
        }
