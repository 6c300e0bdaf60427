"""Evaluation against annotated data, and the measures of a ranking.

`evaluate_attribution` scores an engine on BRAT gold (brat.py reads the gold,
attribution.py matches and scores, edges.py what span edges alone cost, report.py prints a
table); `ranking.py` holds the CheckThat! measures. The commands are in `cli/`. Definitions
of every score are in docs/evaluation.md.
"""

from __future__ import annotations

from .attribution import PRF, AttributionScores, evaluate_attribution, score_spans
from .brat import (
    ANNOTATOR_RULE,
    ROLES,
    GoldArticle,
    GoldAttribution,
    GoldError,
    GoldSpan,
    parse_ann,
    read_gold,
)
from .report import format_text

__all__ = [
    "ANNOTATOR_RULE",
    "PRF",
    "ROLES",
    "AttributionScores",
    "GoldArticle",
    "GoldAttribution",
    "GoldError",
    "GoldSpan",
    "evaluate_attribution",
    "format_text",
    "parse_ann",
    "read_gold",
    "score_spans",
]
