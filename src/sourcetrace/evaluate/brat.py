"""Reading gold attributions in PolNeAR's BRAT standoff format.

A gold directory holds `text/<article>.txt` and `attributions/<article>_<annotator>.ann`.
In an .ann file:

    T<n>\\t<Type> <start> <end>[;<start> <end>...]\\t<surface>
    E<n>\\tAttribution:T<a> Content:T<c> Cue:T<q> Source:T<s>    (or Attribution-no-source:
                                                               ..., without Source;
                                                               a few add Content2:T<d>)

Offsets are code points into the .txt, end-exclusive. A surface may hold a newline, which
splits its line: any line that does not start a new annotation continues the previous
one. Discuss and Discard spans, annotator notes (`#`) and unknown lines are kept out:
they are not attributions.

Some articles have several annotators' files; `choose_annotations` keeps one per article,
the one with the lexicographically smallest annotator id (`ANNOTATOR_RULE`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourcetraceError

__all__ = [
    "ANNOTATOR_RULE",
    "GoldArticle",
    "GoldAttribution",
    "GoldError",
    "GoldSpan",
    "choose_annotations",
    "parse_ann",
    "read_gold",
]

ROLES = ("source", "cue", "content")
ANNOTATOR_RULE = "one file per article: the lexicographically smallest annotator id"
_LINE_START = re.compile(r"^[A-Z#*]+[0-9]*\t")  # T1, E1, #1, R1, A1, N1, * ...
_ANN_NAME = re.compile(r"^(?P<article>.+)_(?P<annotator>[^_]+)\.ann$")
_EVENT_TYPES = ("Attribution", "Attribution-no-source")


class GoldError(SourcetraceError):
    """A gold file cannot be read or does not fit its text; the message says which and why."""


class _Unfinished(GoldError):
    """An event the annotator did not finish: skipped, not fatal for the file."""


@dataclass(frozen=True)
class GoldSpan:
    """One annotated span: its role and its character ranges, sorted by start."""

    role: str
    parts: tuple[tuple[int, int], ...]
    id: str = ""

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return max(end for _, end in self.parts)

    def pieces(self) -> tuple[tuple[int, int], ...]:
        return self.parts


@dataclass(frozen=True)
class GoldAttribution:
    """Source ← cue → content; `source` is None for an Attribution-no-source event.

    `content` joins the ranges of Content and, where present, Content2.
    """

    id: str
    source: GoldSpan | None
    cue: GoldSpan
    content: GoldSpan


@dataclass
class GoldArticle:
    """One article's text and the attributions of the annotator chosen for it."""

    name: str
    annotator: str
    text_path: Path
    ann_path: Path
    attributions: list[GoldAttribution] = field(default_factory=list)
    annotators: tuple[str, ...] = ()  # every annotator who has a file for the article
    skipped: tuple[str, ...] = ()  # unfinished events left out, one line each

    def spans(self, role: str) -> list[GoldSpan]:
        """The distinct spans of a role; a Source shared by several events counts once."""
        seen: dict[tuple[tuple[int, int], ...], GoldSpan] = {}
        for attribution in self.attributions:
            span = getattr(attribution, role)
            if span is not None:
                seen.setdefault(span.parts, span)
        return sorted(seen.values(), key=lambda s: s.parts)


def choose_annotations(attributions_dir: Path) -> dict[str, tuple[str, Path, tuple[str, ...]]]:
    """For each article: (chosen annotator, its .ann path, all annotators), sorted by article."""
    by_article: dict[str, dict[str, Path]] = {}
    for path in sorted(attributions_dir.glob("*.ann")):
        named = _ANN_NAME.match(path.name)
        if named is None:
            raise GoldError(f"{path}: not named <article>_<annotator>.ann; rename it")
        by_article.setdefault(named["article"], {})[named["annotator"]] = path
    chosen = {}
    for article in sorted(by_article):
        files = by_article[article]
        annotator = min(files)  # ANNOTATOR_RULE
        chosen[article] = (annotator, files[annotator], tuple(sorted(files)))
    return chosen


def read_gold(gold_dir: Path) -> Iterator[GoldArticle | GoldError]:
    """Each article of `gold_dir` with its chosen annotation, or a `GoldError` for one that
    cannot be read (reading goes on with the next)."""
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: no such directory; give a folder with text/ and attributions/")
    text_dir, ann_dir = gold_dir / "text", gold_dir / "attributions"
    for folder in (text_dir, ann_dir):
        if not folder.is_dir():
            raise GoldError(f"{gold_dir}: no {folder.name}/ folder; a gold directory holds text/ and attributions/")
    for name, (annotator, ann_path, annotators) in choose_annotations(ann_dir).items():
        text_path = text_dir / f"{name}.txt"
        if not text_path.is_file():
            yield GoldError(f"{name}: no text/{text_path.name} for {ann_path.name}; add the article text")
            continue
        skipped: list[str] = []
        try:
            text = read_text(text_path)
            attributions = parse_ann(ann_path.read_text(encoding="utf-8"), str(ann_path), text=text, skipped=skipped)
        except (OSError, UnicodeDecodeError) as error:
            yield GoldError(f"{name}: cannot read {text_path.name} or {ann_path.name} ({error})")
            continue
        except GoldError as error:
            yield error
            continue
        yield GoldArticle(name, annotator, text_path, ann_path, attributions, annotators, tuple(skipped))


def read_text(path: Path) -> str:
    """The text exactly as stored: no newline translation, so offsets stay right."""
    return path.read_bytes().decode("utf-8")


def parse_ann(
    content: str, name: str = "<ann>", *, text: str | None = None, skipped: list[str] | None = None
) -> list[GoldAttribution]:
    """The attributions of one .ann file, in event order.

    An event without a Cue or a Content (a few annotators left one unfinished) is left
    out, and a line saying so goes to `skipped`. With `text`, every span must lie inside
    it, so that a wrong text file is caught early.
    """
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for number, line in _logical_lines(content, name):
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            kind, parts = _span_fields(rest, name, number)
            spans[ident] = (kind, parts)
        elif ident.startswith("E"):
            events.append((ident, _event_args(rest, name, number)))
    attributions = []
    for ident, args in events:
        try:
            attributions.append(_attribution(ident, args, spans, name))
        except _Unfinished as unfinished:
            if skipped is not None:
                skipped.append(str(unfinished))
    if text is not None:
        _check_inside(attributions, len(text), name)
    return [a for a in attributions if a is not None]


def _logical_lines(content: str, name: str) -> Iterator[tuple[int, str]]:
    """(line number, line) with continuation lines (a surface's newline) glued back."""
    current: tuple[int, str] | None = None
    for number, line in enumerate(content.split("\n"), 1):
        if _LINE_START.match(line):
            if current is not None:
                yield current
            current = (number, line)
        elif current is not None:
            current = (current[0], current[1] + "\n" + line)
        elif line.strip():
            raise GoldError(f"{name}: line {number}: text before any annotation: {line[:40]!r}")
    if current is not None:
        yield current


def _span_fields(rest: str, name: str, number: int) -> tuple[str, tuple[tuple[int, int], ...]]:
    head = rest.split("\t", 1)[0]
    kind, _, offsets = head.partition(" ")
    try:
        parts = []
        for piece in offsets.split(";"):
            start, end = (int(x) for x in piece.split())
            if not 0 <= start <= end:
                raise ValueError(piece)
            parts.append((start, end))
    except ValueError:
        raise GoldError(f"{name}: line {number}: bad offsets {offsets!r}; expected 'start end[;start end]'") from None
    return kind, tuple(sorted(parts))


def _event_args(rest: str, name: str, number: int) -> dict[str, str]:
    args = {}
    for item in rest.split():
        key, sep, value = item.partition(":")
        if not sep:
            raise GoldError(f"{name}: line {number}: bad event argument {item!r}; expected Role:T<n>")
        args[key] = value
    return args


def _attribution(ident: str, args: dict[str, str], spans: dict, name: str) -> GoldAttribution | None:
    if not any(kind in args for kind in _EVENT_TYPES):
        return None  # another event type: not an attribution

    def span(key: str, role: str) -> GoldSpan | None:
        if key not in args:
            return None
        if args[key] not in spans:
            raise GoldError(f"{name}: event {ident} names {args[key]}, which is not a span in the file")
        return GoldSpan(role, spans[args[key]][1], args[key])

    cue, content = span("Cue", "cue"), span("Content", "content")
    if cue is None or content is None:
        raise _Unfinished(f"{name}: event {ident} has no Cue or no Content; left out")
    extra = span("Content2", "content")
    if extra is not None:  # one content in pieces, as the system reports an interrupted one
        parts = tuple(sorted(content.parts + extra.parts))
        content = GoldSpan("content", parts, f"{content.id}+{extra.id}")
    source = span("Source", "source") if "Attribution" in args else None
    return GoldAttribution(ident, source, cue, content)


def _check_inside(attributions: list[GoldAttribution | None], length: int, name: str) -> None:
    for attribution in attributions:
        if attribution is None:
            continue
        for span in (attribution.source, attribution.cue, attribution.content):
            if span is not None and span.end > length:
                raise GoldError(
                    f"{name}: span {span.id} ends at {span.end}, past the text's {length} characters; "
                    "check that the .txt is the article this file annotates"
                )
