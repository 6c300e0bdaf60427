"""What a stage needs and adds, declared once and checked when a pipeline is built.

Every analysis stage has the shape `stage(article) -> article` and carries two sets of
layer names, as spaCy's components declare `requires` and `assigns`:

    @stage(needs={"doc", "attributions"}, adds={"claims", "profile"})
    def claims(article): ...

"text" and "doc" (the parse) are there before the first analysis stage. `check_order`
raises `PipelineError` when a stage needs a layer that no stage before it adds, so a
wrongly composed pipeline fails when it is built, not on the thousandth article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .errors import PipelineError

__all__ = ["PARSED", "check_order", "needs_parse", "stage"]

PARSED = frozenset({"text", "doc"})  # what every analysis stage finds on the article

StageFunction = TypeVar("StageFunction", bound=Callable[..., Any])


def stage(*, needs: Iterable[str], adds: Iterable[str]) -> Callable[[StageFunction], StageFunction]:
    """Mark a function (or class) as a stage with what it needs and adds."""

    def declare(function: StageFunction) -> StageFunction:
        function.needs = frozenset(needs)
        function.adds = frozenset(adds)
        return function

    return declare


def check_order(stages: Iterable[Any], available: Iterable[str] = PARSED) -> None:
    """Raise `PipelineError` unless every stage declares its layers and finds what it
    needs added by the parse or a stage before it."""
    have = set(available)
    for number, step in enumerate(stages, 1):
        name = getattr(step, "__name__", type(step).__name__)
        needs, adds = getattr(step, "needs", None), getattr(step, "adds", None)
        if needs is None or adds is None:
            raise PipelineError(
                f"stage {number} ({name}) does not declare what it needs and adds; "
                "decorate it with sourcetrace.stage.stage(needs=..., adds=...)"
            )
        missing = sorted(set(needs) - have)
        if missing:
            raise PipelineError(
                f"stage {number} ({name}) needs {', '.join(missing)}, which no stage before it adds; "
                "put a stage that adds it earlier"
            )
        have |= set(adds)


def needs_parse(article: Any, stage_name: str) -> None:
    """Raise `PipelineError` when a stage that reads the parse is called without one."""
    if article.doc is None:
        raise PipelineError(
            f"{article.input}: {stage_name} needs the parse (article.doc); parse the article first, "
            "or run it through a Pipeline built with keep_doc=True"
        )
