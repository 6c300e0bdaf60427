"""Scoring system attributions against gold ones (definitions in docs/evaluation.md).

Spans are compared as sets of character ranges (`pieces()`), normalised first: each range
trimmed of whitespace at its edges, ranges separated only by whitespace joined.

- exact: the normalised ranges are equal.
- overlap: the spans share a word character (a letter or digit): sharing only a space,
  a comma or a quotation mark is not overlap.

Role scores count distinct spans; a one-to-one matching (maximum cardinality) pairs gold
and system spans of the same role, so each gold span is matched at most once. An
attribution matches when its source, cue and content all match under the same mode; a
gold attribution without a source wants a system source without a span.

PolNeAR never puts an attribution inside another's content (a token has one role; none of
dev's 2,192 is nested), so by default a system attribution whose cue lies inside another
system attribution's content ("The paper reported that [officials said X]") is left out
of the scores and counted as nested; `nested=True` scores every attribution. Reports going
on without a cue (docs/continued-reports.md; PolNeAR has some) are left out with `continued=False`.

The "sentence-level" score is the one the literature reports on PolNeAR: CofeNet's
`exact_match` (cofe-ai/CofeNet, exe/eval/evaluation.py) over its PolNeAR instances, which
are the paragraphs (lines) of each text as token sequences. Every span is cut into runs of
tokens per paragraph, and a run counts when the same run with the same role is on the
other side.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from ..article import Article, Attribution
from ..errors import Failure
from ..pipeline import Pipeline, Skipped
from ..read import read_inputs
from .brat import ANNOTATOR_RULE, ROLES, GoldArticle, GoldAttribution, GoldError, read_gold, read_text

__all__ = [
    "PRF",
    "ArticleScores",
    "AttributionScores",
    "Segments",
    "evaluate_attribution",
    "match_attributions",
    "match_spans",
    "normalise",
    "score_article",
    "score_attributions",
    "score_sentences",
    "score_spans",
    "top_level",
]

Mode = Literal["exact", "overlap"]
MODES: tuple[Mode, ...] = ("exact", "overlap")
Ranges = tuple[tuple[int, int], ...]
_WORD = re.compile(r"\w")
_LINE = re.compile(r"[^\n]+")
_TOKEN = re.compile(r"\w+|[^\w\s]")


class HasPieces(Protocol):
    """A gold span or a system `Span`: anything with its character ranges."""

    def pieces(self) -> tuple[tuple[int, int], ...]: ...


@dataclass
class PRF:
    """Counts behind precision, recall and F1; they add up across articles (micro average)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


# --- spans --------------------------------------------------------------------------


def normalise(span: HasPieces, text: str) -> Ranges:
    """Sorted ranges, each trimmed of edge whitespace, joined where only whitespace parts them."""
    trimmed = []
    for start, end in sorted(span.pieces()):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    joined: list[tuple[int, int]] = []
    for start, end in trimmed:
        if joined and not text[joined[-1][1] : start].strip():
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


def _shares_word(a: Ranges, b: Ranges, text: str) -> bool:
    for a_start, a_end in a:
        for b_start, b_end in b:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start < end and _WORD.search(text, start, end):
                return True
    return False


def spans_match(gold: Ranges | None, predicted: Ranges | None, mode: Mode, text: str) -> bool:
    """Whether two normalised spans match; None (no span) matches only None."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if mode == "exact" or gold == predicted:  # an exact match is an overlap match too
        return gold == predicted
    if not _has_word(gold, text):  # a gold cue that is only a dash or a colon
        return _shares_character(gold, predicted)
    return _shares_word(gold, predicted, text)


def _has_word(ranges: Ranges, text: str) -> bool:
    return any(_WORD.search(text, start, end) for start, end in ranges)


def _shares_character(a: Ranges, b: Ranges) -> bool:
    return any(max(a0, b0) < min(a1, b1) for a0, a1 in a for b0, b1 in b)


def _max_matching(candidates: list[list[int]], right_size: int) -> list[tuple[int, int]]:
    """Maximum one-to-one matching (Kuhn's augmenting paths); candidates[i] lists the right
    items left item i may pair with, best first. Deterministic for a given input order."""
    owner = [-1] * right_size

    def augment(left: int, seen: list[bool]) -> bool:
        for right in candidates[left]:
            if seen[right]:
                continue
            seen[right] = True
            if owner[right] == -1 or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in range(len(candidates)):
        augment(left, [False] * right_size)
    return sorted((left, right) for right, left in enumerate(owner) if left != -1)


def match_spans(
    gold: Sequence[HasPieces], predicted: Sequence[HasPieces], mode: Mode, text: str
) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs of a one-to-one matching of the largest size."""
    gold_ranges = [normalise(span, text) for span in gold]
    predicted_ranges = [normalise(span, text) for span in predicted]
    candidates = [[j for j, p in enumerate(predicted_ranges) if spans_match(g, p, mode, text)] for g in gold_ranges]
    return _max_matching(candidates, len(predicted))


def score_spans(gold: Sequence[HasPieces], predicted: Sequence[HasPieces], mode: Mode, text: str) -> PRF:
    """Precision, recall and F1 of predicted spans of one role against gold spans."""
    gold, predicted = _distinct(gold, text), _distinct(predicted, text)
    return PRF(len(gold), len(predicted), len(match_spans(gold, predicted, mode, text)))


def _distinct(spans: Sequence[HasPieces], text: str) -> list[HasPieces]:
    """One span per set of ranges: a source shared by several attributions counts once."""
    seen: dict[Ranges, HasPieces] = {}
    for span in spans:
        ranges = normalise(span, text)
        if ranges:
            seen.setdefault(ranges, span)
    return list(seen.values())


# --- attributions -------------------------------------------------------------------


@dataclass(frozen=True)
class Triple:
    """An attribution reduced to what scoring compares: normalised ranges per role."""

    source: Ranges | None
    cue: Ranges
    content: Ranges


def gold_triple(attribution: GoldAttribution, text: str) -> Triple:
    source = normalise(attribution.source, text) if attribution.source is not None else None
    return Triple(source, normalise(attribution.cue, text), normalise(attribution.content, text))


def system_triple(attribution: Attribution, text: str) -> Triple:
    span = attribution.source.span
    source = normalise(span, text) if span is not None else None
    return Triple(source, normalise(attribution.cue, text), normalise(attribution.content, text))


def match_attributions(
    gold: Sequence[Triple], predicted: Sequence[Triple], mode: Mode, text: str
) -> list[tuple[int, int]]:
    """One-to-one pairs whose source, cue and content all match."""

    def fits(g: Triple, p: Triple) -> bool:
        return all(spans_match(getattr(g, role), getattr(p, role), mode, text) for role in ROLES)

    candidates = [[j for j, p in enumerate(predicted) if fits(g, p)] for g in gold]
    return _max_matching(candidates, len(predicted))


def score_attributions(gold: Sequence[Triple], predicted: Sequence[Triple], mode: Mode, text: str) -> PRF:
    return PRF(len(gold), len(predicted), len(match_attributions(gold, predicted, mode, text)))


# --- sentence level -----------------------------------------------------------------


@dataclass(frozen=True)
class Segments:
    """The units of the sentence-level score and their tokens, as character ranges.

    Units are paragraphs, one line of the text each, because CofeNet's PolNeAR data has
    one instance per line; most are one sentence. Tokens are the parse's (whitespace
    left out), or without a parse words and single punctuation marks.
    """

    units: tuple[tuple[int, int], ...]
    tokens: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, text: str, doc: Any = None) -> Segments:
        units = tuple((m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip())
        if doc is not None:
            tokens = tuple((t.idx, t.idx + len(t)) for t in doc if not t.is_space)
        else:
            tokens = tuple((m.start(), m.end()) for m in _TOKEN.finditer(text))
        return cls(units, tokens)

    def runs(self, span: HasPieces) -> set[tuple[int, int, int]]:
        """(unit, first token, last token) of each run of the span's tokens in a unit: the
        span as a sequence tagger sees it, cut at line breaks."""
        covered = sorted({i for start, end in span.pieces() for i in self._tokens_in(start, end)})
        runs: set[tuple[int, int, int]] = set()
        first = previous = unit = -1
        for i in covered:
            here = bisect_right(self._unit_starts, self.tokens[i][0]) - 1
            if i != previous + 1 or here != unit:
                if first != -1:
                    runs.add((unit, first, previous))
                first, unit = i, here
            previous = i
        if first != -1:
            runs.add((unit, first, previous))
        return runs

    def _tokens_in(self, start: int, end: int) -> range:
        """Indices of the tokens that share a character with [start, end)."""
        first = bisect_right(self._token_ends, start)  # first token ending after start
        last = bisect_left(self._token_starts, end)  # tokens starting before end
        return range(first, last)

    @functools.cached_property
    def _token_starts(self) -> list[int]:
        return [start for start, _ in self.tokens]

    @functools.cached_property
    def _token_ends(self) -> list[int]:
        return [end for _, end in self.tokens]

    @functools.cached_property
    def _unit_starts(self) -> list[int]:
        return [start for start, _ in self.units]


def score_sentences(gold: Iterable[HasPieces], predicted: Iterable[HasPieces], segments: Segments) -> PRF:
    """CofeNet's exact match of one role: runs of tokens per unit, micro-counted."""
    gold_runs = set().union(*(segments.runs(span) for span in gold))
    predicted_runs = set().union(*(segments.runs(span) for span in predicted))
    return PRF(len(gold_runs), len(predicted_runs), len(gold_runs & predicted_runs))


# --- one article, a whole directory -------------------------------------------------


@dataclass
class ArticleScores:
    """Counts for one article, per role and mode, per attribution, per sentence-level role."""

    article: str
    annotator: str
    roles: dict[str, dict[str, PRF]]
    attributions: dict[str, PRF]
    sentences: dict[str, PRF]
    nested: int = 0  # system attributions inside another's content, not scored
    continued: int = 0  # system attributions continuing a report, left out with continued=False

    def to_json(self) -> dict[str, Any]:
        def counts(prf: PRF) -> dict[str, int]:
            return {"gold": prf.gold, "predicted": prf.predicted, "matched": prf.matched}

        return {
            "article": self.article,
            "annotator": self.annotator,
            "roles": {r: {m: counts(p) for m, p in modes.items()} for r, modes in self.roles.items()},
            "attributions": {m: counts(p) for m, p in self.attributions.items()},
            "sentence_exact": {r: counts(p) for r, p in self.sentences.items()},
            "nested_not_scored": self.nested,
            "continued_not_scored": self.continued,
        }


def system_spans(attributions: Sequence[Attribution], role: str) -> list[HasPieces]:
    if role == "source":
        return [a.source.span for a in attributions if a.source.span is not None]
    return [getattr(a, role) for a in attributions]


def top_level(attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions whose cue lies in no other attribution's content (two that hold
    each other's cue both stay: neither reports the other)."""

    def holds(outer: Attribution, inner: Attribution) -> bool:
        return any(s <= inner.cue.start and inner.cue.end <= e for s, e in outer.content.pieces())

    return [a for a in attributions if not any(o is not a and holds(o, a) and not holds(a, o) for o in attributions)]


def score_article(
    gold: GoldArticle,
    article: Article,
    segments: Segments | None = None,
    *,
    nested: bool = False,
    continued: bool = True,
) -> ArticleScores:
    """Every score for one article; `segments` default to the text's lines and words;
    nested system attributions are scored only with `nested`, continued ones unless not `continued`."""
    text = article.text
    kept = [a for a in article.attributions if continued or a.continues is None]
    predicted = kept if nested else top_level(kept)
    roles = {
        role: {mode: score_spans(gold.spans(role), system_spans(predicted, role), mode, text) for mode in MODES}
        for role in ROLES
    }
    gold_triples = [gold_triple(a, text) for a in gold.attributions]
    system_triples = [system_triple(a, text) for a in predicted]
    attributions = {mode: score_attributions(gold_triples, system_triples, mode, text) for mode in MODES}
    segments = segments or Segments.of(text)
    sentences = {role: score_sentences(gold.spans(role), system_spans(predicted, role), segments) for role in ROLES}
    left_out = (len(kept) - len(predicted), len(article.attributions) - len(kept))  # nested, continued
    return ArticleScores(gold.name, gold.annotator, roles, attributions, sentences, *left_out)


@dataclass
class AttributionScores:
    """Scores of a whole gold directory: micro totals, per-article counts, failures."""

    gold_dir: str
    annotator_rule: str = ANNOTATOR_RULE
    articles: list[ArticleScores] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    skipped_events: list[str] = field(default_factory=list)  # unfinished gold events left out
    nested_scored: bool = False  # whether nested system attributions were scored
    continued_scored: bool = True  # whether continued reports were scored

    def total(self, pick: Callable[[ArticleScores], PRF]) -> PRF:
        total = PRF()
        for article in self.articles:
            total.add(pick(article))
        return total

    def role(self, role: str, mode: Mode) -> PRF:
        return self.total(lambda a: a.roles[role][mode])

    def attribution(self, mode: Mode) -> PRF:
        return self.total(lambda a: a.attributions[mode])

    def sentence(self, role: str) -> PRF:
        return self.total(lambda a: a.sentences[role])

    @property
    def nested(self) -> int:
        return sum(a.nested for a in self.articles)

    def to_json(self) -> dict[str, Any]:
        return {
            "gold_dir": self.gold_dir,
            "annotator_rule": self.annotator_rule,
            "articles": len(self.articles),
            "failed": len(self.failures),
            "failures": list(self.failures),
            "skipped_gold_events": list(self.skipped_events),
            "gold_attributions": self.attribution("exact").gold,
            "system_attributions": self.attribution("exact").predicted,
            "nested_scored": self.nested_scored,
            "nested_not_scored": self.nested,
            "continued_scored": self.continued_scored,
            "continued_not_scored": sum(a.continued for a in self.articles),
            "roles": {r: {m: self.role(r, m).to_json() for m in MODES} for r in ROLES},
            "attributions": {m: self.attribution(m).to_json() for m in MODES},
            "sentence_exact": {r: self.sentence(r).to_json() for r in ROLES},
            "per_article": [a.to_json() for a in self.articles],
        }


def evaluate_attribution(
    gold_dir: Path,
    *,
    pipeline: Pipeline | None = None,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
    nested: bool = False,
    continued: bool = True,
) -> AttributionScores:
    """Run the pipeline on every gold article (raw text, so offsets index the .txt) and
    score it. An article that cannot be read or analysed is recorded and skipped.
    Nested attributions are scored only with `nested`, continued ones unless not `continued`."""
    gold_dir = Path(gold_dir)
    scores = AttributionScores(str(gold_dir), nested_scored=nested, continued_scored=continued)
    golds: dict[str, GoldArticle] = {}
    for item in read_gold(gold_dir):
        if isinstance(item, GoldError):
            _fail(scores, progress, str(item))
            continue
        golds[str(item.text_path)] = item
        for line in item.skipped:
            scores.skipped_events.append(line)
            _say(progress, f"warning: {line}")
        if limit is not None and len(golds) >= limit:
            break
    if not golds:
        raise GoldError(f"{gold_dir}: no article could be read from text/ and attributions/")
    pipeline = pipeline or Pipeline(keep_doc=True)
    for outcome in pipeline.run(read_inputs(list(golds), raw=True)):
        _score_outcome(outcome, golds, scores, progress)
    return scores


def _score_outcome(
    outcome: Article | Failure | Skipped,
    golds: dict[str, GoldArticle],
    scores: AttributionScores,
    progress: Callable[[str], None] | None,
) -> None:
    if isinstance(outcome, Failure):
        _fail(scores, progress, outcome.reason)
        return
    if isinstance(outcome, Skipped):
        return
    gold = golds[outcome.input]
    if outcome.text != read_text(gold.text_path):
        # Offsets would point elsewhere: scoring this article would be wrong, not just low.
        _fail(scores, progress, f"{gold.name}: the analysed text differs from text/{gold.text_path.name}")
        return
    segments = Segments.of(outcome.text, outcome.doc)  # the parse's tokens where it is kept
    outcome.doc = None  # memory stays flat over a long gold set
    scored = score_article(gold, outcome, segments, nested=scores.nested_scored, continued=scores.continued_scored)
    scores.articles.append(scored)
    _say(progress, f"scored {len(scores.articles)}/{len(golds)}: {gold.name}")


def _fail(scores: AttributionScores, progress: Callable[[str], None] | None, reason: str) -> None:
    scores.failures.append(reason)
    _say(progress, f"warning: {reason}")


def _say(progress: Callable[[str], None] | None, message: str) -> None:
    if progress is not None:
        progress(message)
