"""`sourcetrace store check` and `sourcetrace store recover`: find a store's damage, and
save what is readable of a damaged store into a new one."""

from __future__ import annotations

import argparse
import sys

from ..store.repair import check, recover
from .options import add_db_option


def add_command(commands: argparse._SubParsersAction) -> None:
    store = commands.add_parser("store", help="check a store for damage, or recover a damaged one")
    actions = store.add_subparsers(required=True, metavar="ACTION")
    checking = actions.add_parser(
        "check", help="run SQLite's integrity check: prints ok, or the problems (exit 1 on damage)"
    )
    add_db_option(checking)
    checking.set_defaults(run=run_check)
    recovering = actions.add_parser(
        "recover", help="copy every readable article and failure into a new store; says how many were saved"
    )
    add_db_option(recovering)
    recovering.add_argument("-o", "--output", required=True, metavar="NEW", help="the new store (must not exist)")
    recovering.set_defaults(run=run_recover)


def run_check(args: argparse.Namespace) -> int:
    problems = check(args.db)
    if not problems:
        print(f"{args.db}: ok")
        return 0
    print(f"{args.db}: damaged ({len(problems)} problems)")
    for problem in problems:
        print(f"  {problem}")
    print(f"save what is readable with `sourcetrace store recover --db {args.db} -o NEW.db`", file=sys.stderr)
    return 1


def run_recover(args: argparse.Namespace) -> int:
    report = recover(args.db, args.output)
    for problem in report.problems:
        print(f"note: {problem}", file=sys.stderr)
    print(
        f"{args.output}: {report.saved} articles saved, {report.unreadable} could not be read; "
        f"{report.failures_saved} failures saved"
    )
    return 1 if report.unreadable or report.problems else 0
