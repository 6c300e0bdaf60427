"""The measures of a check-worthiness ranking (CheckThat! 2020 task 5 scorer definitions).

Each takes the gold labels (1 check-worthy, 0 not) in the ranked order.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["average_precision", "precision_at", "r_precision"]


def average_precision(labels: Sequence[int]) -> float:
    """Mean of the precision at each check-worthy line; `labels` in ranked order."""
    positives = sum(1 for label in labels if label)
    if not positives:
        return 0.0
    found, total = 0, 0.0
    for rank, label in enumerate(labels, 1):
        if label:
            found += 1
            total += found / rank
    return total / positives


def r_precision(labels: Sequence[int]) -> float:
    """Precision at rank R, R being the number of check-worthy lines."""
    positives = sum(1 for label in labels if label)
    return sum(1 for label in labels[:positives] if label) / positives if positives else 0.0


def precision_at(labels: Sequence[int], k: int) -> float:
    """Share of check-worthy lines among the first k (k counts even past the end)."""
    return sum(1 for label in labels[:k] if label) / k
