"""sourcetrace: who claims what, citing whom, and how well is it sourced.

>>> from sourcetrace import Pipeline, to_json
>>> article = Pipeline().analyze_text("Officials said on Monday that the bridge would reopen.")
>>> [a.source.kind for a in article.attributions]
['anonymous']
"""

from __future__ import annotations

__version__ = "0.6.3"

from .article import Article, Attribution, ChainLink, RawArticle, Source, Span
from .contract import SCHEMA, to_json
from .errors import Failure, InputError, SourcetraceError
from .pipeline import Pipeline, analyze
from .read import RecordFields, read_inputs

__all__ = [
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
