"""Attribution quality on the project's own gold articles, for the gate and for people.

`gold/NAME.txt` (first line `date YYYY-MM-DD <title>`) has `gold/NAME.json`: EVERY
attribution a careful annotator expects, so precision means something. One item:

    {"cue": "said",                        # as it appears in the text
     "source": "His lawyer, Peter Anand",  # the noun phrase; null when agentless
     "kind": "person",                     # person organization anonymous vague document none
     "entity": "Peter Anand",              # canonical proper name, else null
     "content": "off the hook",            # text inside the content, or a list of pieces
     "chain": ["Le Journal du Matin", "Claire Dumont"],  # outermost first, source last
     "form": "mixed",                      # direct indirect mixed
     "near": "said Sen. Laura",            # optional: text around the cue, to pick its place
     "note": "why"}                        # optional

Conventions. A source phrase keeps appositions and modifiers saying who the source is
("sources involved in the talks"), not clauses adding circumstance ("published on Monday",
", who asked not to be named"). A chain link is the entity if there is one, else the
source phrase ("The report"); an agentless cue's chain is [null]. Entities are proper
names only ("the company" → "Larkspur Freight"; "China's commerce ministry" and documents
have none). Quoted words inside a paraphrase make it mixed. One pair of quotation marks is
one content however many sentences it holds; a quote split by its cue within a sentence is
one content in pieces; a quote in new marks after the cue's sentence is its own
attribution with the same cue and source.

A gold item matches the system attribution whose cue overlaps the gold cue's place (the
occurrence inside `near`, else the one nearest the content) and whose content holds every
gold piece; one to one, in gold order. Scores: precision, recall and F1 over attributions;
over matched pairs the share with the right source kind, entity, chain (entity-or-text per
link, case-insensitive, a leading "the" ignored), form and source phrase.
`python tests/quality.py [--engine rules|learned|hybrid]` (default: the default engine) prints the table, then the misses, false positives
and errors.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from sourcetrace.article import FORMS, SOURCE_KINDS, Article, Attribution
from sourcetrace.pipeline import Pipeline
from sourcetrace.read import read_inputs

GOLD_DIR = Path(__file__).resolve().parent / "gold"
FLOORS = GOLD_DIR / "floors.json"
ACCURACIES = ("kind", "entity", "chain", "form", "source")
METRICS = ("precision", "recall", "f1") + ACCURACIES


class GoldError(ValueError):
    """A gold file is malformed or does not fit its article's cleaned text."""


@dataclass(frozen=True)
class Gold:
    cue: str
    source: str | None
    kind: str
    entity: str | None
    content: tuple[str, ...]
    chain: tuple[str | None, ...]
    form: str
    near: str | None = None
    cue_at: tuple[int, int] = (0, 0)  # the cue's place in the cleaned text


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    matched: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACCURACIES, 0))

    def add(self, other: Counts) -> None:
        self.gold, self.system = self.gold + other.gold, self.system + other.system
        self.matched += other.matched
        for key in ACCURACIES:
            self.right[key] += other.right[key]

    def scores(self) -> dict[str, float]:
        p = self.matched / self.system if self.system else float(not self.gold)
        r = self.matched / self.gold if self.gold else 1.0
        out = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
        out.update({k: self.right[k] / self.matched if self.matched else 0.0 for k in ACCURACIES})
        return out


@dataclass
class ArticleResult:
    name: str
    text: str
    counts: Counts
    misses: list[Gold]
    false_positives: list[Attribution]
    wrong: list[tuple[Gold, Attribution, list[str]]]  # matched, with the fields that differ


@dataclass
class Report:
    articles: list[ArticleResult]

    def total(self) -> Counts:
        total = Counts()
        for result in self.articles:
            total.add(result.counts)
        return total

    @property
    def overall(self) -> dict[str, float]:
        return self.total().scores()


def norm(value: str | None) -> str | None:
    """Names and phrases compared loosely: case, spacing, curly apostrophes, a leading "the"."""
    if value is None:
        return None
    value = " ".join(value.replace("’", "'").split()).strip(" ,.;:\"'“”").lower()
    return value[4:] if value.startswith("the ") else value


def load_gold(gold_dir: Path = GOLD_DIR) -> list[tuple[Path, list[dict]]]:
    pairs = [(path, path.with_suffix(".json")) for path in sorted(gold_dir.glob("*.txt"))]
    if missing := [str(answer) for _, answer in pairs if not answer.exists()]:
        raise GoldError(f"no gold answers for {', '.join(missing)}")
    pairs = [(path, json.loads(answer.read_text(encoding="utf-8"))) for path, answer in pairs]
    if not pairs:
        raise GoldError(f"{gold_dir}: no gold articles")
    return pairs


def parse_gold(name: str, text: str, items: list[dict]) -> list[Gold]:
    golds = []
    for number, item in enumerate(items, 1):
        where = f"{name} gold #{number} (cue {item.get('cue')!r})"
        if lacking := {"cue", "source", "kind", "entity", "content", "chain", "form"} - item.keys():
            raise GoldError(f"{where}: lacks {sorted(lacking)}")
        pieces = item["content"]
        pieces = (pieces,) if isinstance(pieces, str) else tuple(pieces)
        if item["kind"] not in SOURCE_KINDS or item["form"] not in FORMS:
            raise GoldError(f"{where}: bad kind or form")
        if missing := [p for p in pieces if p not in text]:
            raise GoldError(f"{where}: content {missing[0]!r} is not in the cleaned text")
        gold = Gold(
            item["cue"],
            item["source"],
            item["kind"],
            item["entity"],
            pieces,
            tuple(item["chain"]),
            item["form"],
            item.get("near"),
        )
        golds.append(replace(gold, cue_at=_cue_place(gold, text, where)))
    return golds


def _cue_place(gold: Gold, text: str, where: str) -> tuple[int, int]:
    low, cue = text.lower(), gold.cue.lower()
    if gold.near:
        at, offset = low.find(gold.near.lower()), gold.near.lower().find(cue)
        if at < 0 or offset < 0:
            raise GoldError(f"{where}: near {gold.near!r} is not in the text or lacks the cue")
        return at + offset, at + offset + len(cue)
    spots = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", low)]
    if not spots:
        raise GoldError(f"{where}: cue not in the cleaned text")
    firsts = [text.find(piece) for piece in gold.content]
    lo, hi = min(firsts), max(f + len(p) for f, p in zip(firsts, gold.content))
    start = min(spots, key=lambda s: max(lo - s - len(cue), s - hi, 0))
    return start, start + len(cue)


def _matches(text: str, gold: Gold, attribution: Attribution) -> bool:
    cs, ce = gold.cue_at
    if not any(s < ce and cs < e for s, e in attribution.cue.pieces()):
        return False
    parts = attribution.content.pieces()
    return all(
        any(s <= m.start() and m.end() <= e for m in re.finditer(re.escape(piece), text) for s, e in parts)
        for piece in gold.content
    )


def differences(text: str, gold: Gold, attribution: Attribution) -> list[str]:
    """The fields a matched system attribution gets wrong."""
    source = attribution.source
    checks = {
        "kind": gold.kind == source.kind,
        "entity": norm(gold.entity) == norm(source.entity),
        "chain": [norm(x) for x in gold.chain] == [norm(x.entity or x.text) for x in attribution.chain],
        "form": gold.form == attribution.form,
        "source": norm(gold.source) == norm(source.span.text_in(text) if source.span else None),
    }
    return [key for key, ok in checks.items() if not ok]


def score_article(name: str, article: Article, golds: list[Gold]) -> ArticleResult:
    text, free = article.text, list(article.attributions)
    counts = Counts(gold=len(golds), system=len(free))
    misses, wrong = [], []
    for gold in golds:
        candidates = [a for a in free if _matches(text, gold, a)]
        if not candidates:
            misses.append(gold)
            continue
        best = min(candidates, key=lambda a: a.content.end - a.content.start)
        free.remove(best)
        counts.matched += 1
        bad = differences(text, gold, best)
        for key in ACCURACIES:
            counts.right[key] += key not in bad
        if bad:
            wrong.append((gold, best, bad))
    return ArticleResult(name, text, counts, misses, free, wrong)


def evaluate(gold_dir: Path = GOLD_DIR, pipeline: Pipeline | None = None) -> Report:
    """Read and analyse every gold article as a user would, and score it against its gold."""
    pairs = load_gold(gold_dir)
    pipeline = pipeline or Pipeline()
    outcomes = {o.input: o for o in pipeline.run(read_inputs([str(p) for p, _ in pairs]))}
    results = []
    for path, items in pairs:
        article = outcomes.get(str(path))
        if not isinstance(article, Article):
            raise GoldError(f"{path}: not analysed ({getattr(article, 'reason', 'no outcome')})")
        results.append(score_article(path.stem, article, parse_gold(path.stem, article.text, items)))
    return Report(results)


def _row(label: str, counts: Counts) -> str:
    numbers = "".join(f"{v:>10.2f}" for v in counts.scores().values())
    return f"{label:<24}{counts.gold:>5}{counts.system:>5}{counts.matched:>6}{numbers}"


def _system(text: str, a: Attribution) -> str:
    source = a.source.span.text_in(text) if a.source.span else None
    chain = " > ".join(link.entity or link.text or "∅" for link in a.chain)
    return (
        f"cue {a.cue.text_in(text)!r} | source {source!r} {a.source.kind} ({a.source.entity})"
        f" | {a.form} | [{chain}]\n        content: {_clip(a.content.text_in(text))}"
    )


def _clip(value: str, width: int = 100) -> str:
    return value if len(value := " ".join(value.split())) <= width else value[: width - 1] + "…"


def print_report(report: Report, out=sys.stdout) -> None:
    print(f"{'article':<24}{'gold':>5}{'sys':>5}{'match':>6}" + "".join(f"{m:>10}" for m in METRICS), file=out)
    for result in report.articles:
        print(_row(result.name, result.counts), file=out)
    print(_row("OVERALL", report.total()), file=out)
    for r in report.articles:
        if r.misses or r.false_positives or r.wrong:
            print(f"\n== {r.name}", file=out)
        for gold in r.misses:
            chain = " > ".join(str(link) for link in gold.chain)
            print(
                f"  MISS  cue {gold.cue!r} | source {gold.source!r} {gold.kind} ({gold.entity}) | "
                f"{gold.form} | [{chain}]\n        content: {' … '.join(gold.content)}",
                file=out,
            )
        for attribution in r.false_positives:
            print(f"  FALSE {_system(r.text, attribution)}", file=out)
        for gold, attribution, bad in r.wrong:
            want = {
                "kind": gold.kind,
                "entity": gold.entity,
                "form": gold.form,
                "source": gold.source,
                "chain": list(gold.chain),
            }
            wanted = ", ".join(f"{k}={want[k]!r}" for k in bad)
            print(f"  WRONG want {wanted}\n        got {_system(r.text, attribution)}", file=out)


if __name__ == "__main__":
    import argparse

    from sourcetrace.engines import DEFAULT_ENGINE, ENGINES

    parser = argparse.ArgumentParser(description="Attribution quality on the project's own gold articles.")
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    print_report(evaluate(pipeline=Pipeline(engine=parser.parse_args().engine)))
