"""`sourcetrace actors PATH...` or `actors --db FILE [ID...]`: the actors of each article.

Actors are read from the analysis (its `actors` key), fresh or stored, so a stored article
is not analysed again. Like the other commands it parses arguments, calls the library and
formats.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from ..contract import to_json
from ..errors import Failure, Skipped, SourcetraceError
from .options import add_db_option, add_input_options, add_output_option, open_output, open_store, read_args_inputs

SHORT = 70  # characters of a claim or an evidence clause shown in md output
FORMATS = ("md", "json", "text")  # "text": the name before 0.8, the same as md


def add_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `actors` on the CLI's subparsers; returns the new parser."""
    command = commands.add_parser(
        "actors",
        help="list the people, organisations and countries in articles, with what they say and want",
        description="Analyse files (PATH...), or read stored articles with --db (the ids or id prefixes "
        "given, or every stored article when none is).",
    )
    add_input_options(command, paths="*")
    add_db_option(command, optional=True, help="read the articles from this store; PATH... are then article ids")
    command.add_argument(
        "--format", choices=FORMATS, default="md", help="md (a Markdown list, default) or json (JSON Lines)"
    )
    add_output_option(command)
    command.set_defaults(run=run)
    return command


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print each article's actors; 1 if any input failed."""
    if not args.db and not args.paths:
        raise SourcetraceError("actors: give files to analyse, or --db FILE to read stored articles")
    analyses = _stored(args) if args.db else _analysed(args)
    done = failed = 0
    with open_output(None if out else args.output) as target:
        target = out or target
        for analysis in analyses:
            if analysis is None:
                failed += 1
                continue
            if args.format == "json":
                record = {"article": analysis["article"]["id"], "input": analysis["article"]["input"]}
                target.write(json.dumps({**record, "actors": analysis.get("actors") or []}, ensure_ascii=False) + "\n")
            else:
                target.write(("\n" if done else "") + format_actors(analysis) + "\n")
            done += 1
    return 1 if failed or not done else 0


def _analysed(args: argparse.Namespace) -> Iterator[dict[str, Any] | None]:
    from ..pipeline import Pipeline  # loads spaCy: reading a store does not need it

    for outcome in Pipeline(model=args.model, engine=args.engine).run(read_args_inputs(args)):
        if isinstance(outcome, Failure):
            print(f"error: {outcome.reason}", file=sys.stderr)
            yield None
        elif not isinstance(outcome, Skipped):
            yield to_json(outcome)


def _stored(args: argparse.Namespace) -> Iterator[dict[str, Any] | None]:
    with open_store(args.db) as store:
        ids = args.paths or [row.id for row in store.list(sort="ingested")]
        for article_id in ids:
            yield store.get(article_id)


def format_actors(analysis: dict[str, Any]) -> str:
    """A Markdown list per article: name (kind): variants; says; passes on; positions."""
    text = analysis.get("text") or ""
    meta = analysis["article"]
    claims = {a["id"]: a for a in analysis.get("attributions") or []}
    lines = [f"# {meta.get('title') or meta['input']}", ""]
    for actor in analysis.get("actors") or []:
        lines.append(f"- **{actor['name']}** ({actor['kind']}): {'; '.join(actor.get('variants') or [])}")
        says = actor.get("says") or []
        if says:
            shown = ", ".join(f"{i} “{_short(_content(claims[i], text))}”" for i in says[:3] if i in claims)
            more = f" (+{len(says) - 3} more)" if len(says) > 3 else ""
            lines.append(f"  - says: {_count(len(says), 'claim')}: {shown}{more}")
        if actor.get("reports"):
            lines.append(f"  - passes on: {', '.join(actor['reports'])}")
        for position in actor.get("positions") or []:
            lines.append("  - position: " + _position_line(position))
    return "\n".join(lines)


def _content(attribution: dict[str, Any], text: str) -> str:
    content = attribution.get("content") or {}
    return content.get("text") or text[content.get("start", 0) : content.get("end", 0)]


def _position_line(position: dict[str, Any]) -> str:
    stance = ("not " if position.get("negated") else "") + position["stance"]
    line = f"{stance} — “{_short((position.get('evidence') or {}).get('text') or '')}”"
    source = position.get("source")
    if source is None:
        return line + " (the article's own words)"
    who = source.get("entity") or source.get("text") or "no named source"
    if source.get("text") and source.get("entity") and source["text"] != source["entity"]:
        who = f"{source['text']} = {source['entity']}"
    if source.get("reported_by"):
        who = f"{' → '.join(source['reported_by'])} → {who}"
    inferred = ", carried over from the sentences before" if source.get("inferred") else ""
    return line + f" ({who}, {source['kind']}; {source['attribution']}{inferred})"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
