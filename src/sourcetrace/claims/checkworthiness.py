"""Check-worthiness: how much a sentence deserves a fact-check, as a score in [0, 1].

A logistic model over features of each line and its neighbours, trained on the CLEF
CheckThat! 2020 debate transcripts (`train_checkworthiness.py`; data, split and numbers
in MODEL_CARD.md). The feature groups, by their prefix in the model file:

    u: b:        lower-cased word unigrams and bigrams (numbers as <num>, <num%>)
    h: hc: len   cues: numbers, percentages, money, years, superlatives, comparatives,
                 claim verbs, opinion and hedge markers, greetings, questions; length
    pos: ent:    spaCy tags and entity labels (tagger and NER only, no parse)
    s: t:        speaker role in the transcript (questioner, audience, main speaker)
                 and place in the turn
    ph: nh:      the cues of the previous and next line
    knn:         likeness to lines fact-checkers chose in training (hashed TF-IDF
                 vectors, no text kept)

Lines without speakers (an article's sentences) are read as one speaker's monologue.
The score is the model's probability with check-worthy lines up-weighted in training,
so it ranks well but is not a calibrated probability.
"""

from __future__ import annotations

import functools
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

__all__ = ["MODEL_PATH", "Scorer", "load_scorer", "score"]

MODEL_PATH = Path(__file__).with_name("checkworthiness_model.json")
FORMAT = "sourcetrace-checkworthiness/1"
SPACY_PIPES = ("tok2vec", "tagger", "attribute_ruler", "ner")
HASH_BITS = 20

_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d[\d,.]*%?|\$|%|\?|!")
_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"trillions?|dozens?|half|third|quarter|percent|percentage"
)
# Cues counted in each line; each gives `h:NAME` (present) and `hc:NAME` (log count).
CUES = {
    "num": r"\d",
    "numword": rf"\b(?:{_NUMBER_WORDS})\b",
    "percent": r"%|\bper ?cent\b",
    "money": r"\$|\bdollars?\b|\bbucks\b",
    "bigmoney": r"\b(?:million|billion|trillion)s?\b",
    "year": r"\b(?:19|20)\d\d\b",
    "superl": r"\b(?:\w+est|most|least|largest|biggest|highest|lowest|worst|best|record|ever|"
    r"never|first|only|every|all-time|history)\b",
    "compar": r"\b(?:more|less|fewer|than|higher|lower|bigger|smaller|increased?|decreased?|"
    r"doubled?|tripled?|cut|raised?|rose|fell|dropped|grew|up|down)\b",
    "claimverb": r"\b(?:voted|supported|opposed|passed|signed|said|says|created|lost|spent|paid|"
    r"raised|cut|approved|wanted|proposed|called|increased|reduced|killed|built|funded|took|"
    r"gave|received|owns?|has|have|had|was|were|is|are)\b",
    "opinion": r"\b(?:i think|i believe|i feel|i hope|i want|i'm going to|i will|we will|"
    r"we're going to|we need|we must|we should|should|must|need to|let me|let's|i'd|i would|"
    r"maybe|perhaps|probably)\b",
    "greet": r"\b(?:thank you|thanks|good evening|good morning|welcome|congratulations|"
    r"god bless|appreciate|applause|laughter|cheers|crosstalk|inaudible)\b",
    "bracket": r"^\s*[\[(].*[\])]\s*$",
    "question": r"\?\s*$",
    "qword": r"^\s*(?:what|why|how|who|when|where|which|do|does|did|is|are|can|could|would|"
    r"will|should)\b",
    "neg": r"\b(?:not|no|never|nobody|nothing)\b|n't",
    "past": r"\b\w{3,}ed\b",
    "we": r"\b(?:we|our|us)\b",
    "i": r"\b(?:i|me|my)\b",
    "you": r"\b(?:you|your)\b",
    "topic": r"\b(?:america|american|americans|united states|country|nation|china|mexico|iran|"
    r"russia|isis|iraq|syria|obamacare|tax|taxes|jobs|unemployment|deficit|debt|economy|trade|"
    r"wall|border|immigra\w*)\b",
}
_CUES = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in CUES.items()}
_LENGTH_BINS = (3, 6, 10, 15, 25, 40)
_NOT_NAMES = {"i", "i'm", "i've", "i'll", "i'd"}
# Speakers that are the room, not a person: stage directions and audience.
_AUDIENCE = {"SYSTEM", "AUDIENCE", "CROWD", "UNIDENTIFIED"}
_QUESTIONER_RATE = 0.15  # a speaker whose lines are this often questions is asking, not claiming
_MINOR_SHARE = 0.02
# Words too common to say two lines make the same claim.
_STOP = frozenset(
    "the a an and or but of to in on at for with is are was were be been it this that these "
    "those i you he she we they me my your our his her their them us do does did have has had "
    "not so as by from if then there here what which who just very well oh yeah yes no going "
    "go get got know think say said really".split()
)


# --- per-line features --------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """Lower-cased words, with numbers as `<num>` or `<num%>`."""
    out = []
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            out.append("<num%>" if token.endswith("%") else "<num>")
        else:
            out.append(token.lower())
    return out


def cue_features(text: str, words: list[str]) -> dict[str, float]:
    """The cues of one line, its length, and its capitalised words (names, places)."""
    features: dict[str, float] = {}
    for name, pattern in _CUES.items():
        count = len(pattern.findall(text))
        if count:
            features["h:" + name] = 1.0
            features["hc:" + name] = math.log1p(count)
    features["len"] = math.log1p(len(words))
    for size in _LENGTH_BINS:
        if len(words) >= size:
            features[f"len>={size}"] = 1.0
    capitalised = sum(1 for w in text.split()[1:] if w[:1].isupper() and w.lower() not in _NOT_NAMES)
    if capitalised:
        features["caps"] = math.log1p(capitalised)
    return features


def ngram_features(words: list[str]) -> dict[str, float]:
    padded = ["<s>", *words, "</s>"]
    features = {"u:" + w: 1.0 for w in words}
    features.update({f"b:{a} {b}": 1.0 for a, b in zip(padded, padded[1:])})
    return features


@dataclass(frozen=True)
class Tagging:
    """What spaCy's tagger and NER say about one line: its tags and entity labels."""

    tags: tuple[str, ...]
    entities: tuple[str, ...]

    @classmethod
    def of(cls, doc: Any) -> Tagging:
        """From a spaCy `Doc` or `Span`: the labels of the entities wholly inside it, as
        `span.ents` gives them, read from the tokens in one pass (`span.ents` builds every
        entity of the Doc again for each line, the claim stage's slowest step)."""
        tags, labels, pending = [], [], None
        for token in doc:
            tags.append(token.tag_)
            iob = token.ent_iob  # 3 begins an entity, 1 is inside one
            if iob != 1 and pending is not None:
                labels.append(pending)
                pending = None
            if iob == 3:
                pending = token.ent_type_
        whole = getattr(doc, "doc", doc)
        end = doc.end if whole is not doc else len(whole)
        if pending is not None and (end >= len(whole) or whole[end].ent_iob != 1):
            labels.append(pending)
        return cls(tuple(tags), tuple(labels))

    def features(self) -> dict[str, float]:
        features = {"pos:" + k: math.log1p(v) for k, v in Counter(self.tags).items()}
        features.update({"ent:" + k: math.log1p(v) for k, v in Counter(self.entities).items()})
        if self.entities:
            features["ent:any"] = 1.0
        return features


def tag_lines(texts: Sequence[str], model: str) -> list[Tagging]:
    """Tag lines with spaCy's tagger and NER only (the parser is the slow part)."""
    from ..parse import load_model

    nlp = load_model(model)
    enabled = [name for name in SPACY_PIPES if name in nlp.pipe_names]
    with nlp.select_pipes(enable=enabled):
        return [Tagging.of(doc) for doc in nlp.pipe(texts, batch_size=256)]


# --- memory of check-worthy lines ---------------------------------------------------


def memory_terms(text: str) -> list[str]:
    """Content words and their bigrams, the terms two lines share when they make one claim."""
    words = [w for w in tokens(text) if w not in _STOP and w not in ("?", "!", "$")]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def term_bucket(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) & ((1 << HASH_BITS) - 1)


class Memory:
    """Lines fact-checkers chose in training, kept as hashed TF-IDF vectors (no text).

    `similarities` gives each line's best and mean-of-3 cosine to the remembered lines,
    leaving out those of one group (a training transcript scoring itself).
    """

    def __init__(
        self,
        items: list[dict[int, float]],
        idf: dict[int, float],
        default_idf: float,
        groups: list[int] | None = None,
    ) -> None:
        self.items = items
        self.idf = idf
        self.default_idf = default_idf
        self.groups = np.array(groups if groups is not None else [-1] * len(items))
        self.index: dict[int, list[tuple[int, float]]] = {}
        for number, item in enumerate(items):
            for bucket, weight in item.items():
                self.index.setdefault(bucket, []).append((number, weight))

    def vector(self, text: str) -> dict[int, float]:
        counts = Counter(term_bucket(t) for t in memory_terms(text))
        vector = {b: (1 + math.log(c)) * self.idf.get(b, self.default_idf) for b, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {b: v / norm for b, v in vector.items()}

    def similarities(self, text: str, exclude_group: int | None = None) -> tuple[float, float]:
        scores = np.zeros(len(self.items) + 3)  # padding: fewer than 3 items still averages
        for bucket, weight in self.vector(text).items():
            for number, other in self.index.get(bucket, ()):
                scores[number] += weight * other
        if exclude_group is not None:
            scores[: len(self.items)][self.groups == exclude_group] = 0.0
        top = np.sort(scores)[-3:]
        return float(top[-1]), float(top.mean())

    def to_json(self) -> dict[str, Any]:
        return {
            "hash_bits": HASH_BITS,
            "default_idf": round(self.default_idf, 4),
            "idf": {str(b): round(v, 4) for b, v in sorted(self.idf.items())},
            "items": [[[b, round(w, 4)] for b, w in sorted(item.items())] for item in self.items],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Memory:
        idf = {int(b): v for b, v in data["idf"].items()}
        items = [{int(b): w for b, w in item} for item in data["items"]]
        return cls(items, idf, data["default_idf"])


def memory_features(best: float, top3: float) -> dict[str, float]:
    features = {"knn:max": best, "knn:top3": top3}
    for level in (0.2, 0.3, 0.4, 0.5, 0.7):
        if best >= level:
            features[f"knn>={level}"] = 1.0
    return features


# --- lines in their transcript ------------------------------------------------------


def line_features(
    texts: Sequence[str],
    speakers: Sequence[str] | None,
    taggings: Sequence[Tagging],
    similarities: Sequence[tuple[float, float]],
) -> list[dict[str, float]]:
    """The features of each line of one transcript (or one article's sentences, in order)."""
    if speakers is None:
        speakers = [""] * len(texts)
    words = [tokens(t) for t in texts]
    cues = [cue_features(t, w) for t, w in zip(texts, words)]
    roles = speaker_roles(texts, speakers)
    out = []
    for i, _text in enumerate(texts):
        features = {**cues[i], **ngram_features(words[i]), **roles[i]}
        features.update(taggings[i].features())
        features.update(memory_features(*similarities[i]))
        for offset, prefix in ((-1, "p"), (1, "n")):
            j = i + offset
            if 0 <= j < len(texts):
                features.update({prefix + k: v for k, v in cues[j].items() if k[:2] == "h:" or k == "len"})
            else:
                features[prefix + ":edge"] = 1.0
        out.append(features)
    return out


def speaker_roles(texts: Sequence[str], speakers: Sequence[str]) -> list[dict[str, float]]:
    """Who is talking, as the transcript shows it: asking, audience, main or minor speaker."""
    lines = Counter(speakers)
    questions = Counter(s for s, t in zip(speakers, texts) if t.rstrip().endswith("?"))
    most = max(lines.values(), default=0)
    out = []
    for i, speaker in enumerate(speakers):
        rate = questions[speaker] / lines[speaker]
        role = {"s:qrate": rate}
        if rate > _QUESTIONER_RATE:
            role["s:questioner"] = 1.0
        if lines[speaker] / len(speakers) < _MINOR_SHARE:
            role["s:minor"] = 1.0
        if speaker.upper() in _AUDIENCE:
            role["s:system"] = 1.0
        if lines[speaker] == most:
            role["s:main"] = 1.0
        first = i == 0 or speakers[i - 1] != speaker
        last = i == len(speakers) - 1 or speakers[i + 1] != speaker
        if first:
            role["t:first"] = 1.0
        if last:
            role["t:last"] = 1.0
        if first and last:
            role["t:single"] = 1.0
        out.append(role)
    return out


# --- the model ----------------------------------------------------------------------


class Scorer:
    """A trained check-worthiness model: feature weights, memory and configuration."""

    def __init__(self, weights: dict[str, float], bias: float, memory: Memory, config: dict[str, Any]) -> None:
        self.weights = weights
        self.bias = bias
        self.memory = memory
        self.config = config

    @classmethod
    def load(cls, path: str | Path = MODEL_PATH) -> Scorer:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ModelError(
                f"{path}: cannot read the check-worthiness model ({error}); retrain it with "
                "`python training/train_checkworthiness.py` (see MODEL_CARD.md)"
            ) from error
        if data.get("format") != FORMAT:
            raise ModelError(f"{path}: not a {FORMAT} model (format {data.get('format')!r}); retrain it")
        return cls(data["weights"], data["bias"], Memory.from_json(data["memory"]), data["config"])

    def features(
        self,
        lines: Sequence[Any],
        speakers: Sequence[str] | None = None,
        taggings: Sequence[Tagging] | None = None,
    ) -> list[dict[str, float]]:
        """Features of lines given as strings, or as spaCy Docs/Spans already tagged."""
        texts = [line if isinstance(line, str) else line.text for line in lines]
        if taggings is None:
            plain = [t for line, t in zip(lines, texts) if isinstance(line, str)]
            tagged = iter(tag_lines(plain, self.config["spacy_model"]) if plain else ())
            taggings = [next(tagged) if isinstance(line, str) else Tagging.of(line) for line in lines]
        similarities = [self.memory.similarities(t) for t in texts]
        return line_features(texts, speakers, taggings, similarities)

    def score(
        self,
        lines: Sequence[Any],
        *,
        speakers: Sequence[str] | None = None,
        taggings: Sequence[Tagging] | None = None,
    ) -> list[float]:
        """A score in [0, 1] for each line; neighbours are read as context, in order."""
        if speakers is not None and len(speakers) != len(lines):
            raise ValueError(f"{len(lines)} lines but {len(speakers)} speakers")
        if not lines:
            return []
        return [self.probability(f) for f in self.features(lines, speakers, taggings)]

    def probability(self, features: dict[str, float]) -> float:
        weights = self.weights
        logit = self.bias + sum(v * weights.get(k, 0.0) for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))


@functools.lru_cache(maxsize=2)
def load_scorer(path: str | None = None) -> Scorer:
    """The shipped model (or the one at `path`), loaded once per process."""
    return Scorer.load(path or MODEL_PATH)


def score(sentences: Sequence[Any], *, speakers: Sequence[str] | None = None) -> list[float]:
    """Check-worthiness in [0, 1] of each sentence, read in order as one text.

    Sentences are strings or spaCy `Span`s/`Doc`s (whose tags and entities are reused);
    `speakers`, one per sentence, turns them into a transcript's turns.
    """
    return load_scorer().score(sentences, speakers=speakers)
