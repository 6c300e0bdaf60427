"""The attribution engines, found by name: the pipeline, the library and every command
that analyses (`analyze`, `ingest`, `actors`, `eval`) take one of `ENGINES`.

An engine is a factory for the pipeline's attribution stage: a callable that needs the
parse, adds the "attributions" layer and writes its name in `article.engine`.

    rules     the rule engine (`attribute/`): chains, nesting, our conventions
    learned   the tagger and linker trained on PolNeAR (`learned/`), with the rules'
              resolver and chains
    hybrid    the learned attributions, and what only the rules can read
              (`learned/hybrid.py`)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import SourcetraceError

__all__ = ["DEFAULT_ENGINE", "ENGINES", "make_attributor"]

DEFAULT_ENGINE = "hybrid"


def _rules() -> Any:
    from .attribute import attribute

    return attribute


def _learned() -> Any:
    from .learned import LearnedAttributor  # ONNX Runtime and a 25 MB model: only when asked for

    return LearnedAttributor()


def _hybrid() -> Any:
    from .learned.hybrid import HybridAttributor

    return HybridAttributor()


ENGINES: dict[str, Callable[[], Any]] = {"rules": _rules, "learned": _learned, "hybrid": _hybrid}


def make_attributor(engine: str = DEFAULT_ENGINE) -> Any:
    """The attribution stage of the engine named `engine`."""
    try:
        factory = ENGINES[engine]
    except KeyError:
        raise SourcetraceError(f"unknown attribution engine {engine!r}; choose one of: {', '.join(ENGINES)}") from None
    return factory()
