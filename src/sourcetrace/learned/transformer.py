"""The transformer role tagger: a fine-tuned slice of a pretrained encoder, run by ONNX
Runtime on CPU, with the same interface as `RoleTagger` (a parsed Doc in, role spans out).

A model directory holds `tagger.onnx` (encoder layers, parse-feature embeddings and the
tag head, int8), `pieces.npz` (the word-piece table, int8 rows with a scale each, and
optionally the tag transitions of a CRF-trained tagger and its window length) and
`tokenizer.json` (the encoder's WordPiece vocabulary). Made by
training/transformer_data.py and training/transformer_tagger.py; see
docs/learned-model.md for what it scores.
"""

from __future__ import annotations

from pathlib import Path

import numpy

from ..errors import ModelError
from .pieces import MAX_PIECES, decode, feature_ids, load_tokenizer, windows, word_pieces
from .spans import Role

__all__ = ["ONNX_FILE", "TransformerRoleTagger", "token_columns"]

ONNX_FILE = "tagger.onnx"


def token_columns(doc) -> list[tuple[str, ...]]:
    """Feature strings of every token: the CNN tagger's parse features, then TAG, DEP and
    the start of the word's shape (the encoder is uncased; the shape keeps capitals)."""
    from .features import role_features

    return [row + (t.tag_, t.dep_, t.shape_[:5]) for row, t in zip(role_features(doc), doc)]


class TransformerRoleTagger:
    """Role spans of a parsed Doc from the ONNX model in `model_dir`."""

    def __init__(self, model_dir: Path) -> None:
        model_dir = Path(model_dir)
        try:
            import onnxruntime
        except ImportError as error:
            raise ModelError(
                f"{model_dir}: the transformer tagger needs onnxruntime (pip install onnxruntime)"
            ) from error
        missing = [name for name in (ONNX_FILE, "pieces.npz", "tokenizer.json") if not (model_dir / name).is_file()]
        if missing:
            raise ModelError(f"{model_dir}: transformer tagger files missing: {', '.join(missing)}")
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # One thread: in a batch the tagger runs beside the parser (`submit`), one core
        # each; two threads would fight the parser for its core (PolNeAR dev, this
        # 2-core machine: analyze at 0.69 of a bare parse with one, 0.55 with two).
        options.intra_op_num_threads = 1
        # Idle worker threads must not spin: on two cores they would take the CPU from the
        # parse and the rest of the pipeline between two runs of the tagger.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = onnxruntime.InferenceSession(
                str(model_dir / ONNX_FILE), options, providers=["CPUExecutionProvider"]
            )
            table = numpy.load(model_dir / "pieces.npz")
            self.word_q, self.word_scale = table["word_q"], table["word_scale"]
            # Written by training when the tagger was trained with them (see
            # training/transformer_tagger.py): CRF transitions, a longer window.
            self.transitions = table["transitions"] if "transitions" in table else None
            self.max_pieces = int(table["max_pieces"]) if "max_pieces" in table else MAX_PIECES
            self.tokenizer = load_tokenizer(model_dir / "tokenizer.json")
        except Exception as error:  # a truncated or foreign file: say which folder, and what to do
            raise ModelError(
                f"{model_dir}: cannot load the transformer tagger ({type(error).__name__}: {error}); "
                "reinstall sourcetrace or retrain with training/train_transformer_tagger.sh"
            ) from error
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.cls_id = self.tokenizer.token_to_id("[CLS]")
        self.sep_id = self.tokenizer.token_to_id("[SEP]")
        self._worker = None  # a thread for `submit`, started on first use
        self._pending: dict[int, tuple] = {}  # id(doc) → (doc, (windows, line breaks), future)

    def __call__(self, doc) -> list[Role]:
        """The Doc's role spans; waits for the work `submit` started on it, if any."""
        if len(doc) == 0:
            return []
        pending = self._pending.pop(id(doc), None)
        if pending is not None and pending[0] is doc:
            _, layout, running = pending
            logprobs = running.result()
        else:
            layout, feeds = self._inputs(doc)
            logprobs = self._run(feeds)
        return self._decode(doc, layout, logprobs)

    def submit(self, doc) -> None:
        """Start the encoder on the Doc in a worker thread: ONNX Runtime releases Python's
        lock, so it runs beside whatever the caller does next (parsing the next articles)."""
        if len(doc) == 0:
            return
        if self._worker is None:
            from concurrent.futures import ThreadPoolExecutor

            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sourcetrace-tagger")
        layout, feeds = self._inputs(doc)
        self._pending[id(doc)] = (doc, layout, self._worker.submit(self._run, feeds))

    def _inputs(self, doc):
        words = [t.text for t in doc]
        pieces = word_pieces(self.tokenizer, words)
        feats = feature_ids(token_columns(doc))
        parts = windows(pieces, doc.to_array("SENT_START") == 1, self.cls_id, self.sep_id, self.max_pieces)
        breaks = numpy.array([not word.strip() and "\n" in word for word in words])
        width = max(len(w.ids) for w in parts)
        ids = numpy.zeros((len(parts), width), dtype=numpy.int64)
        mask = numpy.zeros((len(parts), width), dtype=numpy.int64)
        features = numpy.zeros((len(parts), width, feats.shape[1]), dtype=numpy.int64)
        lengths = numpy.array([len(p) for p in pieces])
        for k, w in enumerate(parts):
            ids[k, : len(w.ids)] = w.ids
            mask[k, : len(w.ids)] = 1
            # every piece carries its word's features, as in training
            of_piece = numpy.repeat(numpy.arange(w.start, w.end), lengths[w.start : w.end])
            features[k, 1 : 1 + len(of_piece)] = feats[of_piece]
        vectors = self.word_q[ids].astype(numpy.float32) * self.word_scale[ids][..., None]
        feeds = {"vectors": vectors, "mask": mask, "features": features}
        return (parts, breaks), {k: v for k, v in feeds.items() if k in self.inputs}

    def _run(self, feeds):
        return self.session.run(None, feeds)[0]

    def _decode(self, doc, layout, logprobs) -> list[Role]:
        parts, breaks = layout
        scores = numpy.zeros((len(doc), logprobs.shape[-1]), dtype=numpy.float32)
        has = numpy.zeros(len(doc), dtype=bool)
        for k, w in enumerate(parts):
            at = numpy.flatnonzero(w.first >= 0)
            scores[w.start + at] = logprobs[k, w.first[at]]
            has[w.start + at] = True
        return [Role(start, end, label) for start, end, label in decode(scores, has, breaks, self.transitions)]
