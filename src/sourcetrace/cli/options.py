"""The options the commands share, defined once, and what turns them into library calls.

Every command that prints data has `--format` and `-o`; every command that reads files has
the input options; every command that reads a store has `--db`, and only `ingest` may
create the store it names (for the others a new, empty store means a mistyped path).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TextIO

from ..article import SOURCE_KINDS
from ..engines import DEFAULT_ENGINE, ENGINES
from ..errors import SourcetraceError
from ..parse import DEFAULT_MODEL
from ..read import FORMATS as READ_FORMATS
from ..read import RecordFields, read_inputs, read_transcripts
from ..store.sqlite import Store, StoreNotFound

DEFAULT_DB = "sourcetrace.db"
FIELDS = ("text", "title", "date", "url", "outlet", "author")


def positive_int(value: str) -> int:
    """argparse type: a whole number of at least 1 (a `--limit`)."""
    if not value.strip().isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def non_negative_int(value: str) -> int:
    """argparse type: 0 or more (an `--offset`)."""
    if not value.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 0 or more")
    return int(value)


def iso_date(value: str) -> str:
    """argparse type: a date as YYYY-MM-DD, returned in that form."""
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def add_input_options(command: argparse.ArgumentParser, *, paths: str = "+") -> None:
    """PATH..., --raw, --model, --max-bytes, --engine and the record field names."""
    command.add_argument(
        "paths", nargs=paths, metavar="PATH", help="files (.txt .html .json .jsonl .csv) or directories"
    )
    command.add_argument("--raw", action="store_true", help="take text files verbatim: no title line, no cleaning")
    # No default here: the readers' own applies (2 MB), and the options load without spaCy.
    command.add_argument("--max-bytes", type=positive_int, metavar="N", help="size limit per article (default 2 MB)")
    add_analysis_options(command)
    for field in FIELDS:
        command.add_argument(f"--{field}-field", metavar="NAME", help=f"JSONL/CSV field holding the {field}")


def add_analysis_options(command: argparse.ArgumentParser) -> None:
    """--model and --engine: what analyses (every command that runs the pipeline)."""
    command.add_argument(
        "--model", default=os.environ.get("SOURCETRACE_MODEL", DEFAULT_MODEL), help="installed spaCy English pipeline"
    )
    command.add_argument(
        "--engine",
        choices=ENGINES,
        default=DEFAULT_ENGINE,
        help="attribution engine: rules (default: chains, nesting, our conventions) or learned (trained on PolNeAR)",
    )


def add_db_option(command: argparse.ArgumentParser, *, optional: bool = False, help: str | None = None) -> None:
    """--db FILE; `optional`: no default, for a command that reads a store only when asked."""
    default = None if optional else os.environ.get("SOURCETRACE_DB", DEFAULT_DB)
    command.add_argument("--db", default=default, metavar="FILE", help=help or "SQLite store (default %(default)s)")


def add_format_option(command: argparse.ArgumentParser, choices: tuple[str, ...], default: str, help: str) -> None:
    command.add_argument("--format", choices=choices, default=default, help=f"{help} (default {default})")


def add_output_option(command: argparse.ArgumentParser, help: str = "file to write instead of stdout") -> None:
    command.add_argument("-o", "--output", metavar="FILE", help=help)


def add_quiet_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-q", "--quiet", action="store_true", help="no progress display and no summary on stderr, errors only"
    )


def add_selection_options(
    command: argparse.ArgumentParser, *, sorts: tuple[str, ...], sort: str, kind_help: str, limit: int | None = None
) -> None:
    """--sort, --since, --until, --outlet, --kind, --limit, --offset (`list` and `search`)."""
    keys = ", ".join(key for key in sorts if not key.startswith("-"))
    reverses = "; -KEY reverses, as in --sort -date" if any(key.startswith("-") for key in sorts) else ""
    command.add_argument(
        "--sort", choices=sorts, default=sort, metavar="KEY", help=f"{keys}{reverses} (default {sort})"
    )
    command.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="published on or after this day")
    command.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="published on or before this day")
    command.add_argument(
        "--outlet", action="append", metavar="NAME", help="only this outlet (case-insensitive; repeat for several)"
    )
    command.add_argument("--kind", choices=SOURCE_KINDS, help=kind_help)
    most = f"at most N rows (default {limit})" if limit else "at most N rows"
    command.add_argument("--limit", type=positive_int, default=limit, metavar="N", help=most)
    command.add_argument("--offset", type=non_negative_int, default=0, metavar="N", help="skip the first N rows")


def attach_sort_values(argv: list[str]) -> list[str]:
    """`--sort -date` as `--sort=-date`: argparse would take "-date" for an unknown option."""
    out: list[str] = []
    for arg in argv:
        if out and out[-1] == "--sort" and arg.startswith("-") and not arg.startswith("--"):
            out[-1] = f"--sort={arg}"
        else:
            out.append(arg)
    return out


def selection(args: argparse.Namespace) -> dict[str, object]:
    """The `Store.list`/`Store.search` keyword arguments the selection options give."""
    keys = ("sort", "since", "until", "outlet", "kind", "limit", "offset")
    return {key: getattr(args, key) for key in keys}


def read_args_inputs(args: argparse.Namespace):
    """The inputs the input options name: articles, or transcripts with `--transcript`."""
    if getattr(args, "transcript", False):
        return read_transcripts(args.paths, speaker_field=args.speaker_field, text_field=args.text_field)
    fields = RecordFields(**{field: getattr(args, f"{field}_field") for field in FIELDS})
    limit = {"max_bytes": args.max_bytes} if args.max_bytes else {}
    return read_inputs(args.paths, raw=args.raw, fields=fields, **limit)


def estimate_inputs(args: argparse.Namespace) -> int:
    """About how many articles the input options name, without reading them, for a progress
    bar's time left: a document counts one, a JSON Lines file its non-blank lines, a CSV/TSV
    file its lines after the header (a field spanning lines counts more than once), a JSON
    file its list. Parsing them twice (HTML extraction above all) would slow the run down."""
    transcript = getattr(args, "transcript", False)
    return sum(1 if transcript else _records_in(path) for path in _files(args.paths))


def _files(paths: list[str]) -> Iterator[Path]:
    for given in map(Path, paths):
        if not given.is_dir():
            yield given  # a missing file still counts: the reader reports it as one failure
            continue
        for folder, dirs, files in os.walk(given):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            known = (Path(folder, f) for f in files if not f.startswith("."))
            yield from (path for path in known if path.suffix.lower() in READ_FORMATS)


def _records_in(path: Path) -> int:
    kind = READ_FORMATS.get(path.suffix.lower(), "text")
    try:
        if kind in ("jsonl", "csv", "tsv"):
            with open(path, "rb") as handle:
                lines = sum(1 for line in handle if line.strip())
            return max(lines - (kind != "jsonl"), 1)
        if kind == "json":
            data = json.loads(path.read_bytes())
            return len(data) if isinstance(data, list) else 1
    except (OSError, ValueError):
        pass  # the reader reports it as one failure
    return 1


def open_store(path: str) -> Store:
    """The existing store at `path`, for reading."""
    try:
        return Store(path, create=False)
    except StoreNotFound:
        raise SourcetraceError(
            f"{path}: no such store; create one with `sourcetrace ingest PATH --db {path}`"
        ) from None


class open_output:
    """stdout, or a file opened for writing that is closed afterwards."""

    def __init__(self, path: str | None, *, newline: str | None = None) -> None:
        self.path = path
        self.newline = newline
        self.file: TextIO | None = None

    def __enter__(self) -> TextIO:
        if self.path is None or self.path == "-":
            return sys.stdout
        try:
            self.file = open(self.path, "w", encoding="utf-8", newline=self.newline)
        except OSError as error:
            raise SourcetraceError(
                f"{self.path}: cannot write the output ({error.strerror}); choose another -o path"
            ) from error
        return self.file

    def __exit__(self, *exc: object) -> None:
        if self.file is not None:
            self.file.close()
