"""What each choice of the hybrid engine's merge is worth on BRAT gold (PolNeAR's format).

    python benchmarks/hybrid_choices.py ../shared/benchmarks/polnear/train --limit 200

Every article is parsed once; the learned model's and the rules' attributions are made
over the same parse and merged as `learned/hybrid.merge` merges them. Each attribution is
put in one group by where it came from (both engines found its cue; the learned model
alone, its cue word a reporting word of our lexicon or not; the rules alone, added; the
rules' reading in place of the learned one), and each group's attributions are counted
against the gold file: how many have a gold cue exactly, and how many are exact on all
three roles. A group whose cue precision is under the F1 it feeds lowers that F1: that is
how the merge's choices are tuned (on train; dev only reports).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from sourcetrace.attribute import find_attributions
from sourcetrace.attribute.context import Context
from sourcetrace.attribute.lexicon import CUE_NOUNS, SPEECH_VERBS
from sourcetrace.evaluate.attribution import gold_triple, normalise, spans_match, system_triple, top_level
from sourcetrace.evaluate.brat import GoldArticle, read_gold
from sourcetrace.learned.hybrid import HybridAttributor, merge
from sourcetrace.learned.stage import to_attributions
from sourcetrace.pipeline import Pipeline
from sourcetrace.read import read_inputs


def group(attribution, learned, rules, ctx) -> str:
    def same(a, b):
        return a.cue.start < b.cue.end and b.cue.start < a.cue.end

    in_learned = any(a == attribution for a in learned)
    in_rules = any(r == attribution for r in rules)
    if in_learned and any(same(attribution, r) for r in rules):
        return "both found the cue (learned spans)"
    if in_learned:
        words = ctx.doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
        lemmas = {t.lemma_.lower() for t in words} if words is not None else set()
        reporting = bool(lemmas & (SPEECH_VERBS | CUE_NOUNS | {"accord"}))
        return f"learned alone, cue {'a' if reporting else 'no'} reporting word"
    if in_rules and any(same(attribution, a) for a in learned):
        return "rules' reading in place of the learned one, or a second quote"
    return "rules alone, added"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    golds = [g for g in read_gold(args.gold_dir) if isinstance(g, GoldArticle)][: args.limit]
    by_path = {str(g.text_path): g for g in golds}
    pipeline = Pipeline(keep_doc=True, attributor=None, stages=())
    hybrid = HybridAttributor()
    counts: Counter = Counter()
    for article in pipeline.run(read_inputs(list(by_path), raw=True)):
        if getattr(article, "doc", None) is None:
            continue
        gold, doc, text = by_path[article.input], article.doc, article.text
        ctx = Context.of(doc)
        rules = find_attributions(doc, ctx)
        learned = to_attributions(doc, hybrid.links(doc), ctx=ctx, rules=rules)
        merged = top_level(merge(ctx, learned, rules))
        gold_cues = [normalise(a.cue, text) for a in gold.attributions]
        gold_triples = [gold_triple(a, text) for a in gold.attributions]
        for attribution in merged:
            # merge renumbers ids: compare on spans
            origin = next(
                (a for a in learned + rules if (a.cue, a.content) == (attribution.cue, attribution.content)), None
            )
            name = group(origin, learned, rules, ctx) if origin is not None else "unknown"
            triple = system_triple(attribution, text)
            cue_hit = any(spans_match(g, triple.cue, "exact", text) for g in gold_cues)
            whole = any(
                all(spans_match(getattr(g, r), getattr(triple, r), "exact", text) for r in ("source", "cue", "content"))
                for g in gold_triples
            )
            counts[(name, "n")] += 1
            counts[(name, "cue")] += cue_hit
            counts[(name, "all")] += whole
    rows = sorted({name for name, _ in counts})
    result = {
        name: {
            "attributions": counts[(name, "n")],
            "cue_exact": counts[(name, "cue")],
            "all_exact": counts[(name, "all")],
            "cue_precision": round(counts[(name, "cue")] / counts[(name, "n")], 3),
            "all_precision": round(counts[(name, "all")] / counts[(name, "n")], 3),
        }
        for name in rows
    }
    print(json.dumps({"gold_dir": str(args.gold_dir), "articles": len(golds), "groups": result}, indent=1))


if __name__ == "__main__":
    main()
