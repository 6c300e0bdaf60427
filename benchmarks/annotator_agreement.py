"""How far PolNeAR's annotators agree with each other, scored as `sourcetrace eval
attribution` scores the system: what exact-match targets on this data should be read against.

    .venv/bin/python benchmarks/annotator_agreement.py GOLD_DIR [GOLD_DIR ...] [--engine learned] [--format json]

Some PolNeAR articles were annotated by several people (16 in train by five or six, 2 in
dev by six: the articles of the annotators' weekly agreement reviews). Over those
articles, with the evaluator's own matching code and counts summed over the folders given:
- each other annotator's file scored against the file the evaluator chooses as gold (the
  lexicographically smallest annotator id), as if it were a system's output;
- every pair of annotators (F1 = 2 × matched / (gold + other) is symmetric, so which of
  the two is "gold" changes only precision and recall);
- with `--engine`, the system's analysis scored against every annotator's file. On train
  the learned engine has been trained on the chosen file of each of these articles.
Per role exact and overlap F1, attribution-level F1 and the sentence-level exact F1, whose
tokens here are words and punctuation marks for the annotators and the system alike; and
how much of the exact attribution F1 is lost to span edges alone (sourcetrace.evaluate.edges:
the exact F1 if the attributions paired under overlap took the first file's edges for
content, for cue and content, for every role; and how far contents differ when source and
cue are exactly the same).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from sourcetrace.article import Article
from sourcetrace.evaluate.attribution import (
    MODES,
    PRF,
    ROLES,
    Segments,
    gold_triple,
    score_article,
    score_attributions,
    score_sentences,
    score_spans,
    system_triple,
    top_level,
)
from sourcetrace.evaluate.brat import GoldArticle, GoldError, parse_ann, read_gold, read_text
from sourcetrace.evaluate.edges import content_scope, edge_ceilings
from sourcetrace.pipeline import ENGINES, Pipeline
from sourcetrace.read import read_inputs


def annotation(gold: GoldArticle, annotator: str) -> GoldArticle:
    """The article as `annotator` annotated it."""
    path = gold.ann_path.with_name(f"{gold.name}_{annotator}.ann")
    text = read_text(gold.text_path)
    attributions = parse_ann(path.read_text(encoding="utf-8"), str(path), text=text, skipped=[])
    return GoldArticle(gold.name, annotator, gold.text_path, path, attributions, gold.annotators)


def _totals() -> dict:
    return {
        "pairs": 0,
        "roles": {role: {mode: PRF() for mode in MODES} for role in ROLES},
        "attributions": {mode: PRF() for mode in MODES},
        "sentence_exact": {role: PRF() for role in ROLES},
        "edge_ceilings": Counter(),  # exact attribution matches with the first file's edges, by roles
        "content_scope": Counter(),
    }


def _add_edges(totals: dict, gold: list, other: list, text: str) -> None:
    for roles, matched in edge_ceilings(gold, other, text).items():
        totals["edge_ceilings"][" + ".join(roles) or "none"] += matched
    totals["content_scope"].update(content_scope(gold, other, text))


def _add(totals: dict, first: GoldArticle, second: GoldArticle, text: str, segments: Segments) -> None:
    """Score `second` against `first` as the evaluator scores a system against gold."""
    totals["pairs"] += 1
    for role in ROLES:
        for mode in MODES:
            totals["roles"][role][mode].add(score_spans(first.spans(role), second.spans(role), mode, text))
        totals["sentence_exact"][role].add(score_sentences(first.spans(role), second.spans(role), segments))
    gold, other = ([gold_triple(a, text) for a in g.attributions] for g in (first, second))
    for mode in MODES:
        totals["attributions"][mode].add(score_attributions(gold, other, mode, text))
    _add_edges(totals, gold, other, text)


def _json(totals: dict) -> dict:
    return {
        "pairs": totals["pairs"],
        "roles": {r: {m: p.to_json() for m, p in modes.items()} for r, modes in totals["roles"].items()},
        "attributions": {m: p.to_json() for m, p in totals["attributions"].items()},
        "sentence_exact": {r: p.to_json() for r, p in totals["sentence_exact"].items()},
        "edge_ceilings": _ceilings(totals),
        "content_scope": dict(totals["content_scope"].most_common()),
    }


def _ceilings(totals: dict) -> dict:
    """Matched count and exact F1 for each set of roles given the first file's edges."""
    counts = totals["attributions"]["exact"]
    out = {}
    for roles, matched in totals["edge_ceilings"].items():
        ceiling = PRF(counts.gold, counts.predicted, matched)
        out[roles] = {"matched": matched, "f1": round(ceiling.f1, 4)}
    return out


def _add_system(totals: dict, gold: GoldArticle, article: Article, segments: Segments) -> None:
    """Score the system's analysis against one annotator's file, as `sourcetrace eval` does."""
    scores = score_article(gold, article, segments)
    text = article.text
    system = [system_triple(a, text) for a in top_level(article.attributions)]
    _add_edges(totals, [gold_triple(a, text) for a in gold.attributions], system, text)
    totals["pairs"] += 1
    for role in ROLES:
        for mode in MODES:
            totals["roles"][role][mode].add(scores.roles[role][mode])
        totals["sentence_exact"][role].add(scores.sentences[role])
    for mode in MODES:
        totals["attributions"][mode].add(scores.attributions[mode])


def agreement(gold_dirs: list[Path], engine: str | None = None) -> dict:
    """Tallies over the articles with several annotators in `gold_dirs`, counts summed:
    each other annotator scored against the evaluator's chosen file; every pair of
    annotators; and, with `engine`, the system scored against every annotator's file."""
    against_chosen, every_pair, system = _totals(), _totals(), _totals()
    several: dict[str, list[GoldArticle]] = {}
    articles, failures = [], []
    for chosen in (item for gold_dir in gold_dirs for item in read_gold(gold_dir)):
        if isinstance(chosen, GoldError):
            failures.append(str(chosen))
            continue
        if len(chosen.annotators) < 2:
            continue
        try:
            annotations = [chosen] + [annotation(chosen, a) for a in chosen.annotators if a != chosen.annotator]
        except (OSError, UnicodeDecodeError, GoldError) as error:
            failures.append(f"{chosen.name}: an annotation cannot be read ({error}); left out")
            continue
        text = read_text(chosen.text_path)
        segments = Segments.of(text)
        for other in annotations[1:]:
            _add(against_chosen, chosen, other, text, segments)
        for i, first in enumerate(annotations):
            for second in annotations[i + 1 :]:
                _add(every_pair, first, second, text, segments)
        articles.append(f"{chosen.name}: {' '.join(chosen.annotators)}")
        several[str(chosen.text_path)] = annotations
    if engine is not None and several:
        for article in Pipeline(keep_doc=False, engine=engine).run(read_inputs(list(several), raw=True)):
            if not isinstance(article, Article):
                failures.append(f"{article.input}: not analysed ({getattr(article, 'reason', 'skipped')})")
                continue
            segments = Segments.of(article.text)  # words, as for the annotators' pairs
            for annotation_ in several[article.input]:
                _add_system(system, annotation_, article, segments)
    return {
        "gold_dirs": [str(gold_dir) for gold_dir in gold_dirs],
        "articles": len(articles),
        "annotators": articles,
        "failures": failures,
        "against_chosen": _json(against_chosen),
        "every_pair": _json(every_pair),
        **({"system_against_each": _json(system), "engine": engine} if engine is not None else {}),
    }


def format_text(result: dict) -> str:
    def f1(counts: dict) -> str:
        return f"{counts['f1']:.3f} ({counts['matched']}/{counts['gold']} gold, {counts['predicted']} other)"

    lines = [f"{', '.join(result['gold_dirs'])}: {result['articles']} articles with several annotators"]
    tallies = [
        ("each other annotator against the chosen file", "against_chosen"),
        ("every pair of annotators", "every_pair"),
    ]
    if "system_against_each" in result:
        tallies.append((f"the {result['engine']} engine against each annotator", "system_against_each"))
    for title, key in tallies:
        tally = result[key]
        lines.append(f" {title} ({tally['pairs']} pairs):")
        for role in ROLES:
            modes = tally["roles"][role]
            lines.append(f"  {role:<11} exact {f1(modes['exact'])}   overlap {modes['overlap']['f1']:.3f}")
        attributions = tally["attributions"]
        lines.append(
            f"  {'attribution':<11} exact {f1(attributions['exact'])}   overlap {attributions['overlap']['f1']:.3f}"
        )
        sentence = tally["sentence_exact"]
        lines.append("  sentence-level exact: " + ", ".join(f"{r} {sentence[r]['f1']:.3f}" for r in ROLES))
        ceilings = tally["edge_ceilings"]
        shown = [
            ("none", "as they are"),
            ("content", "content"),
            ("cue + content", "cue and content"),
            ("source + cue + content", "every role"),
        ]
        lines.append(
            "  exact attribution F1 with the first file's edges for: "
            + ", ".join(f"{label} {ceilings[key]['f1']:.3f}" for key, label in shown if key in ceilings)
        )
        scope = ", ".join(f"{n} {kind}" for kind, n in tally["content_scope"].items())
        lines.append(f"  contents off where source and cue are exact: {scope or 'none'}")
    lines += [f"  failed: {failure}" for failure in result["failures"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "gold_dirs", type=Path, nargs="+", help="folders with text/ and attributions/ (PolNeAR's layout), pooled"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--engine", choices=ENGINES, help="also analyse these articles and score the system against every annotator"
    )
    args = parser.parse_args(argv)
    try:
        result = agreement(args.gold_dirs, args.engine)
    except GoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.format == "json" else format_text(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
