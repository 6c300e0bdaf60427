"""Translation artifacts: flag renderings that mislead a reader, never rewrite them.

Machine-translated Russian state-media text has recurring renderings whose English reading
is wrong or hidden: "Northern Military District", "SBO" and "SVO" all stand for the Russian
"special military operation". A glossary (`glossary/translation_artifacts.tsv`, documented
in docs/glossary.md) lists them; stage `flag_artifacts` adds a "flags" layer with every
occurrence, its likely meaning and a note. The text is left as it is.

Users extend the glossary with a TSV file of the same columns named by the environment
variable `SOURCETRACE_GLOSSARY`. It is read and validated once per path; a malformed file
raises `ValueError` naming the file, the line and the problem.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .article import Article, Span
from .stage import stage

__all__ = [
    "COLUMNS",
    "GLOSSARY_ENV",
    "Flag",
    "GlossaryEntry",
    "find_flags",
    "flag_artifacts",
    "glossary",
    "is_artifact",
    "load_glossary",
    "to_json",
]

GLOSSARY_ENV = "SOURCETRACE_GLOSSARY"
COLUMNS = ("id", "pattern", "match", "case", "meaning", "explanation", "origin")
MATCH_KINDS = ("literal", "regex")
CASES = ("exact", "any")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# Numbered or named back-references break once patterns are joined into one regex.
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?P<")


@dataclass(frozen=True)
class GlossaryEntry:
    """One rendering: how to find it, what it likely means, and why."""

    id: str
    pattern: str
    regex: bool  # False: the pattern is literal text
    exact_case: bool
    meaning: str
    explanation: str
    origin: str  # the original term, in Russian or Ukrainian
    where: str  # "file:line", for messages and docs

    def body(self) -> str:
        """The pattern as a regular expression, case rule included, without word bounds."""
        body = self.pattern if self.regex else re.escape(self.pattern)
        return body if self.exact_case else f"(?i:{body})"


@dataclass(frozen=True)
class Flag:
    """One occurrence of a glossary entry in the article text."""

    id: str
    span: Span
    text: str
    entry: str  # glossary entry id
    meaning: str
    note: str
    origin: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entry": self.entry,
            "text": self.text,
            "start": self.span.start,
            "end": self.span.end,
            "meaning": self.meaning,
            "note": self.note,
            "origin": self.origin,
        }


@stage(needs={"text"}, adds={"flags"})
def flag_artifacts(article: Article) -> Article:
    """Stage: needs the text; adds the "flags" layer."""
    article.layers["flags"] = find_flags(article.text)
    return article


def find_flags(text: str, entries: tuple[GlossaryEntry, ...] | None = None) -> list[Flag]:
    """Every glossary match in `text`, in text order, none overlapping (one regex pass)."""
    entries = glossary() if entries is None else entries
    if not entries:
        return []
    matcher = _matcher(entries)
    flags = []
    for match in matcher.finditer(text):
        entry = entries[int(match.lastgroup[1:])]  # type: ignore[index]
        flags.append(
            Flag(
                id=f"f{len(flags) + 1}",
                span=Span(match.start(), match.end()),
                text=match.group(),
                entry=entry.id,
                meaning=entry.meaning,
                note=entry.explanation,
                origin=entry.origin,
            )
        )
    return flags


def is_artifact(text: str) -> bool:
    """Whether a whole phrase ("SBO", "the Northern Military District") is a known artifact.

    Other stages use it so that a rendering the tagger took for a name is not taken for one.
    """
    phrase = re.sub(r"^(?:the|The)\s+", "", text.strip())
    entries = glossary()
    return bool(entries) and any(m.group() == phrase for m in _matcher(entries).finditer(phrase))


def to_json(layer: list[Flag], text: str) -> list[dict[str, Any]]:
    """The "flags" layer for the JSON contract; `text` is unused, kept for a uniform shape."""
    return [flag.to_json() for flag in layer]


def glossary() -> tuple[GlossaryEntry, ...]:
    """The built-in entries plus the user's (from $SOURCETRACE_GLOSSARY), loaded once."""
    return load_glossary(os.environ.get(GLOSSARY_ENV) or None)


@lru_cache(maxsize=8)
def load_glossary(user_path: str | None = None) -> tuple[GlossaryEntry, ...]:
    """Built-in entries, with a user's file first: its entries win where both match, and
    an entry with a built-in id replaces the built-in one."""
    builtin_file = resources.files("sourcetrace").joinpath("glossary/translation_artifacts.tsv")
    builtin = parse_glossary(builtin_file.read_text(encoding="utf-8"), "translation_artifacts.tsv")
    if not user_path:
        return builtin
    user = parse_glossary(_read_user_file(user_path), user_path)
    replaced = {entry.id for entry in user}
    return user + tuple(entry for entry in builtin if entry.id not in replaced)


def parse_glossary(content: str, name: str) -> tuple[GlossaryEntry, ...]:
    """Entries from TSV text; raises ValueError "name:line: problem" on the first bad line."""
    entries: list[GlossaryEntry] = []
    header_seen = False
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.rstrip("\r\n").split("\t")]
        where = f"{name}:{number}"
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise ValueError(
                    f"{where}: the first line must be the header {' <TAB> '.join(COLUMNS)} "
                    f"(tab-separated), found {line!r}"
                )
            header_seen = True
            continue
        entries.append(_entry(cells, where, {e.id for e in entries}))
    if not header_seen:
        raise ValueError(f"{name}: no header line; the file needs a header {' <TAB> '.join(COLUMNS)}")
    return tuple(entries)


def _entry(cells: list[str], where: str, seen: set[str]) -> GlossaryEntry:
    if len(cells) != len(COLUMNS):
        raise ValueError(
            f"{where}: expected {len(COLUMNS)} tab-separated columns ({', '.join(COLUMNS)}), found {len(cells)}"
        )
    row = dict(zip(COLUMNS, cells))
    for column in ("id", "pattern", "meaning", "explanation"):
        if not row[column]:
            raise ValueError(f"{where}: the {column} column is empty")
    if not _ID.match(row["id"]):
        raise ValueError(f"{where}: id {row['id']!r} must be lower-case letters, digits, '-' or '_'")
    if row["id"] in seen:
        raise ValueError(f"{where}: id {row['id']!r} is used twice in this file")
    if row["match"] not in MATCH_KINDS:
        raise ValueError(f"{where}: match must be one of {', '.join(MATCH_KINDS)}, found {row['match']!r}")
    if row["case"] not in CASES:
        raise ValueError(f"{where}: case must be one of {', '.join(CASES)}, found {row['case']!r}")
    entry = GlossaryEntry(
        id=row["id"],
        pattern=row["pattern"],
        regex=row["match"] == "regex",
        exact_case=row["case"] == "exact",
        meaning=row["meaning"],
        explanation=row["explanation"],
        origin=row["origin"],
        where=where,
    )
    _check_pattern(entry)
    return entry


def _check_pattern(entry: GlossaryEntry) -> None:
    if entry.regex and _BACKREFERENCE.search(entry.pattern):
        raise ValueError(
            f"{entry.where}: pattern {entry.pattern!r} uses a back-reference or named group; "
            "use plain groups (?:...) instead"
        )
    try:
        compiled = re.compile(entry.body())
    except re.error as error:
        raise ValueError(
            f"{entry.where}: pattern {entry.pattern!r} is not a valid regular expression ({error})"
        ) from None
    try:
        re.compile(_whole_words(f"(?P<g0>{entry.body()})"))  # as it will be joined with others
    except re.error:
        raise ValueError(
            f"{entry.where}: pattern {entry.pattern!r} cannot be joined with other entries "
            "(inline flags such as (?i) at its start?); write case rules in the case column"
        ) from None
    if compiled.fullmatch("") is not None:
        raise ValueError(
            f"{entry.where}: pattern {entry.pattern!r} matches empty text; it must match at least one word"
        )


def _read_user_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(
            f"{path}: glossary file not found (named by ${GLOSSARY_ENV}); fix the path or unset it"
        ) from None
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{path}: glossary file is not UTF-8 ({error.reason} at byte {error.start}); save it as UTF-8"
        ) from None
    except OSError as error:
        raise ValueError(f"{path}: cannot read the glossary file ({error.strerror})") from None


@lru_cache(maxsize=8)
def _matcher(entries: tuple[GlossaryEntry, ...]) -> re.Pattern[str]:
    # One alternation, one group per entry ("g0", "g1", ...), so a text is scanned once;
    # the word bound outside the alternation lets the scan skip positions inside words
    # (about five times faster than a bound in every alternative).
    return re.compile(_whole_words("|".join(f"(?P<g{i}>{e.body()})" for i, e in enumerate(entries))))


def _whole_words(body: str) -> str:
    # A match starts at a word start and ends at a word end: "SBO" but not "SBOX" or "XSBO".
    return rf"\b(?<!\w)(?:{body})(?!\w)"
