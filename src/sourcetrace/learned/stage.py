"""The learned attribution stage: role tagger, then linker, then `Attribution`s.

`LearnedAttributor()` loads the shipped model; calling it on an article with a parse
sets the "attributions" layer, as `sourcetrace.attribute.attribute` does. Sources are
resolved by the rule engine's resolver (kind, canonical entity, role); chains of reporters
and forms come from the rule engine too (`borrow.py`): PolNeAR teaches neither.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..article import Article, Attribution, Span
from ..attribute import find_attributions
from ..attribute.context import Context
from ..attribute.sources import Resolver
from ..errors import ModelError
from ..stage import needs_parse, stage
from .borrow import chain_for, content_form, layout_links, nested_reports, relayed
from .link import Linker
from .spans import Link, Role
from .transformer import ONNX_FILE, TransformerRoleTagger

__all__ = [
    "LINKER_FILE",
    "MODEL_DIR",
    "LearnedAttributor",
    "has_tagger",
    "load_tagger",
    "to_attributions",
]

MODEL_DIR = Path(__file__).parent / "model"
LINKER_FILE = "linker.json"
_UNNAMED = frozenset({"anonymous", "vague"})  # sources an outlet in their phrase may have passed on


def has_tagger(model_dir: Path = MODEL_DIR) -> bool:
    """Whether `model_dir` holds a role tagger (the transformer's ONNX file)."""
    return (Path(model_dir) / ONNX_FILE).is_file()


def load_tagger(model_dir: Path = MODEL_DIR) -> TransformerRoleTagger:
    """The role tagger of `model_dir`."""
    if not has_tagger(model_dir):
        raise ModelError(
            f"{model_dir}: no role tagger ({ONNX_FILE}) in the model folder; "
            "reinstall sourcetrace or train one with training/train_transformer_tagger.sh"
        )
    return TransformerRoleTagger(Path(model_dir))


@stage(needs={"doc"}, adds={"attributions"})
class LearnedAttributor:
    """The `learned` engine's attribution stage: finds attributions in a parsed Doc with
    the model in `model_dir`."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        self.tagger = load_tagger(model_dir)
        self.linker = Linker.from_disk(Path(model_dir) / LINKER_FILE)

    def roles(self, doc) -> list[Role]:
        return self.tagger(doc)

    def links(self, doc) -> list[Link]:
        return self.linker.link(doc, self.tagger(doc))

    def find(self, doc) -> list[Attribution]:
        """Every attribution in the Doc, in cue order."""
        return to_attributions(doc, self.links(doc))

    def prepare(self, article: Article) -> None:
        """Start tagging the article's Doc in the background, where the tagger can (the
        pipeline calls this as soon as the article is parsed, `pipeline._ahead`)."""
        submit = getattr(self.tagger, "submit", None)
        if submit is not None and article.doc is not None:
            submit(article.doc)

    def __call__(self, article: Article) -> Article:
        needs_parse(article, "the learned attribution stage")
        article.layers["attributions"] = self.find(article.doc)
        article.engine = "learned"
        return article


def to_attributions(
    doc, links: list[Link], *, ctx: Context | None = None, rules: list[Attribution] | None = None
) -> list[Attribution]:
    """`Attribution`s from links over a parsed Doc, in cue order: sources resolved by the
    rule engine's resolver (kind, canonical entity), chains and forms lent by the rules
    (`borrow.py`). `ctx` and `rules` when the caller has them already (the hybrid engine)."""
    ctx = ctx or Context.of(doc)
    links = layout_links(ctx, links)
    if not links:
        return []
    rules = find_attributions(doc, ctx) if rules is None else rules
    resolver = Resolver(ctx)
    attributions = []
    reports = []  # rule attributions standing in for a learned "citing" cue
    for number, link in enumerate(links, 1):
        phrase = doc[link.source.start : link.source.end] if link.source else None
        source = resolver.resolve(phrase)
        if link.source is not None:
            resolver.remember(link.source.start, source)
        reporter = resolver.outlet_within(phrase) if phrase is not None and source.kind in _UNNAMED else None
        cue = _span(doc, (link.cue,))
        relay = relayed(ctx, rules, source, (cue.start, cue.end))
        if relay is not None and not _overlap(relay.cue, cue):
            # The tagger took "citing" as the cue: the rules' report of that sentence stands
            # ("X wrote about this, citing Y": the rules read what "this" is).
            if relay not in reports:
                reports.append(relay)
            continue
        attributions.append(
            Attribution(
                id=f"a{number}",
                source=relay.source if relay else source,
                cue=cue,
                content=_span(doc, link.content),
                form=content_form(ctx, [(r.start, r.end) for r in link.content]),
                chain=relay.chain if relay else chain_for(ctx, rules, source, (cue.start, cue.end), reporter),
            )
        )
    # a learned attribution of the same report ("wrote about" beside "citing") is left out
    attributions = [a for a in attributions if not any(_overlap(a.cue, r.cue) for r in reports)] + reports
    nested = nested_reports(rules, attributions)
    ordered = sorted(attributions + nested, key=lambda a: (a.cue.start, a.content.start))  # ids renumbered
    return [replace(a, id=f"a{number}") for number, a in enumerate(ordered, 1)]


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _span(doc, roles: tuple[Role, ...]) -> Span:
    pieces = tuple(sorted((doc[r.start].idx, doc[r.end - 1].idx + len(doc[r.end - 1].text)) for r in roles))
    return Span(pieces[0][0], max(e for _, e in pieces), pieces if len(pieces) > 1 else None)
