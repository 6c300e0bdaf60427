"""Ingest: analyse a stream of inputs into the store, resumably.

Each article is written in its own transaction, and an article already stored is
skipped before it is parsed, so an interrupted run started again picks up where it
stopped with nothing lost or stored twice. Every failed input is recorded with its reason.
With `reanalyse`, stored articles are analysed again and their analyses replaced (after an
upgrade, or to switch the attribution engine). `progress` is called with each outcome as it
comes (an article, a `Failure` or a `Skipped`), for a progress display.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..article import Article, RawArticle
from ..contract import to_json
from ..errors import Failure, Skipped
from .sqlite import Store

if TYPE_CHECKING:  # the store is importable without spaCy: the caller brings the pipeline
    from ..pipeline import Pipeline


@dataclass
class IngestReport:
    stored: int = 0
    already_stored: int = 0
    replaced: int = 0
    failures: list[Failure] = field(default_factory=list)


def ingest(
    items: Iterable[RawArticle | Failure],
    store: Store,
    pipeline: Pipeline,
    *,
    progress: Callable[[Article | Failure | Skipped], None] | None = None,
    reanalyse: bool = False,
) -> IngestReport:
    report = IngestReport()
    skip = None if reanalyse else (lambda article: store.has(article.id))
    for outcome in pipeline.run(items, skip=skip):
        if isinstance(outcome, Failure):
            store.add_failure(outcome)
            report.failures.append(outcome)
        elif isinstance(outcome, Skipped):
            report.already_stored += 1
        elif reanalyse and store.has(outcome.id):
            store.add(to_json(outcome), replace=True)
            report.replaced += 1
        elif store.add(to_json(outcome)):
            report.stored += 1
        else:
            report.already_stored += 1
        if progress is not None:
            progress(outcome)
    return report
