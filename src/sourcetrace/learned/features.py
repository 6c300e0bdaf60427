"""What the role tagger reads of each token beside its word pieces: a few features
computed from the parse (`role_features`), hashed into the columns the tagger embeds.

The tagger's convolutional encoder sees a few tokens either side. PolNeAR's roles depend on
more than that: whether a token sits inside quotation marks opened a line earlier, whether
it hangs under a speech verb (and as its subject or its complement), where it falls in its
sentence. Those facts are cheap to compute from the parse the shipped pipeline has already
made, so they are given to the tagger as hashed columns (`pieces.feature_ids`):

- quote: "open" / "close" for a quotation mark, "in" inside a quotation, "out" elsewhere;
  straight quotes alternate, and every line break closes what is open (PolNeAR articles
  leave a quotation open across paragraphs the way print does);
- head: the token's dependency label with its head's lemma ("nsubj|say");
- speech: how the token relates to the nearest speech verb or cue noun above it
  ("self", "ccomp", "nsubj", …), or "sent" when its sentence has one elsewhere, or "none";
- clause: the nearest verb above the token, with the label under which the token hangs;
- place: distance from the sentence's start and end, bucketed;
- root: the lemma of the sentence's root;
- cue_side: side, bucketed distance and lemma of the nearest speech word in the sentence;
- paragraph: the sentence's place in its paragraph, whether the paragraph opens with a
  quotation mark, whether the sentence holds one;
- sense: WordNet's
  broad classes of a verb's or noun's lemma ("v:communication|communication"), so a cue
  word rare in PolNeAR is known by its kind (`wordnet_classes.tsv.gz`, built by
  training/wordnet_classes.py).

Everything is computed from the Doc alone, so training and `analyze` see the same values.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

from ..attribute.lexicon import CUE_NOUNS, SPEECH_VERBS
from ..quotes import CURLY_CLOSING, CURLY_OPENING, STRAIGHT

__all__ = ["COLUMNS", "role_features"]

COLUMNS = ("quote", "head", "speech", "clause", "place", "root", "cue_side", "paragraph", "sense")
WORDNET_CLASSES = Path(__file__).parent / "wordnet_classes.tsv.gz"
_CUE_LEMMAS = SPEECH_VERBS | CUE_NOUNS | {"accord"}  # "according to" has lemma accord


def _bucket(n: int) -> str:
    for edge in (0, 1, 2, 3, 5, 8, 13, 21):
        if n <= edge:
            return str(edge)
    return "far"


@functools.cache
def _wordnet() -> dict[str, tuple[str, str]]:
    """Lemma → (verb classes, noun classes)."""
    with gzip.open(WORDNET_CLASSES, "rt", encoding="utf-8") as lines:
        return {lemma: (verb, noun) for lemma, verb, noun in (line.rstrip("\n").split("\t") for line in lines)}


def _sense(lemma: str, pos: str) -> str:
    if pos in ("VERB", "AUX"):
        return "v:" + _wordnet().get(lemma, ("?", "?"))[0]
    if pos == "NOUN":
        return "n:" + _wordnet().get(lemma, ("?", "?"))[1]
    return "-"


def _quote_states(texts: list[str]) -> list[str]:
    states = []
    inside = False
    for text in texts:
        if "\n" in text and text.isspace():
            inside = False
            states.append("out")
        elif text in CURLY_OPENING or (text == STRAIGHT and not inside):
            inside = True
            states.append("open")
        elif text in CURLY_CLOSING or (text == STRAIGHT and inside):
            inside = False
            states.append("close")
        else:
            states.append("in" if inside else "out")
    return states


class _Tokens:
    """The token attributes the features read, as plain lists: one pass over the Doc,
    then no spaCy objects (walking heads token by token would build thousands)."""

    def __init__(self, doc) -> None:
        self.texts, self.deps, self.lemmas, self.heads, self.spaces, self.with_ws = [], [], [], [], [], []
        self.senses: list[str] = []
        self.cue: list[bool] = []
        self.verb: list[bool] = []
        for token in doc:
            lemma = token.lemma_.lower()
            self.texts.append(token.text)
            self.deps.append(token.dep_)
            self.lemmas.append(lemma)
            self.heads.append(token.head.i)
            self.spaces.append(token.is_space)
            self.with_ws.append(token.text_with_ws)
            self.cue.append(lemma in _CUE_LEMMAS and token.pos_ in ("VERB", "NOUN", "AUX"))
            self.verb.append(token.pos_ in ("VERB", "AUX"))
            self.senses.append(_sense(lemma, token.pos_))
        # (start, end, root) per sentence
        self.sentences = [(s.start, s.end, s.root.i) for s in doc.sents]


def _paragraph_context(tokens: _Tokens) -> list[str]:
    """Per sentence: its place in the paragraph, whether the paragraph opens with a
    quotation mark and whether the sentence holds one."""
    out = []
    index, opens = 0, False
    marks = CURLY_OPENING + CURLY_CLOSING + STRAIGHT
    for start, end, _ in tokens.sentences:
        if start == 0 or tokens.spaces[start] or "\n" in tokens.with_ws[start - 1]:
            index = 0
            words = [i for i in range(start, end) if not tokens.spaces[i]]
            opens = bool(words) and tokens.texts[words[0]] in CURLY_OPENING + STRAIGHT
        quoted = any(tokens.texts[i] in marks for i in range(start, end))
        out.append(f"{min(index, 3)}|{'q' if opens else '-'}|{'q' if quoted else '-'}")
        index += 1
    return out


def _cue_side(i: int, cues: list[int], lemmas: list[str]) -> str:
    if not cues:
        return "none"
    nearest = min(cues, key=lambda cue: abs(cue - i))
    if nearest == i:
        return "cue"
    side = "before" if i < nearest else "after"
    return f"{side}|{_bucket(abs(nearest - i))}|{lemmas[nearest]}"


def _above(tokens: _Tokens, i: int, speech: str) -> tuple[str, str]:
    """Walking up from token i: the clause (nearest verb, with the label under which i
    hangs) and, unless i is a cue itself, the label under the nearest cue."""
    clause = "top"
    child, ancestor = i, tokens.heads[i]
    seen_verb = False
    while ancestor != child:  # the root is its own head
        if not seen_verb and tokens.verb[ancestor]:
            clause = f"{tokens.deps[child]}|{tokens.lemmas[ancestor]}"
            seen_verb = True
        if speech != "self" and tokens.cue[ancestor]:
            speech = tokens.deps[child]
            break
        child, ancestor = ancestor, tokens.heads[ancestor]
    return clause, speech


def role_features(doc) -> list[tuple[str, ...]]:
    """The feature strings of every token, one tuple per token in COLUMNS order."""
    tokens = _Tokens(doc)
    quotes = _quote_states(tokens.texts)
    paragraphs = _paragraph_context(tokens)
    deps, lemmas, heads = tokens.deps, tokens.lemmas, tokens.heads
    rows = []
    for number, (start, end, root) in enumerate(tokens.sentences):
        cues = [i for i in range(start, end) if tokens.cue[i]]
        for i in range(start, end):
            clause, speech = _above(tokens, i, "self" if tokens.cue[i] else ("sent" if cues else "none"))
            rows.append(
                (
                    quotes[i],
                    f"{deps[i]}|{lemmas[heads[i]]}",
                    speech,
                    clause,
                    f"{_bucket(i - start)}|{_bucket(end - 1 - i)}",
                    lemmas[root],
                    _cue_side(i, cues, lemmas),
                    paragraphs[number],
                    tokens.senses[i],
                )
            )
    return rows
