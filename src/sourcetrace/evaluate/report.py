"""The attribution scores as a readable table (definitions in docs/evaluation.md)."""

from __future__ import annotations

from .attribution import PRF, AttributionScores
from .brat import ROLES

__all__ = ["format_text"]


def format_text(scores: AttributionScores) -> str:
    """A readable table of every score."""
    lines = [
        f"gold: {scores.gold_dir}",
        f"articles scored: {len(scores.articles)}, not scored: {len(scores.failures)}",
        f"annotator: {scores.annotator_rule}",
        _nested_line(scores),
        "",
        f"{'':<14}{'gold':>6}{'system':>8}  {'exact P':>8}{'R':>7}{'F1':>7}  {'overlap P':>10}{'R':>7}{'F1':>7}",
    ]
    rows = [(role, scores.role(role, "exact"), scores.role(role, "overlap")) for role in ROLES]
    rows.append(("attribution", scores.attribution("exact"), scores.attribution("overlap")))
    for name, exact, overlap in rows:
        lines.append(f"{name:<14}{exact.gold:>6}{exact.predicted:>8}  {_prf(exact, 8)}  {_prf(overlap, 10)}")
    lines += ["", "sentence level, exact (as CofeNet scores PolNeAR: token runs per paragraph line)"]
    lines.append(f"{'':<14}{'gold':>6}{'system':>8}  {'P':>8}{'R':>7}{'F1':>7}")
    for role in ROLES:
        prf = scores.sentence(role)
        lines.append(f"{role:<14}{prf.gold:>6}{prf.predicted:>8}  {_prf(prf, 8)}")
    return "\n".join(lines) + "\n"


def _nested_line(scores: AttributionScores) -> str:
    if scores.nested_scored:
        return "nested attributions: scored (--nested)"
    return (
        f"nested attributions: {scores.nested} not scored (inside another's content; "
        "PolNeAR annotates none; --nested scores them)"
    )


def _prf(prf: PRF, first: int) -> str:
    return f"{prf.precision:>{first}.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}"
