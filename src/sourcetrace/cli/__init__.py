"""The command line: parse arguments, call one library function, format the result.

    sourcetrace analyze PATH... [--format json|md|html] [--raw] [-o OUT]
    sourcetrace ingest PATH... [--db FILE]
    sourcetrace list | show ID | search QUERY | sources   [--db FILE]

Errors about one input go to stderr as they happen and the batch goes on; the exit
status is 1 when any input failed, 2 for a usage or setup error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..article import Article
from ..contract import to_json
from ..errors import Failure, Skipped, SourcetraceError
from ..parse import DEFAULT_MODEL
from ..pipeline import DEFAULT_MAX_BYTES, ENGINES, Pipeline
from ..read import RecordFields, read_inputs, read_transcripts
from ..render import FORMATS, render
from ..store import Store, ingest
from ..version import __version__
from . import actors, evaluate, rank

DEFAULT_DB = "sourcetrace.db"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SourcetraceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `sourcetrace analyze ... | head` is fine
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcetrace", description="Who claims what, citing whom, and how well is it sourced."
    )
    parser.add_argument("--version", action="version", version=f"sourcetrace {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="analyse articles and print their attributions")
    _input_options(analyze)
    analyze.add_argument("--format", choices=FORMATS, default="json", help="json (JSON Lines, default), md or html")
    analyze.add_argument("-o", "--output", help="file to write (a directory for html with several articles)")
    analyze.add_argument(
        "--transcript",
        action="store_true",
        help="each file is a transcript (CSV/TSV, speaker and text columns): one article, each turn attributed to its speaker",
    )
    analyze.add_argument("--speaker-field", metavar="NAME", help="transcript column holding the speaker")
    analyze.set_defaults(run=_analyze)

    ingest_cmd = commands.add_parser("ingest", help="analyse articles and store them in SQLite")
    _input_options(ingest_cmd)
    _db_option(ingest_cmd)
    ingest_cmd.add_argument(
        "--reanalyse",
        action="store_true",
        help="analyse stored articles again and replace their analyses (after an upgrade, or with another --engine)",
    )
    ingest_cmd.set_defaults(run=_ingest)

    list_cmd = commands.add_parser("list", help="list stored articles")
    _db_option(list_cmd)
    list_cmd.add_argument("--limit", type=int, default=None)
    list_cmd.set_defaults(run=_list)

    show = commands.add_parser("show", help="show one stored article's analysis")
    show.add_argument("id", help="article id or a unique prefix of it (4+ characters)")
    show.add_argument("--format", choices=FORMATS, default="md")
    _db_option(show)
    show.set_defaults(run=_show)

    search = commands.add_parser("search", help="full-text search over stored claims and sources")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=50)
    _db_option(search)
    search.set_defaults(run=_search)

    sources = commands.add_parser("sources", help="every source across the store, with its kind and claims")
    sources.add_argument("--limit", type=int, default=None)
    _db_option(sources)
    sources.set_defaults(run=_sources)

    rank.add_command(commands)
    actors.add_command(commands)
    evaluate.add_command(commands)
    return parser


def _input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="files (.txt .html .json .jsonl .csv) or directories")
    command.add_argument("--raw", action="store_true", help="take text files verbatim: no title line, no cleaning")
    command.add_argument(
        "--model", default=os.environ.get("SOURCETRACE_MODEL", DEFAULT_MODEL), help="installed spaCy English pipeline"
    )
    command.add_argument(
        "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="size limit per article (default %(default)s)"
    )
    command.add_argument(
        "--engine",
        choices=ENGINES,
        default="rules",
        help="attribution engine: rules (default: chains, nesting, our conventions) or learned (trained on PolNeAR)",
    )
    for field in ("text", "title", "date", "url", "outlet", "author"):
        command.add_argument(f"--{field}-field", metavar="NAME", help=f"JSONL/CSV field holding the {field}")


def _db_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--db", default=os.environ.get("SOURCETRACE_DB", DEFAULT_DB), help="SQLite file (default %(default)s)"
    )


def _inputs(args: argparse.Namespace):
    if getattr(args, "transcript", False):
        return read_transcripts(args.paths, speaker_field=args.speaker_field, text_field=args.text_field)
    fields = RecordFields(
        **{f: getattr(args, f"{f}_field") for f in ("text", "title", "date", "url", "outlet", "author")}
    )
    return read_inputs(args.paths, raw=args.raw, fields=fields, max_bytes=args.max_bytes)


def _analyze(args: argparse.Namespace) -> int:
    pipeline = Pipeline(model=args.model, engine=args.engine)
    outcomes = pipeline.run(_inputs(args))
    if args.format == "html" and args.output and _is_directory_target(args.output):
        return _analyze_to_directory(outcomes, Path(args.output))
    with _open_output(args.output) as out:
        return _write_reports(_reported(outcomes), args.format, out)


def _reported(outcomes: Iterator) -> Iterator[Article | Failure]:
    for outcome in outcomes:
        if not isinstance(outcome, Skipped):
            yield outcome


def _write_reports(outcomes: Iterator[Article | Failure], format: str, out: TextIO) -> int:
    done, failed = 0, []
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            failed.append(outcome)
            print(f"error: {outcome.reason}", file=sys.stderr)
            continue
        if done and format == "md":
            out.write("\n---\n\n")
        if done and format == "html":
            raise SourcetraceError("html with several articles needs -o DIRECTORY (one page per article)")
        out.write(render(to_json(outcome), format).rstrip("\n") + "\n")
        out.flush()
        done += 1
    return _summary(done, failed)


def _analyze_to_directory(outcomes: Iterator, directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    done, failed = 0, []
    for outcome in _reported(outcomes):
        if isinstance(outcome, Failure):
            failed.append(outcome)
            print(f"error: {outcome.reason}", file=sys.stderr)
            continue
        analysis = to_json(outcome)
        page = directory / f"{analysis['article']['id']}.html"
        page.write_text(render(analysis, "html"), encoding="utf-8")
        done += 1
    print(f"wrote {done} page(s) to {directory}", file=sys.stderr)
    return _summary(done, failed)


def _summary(done: int, failed: list[Failure]) -> int:
    if failed or done != 1:
        print(f"analysed {done} article(s), {len(failed)} failed", file=sys.stderr)
    for failure in failed:
        print(f"  failed: {failure.input} ({failure.kind})", file=sys.stderr)
    return 1 if failed or done == 0 else 0


def _is_directory_target(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).is_dir() or not Path(output).suffix


class _open_output:
    """stdout, or a file opened for writing that is closed afterwards."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.file: TextIO | None = None

    def __enter__(self) -> TextIO:
        if self.path is None or self.path == "-":
            return sys.stdout
        try:
            self.file = open(self.path, "w", encoding="utf-8")
        except OSError as error:
            raise SourcetraceError(
                f"{self.path}: cannot write the output ({error.strerror}); choose another -o path"
            ) from error
        return self.file

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()


def _ingest(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        pipeline = Pipeline(model=args.model, engine=args.engine)
        report = ingest(_inputs(args), store, pipeline, progress=_progress, reanalyse=args.reanalyse)
    print(
        f"{args.db}: {report.stored} stored, {report.already_stored} already stored, "
        f"{report.replaced} analysed again, {len(report.failures)} failed",
        file=sys.stderr,
    )
    for failure in report.failures:
        print(f"  failed: {failure.input} ({failure.kind})", file=sys.stderr)
    return 1 if report.failures else 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr)


def _list(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        rows = store.list(limit=args.limit)
    for row in rows:
        print(f"{row.id}  {row.published or '----------'}  {row.attributions:3d} attr.  {row.title or row.input}")
    if not rows:
        print(f"{args.db}: no articles stored yet; add some with `sourcetrace ingest PATH`", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        analysis = store.get(args.id)
    sys.stdout.write(render(analysis, args.format).rstrip("\n") + "\n")
    return 0


def _search(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        hits = store.search(args.query, limit=args.limit)
    for hit in hits:
        print(f"{hit.article_id}  {hit.attribution_id:>4}  {hit.source or '(no source)'} ({hit.kind}): {hit.marked()}")
    if not hits:
        print(f"no claim or source matches {args.query!r}", file=sys.stderr)
    return 0


def _sources(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        rows = store.sources()
    for row in rows[: args.limit]:
        print(f"{row.claims:5d} claims  {row.articles:4d} articles  {row.kind:<12}  {row.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
