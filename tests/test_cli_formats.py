"""`--format md` and `-o` on the commands outside the store: rank and eval."""

from __future__ import annotations

from pathlib import Path

from sourcetrace.cli import main

BRAT = Path(__file__).parent / "data" / "brat"  # two annotated articles, written for the tests

DEBATE = """line\tspeaker\ttext
1\tHOST\tGood evening and welcome to the debate on the harbour budget.
2\tRUDD\tThe harbour lost 12 million dollars last year, as the Velmar Gazette reported in March.
3\tMARIC\tThat number is wrong, and my opponent knows it.
"""


def test_rank_as_a_markdown_table_to_a_file(capsys, tmp_path):
    path = tmp_path / "debate.tsv"
    path.write_text(DEBATE, encoding="utf-8")
    target = tmp_path / "ranked.md"
    assert main(["rank", str(path), "--format", "md", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "| rank | line_number | score | speaker | text |"
    assert len(lines) == 2 + 3 and lines[2].startswith("| 1 | 2 | ")  # the line with a figure and a source


def test_eval_as_markdown_and_quiet(capsys, tmp_path):
    target = tmp_path / "scores.md"
    assert main(["eval", "attribution", str(BRAT), "--format", "md", "-o", str(target), "--quiet"]) == 0
    # quiet leaves the warnings about the gold (one event here has no cue), not the summary
    assert all(line.startswith("warning: ") for line in capsys.readouterr().err.splitlines())
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Attribution scores: engine hybrid")
    assert "| role | gold | system | exact_p |" in text
    assert {"source", "cue", "content", "attribution"} <= {
        line.split(" | ")[0][2:] for line in text.splitlines() if line.startswith("| ")
    }
    main(["eval", "attribution", str(BRAT), "--format", "json"])
    assert capsys.readouterr().err.splitlines()[-1] == "scored 2/2 article(s), 0 not scored"
