"""Linking role spans into attributions: each content to one cue, each cue to a source.

The role tagger gives SOURCE, CUE and CONTENT spans (token ranges) and nothing about
which belong together. Linking decides, with two small log-linear rankers trained on
PolNeAR's gold attributions (over the gold spans and, `tagged_examples`, over the
tagger's own spans):

- every CONTENT piece picks one cue among the cues near it (softmax over candidates); the
  pieces a cue collects are its content, so a quote interrupted by its cue is one content
  in pieces, as PolNeAR annotates it;
- every CUE that collected content picks one source among the sources near it, or none
  (an `Attribution-no-source`); several cues may share a source;
- a cue left without a source whose word has a grammatical subject takes that subject's
  phrase as its source, when no tagged role lies in it: the tagger misses sources more
  often than cues, and "X said" names X as PolNeAR would (dev: source F1 +0.02); a
  participle, infinitive or second verb ("X spoke, accusing Y", "X agreed to testify",
  "X said A and warned B") takes the subject of the verb it hangs on (dev: attribution
  F1 +0.003);
- an "according to" cue that collected no content takes the rest of its sentence: the
  tagger finds "according to the poll" far more often than the clause it qualifies.

Features are strings (distance and direction buckets, sentence and paragraph distance,
cues in between, the parse path between the two heads, quotation marks), weights a dict;
the model is a small JSON file.
"""

from __future__ import annotations

import json
import math
import random
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..attribute.lexicon import SUBJECT_DEPS
from ..quotes import EDGE_MARKS
from .spans import CONTENT, CUE, SOURCE, Link, Role, close_spans, join_forced

__all__ = ["Linker", "link_examples", "tagged_examples"]

NONE = None
MAX_TOKENS = 120  # candidates further apart than this are not considered
MAX_SENTENCES = 3
_SHARES_SUBJECT = frozenset({"advcl", "xcomp", "conj"})  # a verb that takes its head's subject
_EDGE_PUNCTUATION = frozenset(",.;:—–-")
_PERSONAL = frozenset("i we you he she they".split())  # pronoun subjects that are sources
_RELATIVE = frozenset({"WP", "WDT"})  # "the senator, who said ...": PolNeAR's source is "who"


# --- the document's geometry ---------------------------------------------------------


class _Layout:
    """Per-token sentence and paragraph numbers, heads of role spans, where roles start.
    Everything is looked up once: linking asks about every pair of nearby roles."""

    def __init__(self, doc, roles: Sequence[Role]) -> None:
        self.doc = doc
        self._heads: dict[Role, object] = {}
        self._starts: dict[str, list[int]] = {}
        for role in roles:  # sorted, so each list is
            self._starts.setdefault(role.label, []).append(role.start)
        self.sentence, self.paragraph = [], []
        sentence = paragraph = 0
        for token in doc:
            if token.is_sent_start and token.i:
                sentence += 1
            self.sentence.append(sentence)
            self.paragraph.append(paragraph)
            if token.is_space and "\n" in token.text:
                paragraph += 1

    def head(self, role: Role):
        """The span's syntactic head: the first token whose head lies outside it."""
        if role not in self._heads:
            self._heads[role] = next(
                (
                    t
                    for t in self.doc[role.start : role.end]
                    if not role.start <= t.head.i < role.end or t.head.i == t.i
                ),
                self.doc[role.start],
            )
        return self._heads[role]

    def between(self, a: Role, b: Role, label: str) -> str:
        """How many `label` roles (other than a and b) start between a and b: 0, 1 or 2+."""
        low, high = min(a.end, b.end), max(a.start, b.start)
        starts = self._starts.get(label, [])
        count = bisect_left(starts, high) - bisect_left(starts, low)
        count -= sum(1 for r in (a, b) if r.label == label and low <= r.start < high)
        return str(min(count, 2))

    def near(self, a: Role, b: Role) -> bool:
        return _gap(a, b) <= MAX_TOKENS and abs(self.sentence[a.start] - self.sentence[b.start]) <= MAX_SENTENCES


def _gap(a: Role, b: Role) -> int:
    return max(b.start - a.end, a.start - b.end, 0)


def _bucket(n: int, edges: Sequence[int] = (0, 1, 2, 3, 5, 8, 12, 20, 35, 60)) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return "more"


def _path(layout: _Layout, a: Role, b: Role) -> str:
    """How the two heads relate in the parse, in a few coarse classes."""
    head_a, head_b = layout.head(a), layout.head(b)
    if head_a.head.i in range(b.start, b.end):
        return f"child:{head_a.dep_}"
    if head_b.head.i in range(a.start, a.end):
        return f"parent:{head_b.dep_}"
    if head_b in head_a.ancestors:
        return "below"
    if head_a in head_b.ancestors:
        return "above"
    if head_a.head == head_b.head:
        return "sibling"
    return "same-sent" if layout.sentence[a.start] == layout.sentence[b.start] else "apart"


def _pair_features(layout: _Layout, a: Role, b: Role, kind: str) -> list[str]:
    """Features of `a` (a content or a cue) choosing `b` (its cue or source)."""
    side = "L" if b.end <= a.start else "R"  # where b lies, seen from a
    distance = _bucket(_gap(a, b))
    sentences = _bucket(abs(layout.sentence[a.start] - layout.sentence[b.start]), (0, 1, 2))
    paragraphs = _bucket(abs(layout.paragraph[a.start] - layout.paragraph[b.start]), (0, 1))
    path = _path(layout, a, b)
    cues = layout.between(a, b, CUE)
    own = layout.between(a, b, b.label)
    doc = layout.doc
    first, last = doc[a.start].text, doc[a.end - 1].text
    quoted = f"q{int(first[:1] in EDGE_MARKS)}{int(last[-1:] in EDGE_MARKS)}"
    features = [
        f"{kind}:bias",
        f"{kind}:side={side}",
        f"{kind}:dist={side}{distance}",
        f"{kind}:sent={sentences}",
        f"{kind}:para={paragraphs}",
        f"{kind}:path={path}",
        f"{kind}:path={path}:side={side}",
        f"{kind}:cues={cues}",
        f"{kind}:cues={cues}:side={side}",
        f"{kind}:same={own}:side={side}",
        f"{kind}:{quoted}:side={side}",
        f"{kind}:{quoted}:dist={side}{distance}",
        f"{kind}:sent={sentences}:side={side}",
        f"{kind}:btag={layout.head(b).tag_}:side={side}",
        f"{kind}:atag={layout.head(a).tag_}:side={side}",
        f"{kind}:adep={layout.head(a).dep_}:path={path}",
    ]
    if b.end <= a.start:
        features.append(f"{kind}:before_a={doc[a.start - 1].text if a.start else ''}")
    else:
        features.append(f"{kind}:after_a={doc[a.end].text if a.end < len(doc) else ''}")
    return features


def _no_cue_features(layout: _Layout, content: Role, near: Sequence[Role]) -> list[str]:
    doc = layout.doc
    closest = min((_gap(content, cue) for cue in near), default=999)
    same = any(layout.sentence[cue.start] == layout.sentence[content.start] for cue in near)
    quoted = f"q{int(doc[content.start].text[:1] in EDGE_MARKS)}{int(doc[content.end - 1].text[-1:] in EDGE_MARKS)}"
    return [
        "nocue:bias",
        f"nocue:closest={_bucket(closest)}",
        f"nocue:same_sentence={same}",
        f"nocue:candidates={min(len(near), 3)}",
        f"nocue:{quoted}",
        f"nocue:length={_bucket(content.end - content.start)}",
        f"nocue:first={doc[content.start].tag_}",
    ]


def _no_source_features(layout: _Layout, roles: Sequence[Role], cue: Role, candidates: int) -> list[str]:
    head = layout.head(cue)
    return [
        "none:bias",
        f"none:tag={head.tag_}",
        f"none:dep={head.dep_}",
        f"none:lemma={head.lemma_.lower()}",
        f"none:candidates={min(candidates, 3)}",
        f"none:first={layout.doc[cue.start].lower_}",
    ]


# --- the model -----------------------------------------------------------------------


@dataclass
class _Choice:
    """One decision: candidates' feature lists and the index of the right one (or None)."""

    features: list[list[str]]
    gold: int | None = None


class Linker:
    """Two rankers in one weight table: content → cue, cue → source (or none)."""

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights = weights or {}

    # finding the choices is shared by training and linking
    def _content_choices(self, layout: _Layout, roles: Sequence[Role]) -> list[tuple[Role, list, _Choice]]:
        """Each content's candidate cues, then None: a piece whose cue the tagger missed
        must not go to the next cue along."""
        cues = [r for r in roles if r.label == CUE]
        out = []
        for content in (r for r in roles if r.label == CONTENT):
            near: list[Role | None] = [cue for cue in cues if layout.near(content, cue)]
            feats = [_pair_features(layout, content, cue, "content") for cue in near]  # type: ignore[arg-type]
            feats.append(_no_cue_features(layout, content, near))  # type: ignore[arg-type]
            out.append((content, [*near, NONE], _Choice(feats)))
        return out

    def _source_choice(self, layout: _Layout, roles: Sequence[Role], cue: Role) -> tuple[list[Role | None], _Choice]:
        near: list[Role | None] = [r for r in roles if r.label == SOURCE and layout.near(cue, r)]
        feats = [_pair_features(layout, cue, source, "source") for source in near]  # type: ignore[arg-type]
        feats.append(_no_source_features(layout, roles, cue, len(near)))
        return [*near, NONE], _Choice(feats)

    def _score(self, features: list[str]) -> float:
        return sum(self.weights.get(f, 0.0) for f in features)

    def _best(self, choice: _Choice) -> int | None:
        if not choice.features:
            return None
        scores = [self._score(f) for f in choice.features]
        return max(range(len(scores)), key=scores.__getitem__)

    def link(self, doc, roles: Iterable[Role]) -> list[Link]:
        """Attributions from the role spans of one parsed Doc, in cue order."""
        roles = close_spans(doc, join_forced(doc, roles))
        layout = _Layout(doc, roles)
        contents: dict[Role, list[Role]] = {}
        for content, near, choice in self._content_choices(layout, roles):
            cue = near[self._best(choice)]
            if cue is not None:
                contents.setdefault(cue, []).append(content)
        links = []
        for cue in sorted(contents):
            candidates, choice = self._source_choice(layout, roles, cue)
            best = self._best(choice)
            source = candidates[best] if best is not None else None
            links.append(Link(source or _subject(doc, cue, roles), cue, tuple(sorted(contents[cue]))))
        links += _according_to(doc, roles, links)
        return sorted(links, key=lambda link: link.cue)

    # training
    def fit(self, choices: Sequence[_Choice], *, epochs: int = 8, rate: float = 0.1, l2: float = 1e-5, seed: int = 0):
        """Averaged SGD on the softmax loss of each choice; choices without a gold are skipped."""
        usable = [c for c in choices if c.gold is not None and len(c.features) > 1]
        rng = random.Random(seed)
        weights: dict[str, float] = {}
        total: dict[str, float] = {}
        steps = 0
        for epoch in range(epochs):
            rng.shuffle(usable)
            step_rate = rate / (1 + epoch)
            for choice in usable:
                scores = [sum(weights.get(f, 0.0) for f in feats) for feats in choice.features]
                top = max(scores)
                exps = [math.exp(s - top) for s in scores]
                norm = sum(exps)
                for i, feats in enumerate(choice.features):
                    grad = exps[i] / norm - (1.0 if i == choice.gold else 0.0)
                    if abs(grad) < 1e-6:
                        continue
                    for f in feats:
                        change = step_rate * (grad + l2 * weights.get(f, 0.0))
                        weights[f] = weights.get(f, 0.0) - change
                        total[f] = total.get(f, 0.0) - change * (len(usable) * epochs - steps)
                steps += 1
        # averaging by the "remaining steps" trick: the mean of the weights over all steps
        span = len(usable) * epochs or 1
        self.weights = {f: round(w / span, 5) for f, w in total.items() if abs(w / span) > 1e-5}
        return self

    def to_disk(self, path: Path) -> None:
        Path(path).write_text(json.dumps(self.weights, sort_keys=True, indent=0), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: Path) -> Linker:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))


def _subject(doc, cue: Role, roles: Sequence[Role]) -> Role | None:
    """The phrase of the cue word's subject as a source, unless a tagged role lies in it."""
    subject = _subject_child(doc[cue.start : cue.end])
    if subject is None:
        # "Trump tweeted on Monday, accusing Clinton of ...", "She agreed to testify": the
        # participle or infinitive speaks for the subject of the verb it hangs on
        word = next((t for t in doc[cue.start : cue.end] if not cue.start <= t.head.i < cue.end), None)
        for _ in range(2):
            if word is None or word.dep_ not in _SHARES_SUBJECT or word.head.i == word.i:
                break
            word = word.head
            subject = _subject_child([word])
            if subject is not None:
                break
    if subject is None:
        return None
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    if any(r.start < end and start < r.end for r in roles):
        return None
    return Role(start, end, SOURCE)


def _subject_child(words):
    """The last subject among the words' children that can be a source (no "it", "this")."""
    subject = None
    for token in words:
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and (
                child.pos_ != "PRON" or child.text.lower() in _PERSONAL or child.tag_ in _RELATIVE
            ):
                subject = child
    return subject


def _according_to(doc, roles: Sequence[Role], links: Sequence[Link]) -> list[Link]:
    """Links for "according to X" cues left without content: the content is their
    sentence less the "according to X" phrase and the punctuation at its edges."""
    used = {i for link in links for r in (link.cue, link.source, *link.content) if r for i in range(r.start, r.end)}
    linked = {link.cue for link in links}
    found = []
    for cue in (r for r in roles if r.label == CUE and r not in linked and doc[r.start].text.lower() == "according"):
        word = doc[cue.start]
        phrase_start, phrase_end = min(word.left_edge.i, cue.start), max(word.right_edge.i + 1, cue.end)
        sentence = word.sent
        pieces = [
            piece
            for piece in (_trim(doc, sentence.start, phrase_start), _trim(doc, phrase_end, sentence.end))
            if piece.end - piece.start >= 2
        ]
        if not pieces or any(i in used for piece in pieces for i in range(piece.start, piece.end)):
            continue
        inside = [r for r in roles if r.label == SOURCE and cue.end <= r.start and r.end <= phrase_end]
        source = inside[0] if inside else (Role(cue.end, phrase_end, SOURCE) if phrase_end > cue.end else None)
        found.append(Link(source, cue, tuple(pieces)))
    return found


def _trim(doc, start: int, end: int) -> Role:
    while start < end and (doc[start].is_space or doc[start].text in _EDGE_PUNCTUATION):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in _EDGE_PUNCTUATION):
        end -= 1
    return Role(start, end, CONTENT)


def link_examples(doc, links: Sequence[Link], *, missed: frozenset[Role] = frozenset()) -> list[_Choice]:
    """The gold choices of one article for `Linker.fit`: its role spans and their links.

    Cues in `missed` are left out as if the tagger had missed them, so that their content
    learns to go to no cue rather than to a neighbour's.
    """
    roles = sorted({r for link in links for r in (link.source, link.cue, *link.content) if r is not None} - set(missed))
    layout = _Layout(doc, roles)
    linker = Linker()
    cue_of = {content: link.cue for link in links for content in link.content}
    choices = []
    for content, near, choice in linker._content_choices(layout, roles):
        cue = cue_of.get(content)
        if cue in missed:
            cue = NONE
        if cue in near:
            choice.gold = near.index(cue)
            choices.append(choice)
    source_of = {link.cue: link.source for link in links if link.cue not in missed}
    for cue, source in source_of.items():
        candidates, choice = linker._source_choice(layout, roles, cue)
        if source in candidates:
            choice.gold = candidates.index(source)
            choices.append(choice)
    return choices


def tagged_examples(doc, roles: Iterable[Role], links: Sequence[Link]) -> list[_Choice]:
    """Choices over the tagger's own spans of an article, labelled by its gold `links`, so
    the linker also learns from spans as the tagger cuts them: a content piece's correct cue
    is the tagged cue overlapping the cue of the gold attribution that shares most words
    with it, or none (no gold content there, or its cue not tagged); a cue's correct source
    is the tagged source overlapping the gold one, or none where the gold has none."""
    roles = close_spans(doc, join_forced(doc, roles))  # as `Linker.link` sees them
    layout, linker = _Layout(doc, roles), Linker()
    tagged = {label: [r for r in roles if r.label == label] for label in (CUE, SOURCE)}
    choices, gold_of_cue = [], {}
    for content, near, choice in linker._content_choices(layout, roles):
        best = max(links, key=lambda link: sum(_shared(content, piece) for piece in link.content), default=None)
        cue = NONE
        if best is not None and any(_shared(content, piece) for piece in best.content):
            cue = _most_shared(tagged[CUE], best.cue)
            if cue is not NONE:
                gold_of_cue[cue] = best
        if cue in near:
            choice.gold = near.index(cue)
            choices.append(choice)
    for cue, link in gold_of_cue.items():
        candidates, choice = linker._source_choice(layout, roles, cue)
        source = NONE if link.source is None else _most_shared(tagged[SOURCE], link.source)
        if (source is not NONE or link.source is None) and source in candidates:
            choice.gold = candidates.index(source)
            choices.append(choice)
    return choices


def _shared(a: Role, b: Role) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _most_shared(candidates: Sequence[Role], gold: Role) -> Role | None:
    best = max(candidates, key=lambda r: _shared(r, gold), default=None)
    return best if best is not None and _shared(best, gold) else NONE
