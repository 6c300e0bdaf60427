"""Readers: from paths to `RawArticle`s, one input at a time, failures included.

Formats go by extension (case-insensitive):

    .txt .text, none, unknown   plain text: first line the title (or `date YYYY-MM-DD <title>`)
    .html .htm                  a web page: main text and metadata via trafilatura
    .jsonl .ndjson              one JSON object per line        (inputs `path#line N`)
    .json                       one object, or a list of them   (inputs `path#item N`)
    .csv .tsv                   a header row, one article a row (inputs `path#row N`)

Directories are walked in sorted order, taking files with those extensions and
skipping hidden ones. Every input that cannot be read becomes a `Failure` naming it,
the problem and the fix, and reading goes on with the next. Single documents are
limited to `max_bytes`; collections are streamed and the limit applies per record.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..article import RawArticle
from ..errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    Failure,
    InputError,
    MalformedRecord,
    UnreadableInput,
)
from .records import (
    ICONV_HINT,
    RecordFields,
    date_warnings,
    decode_utf8,
    normalise_date,
    read_csv,
    read_json,
    read_jsonl,
    too_large,
)

__all__ = ["FORMATS", "RecordFields", "read_inputs", "parse_text", "parse_html"]

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
}
_HEAD = 8192  # bytes sniffed for binary content
JSON_ARTICLES = 100  # a .json file is parsed whole, so it may be this many times --max-bytes
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DATE_LINE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2}) (.+)$")
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"\x1f\x8b", "gzip-compressed"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
# Control bytes that do not occur in text; tab, newlines and form feed do.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_MIN_HTML_WORDS = 10
_TEXT_FIX = "give a .txt, .html, .json, .jsonl or .csv file with article text"


def read_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    raw: bool = False,
    fields: RecordFields | None = None,
    max_bytes: int = 2_000_000,
) -> Iterator[RawArticle | Failure]:
    """Each article found in `paths`, or a `Failure` for each input that cannot be read.

    `raw=True` keeps text files verbatim (no title line; cleaning is skipped), so that
    offsets index the file. `fields` names the fields of JSON Lines and CSV records.
    """
    if isinstance(paths, (str, os.PathLike)):  # one path given bare, not a list of letters
        paths = [paths]
    fields = fields or RecordFields()
    for given in paths:
        for item in _expand(Path(given)):
            if isinstance(item, InputError):
                yield Failure.from_error(item)
                continue
            for result in _read_file(item, raw=raw, fields=fields, max_bytes=max_bytes):
                yield Failure.from_error(result) if isinstance(result, InputError) else result


def _expand(path: Path) -> Iterator[Path | InputError]:
    """The files to read for one given path: itself, or a directory's known files."""
    name = str(path)
    if path.is_file():
        yield path
    elif path.is_dir():
        yield from _walk(path)
    elif path.is_symlink():  # `exists()` is False for a loop too; say which it is
        yield _broken_link(path, name)
    elif not path.exists():
        yield UnreadableInput(name, "no such file or directory", "check the path")
    else:
        yield UnreadableInput(name, "not a regular file or directory", _TEXT_FIX)


def _broken_link(path: Path, name: str) -> InputError:
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return UnreadableInput(name, "symbolic link loop", "point the link at a file, not back at itself")
    target = os.readlink(path)
    return UnreadableInput(
        name, f"broken symbolic link (its target {target!r} does not exist)", "fix or remove the link"
    )


def _walk(root: Path) -> Iterator[Path | InputError]:
    errors: list[OSError] = []
    found = False
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from _unreadable(errors)
        for file in sorted(files):
            path = Path(folder, file)
            if not file.startswith(".") and path.suffix.lower() in FORMATS:
                found = True
                yield path
    yield from _unreadable(errors)
    if not found:
        known = ", ".join(sorted(FORMATS))
        yield EmptyInput(str(root), f"directory has no files ending in {known}", _TEXT_FIX)


def _unreadable(errors: list[OSError]) -> Iterator[InputError]:
    """Folders the walk could not enter: failures, not silent gaps."""
    for error in errors:
        problem = error.strerror or str(error)
        yield UnreadableInput(str(error.filename), problem, "check the folder's permissions")
    errors.clear()


def _read_file(path: Path, *, raw: bool, fields: RecordFields, max_bytes: int) -> Iterator[RawArticle | InputError]:
    name = str(path)
    kind = FORMATS.get(path.suffix.lower(), "text")  # unknown extension: try plain text
    try:
        if kind == "text":
            yield parse_text(_read_document(path, name, max_bytes), name, raw=raw)
            return
        if kind == "html":
            yield parse_html(_read_document(path, name, max_bytes, html=True), name, raw=raw)
            return
        if kind == "json":  # read whole: a collection may hold JSON_ARTICLES articles' worth
            text = _read_document(path, name, max_bytes * JSON_ARTICLES)
            yield from read_json(text, name, fields=fields, raw=raw)
            return
        with open(path, "rb") as handle:
            yield from _read_collection(handle, name, kind, raw=raw, fields=fields, max_bytes=max_bytes)
    except InputError as error:
        yield error
    except OSError as error:
        fix = "check that the file exists and is readable"
        yield UnreadableInput(name, error.strerror or str(error), fix)


def _read_collection(
    handle: BinaryIO, name: str, kind: str, *, raw: bool, fields: RecordFields, max_bytes: int
) -> Iterator[RawArticle | InputError]:
    head = handle.read(_HEAD)
    if not head.removeprefix(codecs.BOM_UTF8):
        raise EmptyInput(name, "file is empty", "give a file with one article per record")
    check_not_binary(head, name)
    handle.seek(0)
    if kind == "jsonl":
        records = read_jsonl(handle, name, fields=fields, raw=raw, max_bytes=max_bytes)
    else:
        delimiter = "\t" if kind == "tsv" else ","
        records = read_csv(handle, name, delimiter=delimiter, fields=fields, raw=raw, max_bytes=max_bytes)
    count = 0
    for count, record in enumerate(records, 1):  # noqa: B007 - the count is read after the loop
        yield record
    if count == 0:
        raise EmptyInput(name, "file has no records", "give a file with one article per record")


def _read_document(path: Path, name: str, max_bytes: int, *, html: bool = False) -> str:
    size = path.stat().st_size
    if size > max_bytes:  # checked before reading, so a huge file is never loaded
        raise too_large(name, size, max_bytes)
    data = path.read_bytes()
    try:
        return text_from_bytes(data, name)
    except EncodingError as error:
        # A web page may say which encoding it uses (windows-1251 is common in
        # Russian-language media); honour that before refusing it.
        declared = _CHARSET.search(data[:_HEAD]) if html else None
        if declared is None:
            raise
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            raise error from None


def text_from_bytes(data: bytes, name: str) -> str:
    """The text of a whole file: not empty, not binary, valid UTF-8, BOM stripped."""
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data:
        raise EmptyInput(name, "file is empty", "give a file with article text")
    check_not_binary(data[:_HEAD], name)
    text = decode_utf8(data, name)
    if not text.strip():
        raise EmptyInput(name, "file has only whitespace", "give a file with article text")
    return text


def check_not_binary(head: bytes, name: str) -> None:
    """Refuse files that are not text, naming what they look like when we can tell."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingError(name, "UTF-16 text, not UTF-8", "re-encode it, e.g. `iconv -f UTF-16 -t UTF-8 IN > OUT`")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise BinaryInput(name, f"looks like {what}, not text or HTML", _TEXT_FIX)
    if b"\x00" in head:
        raise BinaryInput(
            name,
            "looks like a binary file (it contains NUL bytes)",
            f"{_TEXT_FIX}; if it is UTF-16 text, {ICONV_HINT.replace('WINDOWS-1251', 'UTF-16')}",
        )
    controls = len(head) - len(head.translate(None, _CONTROL))
    if controls > 0.1 * len(head):
        problem = f"looks like a binary file ({controls} control bytes in its first {len(head)})"
        raise BinaryInput(name, problem, _TEXT_FIX)


# --- plain text ------------------------------------------------------------------------


def parse_text(text: str, name: str, *, raw: bool = False) -> RawArticle:
    """A plain-text article: the first non-empty line is the title, the rest the body.

    `date YYYY-MM-DD <title>` on the first line also gives the date. A first line
    that reads as a paragraph (long, or ending in a full stop) stays in the body.
    """
    if raw:
        return RawArticle(body=text, input=name, raw=True)
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    dated = _DATE_LINE.match(first)
    if dated:
        published = normalise_date(dated.group(1))
        if published is None:
            problem = f"the first line has an impossible date {dated.group(1)!r}"
            raise MalformedRecord(name, problem, "write it as YYYY-MM-DD")
        title = " ".join(dated.group(2).split())
    elif _looks_like_title(first):
        published, title = None, " ".join(first.split())
    else:
        return RawArticle(body=text, input=name)
    if not rest.strip():
        raise EmptyInput(
            name,
            "only a title line, no article text after it",
            "add the article text after the first line, or use --raw to analyse the file as it is",
        )
    # The line break(s) after the title separate it from the body; they are not body text.
    return RawArticle(body=rest.lstrip("\r\n"), input=name, title=title, published=published)


def _looks_like_title(line: str) -> bool:
    # Headlines are short and rarely end in a full stop; a first line that is a
    # paragraph of article text must be analysed, not hidden as a title.
    return len(line) <= 200 and not line.rstrip("\"'”’»)").endswith(".")


# --- HTML -------------------------------------------------------------------------------


def parse_html(html: str, name: str, *, raw: bool = False) -> RawArticle:
    """A web page: main text, title, date, author, site name and URL via trafilatura.

    trafilatura puts one block (paragraph, heading, list item) per line; they become
    paragraphs separated by a blank line, and a first line repeating the title is dropped.
    """
    import trafilatura  # imported here: it costs ~0.4 s and most runs read no HTML

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, as_dict=False)
    text = (doc.text or "") if doc is not None else ""
    # On a broken or empty page trafilatura falls back to any text it finds, such as
    # a menu's "Home": a few words are not an article.
    if len(text.split()) < _MIN_HTML_WORDS:
        found = f" (only {' '.join(text.split())!r})" if text.strip() else ""
        raise MalformedRecord(
            name,
            f"no article text found in the HTML page{found}; it may be malformed, a front page, or built by scripts",
            "save the article page itself, or give its text as a .txt file",
        )
    title = " ".join(doc.title.split()) if doc.title else None
    blocks = [line.strip() for line in text.splitlines() if line.strip()]
    if title and blocks and " ".join(blocks[0].split()) == title and len(blocks) > 1:
        blocks = blocks[1:]
    published = normalise_date(doc.date)
    return RawArticle(
        body="\n\n".join(blocks),
        input=name,
        title=title,
        published=published,
        outlet=doc.sitename or None,
        url=doc.url or None,
        author=doc.author or None,
        raw=raw,
        warnings=date_warnings(doc.date, published),
    )
