"""read → clean → language → parse → attribute → summarize, streamed.

Every stage has the shape `stage(article) -> article` and adds layers; parsing also has
`pipe` so a batch of articles goes through spaCy together. A failing input becomes a
`Failure` in the output stream and the batch goes on; nothing is dropped silently.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .actors import find_actors
from .article import Article, RawArticle
from .artifacts import flag_artifacts, glossary
from .attribute import attribute
from .claims.stage import claims
from .clean import clean
from .errors import Failure, InputError, SourcetraceError
from .language import check_language
from .parse import DEFAULT_MODEL, Parser
from .read import RecordFields, read_inputs
from .summary import summarize

Stage = Callable[[Article], Article]
ANALYSIS_STAGES: tuple[Stage, ...] = (attribute, claims, flag_artifacts, find_actors, summarize)
DEFAULT_MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class Skipped:
    """An input left out on purpose (already in the store), so a resumed run can say so."""

    input: str
    article_id: str


Outcome = Article | Failure | Skipped


class Pipeline:
    """The analysis pipeline with one loaded spaCy model."""

    def __init__(
        self, *, model: str = DEFAULT_MODEL, batch_size: int = 16, keep_doc: bool = False, engine: str = "rules"
    ) -> None:
        self.parser = Parser(model, batch_size)
        self.stages = ANALYSIS_STAGES if engine == "rules" else _learned_stages(engine, self.parser)
        try:  # a broken user glossary is a setup error, said once, not a failure per article
            glossary()
        except ValueError as error:
            raise SourcetraceError(f"translation glossary: {error}") from error
        # Without the Doc, memory stays flat however many articles stream through.
        self.keep_doc = keep_doc

    def analyze_text(self, text: str, *, title: str | None = None, input: str = "<text>", raw: bool = False) -> Article:
        """One article from a string. Raises `InputError` for input it cannot analyse."""
        article = check_language(clean(RawArticle(body=text, input=input, title=title, raw=raw)))
        return self._analyse(self.parser(article))

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
                    article = check_language(clean(item))
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


ENGINES = ("rules", "learned")


def _learned_stages(engine: str, parser: Parser) -> tuple[Stage, ...]:
    """The stages with the PolNeAR-trained attribution model in place of the rules."""
    if engine not in ENGINES:
        raise SourcetraceError(f"unknown attribution engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    from .learned import LearnedAttributor  # loads a 25 MB model and ONNX Runtime: only when asked for

    learned = LearnedAttributor(parser.nlp.vocab)
    return tuple(learned if stage is attribute else stage for stage in ANALYSIS_STAGES)


def analyze(
    paths: Iterable[str | Path],
    *,
    raw: bool = False,
    fields: RecordFields | None = None,
    model: str = DEFAULT_MODEL,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Failure]:
    """Read and analyse files, collections and directories; a failure does not stop the rest."""
    pipeline = Pipeline(model=model)
    items = read_inputs(paths, raw=raw, fields=fields, max_bytes=max_bytes)
    for outcome in pipeline.run(items):
        if not isinstance(outcome, Skipped):
            yield outcome


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
