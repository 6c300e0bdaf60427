"""Every error sourcetrace raises, in one tree.

    SourcetraceError
    ├── InputError            an input cannot be analysed; names the input and what to do
    │   ├── UnreadableInput   missing file, permission denied, unknown format
    │   ├── EmptyInput        nothing to analyse (empty file, empty record, empty after cleaning)
    │   ├── BinaryInput       looks like a binary file, not text or HTML
    │   ├── EncodingError     not valid UTF-8
    │   ├── InputTooLarge     over the size limit, or a text over the parser's limit
    │   ├── UnsupportedLanguage  not English
    │   └── MalformedRecord   a broken JSON line, CSV row or HTML page, or a text or title
    │                         given to `Pipeline.analyze_text` that is not a string
    ├── ModelError            the spaCy pipeline or a shipped model cannot be loaded
    ├── PipelineError         stages composed wrongly: one needs a layer no stage before it
    │                         adds, or a stage ran on an article without what it needs
    └── StoreError            the store cannot be opened, migrated or written
        ├── StoreNotFound     a command that reads a store named one that does not exist
        ├── ArticleNotFound   no stored article has that id
        └── QuerySyntaxError  a search query FTS5 cannot parse (the message says how to quote it)
        (the three in store/sqlite.py)

A batch catches `InputError` per input, records a `Failure` and goes on. A batch's
outcomes are articles, `Failure`s and `Skipped` inputs (already in the store).
"""

from __future__ import annotations

from dataclasses import dataclass


class SourcetraceError(Exception):
    """Base of every error sourcetrace raises on purpose."""


class InputError(SourcetraceError):
    """One input cannot be analysed. The message names the input and says what to do."""

    kind = "input"

    def __init__(self, input: str, problem: str, fix: str) -> None:
        self.input = input
        self.problem = problem
        self.fix = fix
        super().__init__(f"{input}: {problem}; {fix}")


class UnreadableInput(InputError):
    kind = "unreadable"


class EmptyInput(InputError):
    kind = "empty"


class BinaryInput(InputError):
    kind = "binary"


class EncodingError(InputError):
    kind = "encoding"


class InputTooLarge(InputError):
    kind = "too_large"


class UnsupportedLanguage(InputError):
    kind = "language"


class MalformedRecord(InputError):
    kind = "malformed"


class ModelError(SourcetraceError):
    """The spaCy pipeline named in the configuration cannot be loaded."""


class PipelineError(SourcetraceError):
    """Stages composed so that one cannot run: what it needs is added by no stage before it."""


class StoreError(SourcetraceError):
    """The store cannot be opened, migrated or written."""


@dataclass(frozen=True)
class Failure:
    """One input of a batch that failed, and why. Batches collect these and go on."""

    input: str
    kind: str
    reason: str

    @classmethod
    def from_error(cls, error: InputError) -> Failure:
        return cls(input=error.input, kind=error.kind, reason=str(error))


@dataclass(frozen=True)
class Skipped:
    """An input left out on purpose (already in the store), so a resumed run can say so."""

    input: str
    article_id: str
