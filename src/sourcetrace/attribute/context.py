"""What the attribution rules share about one article, and what each rule finds.

A rule reads a `Context` and returns `Finding`s on token indices; nothing is resolved or
written there. Resolution (pronouns, short names, kinds) and chains come after, in
`sources.py` and `chains.py`, once every finding of the article is known.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..quotes import find_quotes
from .names import NameIndex, build_name_index

TokenRange = tuple[int, int]  # [start, end) token indices


@dataclass
class Finding:
    """One attribution as a rule saw it, before its source is resolved."""

    rule: str  # which rule found it, for explanations and error analysis
    cue: TokenRange
    content: list[TokenRange]
    source: DocSpan | None  # None: agentless ("it is noted that")
    cited: DocSpan | None = None  # "X, citing Y": Y is who X relies on
    reporter: DocSpan | None = None  # "Y told me / told the paper": who passed it on
    backward: bool = False  # content is an earlier sentence ("This opinion was expressed by")

    @property
    def content_start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def content_end(self) -> int:
        return max(e for _, e in self.content)


@dataclass
class Context:
    doc: Doc
    text: str
    sentences: list[DocSpan]
    sentence_of: list[int]  # token index → sentence index
    quotes: list[tuple[int, int]]  # character spans of quotations
    names: NameIndex = field(default_factory=NameIndex)

    @classmethod
    def of(cls, doc: Doc) -> Context:
        sentences = list(doc.sents)
        sentence_of = [0] * len(doc)
        for i, sent in enumerate(sentences):
            for t in range(sent.start, sent.end):
                sentence_of[t] = i
        ctx = cls(doc, doc.text, sentences, sentence_of, find_quotes(doc.text))
        ctx.names = build_name_index(doc, sentence_of)
        return ctx

    def sentence(self, token: Token) -> DocSpan:
        return self.sentences[self.sentence_of[token.i]]

    def in_quote(self, token: Token) -> bool:
        return any(qs <= token.idx < qe for qs, qe in self.quotes)

    def quote_at(self, char: int) -> tuple[int, int] | None:
        return next(((qs, qe) for qs, qe in self.quotes if qs <= char < qe), None)
