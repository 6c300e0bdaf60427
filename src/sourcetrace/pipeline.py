"""read → clean → language → parse → attribute → claims → artifacts → actors → summarize.

Every analysis stage has the shape `stage(article) -> article`, declares what it needs and
adds (`stage.py`), and the pipeline checks the order once, when it is built. Parsing also
has `pipe`, so a batch of articles goes through spaCy together. A failing input becomes a
`Failure` in the output stream and the batch goes on; nothing is dropped silently.

    Pipeline()                                   the rule engine, every stage
    Pipeline(engine="learned")                   the engine named in `engines.ENGINES`
    Pipeline(attributor=my_stage)                an attribution stage of your own
    Pipeline(stages=(summarize,))                other stages after the attribution
    Pipeline(attributor=None, stages=())         the parse alone
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .actors import find_actors
from .article import Article, RawArticle
from .artifacts import flag_artifacts, glossary
from .claims.stage import claims
from .clean import clean
from .engines import DEFAULT_ENGINE, ENGINES, make_attributor
from .errors import Failure, InputError, InputTooLarge, MalformedRecord, Skipped, SourcetraceError
from .language import check_language
from .parse import DEFAULT_MODEL, Parser
from .read import RecordFields, read_inputs
from .stage import check_order
from .summary import summarize

__all__ = ["DEFAULT_MAX_BYTES", "ENGINES", "STAGES", "Pipeline", "Skipped", "analyze"]

Stage = Callable[[Article], Article]
# What runs after the attribution stage, in order.
STAGES: tuple[Stage, ...] = (claims, flag_artifacts, find_actors, summarize)
DEFAULT_MAX_BYTES = 2_000_000
_ENGINE = object()  # `attributor` not given: build the one `engine` names

Outcome = Article | Failure | Skipped


class Pipeline:
    """The analysis pipeline with one loaded spaCy model."""

    def __init__(
        self,
        *,
        model: str = DEFAULT_MODEL,
        engine: str = DEFAULT_ENGINE,
        attributor: Any = _ENGINE,
        stages: Iterable[Stage] = STAGES,
        batch_size: int = 16,
        keep_doc: bool = False,
    ) -> None:
        if attributor is _ENGINE:
            attributor = make_attributor(engine)
        self._stages: tuple[Stage, ...] = ((attributor,) if attributor is not None else ()) + tuple(stages)
        check_order(self._stages)  # a wrongly composed pipeline fails here, not on an article
        self.parser = Parser(model, batch_size)
        try:  # a broken user glossary is a setup error, said once, not a failure per article
            glossary()
        except ValueError as error:
            raise SourcetraceError(f"translation glossary: {error}") from error
        # Without the Doc, memory stays flat however many articles stream through.
        self.keep_doc = keep_doc

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The analysis stages after the parse, attribution first; fixed when built."""
        return self._stages

    def analyze_text(self, text: str, *, title: str | None = None, input: str = "<text>", raw: bool = False) -> Article:
        """One article from a string. Raises `InputError` for input it cannot analyse: not a
        string (`MalformedRecord`; bytes: decode them first), empty, over the parser's limit
        (`InputTooLarge`), not English."""
        _check_type(text, "text", input, str)
        for name, value in (("title", title), ("input", input)):
            _check_type(value, name, input if isinstance(input, str) else "<text>", str, None)
        article = self._prepare(RawArticle(body=text, input=input, title=title, raw=raw))
        return self._analyse(self.parser(article))

    def _prepare(self, raw: RawArticle) -> Article:
        """Cleaned, its language checked, and short enough for the parser."""
        article = check_language(clean(raw))
        limit = self.parser.nlp.max_length
        if len(article.text) > limit:
            raise InputTooLarge(
                article.input,
                f"text is {len(article.text):,} characters, over the parser's limit of {limit:,}",
                "split the text into articles under the limit",
            )
        return article

    def run(
        self,
        items: Iterable[RawArticle | Failure],
        *,
        skip: Callable[[Article], bool] | None = None,
    ) -> Iterator[Outcome]:
        """Analyse a stream of read inputs; yields each article, failure or skip, in the
        order of the inputs."""
        pending: deque[tuple[int, Failure | Skipped]] = deque()  # (input number, outcome)
        numbers: dict[int, int] = {}  # id(article) → input number

        def prepared() -> Iterator[Article]:
            for number, item in enumerate(items):
                if isinstance(item, Failure):
                    pending.append((number, item))
                    continue
                try:
                    article = self._prepare(item)
                except InputError as error:
                    pending.append((number, Failure.from_error(error)))
                    continue
                if skip is not None and skip(article):
                    pending.append((number, Skipped(article.input, article.id)))
                    continue
                numbers[id(article)] = number
                yield article

        for article in _ahead(self.parser.pipe(prepared()), self.stages, self.parser.batch_size):
            number = numbers.pop(id(article))
            while pending and pending[0][0] < number:  # the parser reads ahead of what it yields
                yield pending.popleft()[1]
            yield self._analyse_or_fail(article)
        yield from (outcome for _, outcome in pending)

    def _analyse(self, article: Article) -> Article:
        for stage in self.stages:
            article = stage(article)
        if not self.keep_doc:
            article.doc = None
        return article

    def _analyse_or_fail(self, article: Article) -> Article | Failure:
        try:
            return self._analyse(article)
        except Exception as error:  # a bug on one article must not stop a batch of thousands
            return Failure(
                article.input,
                "internal",
                f"{article.input}: analysis failed ({type(error).__name__}: {error}); "
                "this is a bug in sourcetrace, please report it with the input",
            )


def analyze(
    paths: Iterable[str | Path],
    *,
    raw: bool = False,
    fields: RecordFields | None = None,
    model: str = DEFAULT_MODEL,
    engine: str = DEFAULT_ENGINE,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Failure]:
    """Read and analyse files, collections and directories; a failure does not stop the rest."""
    pipeline = Pipeline(model=model, engine=engine)
    items = read_inputs(paths, raw=raw, fields=fields, max_bytes=max_bytes)
    for outcome in pipeline.run(items):
        if not isinstance(outcome, Skipped):
            yield outcome


def _check_type(value: Any, name: str, input: str, *types: type | None) -> None:
    """A wrong type said where it is given, not as an AttributeError deep inside a stage."""
    allowed = tuple(type(None) if t is None else t for t in types)
    if isinstance(value, allowed):
        return
    if isinstance(value, (bytes, bytearray)):
        fix = "decode the bytes first, e.g. `data.decode('utf-8')`"
    else:
        fix = f"give the {name} as a string" + (" or None" if None in types else "")
    raise MalformedRecord(input, f"the {name} is a {type(value).__name__}, not a string", fix)


def _ahead(parsed: Iterator[Article], stages: tuple[Stage, ...], depth: int) -> Iterator[Article]:
    """Parsed articles, `depth` behind the parser, each handed first to the `prepare` of
    the stages that have one. There a stage starts the work that runs outside Python's lock
    (the learned tagger's ONNX Runtime): it then runs on the second core while the parser
    works through the next batch, instead of after it. Without such a stage, no look-ahead."""
    preparers = [stage.prepare for stage in stages if hasattr(stage, "prepare")]
    if not preparers:
        yield from parsed
        return
    window: deque[Article] = deque()
    for article in parsed:
        for prepare in preparers:
            try:
                prepare(article)
            except Exception:  # noqa: BLE001 - the stage meets it again in its own call,
                pass  # where it becomes this article's Failure and the batch goes on
        window.append(article)
        if len(window) > depth:
            yield window.popleft()
    yield from window
