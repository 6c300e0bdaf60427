"""Where attribution fails on BRAT gold (PolNeAR format): the counts behind the error
analysis in docs/learned-model.md and docs/evaluation.md.

    .venv/bin/python benchmarks/attribution_errors.py ../shared/benchmarks/polnear/dev [--engine learned]

System attributions nested in another's content are left out, as `sourcetrace eval` does.
For every gold attribution the system did not match under token overlap, which of its
roles the system found at all (in any attribution); the cue words most often missed and
how many of them occur only once; for system contents that overlap a gold content
without being equal, which edge is off and by how many words; and what exact attribution
F1 would be if the system's attributions that match a gold one under overlap had that
gold's edges for one role or more (a ceiling for work on edges: it finds nothing new).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from sourcetrace.article import Article
from sourcetrace.evaluate.attribution import (
    PRF,
    gold_triple,
    match_attributions,
    normalise,
    spans_match,
    system_spans,
    system_triple,
    top_level,
)
from sourcetrace.evaluate.brat import GoldArticle, read_gold
from sourcetrace.evaluate.edges import content_scope, edge_ceilings
from sourcetrace.pipeline import ENGINES, Pipeline
from sourcetrace.read import read_inputs


def _edge(side: str, shorter: bool, gap: str) -> str:
    words = len(gap.split())
    return f"{side} edge: system {'shorter' if shorter else 'longer'} by {'5+' if words >= 5 else words} words"


def analyse(gold_dir: Path, engine: str) -> dict[str, Counter]:
    golds = {str(g.text_path): g for g in read_gold(gold_dir) if isinstance(g, GoldArticle)}
    pipeline = Pipeline(keep_doc=False, engine=engine)
    found, cue_missed, cue_seen, edges = Counter(), Counter(), Counter(), Counter()
    ceilings, scope = Counter(), Counter()
    for article in pipeline.run(read_inputs(list(golds), raw=True)):
        if not isinstance(article, Article):  # failures are counted by `sourcetrace eval`
            continue
        gold = golds[article.input]
        text = article.text
        triples = [gold_triple(a, text) for a in gold.attributions]
        scored = top_level(article.attributions)  # as `sourcetrace eval` scores PolNeAR
        system = [system_triple(a, text) for a in scored]
        pairs = match_attributions(triples, system, "overlap", text)
        matched = {g for g, _ in pairs}
        scope.update(content_scope(triples, system, text))
        for roles, n in edge_ceilings(triples, system, text).items():
            ceilings[" + ".join(roles) or "none (as found)"] += n
        ceilings["(gold)"] += len(triples)
        ceilings["(system)"] += len(system)
        spans = {
            role: [normalise(s, text) for s in system_spans(scored, role)] for role in ("source", "cue", "content")
        }
        for index, triple in enumerate(triples):
            cue_words = " ".join(text[triple.cue[0][0] : triple.cue[-1][1]].lower().split()[:3])
            cue_seen[cue_words] += 1
            if not any(spans_match(triple.cue, s, "overlap", text) for s in spans["cue"]):
                cue_missed[cue_words] += 1
            if index in matched:
                found["matched"] += 1
                continue
            has = [
                role
                for role in ("source", "cue", "content")
                if (getattr(triple, role) is None and role == "source")
                or any(spans_match(getattr(triple, role), s, "overlap", text) for s in spans[role])
            ]
            found["found: " + (" + ".join(has) or "nothing")] += 1
        for gold_content in (t.content for t in triples):
            for system in spans["content"]:
                if system != gold_content and spans_match(gold_content, system, "overlap", text):
                    (gl, ge), (sl, se) = (gold_content[0][0], gold_content[-1][1]), (system[0][0], system[-1][1])
                    if gl != sl:
                        edges[_edge("left", sl > gl, text[min(gl, sl) : max(gl, sl)])] += 1
                    if ge != se:
                        edges[_edge("right", se < ge, text[min(ge, se) : max(ge, se)])] += 1
                    if gl == sl and ge == se:
                        edges["same edges, other pieces"] += 1
                    break
    singletons = sum(n for words, n in cue_missed.items() if cue_seen[words] == 1)
    cue_missed["(total)"] = sum(cue_missed.values())
    cue_missed["(words seen once in this gold)"] = singletons
    return {
        "gold attributions not matched (overlap)": found,
        "cues missed": cue_missed,
        "content edges": edges,
        "content off where source and cue are exact (overlap pairs)": scope,
        "exact attributions matched if overlap pairs had gold edges for": ceilings,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--engine", choices=ENGINES, default="rules")
    parser.add_argument("--top", type=int, default=15, help="how many missed cue words to list")
    args = parser.parse_args()
    for title, counts in analyse(args.gold_dir, args.engine).items():
        print(f"\n{title}")
        rows = counts.most_common() if title != "cues missed" else _cue_rows(counts, args.top)
        if title.startswith("exact attributions"):
            rows = ceiling_rows(counts)
        for key, n in rows:
            print(f"  {n:6d}  {key}")


def _cue_rows(counts: Counter, top: int) -> list[tuple[str, int]]:
    totals = [(k, counts[k]) for k in ("(total)", "(words seen once in this gold)")]
    return totals + [(k, n) for k, n in counts.most_common() if not k.startswith("(")][:top]


def ceiling_rows(counts: Counter) -> list[tuple[str, int]]:
    """(label with its F1, matched) for each set of roles given gold's edges; `counts`
    holds the matched counts by label and the totals under "(gold)" and "(system)"."""
    counts = Counter(counts)
    gold, system = counts.pop("(gold)"), counts.pop("(system)")
    return [(f"{roles}  (F1 {PRF(gold, system, matched).f1:.3f})", matched) for roles, matched in counts.items()]


if __name__ == "__main__":
    main()
