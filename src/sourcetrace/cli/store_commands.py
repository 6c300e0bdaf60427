"""The store's commands: `ingest` fills it; `list`, `show`, `search`, `sources` and `failures` read it.

Only `ingest` creates the store `--db` names; the readers refuse a missing file, which
is far more often a mistyped path than a wish for an empty answer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ..errors import Failure
from ..render import render
from ..store.ingest import ingest
from ..store.sources import NAMED_KINDS, PHRASE_KINDS, SourceRow, Unresolved
from ..store.sqlite import LIST_SORTS, SEARCH_SORTS, ArticleRow, FailureRow, SearchHit, Store
from .options import (
    add_db_option,
    add_format_option,
    add_input_options,
    add_output_option,
    add_quiet_option,
    add_selection_options,
    estimate_inputs,
    open_output,
    open_store,
    positive_int,
    read_args_inputs,
    selection,
)
from .progress import Tracker
from .reports import REPORT_FORMATS, ROWS, write_csv
from .tables import TABLE_FORMATS, write_rows

LIST_COLUMNS = ("id", "date", "outlet", "attributions", "title")
SEARCH_COLUMNS = ("article", "attribution", "date", "outlet", "title", "source", "kind", "match")
FAILURE_COLUMNS = ("input", "kind", "reason", "failed_at")
SOURCE_COLUMNS = ("name", "kind", "attributions", "articles", "outlets", "variants")
TABLE_HELP = "md (a table), json (JSON Lines) or csv"


def add_commands(commands: argparse._SubParsersAction) -> None:
    _add_ingest(commands)
    listing = commands.add_parser("list", help="list stored articles: id, date, outlet, attributions, title")
    add_selection_options(
        listing, sorts=LIST_SORTS, sort="-ingested", kind_help="only articles with a source of this kind"
    )
    _table_options(listing, run_list)

    show = commands.add_parser("show", help="show one stored article's analysis")
    show.add_argument("id", help="article id or a unique prefix of it (4+ characters)")
    add_format_option(show, REPORT_FORMATS, "md", "md, json, html, or csv (one row per attribution)")
    show.add_argument("--rows", choices=ROWS, default="attributions", help="what a csv row is (default %(default)s)")
    add_output_option(show)
    add_db_option(show)
    show.set_defaults(run=run_show)

    search = commands.add_parser(
        "search",
        help="full-text search over stored claims and sources",
        description="QUERY is FTS5 syntax: words (stemmed: 'official' finds 'officials'), \"a phrase\", "
        'AND, OR, NOT, prefix*. Quote words holding punctuation ("U.S."), or give --phrase.',
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--phrase", action="store_true", help="search QUERY literally, as one phrase")
    add_selection_options(
        search, sorts=SEARCH_SORTS, sort="rank", kind_help="only hits whose source is of this kind", limit=50
    )
    _table_options(search, run_search)

    sources = commands.add_parser(
        "sources",
        help="the persons and organisations cited across the store, each under one name",
        description="Persons and organisations cited across the store, each once however the articles spell "
        "or shorten the name (the other spellings are its variants), with the attributions, articles and "
        "outlets citing it. Pronouns, bare titles and agentless cues name no one: they are counted as "
        "unresolved in a last line (on stderr for json and csv).",
    )
    sources.add_argument(
        "--kind",
        choices=NAMED_KINDS + PHRASE_KINDS,
        help="only persons or organisations; or list the phrases of anonymous, vague or document sources",
    )
    sources.add_argument("--limit", type=positive_int, metavar="N", help="the N sources with most attributions")
    _table_options(sources, run_sources)

    failures = commands.add_parser(
        "failures", help="the inputs that failed to analyse: kind, reason (with the fix) and time"
    )
    _table_options(failures, run_failures)


def _table_options(command: argparse.ArgumentParser, run: Any) -> None:
    add_format_option(command, TABLE_FORMATS, "md", TABLE_HELP)
    add_output_option(command)
    add_db_option(command)
    command.set_defaults(run=run)


def _add_ingest(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser("ingest", help="analyse articles and store them in SQLite")
    add_input_options(command)
    add_db_option(command, help="SQLite store, created if missing (default %(default)s)")
    command.add_argument(
        "--reanalyse",
        action="store_true",
        help="analyse stored articles again and replace their analyses (after an upgrade, or with another --engine)",
    )
    add_quiet_option(command)
    command.set_defaults(run=run_ingest)


def run_ingest(args: argparse.Namespace) -> int:
    from ..pipeline import Pipeline  # loads spaCy: only the commands that analyse pay for it

    with Store(args.db) as store:
        pipeline = Pipeline(model=args.model, engine=args.engine)
        with Tracker("ingesting", quiet=args.quiet, count=lambda: estimate_inputs(args)) as tracker:
            report = ingest(
                read_args_inputs(args), store, pipeline, progress=_counted(tracker), reanalyse=args.reanalyse
            )
            tracker.summary = (
                f"{args.db}: {report.stored} stored, {report.already_stored} already stored, "
                f"{report.replaced} analysed again, {len(report.failures)} failed"
            )
    return 1 if report.failures else 0


def _counted(tracker: Tracker) -> Callable[[Any], None]:
    """The ingest callback: each outcome counted, each failure said as it happens."""

    def progress(outcome: Any) -> None:
        if isinstance(outcome, Failure):
            tracker.error(f"error: {outcome.reason}")
        tracker.advance(failed=isinstance(outcome, Failure))

    return progress


def run_list(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.list(**selection(args))
    with open_output(args.output, newline="") as out:
        write_rows(map(_article, rows), LIST_COLUMNS, args.format, out)
    if not rows:
        print(_nothing(args, f"{args.db}: no stored article"), file=sys.stderr)
    return 0


def _article(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "date": row.published,
        "outlet": row.outlet,
        "attributions": row.attributions,
        "title": row.title or row.input,
    }


def _nothing(args: argparse.Namespace, what: str) -> str:
    chosen = [f"--{key} {value}" for key, value in vars(args).items() if key in ("since", "until", "kind") and value]
    chosen += [f"--outlet {name!r}" for name in args.outlet or ()]
    if args.offset:
        chosen.append(f"--offset {args.offset}")
    return f"{what} matches {' '.join(chosen)}" if chosen else f"{what} yet; add some with `sourcetrace ingest PATH`"


def run_show(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        analysis = store.get(args.id)
    with open_output(args.output, newline="" if args.format == "csv" else None) as out:
        if args.format == "csv":
            write_csv([analysis], args.rows, out)
        else:
            out.write(render(analysis, args.format).rstrip("\n") + "\n")
    return 0


def run_search(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        hits = store.search(args.query, phrase=args.phrase, **selection(args))
    with open_output(args.output, newline="") as out:
        write_rows((_hit(hit, args.format) for hit in hits), SEARCH_COLUMNS, args.format, out)
    if not hits:
        print(f"no claim or source matches {args.query!r}", file=sys.stderr)
    return 0


def _hit(hit: SearchHit, format: str) -> dict[str, Any]:
    return {
        "article": hit.article_id,
        "attribution": hit.attribution_id,
        "date": hit.published,
        "outlet": hit.outlet,
        "title": hit.title,
        "source": hit.source,
        "kind": hit.kind,
        # Markdown shows the matched words in bold; csv and json keep the plain excerpt.
        "match": hit.marked("**", "**") if format == "md" else hit.snippet,
    }


def run_sources(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.sources(kind=args.kind, limit=args.limit)
        unresolved = store.unresolved()
    with open_output(args.output, newline="") as out:
        write_rows(map(_source, rows), SOURCE_COLUMNS, args.format, out)
        if args.format == "md":
            out.write(f"\n{_unresolved(unresolved)}\n")
    if args.format != "md":
        print(_unresolved(unresolved), file=sys.stderr)
    return 0


def _source(row: SourceRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "kind": row.kind,
        "attributions": row.attributions,
        "articles": row.articles,
        "outlets": list(row.outlets),
        "variants": list(row.variants),
    }


def _unresolved(unresolved: Unresolved) -> str:
    parts = ", ".join(f"{klass} {count}" for klass, count in unresolved.by_class.items() if count)
    return f"unresolved: {unresolved.count} of {unresolved.total} attributions ({unresolved.share:.1%}) name no one" + (
        f" ({parts})" if parts else ""
    )


def run_failures(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.failure_log()
    with open_output(args.output, newline="") as out:
        write_rows(map(_failure, rows), FAILURE_COLUMNS, args.format, out)
    if not rows:
        print(f"{args.db}: no failed input", file=sys.stderr)
    return 0


def _failure(row: FailureRow) -> dict[str, Any]:
    return {"input": row.input, "kind": row.kind, "reason": row.reason, "failed_at": row.failed_at}
