"""Attributions carried by a phrase rather than a verb's arguments.

- "According to X, C" and "The side, according to X, is C" (C around the phrase).
- "In his opinion, C" / "In the view of X, C".
- "As the newspaper writes, C" when the parser missed the verb ("clarifies" as a noun).
- "SPEAKER: what they said" at the start of a line, as in transcripts and interviews.
- "“What they said.” ― Name" on a line of its own: a quote signed with a dash, as in
  round-ups of reactions, epigraphs and quoted posts.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from .context import Context, Finding
from .lexicon import NAME_PARTICLES, SPEECH_VERBS
from .syntax import child, minus, phrase, subtree_range, trim

# A line that opens with a name and a colon: "HOLT: Good evening", "Sen. Mary Holt: We will";
# a transcript quoted as a whole opens each turn with a quotation mark: "\"HOLT: Good evening".
SPEAKER_LINE = re.compile(r"^[\"“]?((?:[A-Z][\w.'’-]*\.? ?){1,4}):[ \t]+\S")
# A line that is a quotation signed with a dash: "“We were heard.” ― Ana Ruiz, 34, Tucson".
# The name ends at a comma, a bracket ("(@handle)") or the end of the line.
SIGNED_QUOTE = re.compile(
    r"^\s*(?P<quote>[“\"”‘«].*[”\"’»][.,]?)[ \t\xa0]*(?P<dash>―|—|–|--|-)[ \t\xa0]*"
    r"(?P<name>[^\s,(][^,(]*?)[ \t\xa0.]*(?:[,(].*)?$"
)
# A turn's label in an interview or a press transcript, the colon after a name: "President
# of Russia Vladimir Putin", "Shen Haixiong(retranslated)", "Q". Press offices run the turns
# on in one paragraph ("... markets? Vladimir Putin: Yes, ..."), so a label also follows the
# end of a sentence, not only the start of a line.
LABEL_COLON = re.compile(r"(?:[ \t]*\([^()\n]{1,40}\))?:(?=[ \t]+\S|[…“\"«A-Z])")  # "Putin:…I", "Putin:I"
LABEL_WORD = re.compile(
    r"[\"“]?(?:((?:(?:al|el|an|ar|as|ad|ash|at|az|bin|ibn|abu|ul)-)?[A-Z][\w'’.-]*)|("  # "Abdel Fattah el-Sisi"
    + "|".join(sorted(NAME_PARTICLES | {"of", "the"}))
    + r"))"
)
LABEL_WORDS = 12  # "Accounts Chamber Chairman Alexei Kudrin Kudrin AlexeiChairman of the Accounts Chamber"
SENTENCE_ENDS = frozenset(".?!…”»)*\n")
TITLE_ABBREVIATIONS = frozenset("mr mrs ms mx dr st sen rep gov gen col lt capt prof rev hon jr sr".split())
QA_LABELS = frozenset("q a question answer".split())
NAME_WORDS = 6
NOT_SPEAKERS = frozenset(
    "update photo photos video note correction source sources watch listen read related see "
    "q a editor editor's disclaimer warning breaking live advertisement caption credit "
    "subscribe tags share comments clarification email newsletter exclusive name byline dateline".split()
) | {"the latest"}
OPINION_NOUNS = frozenset("opinion view words estimation assessment judgment judgement understanding belief".split())


def according_to(ctx: Context) -> list[Finding]:
    findings = []
    for token in ctx.doc:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = child(to, "pobj") if to is not None else None
        if obj is None:
            continue
        head = token.head if token.head.i != token.i else token
        clause = _clause_of(ctx, token)
        source = phrase(obj)
        hole = (token.i, token.right_edge.i + 1)
        subject = _misattached_subject(head, obj)
        if subject is not None:  # "According to X, Valery Zaluzhny has ...": the name is the subject
            source = ctx.doc[source.start : min(source.end, subject.left_edge.i)]
            source = ctx.doc.__getitem__(slice(*trim(ctx.doc, source.start, source.end)))
            hole = (token.i, subject.left_edge.i)
        parts = minus(clause, hole, ctx.doc)
        if parts and len(source):
            findings.append(Finding("according", (token.i, to.i + 1), parts, source))
    return findings


def _misattached_subject(head: Token, obj: Token) -> Token | None:
    """An apposition the parser hung on the source that is really the clause's subject."""
    if head.pos_ not in {"VERB", "AUX"} or child(head, "nsubj", "nsubjpass", "expl", "csubj"):
        return None
    appos = [c for c in obj.subtree if c.dep_ == "appos" and c.right_edge.i + 1 == head.i - _aux_count(head)]
    return appos[-1] if appos else None


def _aux_count(head: Token) -> int:
    return sum(1 for c in head.lefts if c.dep_ in {"aux", "auxpass", "neg", "advmod"} and c.i > head.i - 4)


def _clause_of(ctx: Context, token: Token) -> tuple[int, int]:
    head = token.head if token.head.i != token.i else token
    sent = ctx.sentence(token)
    if head.dep_ == "ROOT" or head == token:
        return sent.start, sent.end
    return subtree_range(head)


def in_opinion(ctx: Context) -> list[Finding]:
    """ "In his opinion, the West needs a pause": the holder is the possessor or the of-object."""
    findings = []
    for token in ctx.doc:
        if token.lower_ != "in" or token.dep_ != "prep":
            continue
        noun = child(token, "pobj")
        if noun is None or noun.lemma_.lower() not in OPINION_NOUNS:
            continue
        holder = child(noun, "poss") or next(
            (child(p, "pobj") for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"), None
        )
        if holder is None:
            continue
        parts = minus(_clause_of(ctx, token), (token.i, token.right_edge.i + 1), ctx.doc)
        if parts:
            findings.append(Finding("in_opinion", (token.i, noun.i + 1), parts, phrase(holder)))
    return findings


def as_reports(ctx: Context) -> list[Finding]:
    """ "As the newspaper clarifies, C": found on the words when the parse misses the verb."""
    findings = []
    for sent in ctx.sentences:
        words = [t for t in sent if not t.is_space]
        if len(words) < 5 or words[0].lower_ != "as":
            continue
        comma = next((t for t in words[1:12] if t.text == ","), None)
        if comma is None or comma.i < words[0].i + 3:
            continue
        verb = ctx.doc[comma.i - 1]
        if verb.pos_ == "VERB" or _speech_lemma(verb.lower_) is None:
            continue  # a real verb is found by the verb rules
        source = ctx.doc[words[0].i + 1 : verb.i]
        start, end = trim(ctx.doc, comma.i + 1, sent.end)
        if end > start and len(source):
            findings.append(Finding("as_reports", (verb.i, verb.i + 1), [(start, end)], source))
    return findings


def _speech_lemma(word: str) -> str | None:
    """ "clarifies" → "clarify", "writes" → "write", "noted" → "note": inflections the tagger missed."""
    for ending, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e")):
        if word.endswith(ending) and word[: -len(ending)] + replacement in SPEECH_VERBS:
            return word[: -len(ending)] + replacement
    return None


def speaker_lines(ctx: Context) -> list[Finding]:
    """ "TRUMP: We will win": the speaker before the colon is the source of the line. A text
    with two speakers' labels or more is laid out as turns (an interview, a press transcript,
    a debate): each speaker is the source of their turn, up to the next label."""
    labels = _labels(ctx)
    if sum(1 for label in labels if label.speaker) >= 2:
        return _turns(ctx, labels)
    findings = []
    offset = 0
    for line in ctx.text.split("\n"):
        match = SPEAKER_LINE.match(line)
        name = match.group(1).strip() if match else ""
        if match and not _not_a_speaker(name):
            name_start = offset + match.start(1)
            finding = _speaker_finding(ctx, name_start, name_start + len(name), offset + len(line))
            if finding is not None:
                findings.append(finding)
        offset += len(line) + 1
    return findings


class Label(NamedTuple):
    """A name and a colon where a turn may begin: `speaker` when it is one."""

    start: int  # characters of the name
    end: int
    colon: int  # character of the colon
    line_start: bool  # first on its line (else after a sentence, as press offices run turns on)
    named: bool = False  # reads as a name: it ends the turn before it
    speaker: bool = False  # and words said follow it: it opens a turn


def _labels(ctx: Context) -> list[Label]:
    """Every "Name:" that opens a line or follows the end of a sentence, in text order."""
    text = ctx.text
    candidates = []
    for match in LABEL_COLON.finditer(text):
        start = _name_start(text, match.start())
        if start is None:
            continue
        before = text[:start].rstrip(' \t"“')
        if before and before[-1] not in SENTENCE_ENDS:
            continue  # "the reason is simple: ..." and "He told Reuters: ..." go on a sentence
        candidates.append(Label(start, match.start(), match.end() - 1, not before or before[-1] == "\n"))
    labels = []
    for label, limit in zip(candidates, [c.start for c in candidates[1:]] + [len(text)]):
        named = _is_name(ctx, label)
        line_end = text.find("\n", label.colon, limit)
        said = named and _said_words(ctx, label.colon + 1, limit if line_end < 0 else line_end) is not None
        labels.append(label._replace(named=named, speaker=said))
    return labels


def _name_start(text: str, end: int) -> int | None:
    """Where the capitalised words (and name particles) just before `end` begin: "President
    of Russia Vladimir Putin", "Anna de la Cruz", "Q"; None when there are none."""
    start, words = end, []
    while len(words) < LABEL_WORDS:
        gap = start
        while gap > 0 and text[gap - 1] in " \t":
            gap -= 1
        if words and gap == start:
            break
        first = gap
        while first > 0 and not text[first - 1].isspace():
            first -= 1
        match = LABEL_WORD.fullmatch(text, first, gap)
        if match is None or (not words and match.group(2)) or _ends_sentence(match.group(1)):
            break  # the word before the colon is a capitalised one, not a particle
        words.append(match)
        start = match.start(1) if match.group(1) else match.start(2)
        if start > first:
            break  # an opening quotation mark: the name starts after it
    while words and words[-1].group(2):  # "of the Russian Federation:" begins no name
        words.pop()
    return (words[-1].start(1)) if words else None


def _ends_sentence(word: str | None) -> bool:
    """ "Russia." ends the sentence before a label; "Mr.", "Sen.", "K." and "U.S." are in names."""
    if not word or not word.endswith(".") or re.fullmatch(r"(?:[A-Z]\.)+", word):
        return False
    return word[:-1].lower() not in TITLE_ABBREVIATIONS


def _is_name(ctx: Context, label: Label) -> bool:
    """A label reads as a speaker's name (a turn opens where words said follow it). Within a
    paragraph, where a sentence may well open with "Moscow:", it must hold a proper noun or be
    a label such as "Q" or "PRESIDENT"."""
    doc, name = ctx.doc, ctx.text[label.start : label.end]
    qa_word = name.lower() in QA_LABELS
    if _not_a_speaker(name) and not qa_word:
        return False
    # the tokens wholly inside the name: "Haixiong(retranslated" is one token, and a verb
    source = doc.char_span(label.start, label.end, alignment_mode="contract")
    source = source if source else doc.char_span(label.start, label.end, alignment_mode="expand")
    if source is None or not _looks_like_name(source):
        return False
    return label.line_start or qa_word or name.isupper() or any(t.pos_ == "PROPN" for t in source)


def _turns(ctx: Context, labels: list[Label]) -> list[Finding]:
    """Each speaker's turn, from the colon to the next label: several paragraphs when the
    speaker goes on without a new label. A name with no words said after it ("Vladimir
    Putin: Mr Tokayev, Mr Pashinyan.") and a label at the start of a line that is nobody's
    ("Editor's Note:", "Iowa: Tim Albrecht, ...") still end the turn before them."""
    doc, text = ctx.doc, ctx.text
    ends = [label.start for label in labels if label.named or label.line_start] + [len(text)]
    names = {text[label.start : label.end] for label in labels if label.speaker}
    headline_end = text.find("\n") if "\n" in text else len(text)
    findings = []
    for label in labels:
        if not label.speaker:
            continue
        end = next(e for e in ends if e > label.colon)
        if label.start < headline_end:  # "Pence: ... Won't Be at Debate": a headline ends with its line
            end = min(end, headline_end)
        source = _speaker_name(ctx, label, names)
        colon = doc.char_span(label.colon, label.colon + 1, alignment_mode="expand")
        content = _said_words(ctx, label.colon + 1, end)
        if source is not None and colon is not None and content is not None:
            findings.append(Finding("speaker", (colon.start, colon.end), [content], source))
    return findings


def _speaker_name(ctx: Context, label: Label, names: set[str]) -> DocSpan | None:
    """The label's words that name the speaker: "President of Russia Vladimir Putin" is
    "Vladimir Putin" where another label says so, or where the tagger sees a person there."""
    text = ctx.text[label.start : label.end]
    shorter = [name for name in names if text.endswith(" " + name)]
    start = label.end - min(map(len, shorter)) if shorter else label.start
    span = ctx.doc.char_span(start, label.end, alignment_mode="expand")
    return _named_part(span) if span is not None and not shorter else span


def _named_part(label: DocSpan) -> DocSpan:
    """The person's name that ends a titled label, where the parse hangs it on the title
    ("President of ... Putin") and so the label's head is the title."""
    end = start = label.end
    while start > label.start and label.doc[start - 1].ent_type_ == "PERSON":
        start -= 1
    if start in (end, label.start) or label.root.ent_type_ == "PERSON" or label.root.dep_ == "appos":
        return label
    return label.doc[start:end]


def _said_words(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """The tokens of characters [start, end), trimmed, when they are words said: none when
    they are a list of names or numbers ("Iowa: Tim Albrecht, Brad Anderson", "Clinton: 1,769")."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    start, end = trim(doc, span.start, span.end)
    words = [t for t in doc[start:end] if t.is_alpha]
    if not words or (len(words) >= 3 and not any(t.pos_ in {"VERB", "AUX"} or t.is_lower for t in words)):
        return None
    return start, end


def _not_a_speaker(name: str) -> bool:
    """ "Editor's Note", "Delegate Update", "The Latest", "See also": page furniture."""
    words = name.lower().rstrip(".").replace("’", "'").split()
    return " ".join(words) in NOT_SPEAKERS or words[-1] in NOT_SPEAKERS or words[0] in {"see", "read"}


def _speaker_finding(ctx: Context, name_start: int, name_end: int, line_end: int) -> Finding | None:
    doc = ctx.doc
    source = doc.char_span(name_start, name_end, alignment_mode="expand")
    colon = doc.char_span(name_end, name_end + 1, alignment_mode="expand")
    if source is None or colon is None or not _looks_like_name(source):
        return None  # "Stealth Over Health: ...", "The Gap Goes On: ...": headlines, not speakers
    content = _said_words(ctx, name_end + 1, line_end)
    return Finding("speaker", (colon.start, colon.end), [content], source) if content is not None else None


def signed_quotes(ctx: Context) -> list[Finding]:
    """ "“What they said.” ― Name": a line that is a quotation signed with a dash. The name
    must look like one (capitalised words, no verb, a proper noun among them), so that
    "“We won” - Trump said" is left to the verb rules."""
    findings = []
    offset = 0
    for line in ctx.text.split("\n"):
        match = SIGNED_QUOTE.match(line)
        if match:
            finding = _signed_finding(ctx, offset, match)
            if finding is not None:
                findings.append(finding)
        offset += len(line) + 1
    return findings


def _signed_finding(ctx: Context, offset: int, match: re.Match) -> Finding | None:
    doc = ctx.doc
    words = match.group("name").split()
    if not 0 < len(words) <= NAME_WORDS or not all(w[:1].isupper() or w in NAME_PARTICLES for w in words):
        return None
    source = doc.char_span(offset + match.start("name"), offset + match.end("name"), alignment_mode="expand")
    dash = doc.char_span(offset + match.start("dash"), offset + match.end("dash"), alignment_mode="expand")
    quote = doc.char_span(offset + match.start("quote"), offset + match.end("quote"), alignment_mode="expand")
    if source is None or dash is None or quote is None or dash.start < quote.end:
        return None  # the dash is glued to a word ("voters-Ana"): no cue of its own
    if not _looks_like_name(source) or not any(t.pos_ == "PROPN" for t in source):
        return None
    start, end = trim(doc, quote.start, quote.end)
    if end <= start or not any(t.is_alpha for t in doc[start:end]):
        return None
    return Finding("signed_quote", (dash.start, dash.end), [(start, end)], source)


def _looks_like_name(span) -> bool:
    """No verb, and no preposition but "of" ("Bank of Lima"): "Stealth Over Health" and
    "The Gap Goes On" are headlines. (The tagger often reads "MODERATOR" as a noun.)"""
    return not any(t.pos_ in {"VERB", "AUX"} or (t.pos_ == "ADP" and t.lower_ != "of") for t in span)
