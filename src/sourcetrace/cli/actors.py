"""`sourcetrace actors PATH... [--format text|json]`: the actors of each article.

Like the other commands it parses arguments, calls the library and formats.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TextIO

from ..actors import find_actors, to_json
from ..actors.model import Position
from ..article import Article
from ..errors import Failure
from ..pipeline import Pipeline, Skipped
from ..read import read_inputs

SHORT = 70  # characters of a claim or an evidence clause shown in text output


def add_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `actors` on the CLI's subparsers; returns the new parser."""
    command = commands.add_parser(
        "actors", help="list the people, organisations and countries in articles, with what they say and want"
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="files (.txt .html .jsonl .csv) or directories")
    command.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json (JSON Lines)"
    )
    command.add_argument(
        "--model", default=os.environ.get("SOURCETRACE_MODEL"), help="installed spaCy English pipeline"
    )
    command.set_defaults(run=run)
    return command


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Analyse the inputs and print each article's actors; 1 if any input failed."""
    out = out or sys.stdout
    pipeline = Pipeline(keep_doc=True, **({"model": args.model} if args.model else {}))
    done = failed = 0
    for outcome in pipeline.run(read_inputs(args.paths)):
        if isinstance(outcome, Skipped):
            continue
        if isinstance(outcome, Failure):
            failed += 1
            print(f"error: {outcome.reason}", file=sys.stderr)
            continue
        article = outcome if "actors" in outcome.layers else find_actors(outcome)
        article.doc = None  # one article's parse at a time: memory stays flat
        if args.format == "json":
            record = {
                "article": article.id,
                "input": article.input,
                "actors": to_json(article.layers["actors"], article.text),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(("\n" if done else "") + format_actors(article) + "\n")
        done += 1
    return 1 if failed or not done else 0


def format_actors(article: Article) -> str:
    """Plain-text listing: name (kind): variants; says; positions."""
    text = article.text
    claims = {a.id: a for a in article.attributions}
    lines = [f"# {article.title or article.input}"]
    for actor in article.layers.get("actors", []):
        lines.append(f"{actor.name} ({actor.kind}): {'; '.join(actor.variants)}")
        if actor.says:
            shown = ", ".join(f"{i} “{_short(claims[i].content.text_in(text))}”" for i in actor.says[:3] if i in claims)
            more = f" (+{len(actor.says) - 3} more)" if len(actor.says) > 3 else ""
            lines.append(f"  says: {_count(len(actor.says), 'claim')}: {shown}{more}")
        if actor.reports:
            lines.append(f"  passes on: {', '.join(actor.reports)}")
        for position in actor.positions:
            lines.append("  position: " + _position_line(position, text))
    return "\n".join(lines)


def _position_line(position: Position, text: str) -> str:
    stance = ("not " if position.negated else "") + position.stance
    line = f"{stance} — “{_short(position.evidence.text_in(text))}”"
    source = position.source
    if source is None:
        return line + " (the article's own words)"
    who = source.entity or source.text or "no named source"
    if source.text and source.entity and source.text != source.entity:
        who = f"{source.text} = {source.entity}"
    if source.reported_by:
        who = f"{' → '.join(source.reported_by)} → {who}"
    inferred = ", carried over from the sentences before" if source.inferred else ""
    return line + f" ({who}, {source.kind}; {source.attribution}{inferred})"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
