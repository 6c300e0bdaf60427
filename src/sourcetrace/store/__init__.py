"""The store: analysed articles and failures, kept as their `analysis@1` dicts.

`Store` (sqlite.py) is the one interface, with its schema migrations (migrations.py);
`ingest` (ingest.py) analyses a stream of inputs into it, resumably. Importing the store
loads neither spaCy nor the pipeline: tools that only read a store stay light.
"""

from __future__ import annotations

from .ingest import IngestReport, ingest
from .migrations import SCHEMA_VERSION
from .sqlite import ArticleNotFound, ArticleRow, SearchHit, SourceRow, Store

__all__ = [
    "SCHEMA_VERSION",
    "ArticleNotFound",
    "ArticleRow",
    "IngestReport",
    "SearchHit",
    "SourceRow",
    "Store",
    "ingest",
]
