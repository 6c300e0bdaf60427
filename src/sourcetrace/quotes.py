"""Quotation marks, defined once, and quotation spans found on characters, not on the parse.

A quote can run over several sentences, and a quote that runs over a paragraph break
continues in the next paragraph (news style opens each paragraph of a long quote again
and closes only the last), so pairing is done per paragraph: an opening mark left open
at the end of a paragraph closes there.
"""

from __future__ import annotations

# Each opening mark and the mark that closes it („ closes with “ in German-style quoting).
QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’"}
# What a quotation or a quoted sentence may open with, apostrophes included.
OPENING_MARKS = "\"“«‘'"
# Curly marks that only open or only close, and the straight mark that does both, as the
# learned tagger's quote feature reads them (fixed: the shipped model was trained on them).
CURLY_OPENING = "“«„"
CURLY_CLOSING = "”»"
STRAIGHT = '"'
# Any mark at a word's edge, as the linker's quoted-content feature reads them (fixed, as above).
EDGE_MARKS = "\"“”«»'‘’"


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation, the marks included, in text order."""
    quotes: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        quotes.extend((offset + s, offset + e) for s, e in _paragraph_quotes(paragraph))
        offset += len(paragraph) + 1
    return quotes


def _paragraph_quotes(paragraph: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    opener_at: int | None = None
    closer = ""
    for i, char in enumerate(paragraph):
        if opener_at is None:
            if char in QUOTE_PAIRS and _opens(paragraph, i):
                opener_at, closer = i, QUOTE_PAIRS[char]
        elif char == closer and _closes(paragraph, i):
            found.append((opener_at, i + 1))
            opener_at = None
    if opener_at is not None and len(paragraph) - opener_at > 1:
        found.append((opener_at, len(paragraph)))
    return found


def _opens(paragraph: str, i: int) -> bool:
    """An apostrophe inside a word ("don't") is no opening quote."""
    char = paragraph[i]
    if char in "'‘":
        return i == 0 or not paragraph[i - 1].isalnum()
    if char == '"':
        return i == 0 or not paragraph[i - 1].isalnum()
    return True


def _closes(paragraph: str, i: int) -> bool:
    char = paragraph[i]
    if char in "'’":
        # "the senators' view" and "don't" are apostrophes, not closing quotes.
        after = paragraph[i + 1 : i + 2]
        return not after.isalnum()
    return True


def quoted_share(quotes: list[tuple[int, int]], start: int, end: int) -> float:
    """How much of [start, end) lies inside quotation marks, 0..1."""
    if end <= start:
        return 0.0
    inside = sum(max(0, min(end, qe) - max(start, qs)) for qs, qe in quotes)
    return inside / (end - start)
