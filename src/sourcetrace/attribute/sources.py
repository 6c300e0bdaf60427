"""Who a source phrase names, and what kind of source it is.

Resolution follows the article as a reader does: a pronoun goes to the person in focus
(the source of a report in that sentence or the one before, else its subject), "the
journalist" to the person described as one, "the newspaper" to the outlet named before,
"me" in a reporter's text to that reporter, and a surname to the full name.
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from ..article import Source, Span
from ..names import name_key
from .context import Context
from .lexicon import (
    ANONYMOUS_HEADS,
    CUE_NOUNS,
    DOCUMENT_HEADS,
    FIRST_PERSON,
    JOURNALIST_ROLES,
    NAME_PARTICLES,
    NON_PERSON_NAME_WORDS,
    ORGANIZATION_NOUNS,
    OUTLET_NOUNS,
    PERSON_ROLE_NOUNS,
    THIRD_PERSON_PLURAL,
    THIRD_PERSON_SINGULAR,
    VAGUE_HEADS,
)
from .names import looks_like_person_name
from .syntax import phrase

# Heads that are common nouns even when a capital at the start of a sentence makes them PROPN.
COMMON_HEADS = CUE_NOUNS | VAGUE_HEADS | DOCUMENT_HEADS | ANONYMOUS_HEADS
# Plural documents that are hearsay when bare: "reports say", "rumours have it".
HEARSAY_PLURALS = frozenset("report rumor rumour publication message news post".split())
# Plural roles that speak for an institution: "prosecutors said", "police said".
INSTITUTIONAL_PLURALS = frozenset("prosecutor police investigator authority".split())
PRINT_NOUNS = frozenset("newspaper paper publication magazine journal tabloid daily weekly edition".split())
BROADCAST_NOUNS = frozenset("broadcaster channel station network tv radio".split())
GENERIC_PERSON_NOUNS = frozenset("expert specialist analyst politician observer scholar military_man".split())
ANONYMIZERS = frozenset("anonymous unnamed unidentified undisclosed".split())
LOOKBACK_SENTENCES = 3


class Resolver:
    """Resolves source phrases in text order, remembering what it resolved."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.history: list[tuple[int, Source]] = []  # (token index, resolved source)

    def remember(self, token_index: int, source: Source) -> None:
        self.history.append((token_index, source))

    def resolve(self, span: DocSpan | None, speaker: Source | None = None) -> Source:
        """`speaker` is who is talking when the phrase sits inside their quote ("I", "we")."""
        if span is None or len(span) == 0:  # a finder's empty span (seen on fuzzed text) names no one
            return Source(span=None, kind="none")
        head = span_head(span)
        text_span = Span(span.start_char, span.end_char)
        if head.pos_ == "PRON" or head.lower_ in FIRST_PERSON | THIRD_PERSON_SINGULAR:
            return self._pronoun(head, text_span, speaker)
        named = self._named(span)
        if named is not None:
            role = _role(span, named[0])
            if role is not None:  # so that a later "the expert" finds "military expert X"
                words = {t.lemma_.lower() for t in span if t.lemma_.lower() in PERSON_ROLE_NOUNS | OUTLET_NOUNS}
                self.ctx.names.roles.setdefault(named[0], set()).update(words)
            return Source(text_span, named[1], named[0], role)
        return Source(text_span, *self._common_noun(span))

    # -- pronouns ------------------------------------------------------------------

    def _pronoun(self, head: Token, text_span: Span, speaker: Source | None) -> Source:
        low = head.lower_
        antecedent = _antecedent(head)
        if antecedent is not None:  # "Senator Roth, who said ...": who is the senator
            found = self.resolve(antecedent)
            return Source(text_span, found.kind, found.entity, found.role)
        if low in FIRST_PERSON:
            found = speaker if speaker is not None and speaker.entity else self._reporter(head)
            if found is not None:
                return Source(text_span, found.kind, found.entity, found.role)
            return Source(text_span, "person")
        if low in THIRD_PERSON_SINGULAR:
            entity = self._person_in_focus(head)
            kind = self.ctx.names.kind_of(entity) if entity else None
            return Source(text_span, kind or "person", entity)
        if low in THIRD_PERSON_PLURAL:
            earlier = self._last_source(head, {"organization", "anonymous", "vague"})
            if earlier is not None:
                return Source(text_span, earlier.kind, earlier.entity)
            return Source(text_span, "vague")
        earlier = self._last_source(head, {"organization", "document"})
        if earlier is not None:
            return Source(text_span, earlier.kind, earlier.entity)
        return Source(text_span, "organization")

    def _person_in_focus(self, pronoun: Token) -> str | None:
        current = self.ctx.sentence_of[pronoun.i]
        for sentence in range(current, max(-1, current - LOOKBACK_SENTENCES - 1), -1):
            reported = [
                s.entity
                for i, s in self.history
                if self.ctx.sentence_of[i] == sentence and i < pronoun.i and s.kind == "person" and s.entity
            ]
            mentions = [
                m
                for m in self.ctx.names.mentions
                if m.sentence == sentence and m.start < pronoun.i and m.kind == "person"
            ]
            subjects = [m.name for m in mentions if m.subject]
            if sentence == current:  # in its own sentence, the nearest one before it
                reported, subjects = reported[::-1], subjects[::-1]
            for candidates in (reported, subjects, [m.name for m in mentions][::-1]):
                if candidates:
                    return candidates[0]
        return None

    def _reporter(self, token: Token) -> Source | None:
        """ "me" outside quotes: the journalist whose report the article is relaying."""
        earlier = [s for i, s in self.history if i < token.i and s.kind == "person" and s.entity]
        journalists = [s for s in earlier if self.ctx.names.roles.get(s.entity, set()) & JOURNALIST_ROLES]
        pool = journalists or earlier
        return pool[-1] if pool else None

    def _last_source(self, token: Token, kinds: set[str]) -> Source | None:
        earlier = [s for i, s in self.history if i < token.i and s.kind in kinds]
        return earlier[-1] if earlier else None

    # -- names and common nouns ------------------------------------------------------

    def _named(self, span: DocSpan) -> tuple[str, str] | None:
        """(canonical name, kind) when the phrase is a name, or a role with a name in apposition."""
        names = self.ctx.names
        head = span_head(span)
        name_tokens = _name_tokens(head)
        outlet = _outlet_name(span)
        if outlet is not None:  # "the Turkish newspaper Bosphorus Daily"
            return outlet, "organization"
        if head.pos_ == "PROPN" and head.is_sent_start and head.lower_ in COMMON_HEADS:
            return None  # "Information appeared ...": a capital, not a name
        if head.lemma_.lower() in PERSON_ROLE_NOUNS | ANONYMOUS_HEADS or head.pos_ != "PROPN":
            # "retired colonel Anatoly Matviychuk", "the Secretary of ..., Alexei Danilov"
            person = _apposed_name(span, self.ctx)
            if person is not None:
                return names.canonical(person), "person"
            if head.pos_ != "PROPN" or _title_only(name_tokens):
                return None  # "the President noted": a title standing for a person named before
        text = " ".join(t.text for t in name_tokens)
        described = any(
            t.lemma_.lower() in PERSON_ROLE_NOUNS for t in span if t not in name_tokens and t.i < head.i
        )  # "Political scientist Ana Lupu", even where the tagger saw no person
        company = any(t.lower_ in NON_PERSON_NAME_WORDS for t in name_tokens)  # "Bramwell Logistics"
        if not company and (head.ent_type_ == "PERSON" or described or names.is_person_surname(name_tokens[-1].text)):
            return names.canonical(text), "person"
        ent = next((e for e in self.ctx.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and looks_like_person_name(ent, self.ctx.doc):
            return names.canonical(ent.text), "person"
        name = ent.text if ent is not None else text
        name = name[4:] if name.lower().startswith("the ") else name
        return name, "organization"

    def _common_noun(self, span: DocSpan) -> tuple[str, str | None]:
        head = span_head(span)
        lemma = head.lemma_.lower()
        modifiers = {t.lower_ for t in span if t.i != head.i}
        definite = (
            span[0].lower_ in {"the", "this", "that"}
            or any(t.lower_ in {"the", "this", "that"} for t in head.children)
            or (head.pos_ == "PROPN" and head.text[:1].isupper())
        )  # "President noted"
        plural = head.tag_ in {"NNS", "NNPS"}
        if modifiers & ANONYMIZERS:
            return "anonymous", None
        partitive = _partitive(head)
        if partitive is not None:  # "one of those officials" is an official
            kind, _ = self._common_noun(partitive)
            return ("anonymous" if kind == "vague" and head.lower_ == "one" else kind), None
        outlet = self._outlet(head) if lemma in OUTLET_NOUNS and definite else None
        if outlet is not None:  # "the paper" after "The Izvestia newspaper reported"
            return "organization", outlet
        if lemma in INSTITUTIONAL_PLURALS and (plural or lemma == "police"):
            return "organization", None  # "prosecutors said": the office speaking
        if lemma in DOCUMENT_HEADS and not (plural and not definite and lemma in HEARSAY_PLURALS):
            return "document", None
        if lemma in ANONYMOUS_HEADS:
            return "anonymous", None
        if lemma in PERSON_ROLE_NOUNS and definite:
            entity = self._described(head, lemma)
            if entity is None and plural:
                return "vague", None  # "the authors", "the officials" named nowhere
            return "person", entity
        if lemma in OUTLET_NOUNS | ORGANIZATION_NOUNS:
            return "organization", self._organization(head, lemma) if definite else None
        # "two people familiar with the matter", "a resident": counted, so specific.
        counted = any(c.dep_ == "nummod" or c.lower_ in {"a", "an", "one", "another"} for c in head.children)
        if counted:
            return "anonymous", None
        if lemma in VAGUE_HEADS or lemma in HEARSAY_PLURALS:
            return "vague", None
        if lemma in PERSON_ROLE_NOUNS:
            return ("vague", None) if plural else ("anonymous", None)
        return "vague", None

    def _described(self, head: Token, lemma: str) -> str | None:
        """ "the journalist" → the person an earlier mention called a journalist."""
        for mention in reversed(self.ctx.names.mentions):
            if mention.start < head.i and lemma in self.ctx.names.roles.get(mention.name, set()):
                return mention.name
        for i, source in reversed(self.history):  # "the politician" after "the party leader X said"
            if i < head.i and lemma in self.ctx.names.roles.get(source.entity or "", set()):
                return source.entity
        if lemma in GENERIC_PERSON_NOUNS:  # "the expert" after "the economist Yuri Belkin said"
            current = self.ctx.sentence_of[head.i]
            for i, source in reversed(self.history):
                if i < head.i and current - self.ctx.sentence_of[i] <= LOOKBACK_SENTENCES:
                    if source.kind == "person" and source.entity and self.ctx.names.roles.get(source.entity):
                        return source.entity
        return None

    def _organization(self, head: Token, lemma: str) -> str | None:
        """ "the company" → the company named before; "the ministry" → a ministry named before."""
        for mention in reversed(self.ctx.names.mentions):
            if mention.start >= head.i or mention.kind != "organization" or mention.label != "ORG":
                continue
            if lemma in mention.name.lower() or lemma in {"company", "firm", "corporation"}:
                return mention.name
        return None

    def outlet_within(self, span: DocSpan) -> Source | None:
        """ "a source of the RIA Sever agency", "interlocutors of the publication": the outlet
        inside an unnamed source's phrase passed the claim on."""
        for token in span:
            if token.dep_ == "pobj" and token.head.lower_ in {"of", "at", "from", "in"}:
                inner = phrase(token)
                found = self.resolve(inner)
                if found.kind == "organization" and found.entity and self.ctx.names.is_outlet(found.entity):
                    return found
        return None

    def _outlet(self, head: Token) -> str | None:
        """ "the newspaper" → the outlet named before: one called the same first, then one of the
        same medium ("the newspaper" skips "the broadcaster BTV"), then any."""
        names, lemma = self.ctx.names, head.lemma_.lower()
        outlets = [
            m.name
            for m in reversed(names.mentions)
            if m.start < head.i and m.kind == "organization" and names.is_outlet(m.name)
        ]
        same = [o for o in outlets if lemma in names.roles.get(o, set())]
        if lemma in PRINT_NOUNS:
            medium = [o for o in outlets if not names.roles.get(o, set()) & BROADCAST_NOUNS]
        else:
            medium = [o for o in outlets if names.roles.get(o, set()) & BROADCAST_NOUNS]
        for pool in (same, medium, outlets):
            if pool:
                return pool[0]
        return None


TITLE_WORDS = PERSON_ROLE_NOUNS | frozenset("of state deputy prime first vice acting former the".split())


def _title_only(tokens: list[Token]) -> bool:
    """ "President", "Head of State", "Deputy Head": titles with no name in them."""
    return all(t.lemma_.lower() in TITLE_WORDS or t.lower_ in TITLE_WORDS for t in tokens)


def _partitive(head: Token) -> DocSpan | None:
    if head.lower_ not in {"one", "some", "two", "three", "several", "many", "most", "none", "each"}:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return phrase(pobj) if pobj is not None else None


def span_head(span: DocSpan) -> Token:
    """The word a phrase is about. Where a misparse leaves several words attached outside the
    phrase ("Military expert, reserve colonel Igor Sotnikov"), the name among them wins."""
    tops = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    if len(tops) <= 1:
        return span.root
    named = [t for t in tops if t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG"}]
    return (named or tops)[-1]


def _outlet_name(span: DocSpan) -> str | None:
    """The name in a phrase that calls it an outlet: "the newspaper X", "X agency"."""
    root = span_head(span)
    described = [root] + [c for c in root.children if c.dep_ in {"compound", "appos", "nmod"}]
    if not any(t.lemma_.lower() in OUTLET_NOUNS for t in described):
        return None
    noun = next(t for t in described if t.lemma_.lower() in OUTLET_NOUNS)
    # The name after the noun ("the newspaper Bosphorus Daily"), else before it ("The Izvestia newspaper").
    after = []
    for t in span.doc[noun.i + 1 : span.end]:
        if not (t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN"}):
            break
        after.append(t)
    before = [t for t in span.doc[span.start : noun.i] if t.pos_ == "PROPN"]
    name = after or before
    return " ".join(t.text for t in name) if name else None


def _name_tokens(head: Token) -> list[Token]:
    """The proper-noun run a head belongs to: "Vladimir Putin" for "Putin"."""
    tokens = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    tokens = [t for t in tokens if t.lower_ not in {"president", "mr.", "mrs.", "ms.", "dr."}]
    if tokens:  # "Anna de la Cruz": the particles between the name's words belong to it
        first = min(t.i for t in tokens)
        doc = head.doc
        tokens += [doc[i] for i in range(first, head.i) if doc[i].lower_ in NAME_PARTICLES]
    return sorted(set(tokens + [head]), key=lambda t: t.i)


def _apposed_name(span: DocSpan, ctx: Context) -> str | None:
    """A person's name inside a role phrase, as an apposition or a compound of its head."""
    for ent in ctx.doc.ents:
        if span.start <= ent.start and ent.end <= span.end and looks_like_person_name(ent, ctx.doc):
            # Apposed or compounded, not a possessor or modifier: "Mr. Trump's performance" is no person.
            attached = ent.root.dep_ in {"appos", "compound"} or (
                ent.root.head.i == span_head(span).i and ent.root.dep_ not in {"poss", "prep", "pobj", "amod"}
            )
            if attached:
                return ent.text
    return None


def _role(span: DocSpan, name: str) -> str | None:
    """The words around a name that say who the person is: "Russian political scientist"."""
    name_words = {name_key(w) for w in name.split()}
    # Drop the name in any spelling, and the possessive ending that hangs on it
    # ("Putin's adviser" keeps "adviser").
    words = [
        t
        for t in span
        if name_key(t.text) not in name_words
        and not (t.tag_ == "POS" and t.i > 0 and name_key(span.doc[t.i - 1].text) in name_words)
    ]
    while words and (words[0].is_punct or words[0].lower_ == "the"):
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    if not any(t.is_alpha and t.pos_ != "DET" for t in words):
        return None
    return "".join(t.text_with_ws for t in words).strip(" ,")


def _antecedent(pronoun: Token) -> DocSpan | None:
    """The noun phrase a relative pronoun stands for, without the relative clause:
    "who" in "Senator Ana Roth, who has long opposed the plan" → "Senator Ana Roth"."""
    if pronoun.tag_ not in {"WP", "WDT"} or pronoun.head.dep_ != "relcl":
        return None
    noun = pronoun.head.head
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    return noun.doc[noun.left_edge.i : noun.i + 1]
