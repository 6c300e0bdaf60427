"""Reports that go on without a new cue (the rule and its evidence: docs/continued-reports.md).

A sentence that no attribution holds and that has no cue of its own is taken as the
continuation of the report before it only on positive evidence, never on nearness alone:

- sandwich: the reports before and after the stretch are passed on by the same named
  reporter ("Hersh, citing officials … [stretch] … according to the journalist");
- a quote opening the sentence right after an indirect report: its speaker goes on;
- the speaker's own voice: "we"/"I" outside quotation marks within two sentences of a
  speaker's report (a translation that lost the quotation marks);
- a connective that carries the report on ("Thus,", "In addition,") in the report's paragraph.

A stretch ends at the next attribution, at a heading, a question, the outlet's own voice,
a sentence that names the speaker (narration about them) or introduces a new person, or
more than one paragraph away. A continued attribution takes the source, cue and chain of
the one it continues, whose id it keeps in `continues`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Span as DocSpan

from ..article import Attribution, Span
from .chains import content_form, content_span, renumber
from .context import Context
from .syntax import trim

MIN_WORDS = 4
VOICE_SENTENCES = 2  # how far a speaker's unmarked "we"/"I" may stand from the report
MIN_QUOTE_WORDS = 3
CONNECTIVES = re.compile(
    r"^(thus|also|in addition|moreover|furthermore|besides|at the same time|in particular|therefore)\s*,",
    re.IGNORECASE,
)
BOILERPLATE = re.compile(r"^\s*(see also|read also|read more|related|photo|video|source)\b", re.IGNORECASE)
# The outlet speaking of itself: "as we reported", "we asked the ministry", "our correspondent".
OUTLET_VERBS = frozenset("report write ask contact reach learn publish request send obtain review tell".split())
OUTLET_NOUNS = frozenset(
    "correspondent correspondents publication newspaper editorial editors newsroom readers reporter reporters".split()
)
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
THIRD_PERSON = frozenset({"he", "she", "they"})
TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "madam"})
SPEAKERS = frozenset({"person", "anonymous", "organization"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
TERMINAL = tuple(".!?…\"”»'’)")


@dataclass
class _Gap:
    """Sentences no attribution touches, between the report before and the one after."""

    before: Attribution
    sentences: list[int] = field(default_factory=list)
    after: Attribution | None = None


def add_continued(ctx: Context, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions, in their order, with each continued report inserted where its
    content starts; ids renumbered. Continuations already in the list are found again, not
    twice. Any engine's final list will do (the learned ones order by cue)."""
    found = continued(ctx, attributions)
    if not found and all(a.continues is None for a in attributions):
        return attributions
    merged = [a for a in attributions if a.continues is None]
    for item in found:  # in text order: each lands after the ones inserted before it
        at = next((i for i, a in enumerate(merged) if _text_order(a) > item.content.start), len(merged))
        merged.insert(at, item)
    return renumber(merged)


def continued(ctx: Context, attributions: list[Attribution]) -> list[Attribution]:
    """Continuations of `attributions`, each with `continues` set (ids `+1`, `+2`, … until renumbered)."""
    reader = _Reader(ctx, attributions)
    added: list[Attribution] = []
    for gap in reader.gaps():
        stretches: list[tuple[list[int], Attribution]] = []
        for index, base in reader.continuations(gap):
            if stretches and stretches[-1][1] is base:
                stretches[-1][0].append(index)  # one report going on is one content, as one quotation is
            else:
                stretches.append(([index], base))
        added += [
            reader.continuing(indices, base, f"+{len(added) + n}") for n, (indices, base) in enumerate(stretches, 1)
        ]
    return added


def _text_order(attribution: Attribution) -> int:
    if attribution.continues is not None:
        return attribution.content.start  # its cue is the continued report's, elsewhere
    return min(attribution.cue.start, attribution.content.start)


class _Reader:
    def __init__(self, ctx: Context, attributions: list[Attribution]) -> None:
        self.ctx = ctx
        self.attributions = [a for a in attributions if a.continues is None]
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", ctx.text)]
        self.touching: list[list[Attribution]] = [[] for _ in ctx.sentences]
        for attribution in self.attributions:
            for index, sentence in enumerate(ctx.sentences):
                if _touches(attribution, sentence):
                    self.touching[index].append(attribution)
        # sentences of the narration itself (no report touches them) that say "we" or "I"
        self.narrator_first_person = {
            i for i, sentence in enumerate(ctx.sentences) if not self.touching[i] and self.first_person(sentence)
        }

    def gaps(self) -> list[_Gap]:
        gaps: list[_Gap] = []
        current: _Gap | None = None
        for index, sentence in enumerate(self.ctx.sentences):
            here = self.touching[index]
            if here:
                if current is not None and current.sentences:
                    current.after = min(here, key=lambda a: min(a.cue.start, a.content.start))
                    gaps.append(current)
                last = max(here, key=lambda a: (max(a.cue.end, a.content.end), a.cue.start))
                current = _Gap(last) if last.source.kind != "none" else None
            elif current is not None and any(t.is_alpha for t in sentence):
                current.sentences.append(index)
        if current is not None and current.sentences:
            gaps.append(current)
        return gaps

    def continuations(self, gap: _Gap) -> list[tuple[int, Attribution]]:
        """(sentence, attribution whose report it goes on with) for the stretch that continues."""
        report = gap.before
        home = self.paragraph(max(report.cue.end, report.content.end) - 1)
        eligible = []
        for index in gap.sentences:
            if self.paragraph(self.ctx.sentences[index].start_char) - home > 1 or not self.may_continue(index, report):
                break
            eligible.append(index)
        if not eligible:
            return []
        return (
            self.sandwiched(gap, eligible)
            or self.quote_after_report(gap, eligible)
            or self.own_voice(gap, eligible)
            or self.connected(gap, eligible, home)
        )

    def sandwiched(self, gap: _Gap, eligible: list[int]) -> list[tuple[int, Attribution]]:
        """Between two reports passed on by the same named reporter, the stretch is that
        reporter's relaying; a quote just before the next report's own quote is its speaker's."""
        before, after = gap.before, gap.after
        if after is None or len(eligible) < len(gap.sentences) or not _same_reporter(before, after):
            return []
        if len(before.chain) < 2 and len(after.chain) < 2:
            return []  # a speaker between two of their own reports: the outlet may be giving background
        last = eligible[-1]
        after_start = min(after.cue.start, after.content.start)
        if self.paragraph(after_start) - self.paragraph(self.ctx.sentences[last].start_char) > 1:
            return []
        found = []
        for index in eligible:
            if index == last and self.holds_quote(index) and self.opens_next_sentence(after, index):
                found.append((index, after))
            elif not _past_narration(self.ctx.sentences[index]):
                found.append((index, before))
            else:
                break
        return found

    def quote_after_report(self, gap: _Gap, eligible: list[int]) -> list[tuple[int, Attribution]]:
        """ "X said that … . “…”": a quote opening the next sentence goes on with X's report."""
        report, first = gap.before, self.ctx.sentences[eligible[0]]
        if report.form == "direct" or report.source.kind not in SPEAKERS or not self.holds_quote(eligible[0]):
            return []
        quote = self.ctx.quote_at(_first_char(first))
        if quote is None or _words(self.ctx.text[report.content.end : quote[0]]):
            return []
        return [(i, report) for i in eligible if self.ctx.sentences[i].start_char < quote[1]]

    def own_voice(self, gap: _Gap, eligible: list[int]) -> list[tuple[int, Attribution]]:
        """A speaker's "we know" after their report: the quotation marks were lost."""
        report = gap.before
        if report.source.kind not in {"person", "anonymous"} or self.first_person_text(report.source.span):
            return []  # "I believe …" in a column: the author's own voice goes on, not a source's
        for position, index in enumerate(eligible[:VOICE_SENTENCES]):
            if index in self.narrator_first_person:
                if self.narrator_first_person - set(eligible[: position + 1]):
                    return []  # the narration says "we" elsewhere too: it is the author's voice
                return [(i, report) for i in eligible[: position + 1]]
        return []

    def connected(self, gap: _Gap, eligible: list[int], home: int) -> list[tuple[int, Attribution]]:
        found = []
        for index in eligible:
            sentence = self.ctx.sentences[index]
            same_paragraph = self.paragraph(sentence.start_char) == home
            if not (same_paragraph and CONNECTIVES.match(sentence.text.strip())) or _past_narration(sentence):
                break
            found.append((index, gap.before))
        return found

    def may_continue(self, index: int, report: Attribution) -> bool:
        """Not a heading, question, boilerplate, the outlet's voice, narration about the
        report's speaker or reporter, or a sentence bringing in a new person."""
        sentence = self.ctx.sentences[index]
        text = sentence.text.strip()
        words = sum(t.is_alpha for t in sentence)
        if words < MIN_WORDS or text.endswith("?") or BOILERPLATE.match(text) or self.heading(sentence):
            return False
        if not any(t.pos_ in {"VERB", "AUX"} for t in sentence) or self.outlet_voice(sentence):
            return False
        if self.about_someone(sentence, report):
            return False
        names = {link.entity for link in report.chain if link.entity}
        seen = {m.name for m in self.ctx.names.mentions if m.sentence < index}
        here = [m for m in self.ctx.names.mentions if m.sentence == index]
        # a person first named as the subject here is a new speaker coming in
        return not any(m.name in names or (m.subject and m.kind == "person" and m.name not in seen) for m in here)

    def heading(self, sentence: DocSpan) -> bool:
        """A line of its own without closing punctuation: a subheading or a caption."""
        text, own = self.ctx.text, sentence.text
        start = sentence.start_char + len(own) - len(own.lstrip())
        end = sentence.start_char + len(own.rstrip())
        starts_line = text[:start].rstrip(" \t")[-1:] in {"", "\n"}
        ends_line = text[end:].lstrip(" \t")[:1] in {"", "\n"}
        return starts_line and ends_line and not own.rstrip().endswith(TERMINAL)

    def about_someone(self, sentence: DocSpan, report: Attribution) -> bool:
        """ "She didn't need to hear more", "Mr. King is not an employee": narration about a
        person (a pronoun or the reporter's or speaker's name as subject), not their words."""
        names = {link.entity or link.text for link in report.chain if link.kind in {"person", "organization"}}
        words = {w.lower() for name in names if name for w in re.findall(r"[A-Z][\w'’-]+", name)} - TITLES
        for token in sentence:
            if self.ctx.in_quote(token):
                continue
            if token.dep_ in SUBJECTS and token.lower_ in THIRD_PERSON and token.head == sentence.root:
                return True
            if token.pos_ == "PROPN" and (token.lower_ in words or self.ctx.names.canonical(token.text) in names):
                return True  # "Zelensky" for "Volodymyr Zelenskyy": the name index knows both
        return False

    def outlet_voice(self, sentence: DocSpan) -> bool:
        for token in sentence:
            if self.ctx.in_quote(token):
                continue
            lower = token.lower_
            if lower in FIRST_PERSON_SUBJECTS and token.dep_ in SUBJECTS:
                head = token.head
                if head.lemma_ in OUTLET_VERBS or any(c.lower_ == "as" and c.dep_ == "mark" for c in head.children):
                    return True  # "as we reported", "as we saw in 2009", "we asked the ministry"
            if lower in {"our", "us"} and (token.head.lower_ in OUTLET_NOUNS or token.head.lemma_ in OUTLET_VERBS):
                return True
        return False

    def first_person(self, sentence: DocSpan) -> bool:
        return any(
            t.lower_ in FIRST_PERSON_SUBJECTS and t.dep_ in SUBJECTS and not self.ctx.in_quote(t) for t in sentence
        )

    def first_person_text(self, span: Span | None) -> bool:
        return span is not None and self.ctx.text[span.start : span.end].strip().lower() in FIRST_PERSON_SUBJECTS

    def holds_quote(self, index: int) -> bool:
        sentence = self.ctx.sentences[index]
        for start, end in self.ctx.quotes:
            if sentence.start_char <= start < sentence.end_char and _words(self.ctx.text[start:end]) >= MIN_QUOTE_WORDS:
                return True
        return False

    def opens_next_sentence(self, report: Attribution, index: int) -> bool:
        """The report is a quotation that opens the sentence after `index`."""
        if report.form != "direct" or index + 1 >= len(self.ctx.sentences):
            return False
        following = self.ctx.sentences[index + 1]
        return _words(self.ctx.text[following.start_char : report.content.start]) == 0

    def paragraph(self, char: int) -> int:
        return bisect_right(self.paragraph_starts, char) - 1

    def continuing(self, indices: list[int], base: Attribution, ident: str) -> Attribution:
        first, last = self.ctx.sentences[indices[0]], self.ctx.sentences[indices[-1]]
        tokens = [trim(self.ctx.doc, first.start, last.end)]
        return replace(
            base,
            id=ident,
            content=content_span(self.ctx, tokens),
            form=content_form(self.ctx, tokens),
            continues=base.id,
        )


def _touches(attribution: Attribution, sentence: DocSpan) -> bool:
    start, end = sentence.start_char, sentence.end_char
    if start <= attribution.cue.start < end:
        return True
    return any(s < end and start < e for s, e in attribution.content.pieces())


def _same_reporter(a: Attribution, b: Attribution) -> bool:
    first, second = (a.chain[0].entity if a.chain else None), (b.chain[0].entity if b.chain else None)
    return first is not None and first == second


def _past_narration(sentence: DocSpan) -> bool:
    """ "Marchetti spoke in Corvo", "he was released": the outlet telling what happened."""
    root = sentence.root
    return root.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in root.children)


def _first_char(sentence: DocSpan) -> int:
    return next((t.idx for t in sentence if not t.is_space), sentence.start_char)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))
