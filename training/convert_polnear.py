"""PolNeAR gold attributions → role-tagged spaCy Docs, for training the role tagger.

PolNeAR is univocal (a token has one role in one attribution), so one article's roles
are a sequence of non-overlapping spans labelled SOURCE, CUE or CONTENT: what spaCy's
entity recognizer learns. Each gold span becomes one or more entities:

- a discontinuous span gives one entity per piece;
- a piece is cut where the parse starts a sentence or a line break falls, because spaCy's
  recognizer cannot cross either (the evaluator joins pieces that only whitespace parts,
  so cutting there loses nothing once the linker puts the pieces back together);
- edges snap outwards to whole tokens and whitespace tokens are trimmed.

The annotator is chosen as the evaluator does (`read_gold`: smallest annotator id). Where
two gold spans still overlap (an annotation slip) the one met first is kept (sources,
then cues, then contents) and the conflict is counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sourcetrace.evaluate.brat import GoldArticle, GoldError, read_gold, read_text

__all__ = ["LABELS", "ConversionStats", "convert_gold", "role_pieces"]

LABELS = {"source": "SOURCE", "cue": "CUE", "content": "CONTENT"}


@dataclass
class ConversionStats:
    """What conversion did, so a reader can see how faithful the training data is."""

    articles: int = 0
    spans: Counter = field(default_factory=Counter)  # gold spans per role
    entities: Counter = field(default_factory=Counter)  # entities written per label
    snapped: int = 0  # pieces whose edge fell inside a token
    overlaps: int = 0  # pieces dropped because they overlap one kept earlier
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"articles: {self.articles}",
            f"gold spans: {dict(self.spans)}",
            f"entities: {dict(self.entities)}",
            f"pieces snapped to token edges: {self.snapped}",
            f"pieces dropped for overlap: {self.overlaps}",
            f"articles not read: {len(self.failures)}",
        ]


def role_pieces(doc, gold: GoldArticle, stats: ConversionStats | None = None) -> list[tuple[int, int, str]]:
    """(first token, end token, label) of every entity for a parsed article, sorted."""
    stats = stats if stats is not None else ConversionStats()
    taken = [False] * len(doc)
    pieces: list[tuple[int, int, str]] = []
    for role, label in LABELS.items():
        for span in gold.spans(role):
            stats.spans[role] += 1
            for start, end in span.parts:
                for first, last in _token_runs(doc, start, end, stats):
                    if any(taken[first:last]):
                        stats.overlaps += 1
                        continue
                    taken[first:last] = [True] * (last - first)
                    pieces.append((first, last, label))
                    stats.entities[label] += 1
    return sorted(pieces)


def _token_runs(doc, start: int, end: int, stats: ConversionStats) -> Iterator[tuple[int, int]]:
    """Token runs covering [start, end), cut at sentence starts and line breaks, trimmed."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return
    if span.start_char != start or span.end_char != end:
        if doc.text[start:end].strip() != span.text.strip():
            stats.snapped += 1
    run: list[int] = []
    for token in span:
        breaks = token.is_space and "\n" in token.text
        if run and (token.is_sent_start or breaks):
            yield from _trimmed(doc, run)
            run = []
        if not breaks:
            run.append(token.i)
    yield from _trimmed(doc, run)


def _trimmed(doc, run: list[int]) -> Iterator[tuple[int, int]]:
    while run and doc[run[0]].is_space:
        run = run[1:]
    while run and doc[run[-1]].is_space:
        run = run[:-1]
    if run:
        yield run[0], run[-1] + 1


def convert_gold(gold_dir: Path, nlp, *, limit: int | None = None, stats: ConversionStats | None = None):
    """Two DocBins for the readable articles of `gold_dir`: role-tagged Docs (tokens and
    entities, what `spacy train` reads) and the parsed Docs named by article (what the
    linker learns from).

    `nlp` parses; it must set sentence starts the way the trained pipeline will: the
    shipped model with sourcetrace's line-break rule (`sourcetrace.parse.load_model`).
    """
    from spacy.tokens import Doc, DocBin

    stats = stats if stats is not None else ConversionStats()
    golds = list(_readable(read_gold(Path(gold_dir)), stats))[:limit]
    texts = ((read_text(gold.text_path), gold.name) for gold in golds)
    tagged = DocBin(attrs=["ORTH", "SPACY", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    parsed_bin = DocBin(store_user_data=True)
    for (parsed, name), gold in zip(nlp.pipe(texts, batch_size=16, as_tuples=True), golds):
        pieces = role_pieces(parsed, gold, stats)
        doc = Doc(nlp.vocab, words=[t.text for t in parsed], spaces=[bool(t.whitespace_) for t in parsed])
        doc.set_ents([_labelled(doc, a, b, label) for a, b, label in pieces], default="outside")
        tagged.add(doc)
        parsed.user_data["article"] = name
        parsed_bin.add(parsed)
        stats.articles += 1
    return tagged, parsed_bin


def _labelled(doc, first: int, end: int, label: str):
    from spacy.tokens import Span

    return Span(doc, first, end, label=label)


def _readable(items: Iterable[GoldArticle | GoldError], stats: ConversionStats) -> Iterator[GoldArticle]:
    for item in items:
        if isinstance(item, GoldError):
            stats.failures.append(str(item))
        else:
            yield item
