"""Positions: what an actor is reported to want, demand, propose, seek, insist on, be ready
for or reject, with the clause that says so and the attribution it sits in.

Rules over the parse the attribution stage already has (no second parse): a stance word
(lexicon below) whose subject is an actor mention, or a pronoun resolved to the source of
the attribution it sits in ("Moscow has stated that it is ready" → Russia) or else to the
nearest actor before it. A position inside an attribution's content is reported by that
attribution's source; one in no attribution but within two sentences after one is marked
`inferred` with that attribution, as a reader would take it; otherwise it is the article's.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..article import Attribution, Span
from .mentions import Registry, group_for_source

STANCE_VERBS = {
    "want": "want", "wish": "want", "intend": "want", "aim": "want",
    "demand": "demand", "urge": "demand",
    "propose": "propose", "offer": "propose",
    "seek": "seek", "strive": "seek", "pursue": "seek",
    "insist": "insist",
    "reject": "reject", "refuse": "reject", "oppose": "reject", "decline": "reject",
}  # fmt: skip
# Verbs that are stances only with "to ...": "aims to", not "aimed the gun".
NEEDS_TO = frozenset({"intend", "aim", "decline", "offer"})
PHRASAL = {("call", "for"): "demand", ("push", "for"): "seek", ("rule", "out"): "reject"}
STANCE_ADJECTIVES = {"ready": "ready", "prepared": "ready", "willing": "ready"}
STANCE_NOUNS = {
    "demand": "demand", "proposal": "propose", "refusal": "reject", "rejection": "reject",
    "readiness": "ready", "insistence": "insist",
}  # fmt: skip
# A term of a deal under discussion that gives an actor something: "there is talk of
# fixing the borders ...; in this case, Russia retains ...".
KEEP_VERBS = frozenset("retain keep get receive gain obtain".split())
TERMS_NOUNS = frozenset("term talk condition proviso deal agreement plan settlement treaty compromise".split())
CARRY_SENTENCES = 2  # how far a reader carries a source into sentences that name none
PRONOUN_KINDS = {
    "he": {"person"}, "she": {"person"}, "him": {"person"}, "her": {"person"},
    "it": {"country", "organization"}, "they": {"country", "organization", "person"},
    "we": {"country", "organization", "person"}, "i": {"person"},
}  # fmt: skip
FIRST_PERSON = frozenset({"we", "i"})


@dataclass(frozen=True)
class Draft:
    """A position before actor ids are assigned."""

    group: str  # actor group key
    stance: str
    cue: Span
    holder: Span
    evidence: Span
    negated: bool
    attribution: Attribution | None
    inferred: bool
    also_in: tuple[str, ...]


def find_positions(doc: Doc, attributions: list[Attribution], registry: Registry) -> list[Draft]:
    finder = _Finder(doc, attributions, registry)
    drafts = []
    for token in doc:
        found = finder.stance(token)
        if found is None or found[2] is None:
            continue
        stance, head, holder, evidence = found
        for each in [holder, *_conjuncts(holder)]:  # "Russia and Belarus reject ...": both
            draft = finder.draft(token, stance, head, each, evidence)
            if draft is not None and all(d.group != draft.group or d.cue != draft.cue for d in drafts):
                drafts.append(draft)
    return drafts


class _Finder:
    def __init__(self, doc: Doc, attributions: list[Attribution], registry: Registry) -> None:
        self.doc = doc
        self.attributions = attributions
        self.registry = registry
        self.sentence_starts = [s.start_char for s in doc.sents]
        self.mentioned = sorted(registry.token_group)

    def stance(self, token: Token) -> tuple[str, Token, Token | None, Span] | None:
        """(stance, clause head, holder token, evidence) for a stance word, else None."""
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            stance = STANCE_VERBS.get(lemma) or _phrasal(token)
            if stance and (lemma not in NEEDS_TO or any(c.dep_ == "xcomp" for c in token.children)):
                head = _climb_xcomp(token)
                return stance, head, _subject(head), self.clause(head)
            if lemma in KEEP_VERBS and self.terms_sentence(token):
                sentence = token.sent
                return "terms", token, _subject(token), self.trim(_after_connective(sentence), sentence.end)
        if token.pos_ == "ADJ" and lemma in STANCE_ADJECTIVES and token.dep_ == "acomp":
            head = _climb_xcomp(token.head)
            return STANCE_ADJECTIVES[lemma], head, _subject(head), self.clause(head)
        if token.pos_ == "NOUN" and lemma in STANCE_NOUNS:
            holder = _noun_holder(token)
            if holder is not None:
                return STANCE_NOUNS[lemma], token, holder, self.trim(token.left_edge.i, token.right_edge.i + 1)
        return None

    def draft(self, token: Token, stance: str, head: Token, holder: Token, evidence: Span) -> Draft | None:
        cue = _char_span(token)
        group = self.holder_group(holder)
        if group is None:
            return None
        attribution, inferred, also = self.placement(cue, evidence)
        negated = any(c.dep_ == "neg" for t in {token, head} for c in t.children)
        holder_span = self.holder_span(holder)
        return Draft(group, stance, _cue_span(token), holder_span, evidence, negated, attribution, inferred, also)

    def holder_group(self, holder: Token) -> str | None:
        """The actor a holder names: a mention, or a pronoun resolved to the source of the
        attribution it sits in, else to the nearest fitting actor before it."""
        if holder.i in self.registry.token_group:
            return self.registry.token_group[holder.i]
        kinds = PRONOUN_KINDS.get(holder.lower_)
        if kinds is None:
            return None
        for attribution in self._containing(holder.idx):
            source = group_for_source(self.registry, attribution.source.entity, attribution.source.kind)
            if source is not None and source.kind in kinds:
                return source.key  # "Moscow has stated that it is ready": it = Moscow
        if holder.lower_ in FIRST_PERSON:
            return None  # "we" outside a quoted source is the writer or unknown
        return self.nearest_before(holder, kinds)

    def nearest_before(self, holder: Token, kinds: set[str]) -> str | None:
        floor = self.sentence_starts[max(0, self.sentence_of(holder.idx) - 1)]
        position = bisect_right(self.mentioned, holder.i - 1)
        for index in reversed(self.mentioned[:position]):
            if self.doc[index].idx < floor:
                break
            key = self.registry.token_group[index]
            if self.registry.groups[key].kind in kinds:
                return key
        return None

    def holder_span(self, holder: Token) -> Span:
        key = self.registry.token_group.get(holder.i)
        if key is not None:
            for mention in self.registry.groups[key].mentions:
                if mention.span.start <= holder.idx < mention.span.end:
                    return mention.span
        return _char_span(holder)

    def placement(self, cue: Span, evidence: Span) -> tuple[Attribution | None, bool, tuple[str, ...]]:
        """The attribution a position sits in: the one it is the cue of, else the innermost
        whose content holds it, else (inferred) one that ends just before it."""
        own = [a for a in self.attributions if a.cue.overlaps(cue)]
        inside = sorted(self._containing(cue.start), key=lambda a: (a.content.end - a.content.start, a.id))
        if own or inside:
            primary = (own or inside)[0]
            # a report that goes on without a cue (`continues`) is inferred from the one before
            return primary, primary.continues is not None, tuple(a.id for a in own + inside if a is not primary)
        sentence = self.sentence_of(evidence.start)
        before = [
            a for a in self.attributions
            if max(a.cue.end, a.content.end) <= evidence.start
            and a.source.kind != "none"
            and sentence - self.sentence_of(max(a.cue.end, a.content.end) - 1) <= CARRY_SENTENCES
        ]  # fmt: skip
        if before:
            return max(before, key=lambda a: max(a.cue.end, a.content.end)), True, ()
        return None, False, ()

    def _containing(self, char: int) -> list[Attribution]:
        return [a for a in self.attributions if a.content.contains(char, char + 1)]

    def terms_sentence(self, token: Token) -> bool:
        return any(t.pos_ == "NOUN" and t.lemma_.lower() in TERMS_NOUNS for t in token.sent)

    def clause(self, head: Token) -> Span:
        """The clause of a stance: its head's subtree without coordinated clauses after it."""
        kept = []
        stack = [head]
        while stack:
            node = stack.pop()
            kept.append(node.i)
            for child in node.children:
                if node is head and child.i > head.i and _separate_clause(child):
                    continue
                stack.append(child)
        return self.trim(min(kept), _right_end(head, max(kept)) + 1)

    def trim(self, start: int, end: int) -> Span:
        """Character span of tokens [start, end) without edge punctuation, "that", "and"."""
        doc = self.doc
        while start < end - 1 and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ in {"mark", "cc"}):
            start += 1
        while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc"):
            end -= 1
        return Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))

    def sentence_of(self, char: int) -> int:
        return bisect_right(self.sentence_starts, char) - 1


def _conjuncts(holder: Token) -> list[Token]:
    return [t for t in holder.conjuncts if t.i > holder.i]


def _after_connective(sentence: DocSpan) -> int:
    """Where a sentence starts after a connective such as "Thus," or "Meanwhile,"."""
    first = sentence[0]
    if first.dep_ == "advmod" and len(sentence) > 2 and sentence[1].text == ",":
        return sentence.start + 2
    return sentence.start


def _phrasal(token: Token) -> str | None:
    for child in token.children:
        stance = PHRASAL.get((token.lemma_.lower(), child.lower_))
        if stance and child.dep_ in {"prep", "prt"}:
            return stance
    return None


def _climb_xcomp(token: Token) -> Token:
    """ "Russia continues to demand": the clause and its subject belong to "continues"."""
    while token.dep_ == "xcomp" and token.head.i != token.i and token.head.pos_ in {"VERB", "AUX"}:
        token = token.head
    return token


def _subject(head: Token) -> Token | None:
    """The holder: the subject, the agent of a passive, or the subject of the verb a
    coordinated one shares it with ("rejects the plan and demands ...")."""
    node = head
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in node.children):
            return None  # "the contacts are being kept from ...": no agent, no holder
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if node.dep_ != "conj" or node.head.i == node.i:
            return None
        node = node.head
    return None


def _noun_holder(noun: Token) -> Token | None:
    """ "Russia's demands", "the demands of the Russian Federation", "a proposal by Kyiv"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in {"of", "by", "from"}:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _separate_clause(child: Token) -> bool:
    if child.dep_ in {"conj", "parataxis"} and child.pos_ in {"VERB", "AUX"}:
        return True
    return child.dep_ == "punct" and child.text in {";", ":"}


def _right_end(head: Token, last: int) -> int:
    # Stop before a ";" inside the kept subtree: what follows is another statement.
    for token in head.doc[head.i : last + 1]:
        if token.text == ";":
            return token.i - 1
    return last


def _char_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text))


def _cue_span(token: Token) -> Span:
    """The stance words: "is seeking", "ready", "demands"."""
    aux = [c for c in token.children if c.dep_ in {"aux", "auxpass"} and c.i < token.i and c.i >= token.i - 3]
    start = min([token.idx] + [a.idx for a in aux])
    return Span(start, token.idx + len(token.text))
