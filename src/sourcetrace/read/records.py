"""Collections of articles: JSON Lines and CSV/TSV records, read as streams.

Each record becomes a `RawArticle` or, when it is broken, an `InputError` that the
caller turns into a `Failure`; the other records are still read. Files are read
line by line and row by row, so memory stays flat on collections of any size.

Also home to the checks every reader shares: UTF-8 decoding with the byte offset of
the first bad byte, the size message, and date normalisation.
"""

from __future__ import annotations

import codecs
import csv
import email.utils
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from typing import Any, BinaryIO

from ..article import RawArticle
from ..errors import EmptyInput, EncodingError, InputError, InputTooLarge, MalformedRecord

# The names tried, in order, when a field is not configured.
DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "pubdate"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "author": ("author", "byline"),
    "id": ("id",),
}

ICONV_HINT = "re-encode it as UTF-8, e.g. `iconv -f WINDOWS-1251 -t UTF-8 IN > OUT`"


@dataclass(frozen=True, kw_only=True)
class RecordFields:
    """Which field (JSON key or CSV column) holds what; None tries the common names."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    id: str | None = None


# --- checks shared by all readers -------------------------------------------------


def too_large(input: str, size: int, limit: int, what: str = "file") -> InputTooLarge:
    return InputTooLarge(
        input,
        f"{what} is {size:,} bytes, over the limit of {limit:,} bytes",
        "raise the limit with --max-bytes or split the input",
    )


def decode_utf8(data: bytes, input: str, *, base_offset: int = 0) -> str:
    """Decode strictly; the error names the byte offset so the user can find it."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = base_offset + error.start
        bad = data[error.start : error.start + 1].hex()
        raise EncodingError(input, f"not valid UTF-8 (byte 0x{bad} at byte offset {offset})", ICONV_HINT) from None


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_SLASH_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})\b")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})$")
_WORDY_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")


def date_warnings(value: Any, published: str | None) -> tuple[str, ...]:
    """A warning when a date was given but could not be read, so it is not lost silently."""
    if value and published is None:
        return (f"date {str(value)[:60]!r} not understood, so `published` is empty; write dates as YYYY-MM-DD",)
    return ()


def normalise_date(value: Any) -> str | None:
    """`2022-06-24T17:30:00Z`, `24.06.2022`, `June 24, 2022`, ... → `2022-06-24`.

    The date is taken as written (no time-zone shift): it is the outlet's own day.
    Anything unparseable gives None rather than a wrong date.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    for pattern, order in (
        (_ISO_DATE, (1, 2, 3)),
        (_SLASH_DATE, (1, 2, 3)),
        (_DOTTED_DATE, (3, 2, 1)),
        (_COMPACT_DATE, (1, 2, 3)),
    ):
        match = pattern.match(value)
        if match:
            y, m, d = (int(match.group(i)) for i in order)
            try:
                return date(y, m, d).isoformat()
            except ValueError:
                return None
    for fmt in _WORDY_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            pass
    try:  # RSS-style "Fri, 24 Jun 2022 17:30:00 +0000"
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


# --- from a record to a RawArticle --------------------------------------------------


def resolve_fields(names: Iterable[str], fields: RecordFields, input: str) -> dict[str, str | None]:
    """Map each article field to the record's own field name (None: not present).

    A configured name that is absent is an error; a common name is matched
    case-insensitively, since headers like `Headline` or `Body` are frequent.
    """
    names = list(names)
    by_lower = {name.lower(): name for name in reversed(names)}
    resolved: dict[str, str | None] = {}
    for spec in dataclass_fields(RecordFields):
        configured = getattr(fields, spec.name)
        if configured is not None:
            if configured not in names:
                raise MalformedRecord(
                    input,
                    f"no field {configured!r} (configured for the {spec.name}); the fields are: {_listing(names)}",
                    f"check the {spec.name} field name" + (f" (--{spec.name}-field)" if spec.name != "id" else ""),
                )
            resolved[spec.name] = configured
            continue
        found = (by_lower.get(candidate) for candidate in DEFAULT_NAMES[spec.name])
        resolved[spec.name] = next((name for name in found if name is not None), None)
    if resolved["text"] is None:
        raise MalformedRecord(
            input,
            f"no article text: none of the fields {', '.join(DEFAULT_NAMES['text'])} is "
            f"present; the fields are: {_listing(names)}",
            "name the field that holds the article text with --text-field",
        )
    return resolved


def record_to_raw(record: Mapping[str, Any], columns: Mapping[str, str | None], input: str, *, raw: bool) -> RawArticle:
    """Build the RawArticle of one record whose field names are already resolved."""
    text_field = columns["text"]
    assert text_field is not None  # resolve_fields guarantees a text field
    body = record.get(text_field)
    if body is not None and not isinstance(body, str):
        raise MalformedRecord(
            input,
            f"field {text_field!r} holds a {type(body).__name__}, not text",
            "give the article text as a string",
        )
    if not body or not body.strip():
        raise EmptyInput(input, f"field {text_field!r} is empty", "give the record article text")
    meta = {name: _meta(record.get(column)) if column else None for name, column in columns.items()}
    if meta["id"]:
        input = f"{input} (id {meta['id']})"
    published = normalise_date(meta["date"])
    return RawArticle(
        body=body,
        input=input,
        title=meta["title"],
        published=published,
        outlet=meta["outlet"],
        url=meta["url"],
        author=meta["author"],
        raw=raw,
        warnings=date_warnings(meta["date"], published),
    )


def _meta(value: Any) -> str | None:
    """A metadata value as one tidy line of text; lists (several authors) are joined."""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _listing(names: list[str]) -> str:
    shown = ", ".join(repr(n) for n in names[:20])
    return shown + (f" and {len(names) - 20} more" if len(names) > 20 else "") if names else "none"


# --- JSON Lines ----------------------------------------------------------------------


def read_jsonl(
    handle: BinaryIO, name: str, *, fields: RecordFields, raw: bool, max_bytes: int
) -> Iterator[RawArticle | InputError]:
    """One article per line, named `name#line N`; blank lines are skipped."""
    for number, offset, line in _lines(handle, max_bytes):
        input = f"{name}#line {number}"
        if isinstance(line, int):
            yield too_large(input, line, max_bytes, "record")
            continue
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line, offset = line[len(codecs.BOM_UTF8) :], offset + len(codecs.BOM_UTF8)
        if not line.strip():
            continue
        try:
            yield _jsonl_record(line, input, offset, fields=fields, raw=raw)
        except InputError as error:
            yield error


def _jsonl_record(line: bytes, input: str, offset: int, *, fields: RecordFields, raw: bool) -> RawArticle:
    text = decode_utf8(line, input, base_offset=offset)
    record = _json(text, input, "fix or remove this line; the other lines are still read", where="column")
    return _object_to_raw(record, input, fields=fields, raw=raw, fix="give one JSON object per line")


def _json(text: str, input: str, fix: str, *, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        place = f"column {error.colno}" if where == "column" else f"line {error.lineno}, column {error.colno}"
        raise MalformedRecord(input, f"not valid JSON: {error.msg} ({place})", fix) from None


def _object_to_raw(record: Any, input: str, *, fields: RecordFields, raw: bool, fix: str) -> RawArticle:
    if not isinstance(record, dict):
        raise MalformedRecord(
            input, f"a JSON {type(record).__name__}, not an object", fix + ', e.g. {"title": ..., "text": ...}'
        )
    return record_to_raw(record, resolve_fields(record.keys(), fields, input), input, raw=raw)


def read_json(text: str, name: str, *, fields: RecordFields, raw: bool) -> Iterator[RawArticle | InputError]:
    """A .json file: one object (one article, named `name`) or a list of objects (named
    `name#item N`, counted from 1)."""
    data = _json(text, name, "fix the file, or give one JSON object per line in a .jsonl file", where="line")
    if isinstance(data, dict):
        items = [(name, data)]
    elif isinstance(data, list):
        items = [(f"{name}#item {number}", record) for number, record in enumerate(data, 1)]
    else:
        raise MalformedRecord(
            name, f"a JSON {type(data).__name__}, not an object or a list of objects", "give article objects"
        )
    if not items:
        raise EmptyInput(name, "the JSON list is empty", "give a list of article objects")
    for input, record in items:
        try:
            yield _object_to_raw(record, input, fields=fields, raw=raw, fix="give a list of article objects")
        except InputError as error:
            yield error


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, int, bytes | int]]:
    """(line number, byte offset, line) — or the line's size instead of an over-long line,
    which is skipped in chunks so that it is never held in memory whole."""
    offset = 0
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        length = len(line)
        if length > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
                length += len(line)
            yield number, offset, length - (1 if line.endswith(b"\n") else 0)
        else:
            yield number, offset, line
        offset += length


# --- CSV and TSV -----------------------------------------------------------------------


def read_csv(
    handle: BinaryIO,
    name: str,
    *,
    delimiter: str,
    fields: RecordFields,
    raw: bool,
    max_bytes: int,
) -> Iterator[RawArticle | InputError]:
    """A header row, then one article per row, named `name#row N` (data rows from 1)."""
    csv.field_size_limit(10**9)  # long transcripts exceed the default limit of 128 KiB
    bad_bytes: dict[int, int] = {}  # line number → file offset of its first bad byte
    rows = _ResyncingRows(_decoded_lines(handle, bad_bytes), delimiter)
    header = _header(rows, name)
    if bad_bytes:
        problem = f"the header is not valid UTF-8 (byte offset {min(bad_bytes.values())})"
        raise EncodingError(name, problem, ICONV_HINT)
    columns = resolve_fields(header, fields, name)
    number = 0
    while True:
        try:
            first_line, row = next(rows)
        except StopIteration:
            return
        except _BrokenRow as broken:
            number += 1
            problem = f"broken CSV quoting at line {broken.line} ({broken.error})"
            fix = "fix the quotes in this row; the rows after it are still read"
            yield MalformedRecord(f"{name}#row {number}", problem, fix)
            continue
        if not row:
            continue
        number += 1
        input = f"{name}#row {number}"
        bad = [bad_bytes.pop(n) for n in range(first_line, rows.line + 1) if n in bad_bytes]
        try:
            yield _csv_record(row, header, columns, input, bad, raw=raw, max_bytes=max_bytes)
        except InputError as error:
            yield error


class _BrokenRow(Exception):
    def __init__(self, line: int, error: csv.Error) -> None:
        self.line = line
        self.error = error


class _ResyncingRows:
    """CSV rows as (first line number, fields), read again after a broken row.

    An unclosed quote makes the csv module read every later line into one field and
    fail only at the end of the file, so a broken row would take the rest of the file
    with it. Instead the lines it swallowed, all but its first, are parsed again as rows.
    """

    def __init__(self, lines: Iterator[str], delimiter: str) -> None:
        self._lines = lines
        self._delimiter = delimiter
        self._replay: deque[str] = deque()
        self._record: list[str] = []  # the lines of the row being read
        self._base = 0  # file line number before the current csv reader's first line
        self._reader = self._new_reader()
        self.line = 0  # file line number of the last line read

    def _new_reader(self) -> Any:
        return csv.reader(self._next_lines(), delimiter=self._delimiter, strict=True)

    def _next_lines(self) -> Iterator[str]:
        while True:
            line = self._replay.popleft() if self._replay else next(self._lines, None)
            if line is None:
                return
            self._record.append(line)
            yield line

    def __iter__(self) -> _ResyncingRows:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        first = self.line + 1
        self._record = []
        try:
            row = next(self._reader)
        except csv.Error as error:
            self._replay.extendleft(reversed(self._record[1:]))  # all but the broken row's first line
            self._base, self.line = first, first
            self._reader = self._new_reader()
            raise _BrokenRow(first, error) from None
        self.line = self._base + self._reader.line_num
        return first, row


def _header(rows: _ResyncingRows, name: str) -> list[str]:
    try:
        for _, header in rows:
            if header:
                return [column.strip() for column in header]
    except _BrokenRow as broken:
        raise MalformedRecord(name, f"broken CSV header ({broken.error})", "fix the header row") from None
    raise EmptyInput(name, "no header row and no records", "give a CSV file with a header row")


def _csv_record(
    row: list[str],
    header: list[str],
    columns: Mapping[str, str | None],
    input: str,
    bad: list[int],
    *,
    raw: bool,
    max_bytes: int,
) -> RawArticle:
    if bad:
        problem = f"not valid UTF-8 (at byte offset {bad[0]} of the file)"
        raise EncodingError(input, problem, ICONV_HINT)
    if len(row) != len(header):
        raise MalformedRecord(
            input,
            f"row has {len(row)} fields but the header has {len(header)}",
            "fix the row's delimiters or quotes; the other rows are still read",
        )
    size = sum(len(value.encode("utf-8", "surrogateescape")) for value in row)
    if size > max_bytes:
        raise too_large(input, size, max_bytes, "record")
    return record_to_raw(dict(zip(header, row)), columns, input, raw=raw)


def _decoded_lines(handle: BinaryIO, bad_bytes: dict[int, int]) -> Iterator[str]:
    """Lines decoded one by one, so one bad byte fails one row, not the whole file.

    Undecodable bytes are kept as surrogates and the line noted in `bad_bytes`.
    """
    offset = 0
    for number, line in enumerate(handle, 1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            bad_bytes[number] = offset + error.start
            text = line.decode("utf-8", "surrogateescape")
        if number == 1:
            text = text.removeprefix("\ufeff")
        offset += len(line)
        yield text
