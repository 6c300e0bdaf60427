"""Words → word pieces, windows, feature ids and BIO tags: what the transformer role
tagger reads and writes, in numpy alone.

Training (on a machine with PyTorch, `training/transformer_tagger.py`) and `analyze` (on
CPU with ONNX Runtime, `transformer.py`) both go through these functions, so the two see
the same pieces, windows and features. Nothing here imports spaCy or PyTorch: a Doc's
words, sentence starts and feature strings come in as plain lists.

- **Pieces.** Every word is split by the encoder's WordPiece tokenizer. A whitespace token
  holding a line break becomes the piece "¶" (a paragraph break is a strong cue for
  quotation and attribution); other whitespace gets no piece.
- **Windows.** A Doc is cut into windows of whole sentences of at most `MAX_PIECES`
  pieces (a longer sentence is cut at a word), so the encoder sees the sentences around a
  role, as far as its window reaches.
- **Features.** Each word's parse-feature strings (`features.role_features`, TAG, DEP) are
  hashed into per-column tables.
- **Table.** The word-piece table is stored int8 with one scale per row
  (`quantize_rows`); `transformer.py` multiplies the rows back.
- **Tags.** One BIO tag per word, predicted at the word's first piece; decoding is Viterbi
  under BIO's rule (an I- tag only after a tag of its label), over the words with pieces.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy

__all__ = [
    "FEATURE_ROWS",
    "LABELS",
    "MAX_PIECES",
    "TAGS",
    "Window",
    "bio_tags",
    "decode",
    "feature_ids",
    "load_tokenizer",
    "quantize_rows",
    "word_pieces",
    "windows",
]

LABELS = ("SOURCE", "CUE", "CONTENT")
TAGS = ("O",) + tuple(f"{p}-{label}" for label in LABELS for p in ("B", "I"))
MAX_PIECES = 254  # 256 with [CLS] and [SEP]
FEATURE_ROWS = 4096  # hash table rows per feature column
CLS, SEP, PARAGRAPH = "[CLS]", "[SEP]", "¶"


def load_tokenizer(path):
    """The encoder's `tokenizers.Tokenizer` from its tokenizer.json, with the truncation
    and padding that file may set (128 pieces for a sentence encoder) turned off: a whole
    article is encoded at once and cut into windows here."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def word_pieces(tokenizer, words: Sequence[str]) -> list[list[int]]:
    """WordPiece ids of each word (a Tokenizer from `load_tokenizer`); [] for plain
    whitespace."""
    if tokenizer.truncation is not None:
        raise ValueError("the tokenizer truncates; load it with load_tokenizer")
    paragraph = tokenizer.token_to_id(PARAGRAPH)
    texts = [w for w in words if w.strip()]
    encoded = tokenizer.encode(texts, is_pretokenized=True, add_special_tokens=False) if texts else None
    per_text: list[list[int]] = [[] for _ in texts]
    if encoded is not None:
        for piece, word in zip(encoded.ids, encoded.word_ids):
            if word is not None:
                per_text[word].append(piece)
    out, k = [], 0
    for w in words:
        if w.strip():
            out.append(per_text[k] or [tokenizer.token_to_id("[UNK]")])
            k += 1
        else:
            out.append([paragraph] if "\n" in w else [])
    return out


class Window:
    """One encoder input: words [start, end) of a Doc as piece ids, with the position of
    each word's first piece (-1 for a word without pieces)."""

    __slots__ = ("start", "end", "ids", "first")

    def __init__(self, start: int, end: int, pieces: list[list[int]], cls_id: int, sep_id: int) -> None:
        self.start, self.end = start, end
        ids, first = [cls_id], []
        for word in pieces[start:end]:
            first.append(len(ids) if word else -1)
            ids.extend(word)
        ids.append(sep_id)
        self.ids = numpy.asarray(ids, dtype=numpy.int64)
        self.first = numpy.asarray(first, dtype=numpy.int64)


def windows(
    pieces: list[list[int]], sent_starts: Sequence[bool], cls_id: int, sep_id: int, max_pieces: int = MAX_PIECES
) -> list[Window]:
    """Windows of whole sentences, each at most `max_pieces` pieces, covering every word."""
    sentences, begin = [], 0
    for i in range(1, len(pieces) + 1):
        if i == len(pieces) or sent_starts[i]:
            sentences.append((begin, i))
            begin = i
    out: list[Window] = []
    start = end = 0
    size = 0
    for s, e in sentences:
        length = sum(len(p) for p in pieces[s:e])
        if size + length > max_pieces and end > start:
            out.append(Window(start, end, pieces, cls_id, sep_id))
            start, size = end, 0
        if length > max_pieces:  # a sentence longer than a window: cut it at words
            for w in range(s, e):
                if size + len(pieces[w]) > max_pieces and w > start:
                    out.append(Window(start, w, pieces, cls_id, sep_id))
                    start, size = w, 0
                size += len(pieces[w])
            end = e
            continue
        end, size = e, size + length
    if end > start or not out:
        out.append(Window(start, end, pieces, cls_id, sep_id))
    return out


def feature_ids(rows: Sequence[Sequence[str]], table_rows: int = FEATURE_ROWS) -> numpy.ndarray:
    """[words, columns] table indices of the feature strings; a stable hash (CRC-32) keeps
    training and run time in step."""
    if not rows:
        return numpy.zeros((0, 0), dtype=numpy.int64)
    return numpy.asarray(
        [[zlib.crc32(f"{c}={value}".encode()) % table_rows for c, value in enumerate(row)] for row in rows],
        dtype=numpy.int64,
    )


def bio_tags(n_words: int, spans: Sequence[tuple[int, int, str]]) -> numpy.ndarray:
    """Tag index of every word for labelled word spans [start, end)."""
    tags = numpy.zeros(n_words, dtype=numpy.int64)
    for start, end, label in spans:
        tags[start] = TAGS.index(f"B-{label}")
        tags[start + 1 : end] = TAGS.index(f"I-{label}")
    return tags


def _allowed() -> numpy.ndarray:
    allowed = numpy.ones((len(TAGS), len(TAGS)), dtype=bool)  # [previous, next]
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            allowed[:, j] = False
            allowed[TAGS.index("B-" + tag[2:]), j] = allowed[j, j] = True
    return allowed


_ALLOWED = _allowed()
_START_ALLOWED = numpy.array([not t.startswith("I-") for t in TAGS])


def decode(
    scores: numpy.ndarray,
    has_pieces: numpy.ndarray,
    outside: numpy.ndarray | None = None,
    transitions: numpy.ndarray | None = None,
) -> list[tuple[int, int, str]]:
    """Labelled word spans from [words, tags] log-probabilities: the best BIO-valid tag
    sequence over the words with pieces, the words marked `outside` (line breaks) held to
    O; a word without pieces (plain whitespace) joins a span only when the words on both
    sides are inside it. `transitions` [previous, next], when the tagger was trained as a
    CRF, adds its learned score for each pair of neighbouring tags."""
    index = numpy.flatnonzero(has_pieces)
    if len(index) == 0:
        return []
    s = scores[index].copy()
    if outside is not None:
        held = outside[index]
        s[held] = -1e9
        s[held, 0] = 0.0
    penalty = numpy.where(_ALLOWED, 0.0, -1e9)
    if transitions is not None:
        penalty = penalty + transitions
    best = numpy.where(_START_ALLOWED, s[0], -1e9)
    back = numpy.zeros((len(index), len(TAGS)), dtype=numpy.int64)
    for t in range(1, len(index)):
        total = best[:, None] + penalty
        back[t] = total.argmax(axis=0)
        best = total.max(axis=0) + s[t]
    path = [int(best.argmax())]
    for t in range(len(index) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    path.reverse()
    spans: list[tuple[int, int, str]] = []
    for _k, (word, tag) in enumerate(zip(index, path)):
        name = TAGS[tag]
        if name == "O":
            continue
        if name.startswith("B-") or not spans or spans[-1][2] != name[2:]:
            spans.append((int(word), int(word) + 1, name[2:]))
        else:
            spans[-1] = (spans[-1][0], int(word) + 1, spans[-1][2])
    return spans


def quantize_rows(table: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Symmetric int8 per row: row ≈ q * scale (the pretrained table, and a fine-tuned one
    written by `training/transformer_tagger.py --train-table`)."""
    scale = numpy.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = numpy.clip(numpy.round(table / scale[:, None]), -127, 127).astype(numpy.int8)
    return q, scale.astype(numpy.float32)
