"""Readers: from paths to `RawArticle`s, one input at a time, failures included.

`read_inputs` takes files, collections and directories and picks a reader by extension
(`files.py`: text and HTML documents; `records.py`: JSON, JSON Lines, CSV and TSV
collections); `read_transcripts` reads debate transcripts as articles of speaker turns
(`transcripts.py`). No reader needs spaCy.
"""

from __future__ import annotations

from .files import FORMATS, parse_html, parse_text, read_inputs
from .records import RecordFields
from .transcripts import Turn, read_transcript, read_transcripts

__all__ = [
    "FORMATS",
    "RecordFields",
    "Turn",
    "parse_html",
    "parse_text",
    "read_inputs",
    "read_transcript",
    "read_transcripts",
]
