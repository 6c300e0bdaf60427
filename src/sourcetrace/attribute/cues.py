"""Rules that find attributions on the parse: each returns `Finding`s, resolves nothing.

- `verb_cues`: "X said that ...", "..., X said.", "Acts of protest, X said, are ...",
  "It is noted that ...", "X told me ...", "This opinion was expressed by X",
  "X spoke about this", "Media notice attempts to ...", "X called A the B",
  "X accused A of B", "A was blamed for B" (agentless, or "by X").
- `according_to`: "According to X, ...", "The side, according to X, is ...".
- `noun_cues`: "X's statements that ...", "X expressed confidence that ...".
- `hearsay`: "information is appearing that ...", "rumours circulate that ...".
Direct quotes without a parsed cue are found in `quoted.py`; citing ("X, citing Y") is
attached to findings in `attach_citing`.
"""

from __future__ import annotations

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from .context import Context, Finding, TokenRange
from .lexicon import (
    ACCUSATION_PREPOSITIONS,
    ACCUSATION_VERBS,
    BACKWARD_NOUNS,
    CITING_VERBS,
    CUE_NOUNS,
    LIGHT_CUE_VERBS,
    OBJECT_CUE_VERBS,
    SPEECH_VERBS,
)
from .syntax import NoSubject, child, children, is_passive, minus, phrase, subject_of, subtree_range, trim

HEARSAY_VERBS = frozenset("appear emerge circulate surface spread".split())
RECIPIENT_VERBS = frozenset("tell inform assure notify brief remind".split())
REFUSALS = frozenset("decline refuse fail".split())
DEMONSTRATIVES = frozenset("this that it so these those such".split())


def verb_cues(ctx: Context) -> list[Finding]:
    findings = []
    for token in ctx.doc:
        if token.pos_ not in {"VERB", "AUX"} or token.lemma_.lower() not in SPEECH_VERBS:
            continue
        if token.dep_ in {"amod", "compound"} or declined(token):  # "the said document"
            continue
        try:
            source = subject_of(token)
        except NoSubject:
            continue
        finding = _verb_finding(ctx, token, source)
        if finding is not None:
            findings.append(finding)
    return findings


def _verb_finding(ctx: Context, verb: Token, source: Token | None) -> Finding | None:
    doc = ctx.doc
    src = source_phrase(verb, source) if source is not None else None
    cue = _cue_range(verb)
    recipient = child(verb, "dobj", "dative") if verb.lemma_.lower() in RECIPIENT_VERBS else None
    reporter = phrase(recipient) if recipient is not None else None
    content = _clausal_content(ctx, verb)
    if content:
        return Finding("verb", cue, content, src, reporter=reporter)
    inverted = _inverted_content(verb)
    if inverted:
        return Finding("inverted", cue, inverted, src, reporter=reporter)
    accused = _accusation(verb)
    if accused and (source is not None or is_passive(verb)):
        if src is not None and src.end > accused[-1][0] > src.start:  # "by the inspectorate of fraud"
            src = src.doc[src.start : accused[-1][0]]
        return Finding("accusation", cue, accused, src)
    named = _called(verb)
    if named is not None and source is not None:  # "He called it “a price control”"
        return Finding("object", cue, [named], src)
    if verb.dep_ == "advcl" and _introduced_by_as(verb):
        # "As the newspaper writes (with reference to Y), the plan will be approved."
        parts = minus(subtree_range(verb.head), subtree_range(verb), doc)
        if parts and source is not None:
            return Finding("as_writes", cue, parts, src)
    if verb.dep_ == "parataxis" and source is not None and child(verb, "dobj") is None:
        parts = minus(subtree_range(verb.head), subtree_range(verb), doc)
        if parts:
            return Finding("parenthetical", cue, parts, src)
    backward = _backward_content(ctx, verb)
    if backward is not None and source is not None:
        return Finding("backward", cue, [backward], src, reporter=reporter, backward=True)
    obj = child(verb, "dobj")
    if obj is not None and source is not None:
        return _object_finding(verb, obj, cue, src)
    return None


def source_phrase(verb: Token, source: Token) -> DocSpan:
    """The source phrase, mended where the small parser splits one name in two:
    "Military expert, reserve colonel Igor Sotnikov told" (two subjects), "The newspaper
    The Capitol Herald writes" (a relative clause), "As the channel Bessarabia Today writes"."""
    doc = verb.doc
    span = phrase(source)
    start, end = span.start, span.end
    subjects = [c for c in children(verb, "nsubj") if c.i != source.i]
    for other in subjects:
        other_span = phrase(other)
        if other_span.end <= start and all(t.is_punct for t in doc[other_span.end : start]):
            start = other_span.start
        elif other_span.start >= end and all(t.is_punct for t in doc[end : other_span.start]):
            end = other_span.end
    head = verb.head
    if verb.dep_ == "relcl" and source.dep_ == "nsubj" and head.i < start and head.pos_ in {"NOUN", "PROPN"}:
        if all(t.pos_ in {"DET", "PROPN", "ADJ", "PUNCT"} for t in doc[head.i + 1 : start]):
            start = head.left_edge.i
    as_prep = next((c for c in verb.lefts if c.dep_ in {"prep", "mark"} and c.lower_ == "as"), None)
    if as_prep is not None and as_prep.right_edge.i + 1 == start:
        start = as_prep.i + 1
    return doc[start:end] if (start, end) != (span.start, span.end) else span


def declined(verb: Token) -> bool:
    """ "declined to comment", "refused to say", "did not say": no statement was made."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSALS


def _inverted_content(verb: Token) -> list[TokenRange]:
    """ "X reported, citing Y, that Berlin fears ...": the parser made the report a ccomp of
    the reported clause's verb, whose "that" gives the inversion away."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.i < verb.i or not _has_that(head):
        return []
    return minus(subtree_range(head), subtree_range(verb), verb.doc)


def _accusation(verb: Token) -> list[TokenRange]:
    """Whom an accusation verb accuses and of what: "accused [the board of ignoring
    warnings]", "[Russian spies] were blamed [for the rift]". The accused alone, or the
    charge alone, says nothing checkable; both must be there."""
    if (
        verb.lemma_.lower() not in ACCUSATION_VERBS
        or child(verb, "prep") is not None
        and any(c.lower_ == "according" for c in verb.children)
    ):
        return []  # "is suspected of X, according to Y": Y's attribution holds it
    accused = child(verb, "nsubjpass") if is_passive(verb) else child(verb, "dobj")
    if accused is None:
        return []
    agent = child(verb, "agent")
    holders = [verb, accused] + ([c for c in agent.children if c.dep_ == "pobj"] if agent is not None else [])
    charge = next(
        (
            c
            for h in holders
            for c in h.children
            if c.dep_ == "prep" and c.lower_ in ACCUSATION_PREPOSITIONS and child(c, "pobj", "pcomp") is not None
        ),
        None,
    )
    if charge is None:
        return []
    if charge.head == accused:  # "the board of ignoring warnings": one phrase
        return [subtree_range(accused)]
    whom, what = subtree_range(accused), subtree_range(charge)
    if whom[1] == what[0]:
        return [(whom[0], what[1])]
    return sorted([whom, what])


def _introduced_by_as(verb: Token) -> bool:
    """ "As X writes, ...": "as" as a marker, or as a preposition the parser hung there."""
    first = next(verb.lefts, None)
    return any(c.lower_ == "as" and c.dep_ in {"mark", "prep"} for c in verb.lefts) and first is not None


def _has_that(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def _called(verb: Token) -> TokenRange | None:
    if verb.lemma_.lower() != "call":
        return None
    obj = child(verb, "dobj")
    second = child(verb, "oprd", "xcomp", "ccomp") or next(
        (c for c in children(verb, "dobj") if obj is not None and c.i > obj.i), None
    )
    if second is None or obj is None or second.i < obj.i:
        return None
    if obj.lower_ in {"it", "this", "that", "them", "what"}:
        return subtree_range(second)
    return subtree_range(obj)[0], subtree_range(second)[1]


def _cue_range(verb: Token) -> TokenRange:
    """The cue words: the verb with its particle and a noun cue it governs ("expressed confidence")."""
    start, end = verb.i, verb.i + 1
    for c in verb.children:
        if c.dep_ == "prt" and c.i == end:
            end += 1
        if c.dep_ == "dobj" and c.lemma_.lower() in CUE_NOUNS and c.i <= end + 2:
            end = c.i + 1
        if (
            c.dep_ in {"aux", "auxpass", "neg"}
            and c.i == start - 1
            and c.lower_ in {"is", "was", "were", "are", "been", "be", "has", "have", "had"}
        ):
            start = c.i
    return start, end


def _clausal_content(ctx: Context, verb: Token) -> list[TokenRange]:
    parts = []
    for comp in children(verb, "ccomp"):
        if comp.i < verb.i and _semicolon_between(ctx, comp.right_edge.i, verb.i):
            continue  # "A stated X; B expressed this view": X is not B's content
        if comp.i < verb.i and _has_that(verb) and comp.lemma_.lower() in SPEECH_VERBS:
            continue  # an inverted parse: the ccomp is the report, this verb its content
        start, end = subtree_range(comp)
        start = _after_leading_citing(comp, start)
        if end - start >= 2:
            parts.append((start, end))
    for noun in children(verb, "dobj"):  # "expressed confidence that ..."
        if noun.lemma_.lower() in CUE_NOUNS:
            parts.extend(_that_clauses(noun))
    if not parts:  # "told the paper in an interview that ...": the clause hangs on the noun
        for prep in children(verb, "prep"):
            for noun in children(prep, "pobj"):
                parts.extend(_that_clauses(noun))
    if not parts:  # "X reported, citing Y, that ...": the parser hangs the clause on "citing"
        for citing in children(verb, "advcl"):
            if citing.lemma_.lower() in CITING_VERBS:
                parts.extend(subtree_range(c) for c in children(citing, "ccomp") if c.i > citing.i and _has_that(c))
    parts.sort()
    if parts and parts[-1][0] > verb.i:
        parts[-1] = (parts[-1][0], _run_on_end(ctx, verb, parts[-1][1]))
    return parts


def _after_leading_citing(comp: Token, start: int) -> int:
    """ "reported, citing two sources, that the coalition would collapse": the parser can hang
    "citing ..." on the reported clause; it says whom the reporter relies on (a chain link,
    `attach_citing`), not what was reported, so the content starts after it."""
    doc = comp.doc
    for citing in children(comp, "advcl"):
        if citing.left_edge.i == start and citing.lemma_.lower() in CITING_VERBS and _has_that(comp):
            start = citing.right_edge.i + 1
            while start < comp.i and doc[start].is_punct:
                start += 1
    return start


def _run_on_end(ctx: Context, verb: Token, end: int) -> int:
    """ "that allies can not only side with X, but also organize Y": the parser often hangs
    the second half on the cue verb; a subjectless, non-speech conjunct continues the content."""
    for conj in children(verb, "conj"):
        if conj.i < end or child(conj, "nsubj", "nsubjpass") or conj.lemma_.lower() in SPEECH_VERBS:
            continue
        gap = ctx.doc[end : conj.left_edge.i]
        if all(t.is_punct or t.pos_ in {"CCONJ", "ADV"} for t in gap):
            end = trim(ctx.doc, end, conj.right_edge.i + 1)[1]
    return end


def _semicolon_between(ctx: Context, left: int, right: int) -> bool:
    return any(t.text == ";" for t in ctx.doc[left:right])


def _that_clauses(noun: Token) -> list[TokenRange]:
    clauses = []
    for c in noun.rights:
        if c.dep_ in {"acl", "ccomp", "relcl"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            clauses.append(subtree_range(c))
    return clauses


def _backward_content(ctx: Context, verb: Token) -> TokenRange | None:
    """Content named by a backward reference: "spoke about this", "This opinion was expressed"."""
    about = [p for p in children(verb, "prep") if p.lower_ in {"about", "of", "on"}]
    refs = [c for p in about for c in children(p, "pobj")]
    refs += children(verb, "dobj", "nsubjpass")
    for ref in refs:
        if _is_backward_reference(ref):
            return previous_clause(ctx, verb)
    return None


def _is_backward_reference(ref: Token) -> bool:
    if ref.lower_ in DEMONSTRATIVES and ref.pos_ in {"PRON", "DET"}:
        return True
    noun_ok = ref.lemma_.lower() in BACKWARD_NOUNS
    has_det = any(c.lower_ in {"this", "that", "such", "these", "those"} for c in ref.children)
    return noun_ok and has_det


def previous_clause(ctx: Context, token: Token) -> TokenRange | None:
    """The clause before a backward reference: before a ';' in its sentence, else the sentence before."""
    sent = ctx.sentence(token)
    semis = [t.i for t in sent if t.text == ";" and t.i < token.i]
    if semis:
        return trim(ctx.doc, sent.start, semis[-1])
    index = ctx.sentence_of[token.i]
    for previous in reversed(ctx.sentences[:index]):
        start, end = trim(ctx.doc, previous.start, previous.end)
        if end > start:
            return start, end
    return None


def _object_finding(verb: Token, obj: Token, cue: TokenRange, src: DocSpan) -> Finding | None:
    lemma = verb.lemma_.lower()
    if lemma not in OBJECT_CUE_VERBS or obj.pos_ == "PRON":
        return None
    start, end = subtree_range(obj)
    if end - start < 3:
        return None
    return Finding("object", cue, [(start, end)], src)


def noun_cues(ctx: Context) -> list[Finding]:
    """ "X's statements that ..." and "a statement by X that ..." (verb-governed ones are verb cues)."""
    findings = []
    for token in ctx.doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in CUE_NOUNS:
            continue
        if token.dep_ == "dobj" and token.head.lemma_.lower() in LIGHT_CUE_VERBS | SPEECH_VERBS:
            continue  # handled with its verb
        clauses = _that_clauses(token)
        holder = child(token, "poss")
        if holder is None:
            by = next((p for p in children(token, "prep") if p.lower_ in {"by", "of", "from"}), None)
            holder = child(by, "pobj") if by is not None else None
            if holder is not None and holder.pos_ not in {"PROPN", "PRON"}:
                holder = None
        if clauses and holder is not None:
            findings.append(Finding("noun", (token.i, token.i + 1), clauses, phrase(holder)))
    return findings


def hearsay(ctx: Context) -> list[Finding]:
    findings = []
    for token in ctx.doc:
        if token.lemma_.lower() not in HEARSAY_VERBS:
            continue
        subject = child(token, "nsubj")
        comps = [subtree_range(c) for c in children(token, "ccomp")]
        if subject is not None and subject.lemma_.lower() in CUE_NOUNS and comps:
            findings.append(Finding("hearsay", (token.i, token.i + 1), comps, phrase(subject)))
    return findings


def attach_citing(ctx: Context, findings: list[Finding]) -> None:
    """ "X spoke about this, citing Y" / "as X writes with reference to Y": Y backs X's claim."""
    for token in ctx.doc:
        cited = _cited_by(token)
        if cited is None:
            continue
        owner = _owner(ctx, token, findings) or _closing_citation(ctx, token, findings)
        if owner is not None and owner.cited is None:
            owner.cited = phrase(cited)


def _closing_citation(ctx: Context, token: Token, findings: list[Finding]) -> Finding | None:
    """ "According to X, <content>, citing Y": the citing phrase closes X's content; it says
    whom X relies on and is no part of what X said, so the content ends before its comma."""
    comma = token.i - 1
    if comma < 0 or ctx.doc[comma].text != ",":
        return None
    for finding in findings:
        last_start, last_end = finding.content[-1]
        if finding.cited is None and last_start < comma < token.i < last_end and finding.cue[1] <= last_start:
            finding.content[-1] = (last_start, comma)
            return finding
    return None


def _cited_by(token: Token) -> Token | None:
    lemma = token.lemma_.lower()
    if lemma in CITING_VERBS and token.pos_ == "VERB":
        obj = child(token, "dobj") or next(
            (child(p, "pobj") for p in children(token, "prep") if p.lower_ == "to"), None
        )
    elif token.lower_ == "reference" and token.head.lower_ == "with":
        obj = next((child(p, "pobj") for p in children(token, "prep") if p.lower_ == "to"), None)
    else:
        return None
    if obj is None:
        return None
    # "citing information from anonymous officials": the officials, not the information.
    inner = next((child(p, "pobj") for p in children(obj, "prep") if p.lower_ in {"from", "of", "by"}), None)
    if inner is not None and obj.lemma_.lower() in {"information", "data", "report", "word", "source", "statement"}:
        return inner
    return obj


def _owner(ctx: Context, token: Token, findings: list[Finding]) -> Finding | None:
    """The finding a citing phrase belongs to: its governing cue, else the nearest in the sentence."""
    for ancestor in token.ancestors:
        for f in findings:
            if f.cue[0] <= ancestor.i < f.cue[1]:
                return f
    sentence = ctx.sentence_of[token.i]
    same = [
        f for f in findings if ctx.sentence_of[f.cue[0]] == sentence and not any(s <= token.i < e for s, e in f.content)
    ]
    return min(same, key=lambda f: abs(f.cue[0] - token.i), default=None)
