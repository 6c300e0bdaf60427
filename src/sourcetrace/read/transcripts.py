"""Transcripts: debates, interviews and speeches, one turn a row, its speaker the source.

Two layouts are read, as CSV (`,`) or TSV (tab; `.tsv`, or any other extension whose
first line has a tab):

    with a header     columns named for the speaker and the text (`speaker`, `text`, or
                      as configured), optional `line_number` and `label` columns
    CheckThat!        no header: `line_number <TAB> speaker <TAB> text [<TAB> label]`,
                      the format of the CLEF CheckThat! debate transcripts

TSV is split on tabs only (no quoting), since transcript text often holds an unbalanced
quote. A transcript is ranked whole, so a broken row fails the whole file, with an
`InputError` that names the file and the row (`path#row N`, data rows counted from 1).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..article import RawArticle
from ..errors import EmptyInput, Failure, InputError, MalformedRecord, UnreadableInput
from .files import text_from_bytes
from .records import too_large

__all__ = ["Turn", "read_transcript", "read_transcripts", "SPEAKER_NAMES", "TEXT_NAMES"]

# Header names tried, case-insensitively, when a column is not configured.
SPEAKER_NAMES = ("speaker", "name", "source", "who", "person")
TEXT_NAMES = ("text", "sentence", "utterance", "content", "transcript")
LINE_NAMES = ("line_number", "line_no", "line", "id", "number")
LABEL_NAMES = ("label", "check_worthy", "checkworthy")
DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Turn:
    """One row of a transcript: what `speaker` said on line `line_number`.

    `label` is the gold check-worthiness (1 or 0) when the file carries one.
    """

    line_number: int
    speaker: str
    text: str
    label: int | None = None


def read_transcript(
    path: str | os.PathLike[str],
    *,
    speaker_field: str | None = None,
    text_field: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Turn]:
    """The turns of one transcript file, in file order.

    Naming a field (`speaker_field`, `text_field`) says the file has a header row.
    Raises an `InputError` (from `sourcetrace.errors`) naming the file, and the row
    when one row is broken.
    """
    name = str(path)
    rows = _rows(Path(path), name, max_bytes)
    configured = speaker_field is not None or text_field is not None
    header = [cell.strip() for cell in rows[0]]
    if configured or _looks_like_header(header):
        turns = _with_header(rows[1:], header, name, speaker_field, text_field)
    elif _is_integer(header[0]):
        turns = _checkthat(rows, name)
    else:
        raise MalformedRecord(
            name,
            f"the first row {_shorten(rows[0])} is neither a header with speaker and text "
            "columns nor a CheckThat! row (line_number, speaker, text[, label])",
            "add a header naming the columns, or pass --speaker-field and --text-field",
        )
    if not turns:
        raise EmptyInput(name, "transcript has no turns", "give a file with one turn a row")
    _check_unique(turns, name)
    return turns


def _rows(path: Path, name: str, max_bytes: int) -> list[list[str]]:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UnreadableInput(name, "not a regular file", "give a .tsv or .csv transcript")
        if size > max_bytes:
            raise too_large(name, size, max_bytes)
        text = text_from_bytes(path.read_bytes(), name)
    except FileNotFoundError:
        raise UnreadableInput(name, "no such file", "check the path") from None
    except OSError as error:
        raise UnreadableInput(name, error.strerror or str(error), "check that it is readable") from None
    lines = text.splitlines()
    if path.suffix.lower() == ".tsv" or (path.suffix.lower() != ".csv" and "\t" in lines[0]):
        rows = [line.split("\t") for line in lines]
    else:
        csv.field_size_limit(10**9)
        try:
            rows = list(csv.reader(io.StringIO(text), strict=True))
        except csv.Error as error:
            raise MalformedRecord(name, f"broken CSV quoting ({error})", "fix the quotes") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise EmptyInput(name, "file has only blank lines", "give a file with one turn a row")
    return rows


def _looks_like_header(header: list[str]) -> bool:
    lowered = {cell.lower() for cell in header}
    return bool(lowered & set(SPEAKER_NAMES)) and bool(lowered & set(TEXT_NAMES))


def _checkthat(rows: list[list[str]], name: str) -> list[Turn]:
    turns = []
    for number, row in enumerate(rows, 1):
        input = f"{name}#row {number}"
        if len(row) not in (3, 4):
            raise MalformedRecord(
                input,
                f"row has {len(row)} tab-separated fields, not 3 or 4",
                "give line_number, speaker, text and optionally label, separated by tabs",
            )
        label = _label(row[3], input) if len(row) == 4 else None
        turns.append(Turn(_line_number(row[0], input), row[1].strip(), row[2].strip(), label))
    return turns


def _with_header(
    rows: list[list[str]],
    header: list[str],
    name: str,
    speaker_field: str | None,
    text_field: str | None,
) -> list[Turn]:
    speaker = _column(header, speaker_field, SPEAKER_NAMES, "speaker", name)
    text = _column(header, text_field, TEXT_NAMES, "text", name, avoid=speaker)
    line = _column(header, None, LINE_NAMES, "line", name, required=False, avoid=text)
    label = _column(header, None, LABEL_NAMES, "label", name, required=False)
    turns = []
    for number, row in enumerate(rows, 1):
        input = f"{name}#row {number}"
        if len(row) != len(header):
            raise MalformedRecord(
                input,
                f"row has {len(row)} fields but the header has {len(header)}",
                "fix the row's delimiters or quotes",
            )
        turns.append(
            Turn(
                line_number=_line_number(row[line], input) if line is not None else number,
                speaker=row[speaker].strip(),
                text=row[text].strip(),
                label=_label(row[label], input) if label is not None else None,
            )
        )
    return turns


def _column(
    header: list[str],
    configured: str | None,
    names: Iterable[str],
    what: str,
    input: str,
    *,
    required: bool = True,
    avoid: int | None = None,
) -> int | None:
    if configured is not None:
        if configured not in header:
            raise MalformedRecord(
                input,
                f"no column {configured!r} (configured for the {what}); the columns are: "
                + ", ".join(repr(c) for c in header),
                f"check the {what} column name (--{what}-field)",
            )
        return header.index(configured)
    lowered = [cell.lower() for cell in header]
    for candidate in names:
        if candidate in lowered and lowered.index(candidate) != avoid:
            return lowered.index(candidate)
    if not required:
        return None
    raise MalformedRecord(
        input,
        f"no {what} column (tried {', '.join(names)}); the columns are: " + ", ".join(repr(c) for c in header),
        f"name the column with --{what}-field",
    )


def _line_number(value: str, input: str) -> int:
    if not _is_integer(value):
        raise MalformedRecord(input, f"line number {value!r} is not a whole number", "fix the line number")
    return int(value.strip())


def _label(value: str, input: str) -> int:
    value = value.strip()
    if value not in ("0", "1"):
        raise MalformedRecord(input, f"label {value!r} is not 0 or 1", "fix or remove the label")
    return int(value)


def _is_integer(value: str) -> bool:
    return value.strip().isdigit()


def _check_unique(turns: list[Turn], name: str) -> None:
    seen: dict[int, int] = {}
    for number, turn in enumerate(turns, 1):
        if turn.line_number in seen:
            raise MalformedRecord(
                f"{name}#row {number}",
                f"line number {turn.line_number} already used in row {seen[turn.line_number]}",
                "give each row its own line number",
            )
        seen[turn.line_number] = number


def _shorten(row: list[str]) -> str:
    text = repr(row)
    return text if len(text) <= 80 else text[:77] + "..."


def read_transcripts(
    paths: Iterable[str | os.PathLike[str]],
    *,
    speaker_field: str | None = None,
    text_field: str | None = None,
) -> Iterator[RawArticle | Failure]:
    """Each transcript as one article for `analyze`: a line `SPEAKER: text` per turn, so
    the attribution engine makes each speaker the source of their turn and finds the
    reports inside turns ("as the Times reported") with the speaker as the outer link."""
    for path in paths:
        try:
            turns = read_transcript(path, speaker_field=speaker_field, text_field=text_field)
        except InputError as error:
            yield Failure.from_error(error)
            continue
        if not turns:
            yield Failure(
                str(path), "empty", f"{path}: no turns in the transcript; give a CSV/TSV with speaker and text"
            )
            continue
        body = "\n".join(f"{_speaker_label(t.speaker)}: {t.text.strip()}" for t in turns)
        yield RawArticle(body=body, input=str(path), title=Path(path).stem, raw=True)


def _speaker_label(speaker: str) -> str:
    """A speaker name that the engine's speaker-line rule reads back: no colon inside."""
    return speaker.replace(":", " ").strip() or "UNKNOWN"
