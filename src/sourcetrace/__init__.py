"""sourcetrace: who claims what, citing whom, and how well is it sourced.

>>> from sourcetrace import Pipeline, to_json
>>> article = Pipeline().analyze_text("Officials said on Monday that the bridge would reopen.")
>>> [a.source.kind for a in article.attributions]
['anonymous']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .article import Article, Attribution, ChainLink, RawArticle, Source, Span
from .contract import SCHEMA, to_json
from .errors import Failure, InputError, SourcetraceError
from .read import RecordFields, read_inputs
from .version import __version__

if TYPE_CHECKING:
    from .pipeline import Pipeline, analyze


def __getattr__(name: str):
    # The pipeline loads spaCy: imported on first use, so that `sourcetrace.store`, the
    # readers and the contract stay light for tools that never analyse.
    if name in ("Pipeline", "analyze"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sourcetrace' has no attribute {name!r}")


__all__ = [
    "__version__",
    "SCHEMA",
    "Article",
    "Attribution",
    "ChainLink",
    "Failure",
    "InputError",
    "Pipeline",
    "RawArticle",
    "RecordFields",
    "Source",
    "SourcetraceError",
    "Span",
    "analyze",
    "read_inputs",
    "to_json",
]
