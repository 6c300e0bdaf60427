"""The actors stage: every person, organisation, country and place, under one name each.

Stage `find_actors` needs the parse (`article.doc`) and the "attributions" layer, and adds
the "actors" layer: for each actor its canonical name and kind, the texts that refer to it
(surnames, titles, transliterations, adjectives, capitals acting for their governments,
pronouns the attribution engine resolved), what it is reported to say, and its positions.
Finding (`mentions.py`, `positions.py`) is kept apart from writing the layer (here).

    article = find_actors(Pipeline(keep_doc=True).analyze_text(text))
    for actor in list_actors(article, kinds=("person", "country")):
        print(actor.name, actor.variants, actor.says, [p.stance for p in actor.positions])
"""

from __future__ import annotations

from typing import Any

from ..article import Article, Attribution
from ..names import lookup, name_key
from ..stage import needs_parse, stage
from .mentions import EDGE_PUNCTUATION, Group, collect, group_for_source
from .model import ACTOR_KINDS, STANCES, Actor, Mention, Position, PositionSource
from .positions import Draft, find_positions

__all__ = [
    "ACTOR_KINDS",
    "STANCES",
    "Actor",
    "Mention",
    "Position",
    "PositionSource",
    "collect_actors",
    "find_actors",
    "list_actors",
    "lookup",
    "name_key",
    "to_json",
]


@stage(needs={"doc", "attributions"}, adds={"actors"})
def find_actors(article: Article) -> Article:
    """Stage: needs article.doc and the "attributions" layer; adds the "actors" layer."""
    needs_parse(article, "find_actors")
    article.layers["actors"] = collect_actors(article.doc, article.attributions)
    return article


def list_actors(article: Article, *, kinds: tuple[str, ...] = ACTOR_KINDS) -> list[Actor]:
    """The article's actors of the given kinds, finding them first if the stage has not run."""
    if "actors" not in article.layers:
        find_actors(article)
    return [actor for actor in article.layers["actors"] if actor.kind in kinds]


def collect_actors(doc: Any, attributions: list[Attribution]) -> list[Actor]:
    """Pure: actors from a parsed spaCy Doc and its attributions, in order of first mention."""
    registry = collect(doc, attributions)
    drafts = find_positions(doc, attributions, registry)
    groups = sorted(registry.groups.values(), key=lambda g: (g.first, g.key))
    ids = {group.key: f"e{number}" for number, group in enumerate(groups, start=1)}
    positions: dict[str, list[Position]] = {}
    for number, draft in enumerate(drafts, start=1):
        source = _position_source(registry, draft, ids)
        positions.setdefault(draft.group, []).append(
            Position(
                id=f"p{number}",
                stance=draft.stance,
                cue=draft.cue,
                holder=draft.holder,
                evidence=draft.evidence,
                negated=draft.negated,
                source=source,
                also_in=draft.also_in,
            )
        )
    return [_actor(group, ids[group.key], positions.get(group.key, [])) for group in groups]


def to_json(layer: list[Actor], text: str) -> list[dict[str, Any]]:
    """The "actors" layer for the JSON contract."""
    return [actor.to_json(text) for actor in layer]


def _actor(group: Group, actor_id: str, positions: list[Position]) -> Actor:
    return Actor(
        id=actor_id,
        name=group.name(),
        kind=group.kind,
        variants=tuple(group.variants()),
        mentions=tuple(sorted(group.mentions, key=lambda m: (m.span.start, m.span.end))),
        says=tuple(group.says),
        reports=tuple(group.reports),
        positions=tuple(positions),
    )


def _position_source(registry: Any, draft: Draft, ids: dict[str, str]) -> PositionSource | None:
    attribution = draft.attribution
    if attribution is None:
        return None
    source = attribution.source
    group = group_for_source(registry, source.entity, source.kind)
    return PositionSource(
        attribution=attribution.id,
        text=source.span.text_in(registry.text).strip(EDGE_PUNCTUATION + " ") if source.span is not None else None,
        entity=source.entity,
        kind=source.kind,
        actor=ids.get(group.key) if group is not None else None,
        reported_by=tuple(link.entity or link.text or link.kind for link in attribution.chain[:-1]),
        inferred=draft.inferred,
    )
