"""Small questions asked of spaCy's dependency parse: phrases, clauses, subjects."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from .context import TokenRange
from .lexicon import EXPLETIVES

# Children that end a noun phrase used as a source: "officials, who ..." keeps "officials".
_PHRASE_CUT = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis"})
_EDGE_SKIP = frozenset({"PUNCT", "SPACE", "CCONJ"})


class NoSubject(Exception):
    """The cue has no subject the parse can show; the finding is dropped."""


def phrase(token: Token) -> DocSpan:
    """The noun phrase headed by `token`, without relative clauses or trailing punctuation."""
    doc = token.doc
    start = token.left_edge.i
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in _PHRASE_CUT and child.dep_ != "punct":
            break
        if child.dep_ == "punct" and child.text not in "()":
            continue
        end = child.right_edge.i + 1
    # A relative clause deeper in the phrase ("a lawmaker from the party, who asked not to be
    # named") says how the source was obtained, not who it is.
    relative = [t.left_edge.i for t in doc[token.i + 1 : end] if t.dep_ == "relcl"]
    if relative:
        end = min(relative)
    start, end = trim(doc, start, end)
    if end > start and doc[end - 1].tag_ == "POS":  # "Zaluzhny’s" → "Zaluzhny"
        end -= 1
    return doc[start:end]


def trim(doc: Doc, start: int, end: int) -> TokenRange:
    """Drop punctuation, spaces and conjunctions at both edges of a token range."""
    while start < end and (doc[start].pos_ in _EDGE_SKIP or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].pos_ in _EDGE_SKIP or doc[end - 1].is_space):
        end -= 1
    return start, end


def subtree_range(token: Token) -> TokenRange:
    return trim(token.doc, token.left_edge.i, token.right_edge.i + 1)


def minus(outer: TokenRange, hole: TokenRange, doc: Doc) -> list[TokenRange]:
    """`outer` with `hole` cut out, as trimmed non-empty parts."""
    parts = [(outer[0], min(hole[0], outer[1])), (max(hole[1], outer[0]), outer[1])]
    trimmed = [trim(doc, s, e) for s, e in parts if e > s]
    return [(s, e) for s, e in trimmed if e > s and _has_word(doc, s, e)]


def _has_word(doc: Doc, start: int, end: int) -> bool:
    return any(t.is_alpha for t in doc[start:end])


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def subject_of(verb: Token) -> Token | None:
    """The source token of a cue verb; None for an agentless passive.

    Raises NoSubject when the parse shows nobody (an imperative, a parse error).
    """
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
                return verb.head
            if child.lower_ in EXPLETIVES and child.lower_ == "there":
                raise NoSubject
            return child
    if is_passive(verb):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        return pobj  # None: "It is noted that ...", "He was told that ..."
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        subject = subject_of(verb.head)
        if _disagrees(verb, subject) and verb.head.dep_ == "ccomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
            # "The filing says the investors lost X and accuses Y": the parser hung
            # "accuses" on "lost", but "accuses" cannot have "the investors" as subject.
            return subject_of(verb.head.head)
        return subject
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return verb.head
    raise NoSubject


def _disagrees(verb: Token, subject: Token | None) -> bool:
    """A third-person singular verb ("accuses") with a plural noun subject ("investors")."""
    return subject is not None and verb.tag_ == "VBZ" and subject.tag_ in {"NNS", "NNPS"}


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]
