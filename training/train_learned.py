"""Training steps for the learned attribution model (run by train_transformer_tagger.sh).

    python training/train_learned.py convert  TRAIN_DIR DEV_DIR WORK_DIR
    python training/train_learned.py link     TRAIN_DIR [MODEL_DIR]
    python training/train_learned.py evaluate GOLD_DIR [MODEL_DIR] [--json]

`convert` writes train.spacy / dev.spacy (tokens and role entities) and train-parsed.spacy /
dev-parsed.spacy (their parses) into WORK_DIR, which transformer_data.py turns into the
tagger's training windows. `link` trains the linker of MODEL_DIR on the gold attributions
of TRAIN_DIR, over the articles parsed as `analyze` parses them and over the spans
MODEL_DIR's tagger finds in them (so a new tagger wants its linker trained again).
`evaluate` scores the model folder with the evaluator.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from convert_polnear import ConversionStats, _token_runs, convert_gold

from sourcetrace.evaluate import evaluate_attribution, format_text
from sourcetrace.evaluate.brat import GoldArticle, GoldSpan, read_gold
from sourcetrace.learned.link import Linker, link_examples, tagged_examples
from sourcetrace.learned.spans import CONTENT, CUE, SOURCE, Link, Role, join_forced
from sourcetrace.learned.stage import LINKER_FILE, MODEL_DIR, LearnedAttributor, load_tagger
from sourcetrace.parse import load_model
from sourcetrace.pipeline import Pipeline
from sourcetrace.read import read_inputs

__all__ = ["convert", "gold_links", "train_linker"]


def convert(train_dir: Path, dev_dir: Path, work_dir: Path) -> list[str]:
    """Both splits as DocBins in `work_dir`; returns the conversion report, one line each."""
    nlp = load_model()
    work_dir.mkdir(parents=True, exist_ok=True)
    report = []
    for split, gold_dir in (("train", train_dir), ("dev", dev_dir)):
        stats = ConversionStats()
        tagged, parsed = convert_gold(gold_dir, nlp, stats=stats)
        tagged.to_disk(work_dir / f"{split}.spacy")
        parsed.to_disk(work_dir / f"{split}-parsed.spacy")
        report += [f"{split}: {line}" for line in stats.lines()] + [f"{split}: {f}" for f in stats.failures]
    return report


def _roles(doc, span: GoldSpan, label: str) -> list[Role]:
    stats = ConversionStats()
    runs = [Role(a, b, label) for start, end in span.parts for a, b in _token_runs(doc, start, end, stats)]
    return join_forced(doc, runs)


def _one(roles: list[Role]) -> Role | None:
    return Role(roles[0].start, roles[-1].end, roles[0].label) if roles else None


def gold_links(doc, gold: GoldArticle) -> list[Link]:
    """The gold attributions of an article as links between token spans."""
    links = []
    for attribution in gold.attributions:
        cue = _one(_roles(doc, attribution.cue, CUE))
        content = tuple(_roles(doc, attribution.content, CONTENT))
        source = _one(_roles(doc, attribution.source, SOURCE)) if attribution.source is not None else None
        if cue is not None and content:
            links.append(Link(source, cue, content))
    return links


def _tagged_articles(gold_dir: Path, model_dir: Path):
    """(gold, Doc, tagged roles) for every article of `gold_dir`: parsed from its raw
    text as `analyze --raw` parses it, tagged by the tagger of `model_dir`."""
    golds = {str(g.text_path): g for g in read_gold(gold_dir) if isinstance(g, GoldArticle)}
    pipeline = Pipeline(keep_doc=True, attributor=None, stages=())  # the parse only
    tagger = load_tagger(model_dir)
    for outcome in pipeline.run(read_inputs(list(golds), raw=True)):
        if getattr(outcome, "doc", None) is None:  # unreadable or skipped: say so, go on
            print(f"left out of training: {getattr(outcome, 'reason', outcome)}", file=sys.stderr)
            continue
        yield golds[outcome.input], outcome.doc, tagger(outcome.doc)


def train_linker(train_dir: Path, model_dir: Path = MODEL_DIR, *, epochs: int = 8, missed: float = 0.2) -> Linker:
    """A linker fitted on every article of `train_dir` three times: its gold spans as
    annotated, the same with a share `missed` of their cues left out (seeded), as the
    tagger will miss some, and the spans the tagger of `model_dir` finds, labelled by the
    gold links (`tagged_examples`), as it will cut them (PolNeAR dev, 0.6.1: attribution
    exact F1 0.578 → 0.582)."""
    rng = random.Random(0)
    choices = []
    for gold, doc, roles in _tagged_articles(train_dir, model_dir):
        links = gold_links(doc, gold)
        choices += link_examples(doc, links)
        left_out = frozenset(link.cue for link in links if rng.random() < missed)
        choices += link_examples(doc, links, missed=left_out)
        choices += tagged_examples(doc, roles, links)
    return Linker().fit(choices, epochs=epochs)


def evaluate(gold_dir: Path, model_dir: Path):
    pipeline = Pipeline(keep_doc=True, attributor=LearnedAttributor(model_dir))
    return evaluate_attribution(gold_dir, pipeline=pipeline)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python training/train_learned.py", description=__doc__.split("\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    step = steps.add_parser("convert")
    step.add_argument("train_dir", type=Path)
    step.add_argument("dev_dir", type=Path)
    step.add_argument("work_dir", type=Path)
    step = steps.add_parser("link")
    step.add_argument("train_dir", type=Path)
    step.add_argument("model_dir", type=Path, nargs="?", default=MODEL_DIR)
    step = steps.add_parser("evaluate")
    step.add_argument("gold_dir", type=Path)
    step.add_argument("model_dir", type=Path, nargs="?", default=MODEL_DIR)
    step.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.step == "convert":
        print("\n".join(convert(args.train_dir, args.dev_dir, args.work_dir)))
    elif args.step == "link":
        linker = train_linker(args.train_dir, args.model_dir)
        args.model_dir.mkdir(parents=True, exist_ok=True)
        linker.to_disk(args.model_dir / LINKER_FILE)
        print(f"linker: {len(linker.weights)} weights → {args.model_dir / LINKER_FILE}")
    else:
        scores = evaluate(args.gold_dir, args.model_dir)
        print(json.dumps(scores.to_json(), indent=1) if args.json else format_text(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
