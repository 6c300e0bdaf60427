"""The learned attribution stage: role tagger, then linker, then `Attribution`s.

`LearnedAttributor(vocab)` loads the shipped model; calling it on an article with a parse
sets the "attributions" layer, as `sourcetrace.attribute.attribute` does. Sources are
resolved by the rule engine's resolver (kind, canonical entity, role); each attribution's
chain is its source alone (the learned model finds no reporters).
"""

from __future__ import annotations

from pathlib import Path

from ..article import Article, Attribution, Span
from .link import Link, Linker, Role
from .roles import MODEL_DIR, RoleTagger

__all__ = ["LINKER_FILE", "LearnedAttributor", "learned_pipeline", "to_attributions"]

LINKER_FILE = "linker.json"
_QUOTE_OPEN = "\"“«‘'"


class LearnedAttributor:
    """Finds attributions in a parsed Doc with the learned model in `model_dir`."""

    def __init__(self, vocab, model_dir: Path = MODEL_DIR) -> None:
        self.tagger = RoleTagger(vocab, model_dir)
        self.linker = Linker.from_disk(Path(model_dir) / LINKER_FILE)

    def roles(self, doc) -> list[Role]:
        return self.tagger(doc)

    def links(self, doc) -> list[Link]:
        return self.linker.link(doc, self.tagger(doc))

    def find(self, doc) -> list[Attribution]:
        """Every attribution in the Doc, in cue order."""
        return to_attributions(doc, self.links(doc))

    def __call__(self, article: Article) -> Article:
        if article.doc is None:
            raise ValueError(f"{article.input}: the learned attribution stage needs the parse; run parse first")
        article.layers["attributions"] = self.find(article.doc)
        article.layers["engine"] = "learned"
        return article


def to_attributions(doc, links: list[Link]) -> list[Attribution]:
    """`Attribution`s from links over a parsed Doc, sources resolved by the rule engine's
    resolver (kind, canonical entity) in cue order."""
    from ..attribute.context import Context
    from ..attribute.sources import Resolver

    resolver = Resolver(Context.of(doc)) if links else None
    text = doc.text  # once: spaCy rebuilds it from every token on each access
    attributions = []
    for number, link in enumerate(links, 1):
        source = resolver.resolve(doc[link.source.start : link.source.end] if link.source else None)
        if link.source is not None:
            resolver.remember(link.source.start, source)
        content = _span(doc, link.content)
        attributions.append(
            Attribution(
                id=f"a{number}",
                source=source,
                cue=_span(doc, (link.cue,)),
                content=content,
                form=_form(text, content),
                chain=(source.link(text),),  # the source is always the last link
            )
        )
    return attributions


def _span(doc, roles: tuple[Role, ...]) -> Span:
    pieces = tuple(sorted((doc[r.start].idx, doc[r.end - 1].idx + len(doc[r.end - 1].text)) for r in roles))
    return Span(pieces[0][0], max(e for _, e in pieces), pieces if len(pieces) > 1 else None)


def _form(text: str, content: Span) -> str:
    """Direct when the content opens with a quotation mark; the tagger knows no more."""
    return "direct" if text[content.start] in _QUOTE_OPEN else "indirect"


def learned_pipeline(model_dir: Path = MODEL_DIR, **options):
    """A `Pipeline` whose attribution stage is the learned model (for evaluation):
    `evaluate_attribution(gold_dir, pipeline=learned_pipeline())`."""
    from ..pipeline import Pipeline
    from ..summary import summarize

    pipeline = Pipeline(keep_doc=True, **options)
    pipeline.stages = (LearnedAttributor(pipeline.parser.nlp.vocab, model_dir), summarize)
    return pipeline

