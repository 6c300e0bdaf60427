"""Fine-tune a slice of a pretrained encoder as the role tagger, on a machine with PyTorch.

    python training/transformer_tagger.py DATA_DIR OUT_DIR [--configs L6f,L3f] [--epochs 6]

DATA_DIR is what training/transformer_data.py wrote (encoder.npz, train.npz, dev.npz).
A config names the encoder layers kept from the bottom (L3 = the first three of
all-MiniLM-L6-v2's six) and, with `f`, the parse-feature embeddings beside the encoder's
output. Each config is trained on train, scored on dev after every epoch (entity exact
F1 over words, Viterbi-decoded as `analyze` decodes), and its best epoch is exported to
ONNX (float32, then int8 by ONNX Runtime's dynamic quantization) and scored again through
ONNX Runtime on CPU, the way `analyze` will run it. The word-piece table stays frozen (it
is the int8 table the package ships) and is not in the ONNX file: the graph takes the
pieces' vectors. Results go to OUT_DIR/results.json as they come.

Variants (0.5.2; each is measured in docs/learned-model.md):
- `--crf`: the head's scores are a linear-chain CRF's emissions, with learned transitions
  between neighbouring words' tags, trained on the whole sequence's likelihood; the
  transitions are shipped and added at decoding (`pieces.decode`).
- `--train-table`: the word-piece table is fine-tuned too, and shipped as a new int8 table.
- `--window N`: windows of whole sentences up to N pieces (at most 510), made by joining
  neighbouring windows of the prepared data; `analyze` then cuts its windows at N.
- `--teachers DIR,DIR,... [--distill W]`: knowledge distillation. Installed model folders
  (each with its tagger.onnx) are run over train once, before training, and their per-word
  tag probabilities averaged; the loss adds W times the cross-entropy of the student's
  per-word tag distribution against that average, meant to give an ensemble's gain at no
  run-time cost. Measured once (0.6.2, the shipped tagger as teacher, seed 3): best dev
  entity F1 of any run, but no attribution gained through the pipeline; not shipped.
Their extras (transitions, table, window) go to OUT_DIR/NAME.extras.npz, which
`transformer_data.py install` merges into the model's pieces.npz.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from pathlib import Path

import numpy
import torch
from torch import nn

_spec = importlib.util.spec_from_file_location(
    "pieces", Path(__file__).resolve().parents[1] / "src/sourcetrace/learned/pieces.py"
)
pieces = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pieces)

ROLE_NAMES = ("SOURCE", "CUE", "CONTENT")


def word_table(npz) -> numpy.ndarray:
    return npz["word_q"].astype(numpy.float32) * npz["word_scale"][:, None]


def load_encoder(data: Path, table: Path | None) -> dict:
    """The encoder's arrays; the word-piece table from `table` (a shipped pieces.npz) when
    given, so that a copy of the data without it can travel light."""
    arrays = dict(numpy.load(data / "encoder.npz"))
    if table is not None:
        pieces_file = numpy.load(table)
        arrays["word_q"], arrays["word_scale"] = pieces_file["word_q"], pieces_file["word_scale"]
    return arrays


def build_encoder(npz, layers: int):
    from transformers import BertConfig, BertModel

    settings = json.loads(bytes(npz["config"]).decode())
    settings["num_hidden_layers"] = layers
    config = BertConfig.from_dict(settings)
    try:
        config._attn_implementation = "eager"  # exports to ONNX as plain matrix products
    except Exception:  # older or newer Transformers name it otherwise; the default exports too
        pass
    encoder = BertModel(config, add_pooling_layer=False)
    state = {
        name: torch.from_numpy(npz[name].astype(numpy.float32))
        for name in npz
        if name not in ("word_q", "word_scale", "config")
        and (not name.startswith("encoder.layer.") or int(name.split(".")[2]) < layers)
    }
    state["embeddings.word_embeddings.weight"] = torch.from_numpy(word_table(npz))
    missing, unexpected = encoder.load_state_dict(state, strict=False)
    if unexpected or [m for m in missing if "position_ids" not in m]:
        raise SystemExit(f"weights do not fit the encoder: missing {missing}, unexpected {unexpected}")
    encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    return encoder


class Tagger(nn.Module):
    """Encoder slice, then (optionally) hashed parse-feature embeddings, then a small head
    giving log-probabilities of the BIO tags at every piece."""

    def __init__(self, encoder, columns: int, features: bool, feature_width: int = 32, hidden: int = 256):
        super().__init__()
        self.encoder = encoder
        self.features = nn.ModuleList(
            nn.Embedding(pieces.FEATURE_ROWS, feature_width) for _ in range(columns if features else 0)
        )
        width = encoder.config.hidden_size + len(self.features) * feature_width
        self.head = nn.Sequential(
            nn.Dropout(0.1), nn.Linear(width, hidden), nn.GELU(), nn.Linear(hidden, len(pieces.TAGS))
        )
        # [previous, next] tag scores of a CRF (trained only with --crf; kept out of the ONNX
        # graph, which gives per-word scores: the transitions are added at decoding)
        self.transitions = nn.Parameter(torch.zeros(len(pieces.TAGS), len(pieces.TAGS)))

    def forward(self, vectors, mask, feat):
        hidden = self.encoder(inputs_embeds=vectors, attention_mask=mask).last_hidden_state
        if len(self.features):
            hidden = torch.cat([hidden] + [table(feat[..., c]) for c, table in enumerate(self.features)], dim=-1)
        return torch.log_softmax(self.head(hidden).float(), dim=-1)


_INVALID = torch.from_numpy(numpy.where(pieces._ALLOWED, 0.0, -1e4).astype(numpy.float32))


def crf_loss(logp, label, transitions):
    """Negative log-likelihood of the gold tag sequences under a linear-chain CRF whose
    emissions are the per-piece scores at each word's first piece, summed over the batch.
    BIO's rule is part of the model (an invalid pair scores -1e4), as at decoding. The
    per-position log-softmax of the emissions cancels out of the likelihood."""
    is_word = label != -100
    count = is_word.sum(1)
    order = torch.argsort((~is_word).to(torch.int8), dim=1, stable=True)[:, : int(count.max())]
    emissions = logp.float().gather(1, order.unsqueeze(2).expand(-1, -1, logp.shape[-1]))
    tags = label.gather(1, order).clamp(min=0)
    mask = torch.arange(tags.shape[1], device=tags.device)[None, :] < count[:, None]
    trans = transitions + _INVALID.to(transitions.device)
    gold = (emissions.gather(2, tags.unsqueeze(2)).squeeze(2) * mask).sum(1)
    gold = gold + (trans[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]).sum(1)
    alpha = emissions[:, 0]
    for t in range(1, tags.shape[1]):
        step = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + emissions[:, t]
        alpha = torch.where(mask[:, t : t + 1], step, alpha)
    return (torch.logsumexp(alpha, dim=1) - gold).sum()


def merge_windows(data: dict, max_pieces: int) -> dict:
    """Longer windows from the prepared ones: neighbouring windows of one article joined
    while their pieces (without [CLS] and [SEP]) fit in `max_pieces`, as `pieces.windows`
    packs whole sentences at run time."""
    lengths = data["mask"].sum(axis=1).astype(int)
    groups = [[0]]
    for k in range(1, len(lengths)):
        last = groups[-1][-1]
        joined = sum(lengths[j] - 2 for j in groups[-1]) + lengths[k] - 2
        if (
            data["window"][k, 0] == data["window"][last, 0]
            and data["window"][k, 1] == data["window"][last, 2]
            and joined <= max_pieces
        ):
            groups[-1].append(k)
        else:
            groups.append([k])
    width = max(sum(lengths[j] - 2 for j in g) + 2 for g in groups)
    out = dict(data)
    for key, fill in (("ids", 0), ("mask", 0), ("label", -100), ("feat", 0), ("word", -1)):
        out[key] = numpy.full((len(groups), width) + data[key].shape[2:], fill, dtype=data[key].dtype)
    out["window"] = numpy.zeros((len(groups), 3), dtype=data["window"].dtype)
    for g, rows in enumerate(groups):
        at = 1
        for j in rows:
            inner = lengths[j] - 2
            for key in ("ids", "mask", "label", "feat", "word"):
                out[key][g, at : at + inner] = data[key][j, 1 : 1 + inner]
            at += inner
        first, last = rows[0], rows[-1]
        out["ids"][g, 0], out["ids"][g, at] = data["ids"][first, 0], data["ids"][first, lengths[first] - 1]
        out["mask"][g, 0] = out["mask"][g, at] = 1
        out["window"][g] = (data["window"][first, 0], data["window"][first, 1], data["window"][last, 2])
    return out


def teacher_probabilities(train: dict, teachers: list[Path], table: numpy.ndarray, threads: int, log) -> numpy.ndarray:
    """The average over the teachers' ONNX taggers of each train piece's tag probabilities
    (float16, windows × pieces × tags), computed once before training."""
    import onnxruntime

    total = numpy.zeros(train["ids"].shape + (len(pieces.TAGS),), numpy.float32)
    for folder in teachers:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        session = onnxruntime.InferenceSession(str(folder / "tagger.onnx"), options, providers=["CPUExecutionProvider"])
        inputs = {i.name for i in session.get_inputs()}
        started = time.time()
        for begin in range(0, len(train["ids"]), 64):
            rows = numpy.arange(begin, min(begin + 64, len(train["ids"])))
            ids, mask, feat, _ = tensors(train, rows, "cpu")
            feeds = {"vectors": table[ids.numpy()], "mask": mask.numpy(), "features": feat.numpy()}
            logp = session.run(None, {k: v for k, v in feeds.items() if k in inputs})[0]
            total[rows, : logp.shape[1]] += numpy.exp(logp)
        log(f"teacher {folder}: {time.time() - started:.0f} s over {len(train['ids'])} windows")
    return (total / len(teachers)).astype(numpy.float16)


def tensors(data, rows, device):
    width = int(data["mask"][rows].sum(axis=1).max())
    take = lambda key, dtype: torch.from_numpy(data[key][rows, :width].astype(dtype)).to(device)  # noqa: E731
    return take("ids", numpy.int64), take("mask", numpy.int64), take("feat", numpy.int64), take("label", numpy.int64)


def dev_scores(predict, data, transitions=None) -> dict:
    """Entity exact P/R/F1 on dev, every window through `predict(rows) -> log-probs`."""
    words = data["words"]
    offsets = numpy.concatenate([[0], numpy.cumsum(words)])
    scores = [numpy.zeros((n, len(pieces.TAGS)), numpy.float32) for n in words]
    has = [numpy.zeros(n, bool) for n in words]
    doc_of = data["window"][:, 0]
    for begin in range(0, len(doc_of), 64):
        rows = numpy.arange(begin, min(begin + 64, len(doc_of)))
        logp = predict(rows)
        for k, row in enumerate(rows):
            at = data["word"][row, : logp.shape[1]]
            keep = at >= 0
            scores[doc_of[row]][at[keep]] = logp[k][keep]
            has[doc_of[row]][at[keep]] = True
    predicted = set()
    for d in range(len(words)):
        space = data["space"][offsets[d] : offsets[d + 1]].astype(bool)
        for s, e, label in pieces.decode(scores[d], has[d], space, transitions):
            predicted.add((d, s, e, ROLE_NAMES.index(label)))
    gold = set(map(tuple, data["gold"].tolist()))
    out = {}
    for name, role in [("all", None)] + [(n, i) for i, n in enumerate(ROLE_NAMES)]:
        g = {x for x in gold if role is None or x[3] == role}
        p = {x for x in predicted if role is None or x[3] == role}
        tp = len(g & p)
        prec, rec = tp / max(len(p), 1), tp / max(len(g), 1)
        out[name] = round(2 * prec * rec / max(prec + rec, 1e-9), 4)
    return out


def train_config(name: str, train, dev, npz, args, log, teacher=None) -> tuple[Tagger, dict]:
    layers, features = int(name[1:].rstrip("f")), name.endswith("f")
    device = "cuda" if torch.cuda.is_available() else "cpu"  # CPU works, in hours rather than a minute
    torch.manual_seed(args.seed)
    model = Tagger(build_encoder(npz, layers), train["feat"].shape[2], features).to(device)
    if args.train_table:
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(True)
    encoder_params = [p for n, p in model.named_parameters() if n.startswith("encoder.") and p.requires_grad]
    other_params = [
        p for n, p in model.named_parameters() if not n.startswith("encoder.") and (args.crf or n != "transitions")
    ]
    optimizer = torch.optim.AdamW(
        [{"params": encoder_params, "lr": args.lr}, {"params": other_params, "lr": args.head_lr}], weight_decay=0.01
    )
    steps = args.epochs * ((len(train["ids"]) + args.batch - 1) // args.batch)
    warm = max(1, steps // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    loss_fn = nn.NLLLoss(ignore_index=-100)
    rng = numpy.random.default_rng(args.seed)

    def predict(rows):
        ids, mask, feat, _ = tensors(dev, rows, device)
        with torch.no_grad(), torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
            return model(model.encoder.embeddings.word_embeddings(ids), mask, feat).float().cpu().numpy()

    best, best_state, history = None, None, []
    for epoch in range(args.epochs):
        model.train()
        order = rng.permutation(len(train["ids"]))
        total = 0.0
        for begin in range(0, len(order), args.batch):
            ids, mask, feat, label = tensors(train, order[begin : begin + args.batch], device)
            with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
                logp = model(model.encoder.embeddings.word_embeddings(ids), mask, feat)
            words = (label != -100).sum().clamp(min=1)
            if args.crf:
                loss = crf_loss(logp, label, model.transitions) / words
            else:
                loss = loss_fn(logp.reshape(-1, logp.shape[-1]), label.reshape(-1))
            if teacher is not None:  # cross-entropy against the teachers' average, at words only
                target = torch.from_numpy(
                    teacher[order[begin : begin + args.batch], : logp.shape[1]].astype(numpy.float32)
                )
                at_words = (label != -100).unsqueeze(2)
                loss = loss - args.distill * (target.to(device) * logp.float() * at_words).sum() / words
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            total += float(loss.detach())
        model.eval()
        scores = dev_scores(predict, dev, transitions_of(model, args))
        history.append({"epoch": epoch + 1, "loss": round(total, 2), **scores})
        log(f"{name} epoch {epoch + 1}: loss {total:.1f} dev {scores}")
        if best is None or scores["all"] > best["all"]:
            best = {"epoch": epoch + 1, **scores}
            best_state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
        if args.deadline and time.time() - args.started > args.deadline and epoch + 1 < args.epochs:
            log(f"{name}: deadline reached after epoch {epoch + 1}; keeping the best epoch so far")
            break
    model.load_state_dict(best_state)
    return model.cpu().float().eval(), {"config": name, "best": best, "history": history}


def transitions_of(model: Tagger, args) -> numpy.ndarray | None:
    return model.transitions.detach().float().cpu().numpy() if args.crf else None


def export(model: Tagger, name: str, dev, out: Path, args, log) -> dict:
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    extras = {}
    if args.crf:
        extras["transitions"] = transitions_of(model, args)
    if args.window != pieces.MAX_PIECES:
        extras["max_pieces"] = numpy.int64(args.window)
    if args.train_table:  # what ships is the int8 table: score with it
        q, scale = pieces.quantize_rows(model.encoder.embeddings.word_embeddings.weight.detach().numpy())
        extras["word_q"], extras["word_scale"] = q, scale
        with torch.no_grad():
            model.encoder.embeddings.word_embeddings.weight.copy_(
                torch.from_numpy(q.astype(numpy.float32) * scale[:, None])
            )
    if extras:
        numpy.savez_compressed(out / f"{name}.extras.npz", **extras)
    rows = numpy.arange(4)
    ids, mask, feat, _ = tensors(dev, rows, "cpu")
    vectors = model.encoder.embeddings.word_embeddings(ids).detach()
    path = out / f"{name}.fp32.onnx"
    arguments = dict(
        input_names=["vectors", "mask", "features"],
        output_names=["logprobs"],
        dynamic_axes={
            "vectors": {0: "batch", 1: "pieces"},
            "mask": {0: "batch", 1: "pieces"},
            "features": {0: "batch", 1: "pieces"},
            "logprobs": {0: "batch", 1: "pieces"},
        },
        opset_version=17,
    )
    try:
        torch.onnx.export(model, (vectors, mask, feat), str(path), dynamo=False, **arguments)
    except Exception as error:  # the TorchScript exporter may be gone in this PyTorch
        log(f"TorchScript export failed ({error}); trying dynamo")
        torch.onnx.export(model, (vectors, mask, feat), str(path), dynamo=True, **arguments)
    # int8 weights, one scale per tensor (as shipped in 0.5.0) and one per output column
    quantized = {"int8": out / f"{name}.int8.onnx", "int8pc": out / f"{name}.int8pc.onnx"}
    quantize_dynamic(str(path), str(quantized["int8"]), weight_type=QuantType.QInt8)
    quantize_dynamic(str(path), str(quantized["int8pc"]), weight_type=QuantType.QInt8, per_channel=True)
    table = model.encoder.embeddings.word_embeddings.weight.detach().numpy()
    transitions = transitions_of(model, args)
    result = {}
    for kind, file in (("fp32", path), *quantized.items()):
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = args.threads
        session = onnxruntime.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
        inputs = {i.name for i in session.get_inputs()}

        def predict(rows, session=session, inputs=inputs):
            i, m, f, _ = tensors(dev, rows, "cpu")
            feeds = {"vectors": table[i.numpy()], "mask": m.numpy(), "features": f.numpy()}
            return session.run(None, {k: v for k, v in feeds.items() if k in inputs})[0]

        with torch.no_grad():
            reference = model(vectors, mask, feat).numpy()
        result[kind] = {
            "dev": dev_scores(predict, dev, transitions),
            "max_diff_vs_torch": float(abs(predict(rows) - reference).max()),
            "bytes": file.stat().st_size,
        }
        log(f"{name} {kind} through ONNX Runtime: {result[kind]}")
    path.unlink()  # float32 stays behind; the int8 files are what come back
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--configs", default="L6f", help="comma-separated; the shipped tagger is L6f")
    parser.add_argument("--export", default="L6f")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--table", type=Path, help="pieces.npz to take the word-piece table from")
    parser.add_argument("--budget", type=float, default=420, help="seconds; no new config starts after")
    parser.add_argument("--crf", action="store_true", help="train the head as a linear-chain CRF")
    parser.add_argument("--train-table", action="store_true", help="fine-tune the word-piece table too")
    parser.add_argument("--window", type=int, default=pieces.MAX_PIECES, help="pieces per window, at most 510")
    parser.add_argument("--name", help="file names of the exported tagger (default: the config)")
    parser.add_argument("--limit", type=int, help="train on the first N windows only (a smoke test)")
    parser.add_argument("--threads", type=int, default=2, help="ONNX Runtime threads when scoring the export")
    parser.add_argument(
        "--deadline", type=float, help="seconds from the start; training stops after the epoch that passes it"
    )
    parser.add_argument("--teachers", help="comma-separated model folders (tagger.onnx) to distil from")
    parser.add_argument("--distill", type=float, default=1.0, help="weight of the teachers' cross-entropy")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    started = args.started = time.time()
    log_file = open(args.out / "log.txt", "a")

    def log(line: str) -> None:
        line = f"[{time.time() - started:6.1f}s] {line}"
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()

    npz = load_encoder(args.data, args.table)
    train, dev = dict(numpy.load(args.data / "train.npz")), dict(numpy.load(args.data / "dev.npz"))
    if args.limit:
        train = {
            k: (v[: args.limit] if k in ("ids", "mask", "label", "feat", "word", "window") else v)
            for k, v in train.items()
        }
    if args.window != pieces.MAX_PIECES:
        train, dev = merge_windows(train, args.window), merge_windows(dev, args.window)
        log(f"windows of up to {args.window} pieces: train {len(train['ids'])}, dev {len(dev['ids'])}")
    teacher = None
    if args.teachers:
        if args.window != pieces.MAX_PIECES:
            raise SystemExit("--teachers works on the prepared windows only; leave out --window")
        folders = [Path(folder) for folder in args.teachers.split(",")]
        teacher = teacher_probabilities(train, folders, word_table(npz), args.threads, log)
    results = []
    for name in args.configs.split(","):
        if time.time() - started > args.budget:
            log(f"{name}: skipped, budget spent")
            continue
        model, result = train_config(name, train, dev, npz, args, log, teacher)
        if name in args.export.split(","):
            try:
                result["onnx"] = export(model, args.name or name, dev, args.out, args, log)
            except Exception as error:
                log(f"{name}: export failed: {error!r}")
                torch.save(model.state_dict(), args.out / f"{args.name or name}.pt")
        results.append(result)
        (args.out / "results.json").write_text(
            json.dumps(
                {"args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}, "results": results},
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
