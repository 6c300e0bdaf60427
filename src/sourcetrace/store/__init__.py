"""The store: analysed articles and failures, kept as their `analysis@1` dicts.

`Store` (sqlite.py) is the one interface, with its read queries, their filters and sorts
(queries.py), the corpus-wide view of sources (sources.py) and its schema migrations
(migrations.py);
`ingest` (ingest.py) analyses a stream of inputs into it, resumably. Importing the store
loads neither spaCy nor the pipeline: tools that only read a store stay light.
"""

from __future__ import annotations

from .ingest import IngestReport, ingest
from .migrations import SCHEMA_VERSION
from .queries import LIST_SORTS, SEARCH_SORTS
from .sources import NAMED_KINDS, PHRASE_KINDS, SourceRow, Unresolved
from .sqlite import ArticleNotFound, ArticleRow, QuerySyntaxError, SearchHit, Store, StoreNotFound

__all__ = [
    "LIST_SORTS",
    "NAMED_KINDS",
    "PHRASE_KINDS",
    "SCHEMA_VERSION",
    "SEARCH_SORTS",
    "ArticleNotFound",
    "ArticleRow",
    "IngestReport",
    "QuerySyntaxError",
    "SearchHit",
    "SourceRow",
    "Store",
    "StoreNotFound",
    "Unresolved",
    "ingest",
]
