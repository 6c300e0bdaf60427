"""Hedges and distancing: the words with which a text holds a claim at arm's length.

Three families, because a reader weighs them differently:
- `distancing`: the writer does not vouch for it ("reportedly", "allegedly", "so-called",
  "according to unconfirmed reports");
- `modal`: the claim is a possibility, not a fact ("may", "could", "possibly", "likely");
- `evidential`: an inference from appearances ("seems", "apparently", "suggests").
Found on the words (with the tagger's help for "may"/"could" as auxiliaries), one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as DocSpan

DISTANCING_WORDS = frozenset(
    "reportedly allegedly purportedly supposedly ostensibly rumoured rumored alleged "
    "purported supposed so-called unconfirmed unverified claimed".split()
)
MODAL_AUXILIARIES = frozenset("may might could would".split())
MODAL_WORDS = frozenset("possibly perhaps maybe probably likely unlikely presumably conceivably potentially".split())
EVIDENTIAL_WORDS = frozenset(
    "apparently seemingly evidently seem seems seemed appear appears appeared suggest suggests suggested".split()
)
DISTANCING_PHRASES = re.compile(
    r"\b(according to (?:unconfirmed|unverified|some|media|several) reports?|"
    r"it is (?:said|rumou?red|alleged|claimed|believed|thought)|is said to|are said to|"
    r"is believed to|are believed to|is thought to|are thought to|if confirmed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hedge:
    kind: str  # "distancing" | "modal" | "evidential"
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


def find_hedges(sentence: DocSpan) -> list[Hedge]:
    """Every hedge in a sentence, in text order, with character offsets into the article."""
    hedges = [_phrase_hedge(m, sentence) for m in DISTANCING_PHRASES.finditer(sentence.text)]
    covered = {(h.start, h.end) for h in hedges}
    for token in sentence:
        kind = _word_kind(token)
        if kind is None:
            continue
        start, end = token.idx, token.idx + len(token.text)
        if any(s <= start and end <= e for s, e in covered):
            continue
        hedges.append(Hedge(kind, token.text, start, end))
    return sorted(hedges, key=lambda h: h.start)


def _phrase_hedge(match: re.Match[str], sentence: DocSpan) -> Hedge:
    start = sentence.start_char + match.start()
    return Hedge("distancing", match.group(0), start, start + len(match.group(0)))


def _word_kind(token) -> str | None:
    low = token.lower_
    if low in DISTANCING_WORDS:
        return "distancing"
    if low in MODAL_WORDS:
        return "modal"
    if low in MODAL_AUXILIARIES and token.tag_ == "MD" and low != "would":
        return "modal"
    if low in EVIDENTIAL_WORDS and token.pos_ in {"ADV", "VERB", "AUX"}:
        return "evidential"
    return None
