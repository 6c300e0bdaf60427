"""Claims: the sentences that state something checkable, and how each is sourced.

A claim is a sentence that asserts something: not a question, a greeting or boilerplate,
not an evaluation with nothing checkable in it, and not the frame of a report whose
content stands elsewhere ("This opinion was expressed by X." is X's report, the opinion
is the sentence before). Each claim links to the attributions whose content it lies in,
so its sourcing is read off them: the kind of the source at the end of the chain, how
many hands it passed through (hearsay depth), and the hedges that hold it at a distance.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span as DocSpan

from ..article import Article, Attribution, Span
from .hedges import Hedge, find_hedges

MIN_WORDS = 4
BOILERPLATE = re.compile(
    r"^\s*(thank(s| you)|good (morning|evening|afternoon)|hello|welcome|read (more|also)|"
    r"see also|related|subscribe|follow us|sign up|click|photo:|video:|advertisement)\b",
    re.IGNORECASE,
)
CHECKABLE_ENTS = frozenset(
    "PERSON ORG GPE NORP LOC FAC EVENT LAW DATE TIME PERCENT MONEY QUANTITY CARDINAL ORDINAL".split()
)

# Scores sentences (spaCy spans, whose tags and entities it may reuse) in [0, 1].
ClaimScorer = Callable[[list[DocSpan]], list[float]]


@dataclass(frozen=True)
class Claim:
    id: str
    span: Span
    checkworthiness: float  # 0..1, higher = more worth a fact-check
    attribution: str | None  # the attribution it is the content of, if any
    support: tuple[str, ...]  # every attribution whose content holds it
    source_kind: str  # kind at the end of the chain, or "unsourced"
    hearsay_depth: int  # links from the outlet to the source: 0 in the outlet's own voice
    hedges: tuple[Hedge, ...]
    # An unsourced sentence right after a report in the same paragraph (within two sentences)
    # most likely goes on relaying it: the report's id, shown as context, never as the source.
    # Across a paragraph break the article may as well have changed voice, so nothing is given.
    continues: str | None = None

    @property
    def stated_as_fact(self) -> bool:
        """Unsourced, unhedged and not continuing a report: the outlet's own assertion."""
        return self.source_kind == "unsourced" and not self.hedges and self.continues is None

    def to_json(self, text: str) -> dict[str, object]:
        out = self.span.to_json(text)
        out.update(
            id=self.id,
            checkworthiness=round(self.checkworthiness, 4),
            attribution=self.attribution,
            support=list(self.support),
            source_kind=self.source_kind,
            hearsay_depth=self.hearsay_depth,
            continues=self.continues,
            hedges=[h.to_json() for h in self.hedges],
            stated_as_fact=self.stated_as_fact,
        )
        return {"id": out.pop("id"), **out}


def find_claims(article: Article, scorer: ClaimScorer) -> list[Claim]:
    """The claims of a parsed, attributed article, each scored by `scorer`."""
    doc = article.doc
    attributions = article.attributions
    sentence_starts = [s.start_char for s in doc.sents]
    turns = speaker_turns(article.text, attributions)
    asked = [turn.content for turn in _asking(article.text, turns)]
    sentences = [
        s for s in _sentences(doc, turns) if _asserts(s, attributions) and not any(_mostly_in(s, c) for c in asked)
    ]
    scores = scorer(sentences) if sentences else []
    claims = []
    for number, (sentence, score) in enumerate(zip(sentences, scores), start=1):
        support = _supporting(sentence, attributions)
        best = support[0] if support else None
        claims.append(
            Claim(
                id=f"c{number}",
                span=_trimmed(sentence),
                checkworthiness=float(score),
                attribution=best.id if best else None,
                support=tuple(a.id for a in support),
                source_kind=best.source.kind if best else "unsourced",
                hearsay_depth=len(best.chain) if best else 0,
                hedges=tuple(find_hedges(sentence)),
                continues=None if support else _continued_report(sentence, attributions, sentence_starts, article.text),
            )
        )
    return claims


CONTINUATION_SENTENCES = 2


def _continued_report(sentence: DocSpan, attributions: list[Attribution], starts: list[int], text: str) -> str | None:
    """The attribution ending at most two sentences before this one, in its paragraph.
    `text` is the article's text (`Doc.text` would rebuild it from every token)."""
    here = bisect_right(starts, sentence.start_char) - 1
    before = [a for a in attributions if max(a.content.end, a.cue.end) <= sentence.start_char]
    if not before:
        return None
    last = max(before, key=lambda a: max(a.content.end, a.cue.end))
    end = max(last.content.end, last.cue.end)
    ended_in = bisect_right(starts, end - 1) - 1
    same_paragraph = "\n" not in text[end : sentence.start_char]
    return last.id if same_paragraph and here - ended_in <= CONTINUATION_SENTENCES else None


def speaker_turns(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions of "SPEAKER: words" turns: their cue is the colon (the contract's only
    cue that is a mark after a source; "Putin:…" is one token, so the cue is "Putin:")."""
    return [a for a in attributions if a.cue.text_in(text).endswith(":") and a.source.span is not None]


def _sentences(doc, turns: list[Attribution]) -> list[DocSpan]:
    """The Doc's sentences, cut where a speaker's label stands inside one: a press office runs
    the turns on ("... in the markets? Vladimir Putin: Yes, ..."), and the parser may join the
    question to the answer. The label is no part of either."""
    labels = [doc.char_span(t.source.span.start, t.cue.end, alignment_mode="expand") for t in turns]
    labels = sorted((label.start, label.end) for label in labels if label is not None)
    sentences = []
    for sentence in doc.sents:
        start = sentence.start
        for label_start, label_end in labels:
            if not start <= label_start < label_end <= sentence.end:
                continue
            end = _sentence_end(doc, start, label_start)
            if end is not None:
                sentences.append(doc[start:end])
            start = label_end
        if start < sentence.end:
            sentences.append(doc[start : sentence.end])
    return sentences


def _sentence_end(doc, start: int, label: int) -> int | None:
    """Where the sentence before a label ends: after its last full stop or question mark. The
    words after it are the label's title, as its source may be the name alone ("President of
    Russia Vladimir Putin" → "Vladimir Putin"); None when the sentence is that title."""
    ends = [i + 1 for i in range(start, label) if doc[i].text in {".", "?", "!", "…"}]
    return ends[-1] if ends else None


QUESTIONER_LABELS = frozenset("q question interviewer journalist correspondent reporter host".split())
QUESTION_END = re.compile(r"\?[\s\"”»)]*$")


def _asking(text: str, turns: list[Attribution]) -> list[Attribution]:
    """The turns of the speakers who ask: "Q", "Question", "Interviewer", or, beside someone
    who answers, one who closes half their turns or more with a question ("... what will
    happen next? Thank you."). Their statements frame a question; the claims are in the answers."""
    by_speaker: dict[str, list[Attribution]] = {}
    for turn in turns:
        by_speaker.setdefault(turn.source.entity or turn.source.span.text_in(text).lower(), []).append(turn)
    named = {speaker for speaker in by_speaker if speaker.lower() in QUESTIONER_LABELS}
    closing = {
        speaker
        for speaker, own in by_speaker.items()
        if 2 * sum(_closes_with_question(text, t.content) for t in own) >= len(own)
    }
    if not by_speaker.keys() - closing:
        closing = set()  # no one answers: a monologue, or a debate of rhetorical questions
    return [turn for speaker in named | closing for turn in by_speaker[speaker]]


def _closes_with_question(text: str, content: Span) -> bool:
    """A question among the last two sentences (the content's own "?" is trimmed off it)."""
    said = text[content.start : content.end] + text[content.end : content.end + 1]
    last = [s for s in re.split(r"(?<=[.!?])\s+", said.strip()) if s][-2:]
    return any(QUESTION_END.search(s) for s in last)


def _mostly_in(sentence: DocSpan, content: Span) -> bool:
    """Half the sentence or more inside the content (a turn's content starts after its "But")."""
    inside = min(sentence.end_char, content.end) - max(sentence.start_char, content.start)
    return 2 * inside >= sentence.end_char - sentence.start_char


def _asserts(sentence: DocSpan, attributions: list[Attribution]) -> bool:
    text = sentence.text.strip()
    words = [t for t in sentence if t.is_alpha]
    if len(words) < MIN_WORDS or text.endswith("?") or BOILERPLATE.match(text):
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in sentence):
        return False
    if _only_a_frame(sentence, attributions):
        return False
    return not _evaluation_only(sentence)


def _only_a_frame(sentence: DocSpan, attributions: list[Attribution]) -> bool:
    """A sentence holding a cue whose content is elsewhere, and no content of its own."""
    start, end = sentence.start_char, sentence.end_char
    holds_cue = any(start <= a.cue.start < end for a in attributions)
    holds_content = any(a.content.overlaps(Span(start, end)) for a in attributions)
    return holds_cue and not holds_content


def _evaluation_only(sentence: DocSpan) -> bool:
    """ "This is terrible." — a judgement with no name, number or date to check."""
    if any(t.ent_type_ in CHECKABLE_ENTS for t in sentence) or any(t.like_num for t in sentence):
        return False
    root = sentence.root
    return root.lemma_ == "be" and any(c.dep_ == "acomp" for c in root.children)


def _supporting(sentence: DocSpan, attributions: list[Attribution]) -> list[Attribution]:
    """Attributions whose content holds this sentence, the largest share of it first. The
    frame of an "according to X," or "in X's opinion," phrase counts too: it says nothing
    but whose the rest is, and a content cut short by a report nested in it (the learned
    engine ends it before "since the military man has never made statements ...") must
    not leave X's claim stated as fact. A verb's frame does not count ("Ukraine has a
    decree banning negotiations" is no report of Ukraine's)."""
    whole = Span(sentence.start_char, sentence.end_char)
    shares = []
    for attribution in attributions:
        inside = _overlap(attribution.content.pieces(), whole)
        if inside and _phrase_frame(sentence.doc.text[attribution.cue.start : attribution.cue.end]):
            frame = [(attribution.cue.start, attribution.cue.end)]
            if attribution.source.span is not None:
                frame.append((attribution.source.span.start, attribution.source.span.end))
            inside += _overlap(frame, whole)
        if inside * 3 >= (whole.end - whole.start):  # a third of the sentence or more
            shares.append((inside, attribution))
    shares.sort(key=lambda pair: (-pair[0], pair[1].content.start))
    return [attribution for _, attribution in shares]


def _phrase_frame(cue: str) -> bool:
    cue = cue.lower()
    return cue.startswith("according to") or any(word in cue.split() for word in ("opinion", "view"))


def _overlap(pieces, whole: Span) -> int:
    return sum(max(0, min(e, whole.end) - max(s, whole.start)) for s, e in pieces)


def _trimmed(sentence: DocSpan) -> Span:
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    end = sentence.end_char - (len(text) - len(text.rstrip()))
    return Span(start, max(start, end))
