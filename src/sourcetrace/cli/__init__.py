"""The command line: parse arguments, call one library function, format the result.

    sourcetrace analyze PATH... [--format json|md|html|csv] [-o OUT]
    sourcetrace ingest PATH... [--db FILE]
    sourcetrace list | search QUERY | sources | failures   [--format md|json|csv] [-o OUT] [--db FILE]
    sourcetrace store check [--db FILE] | store recover [--db FILE] -o NEW
    sourcetrace show ID [--format md|json|html|csv] [-o OUT] [--db FILE]
    sourcetrace actors PATH... | actors --db FILE [ID...]   [--format md|json]
    sourcetrace rank TRANSCRIPT | eval attribution GOLD_DIR

One grammar: the input options, `--db`, `--format`, `-o` and `--quiet` mean the same in
every command (options.py). Errors about one input go to stderr as they happen and the
batch goes on; the exit status is 1 when any input failed, 2 for a usage or setup error.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import SourcetraceError
from ..version import __version__
from . import actors, analyze, evaluate, rank, store_commands, store_health
from .options import attach_sort_values


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(attach_sort_values(sys.argv[1:] if argv is None else argv))
    try:
        return int(args.run(args))
    except SourcetraceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `sourcetrace analyze ... | head` is fine
        return 0
    except KeyboardInterrupt:  # an interrupted ingest is resumed by running it again
        print("interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sourcetrace", description="Who claims what, citing whom, and how well is it sourced."
    )
    parser.add_argument("--version", action="version", version=f"sourcetrace {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    analyze.add_command(commands)
    store_commands.add_commands(commands)
    store_health.add_command(commands)
    rank.add_command(commands)
    actors.add_command(commands)
    evaluate.add_command(commands)
    return parser


if __name__ == "__main__":
    sys.exit(main())
