"""What the role tagger reads of each token: spaCy's usual lexical attributes plus a few
features computed from the parse, registered as the architecture `sourcetrace.RoleEmbed.v1`.

The tagger's convolutional encoder sees a few tokens either side. PolNeAR's roles depend on
more than that: whether a token sits inside quotation marks opened a line earlier, whether
it hangs under a speech verb (and as its subject or its complement), where it falls in its
sentence. Those facts are cheap to compute from the parse the shipped pipeline has already
made, so they are given to the tagger as extra hashed columns beside NORM, PREFIX, SUFFIX,
SHAPE, TAG, DEP and LEMMA:

- quote: "open" / "close" for a quotation mark, "in" inside a quotation, "out" elsewhere;
  straight quotes alternate, and every line break closes what is open (PolNeAR articles
  leave a quotation open across paragraphs the way print does);
- head: the token's dependency label with its head's lemma ("nsubj|say");
- speech: how the token relates to the nearest speech verb or cue noun above it
  ("self", "ccomp", "nsubj", …), or "sent" when its sentence has one elsewhere, or "none";
- clause: the nearest verb above the token, with the label under which the token hangs;
- place: distance from the sentence's start and end, bucketed;
- root: the lemma of the sentence's root;
- cue_side: side, bucketed distance and lemma of the nearest speech word in the sentence;
- paragraph: the sentence's place in its paragraph, whether the paragraph opens with a
  quotation mark, whether the sentence holds one.

Everything is computed from the Doc alone, so training and `analyze` see the same values.
"""

from __future__ import annotations

from ..attribute.lexicon import CUE_NOUNS, SPEECH_VERBS

__all__ = ["ARCHITECTURE", "COLUMNS", "RoleEmbed", "register", "role_features"]

ARCHITECTURE = "sourcetrace.RoleEmbed.v1"
COLUMNS = ("quote", "head", "speech", "clause", "place", "root", "cue_side", "paragraph")
_OPENING = "“«„"
_CLOSING = "”»"
_STRAIGHT = '"'
_CUE_LEMMAS = SPEECH_VERBS | CUE_NOUNS | {"accord"}  # "according to" has lemma accord


def _bucket(n: int) -> str:
    for edge in (0, 1, 2, 3, 5, 8, 13, 21):
        if n <= edge:
            return str(edge)
    return "far"


def _quote_states(doc) -> list[str]:
    states = []
    inside = False
    for token in doc:
        text = token.text
        if "\n" in text and text.isspace():
            inside = False
            states.append("out")
        elif text in _OPENING or (text == _STRAIGHT and not inside):
            inside = True
            states.append("open")
        elif text in _CLOSING or (text == _STRAIGHT and inside):
            inside = False
            states.append("close")
        else:
            states.append("in" if inside else "out")
    return states


def _is_cue(token) -> bool:
    return token.lemma_.lower() in _CUE_LEMMAS and token.pos_ in ("VERB", "NOUN", "AUX")


def _paragraph_context(doc) -> list[str]:
    """Per sentence: its place in the paragraph, whether the paragraph opens with a
    quotation mark and whether the sentence holds one."""
    out = []
    index, opens = 0, False
    for sentence in doc.sents:
        start = sentence.start
        if start == 0 or sentence[0].is_space or "\n" in doc[start - 1].text_with_ws:
            index = 0
            words = [t for t in sentence if not t.is_space]
            opens = bool(words) and words[0].text in _OPENING + _STRAIGHT
        quoted = any(t.text in _OPENING + _CLOSING + _STRAIGHT for t in sentence)
        out.append(f"{min(index, 3)}|{'q' if opens else '-'}|{'q' if quoted else '-'}")
        index += 1
    return out


def _cue_side(token, cues) -> str:
    if not cues:
        return "none"
    nearest = min(cues, key=lambda cue: abs(cue.i - token.i))
    if nearest.i == token.i:
        return "cue"
    side = "before" if token.i < nearest.i else "after"
    return f"{side}|{_bucket(abs(nearest.i - token.i))}|{nearest.lemma_.lower()}"


def role_features(doc) -> list[tuple[str, ...]]:
    """The feature strings of every token, one tuple per token in COLUMNS order."""
    quotes = _quote_states(doc)
    paragraphs = _paragraph_context(doc)
    rows = []
    for number, sentence in enumerate(doc.sents):
        cues = [t for t in sentence if _is_cue(t)]
        root = sentence.root.lemma_.lower()
        for token in sentence:
            speech = "self" if _is_cue(token) else ("sent" if cues else "none")
            clause = "top"
            child, ancestor = token, token.head
            seen_verb = False
            while ancestor.i != child.i:  # the root is its own head
                if not seen_verb and ancestor.pos_ in ("VERB", "AUX"):
                    clause = f"{child.dep_}|{ancestor.lemma_.lower()}"
                    seen_verb = True
                if speech != "self" and _is_cue(ancestor):
                    speech = child.dep_
                    break
                child, ancestor = ancestor, ancestor.head
            rows.append(
                (
                    quotes[token.i],
                    f"{token.dep_}|{token.head.lemma_.lower()}",
                    speech,
                    clause,
                    f"{_bucket(token.i - sentence.start)}|{_bucket(sentence.end - 1 - token.i)}",
                    root,
                    _cue_side(token, cues),
                    paragraphs[number],
                )
            )
    return rows


def _extract(attrs: list[str]):
    """A Thinc layer: Docs → one uint64 array per Doc, spaCy attributes then extra columns."""
    from spacy.strings import hash_string
    from thinc.api import Model

    cache: dict[str, int] = {}

    def ids(values: tuple[str, ...]) -> list[int]:
        out = []
        for value in values:
            key = cache.get(value)
            if key is None:
                key = cache[value] = hash_string(value)
            out.append(key)
        return out

    def forward(model, docs, is_train: bool):
        import numpy

        features = []
        for doc in docs:
            lexical = doc.to_array(attrs).reshape((len(doc), len(attrs)))
            extra = numpy.array([ids(row) for row in role_features(doc)], dtype="uint64")
            extra = extra.reshape((len(doc), len(COLUMNS)))
            both = numpy.hstack([lexical.astype("uint64"), extra])
            features.append(model.ops.asarray2i(both, dtype="uint64"))
        return features, lambda d_features: []

    return Model("role_features", forward, attrs={"columns": list(attrs) + list(COLUMNS)})


def RoleEmbed(width: int, attrs: list[str], rows: list[int], extra_rows: list[int]):
    """Hash embeddings of `attrs` (spaCy token attributes) and of the extra columns, mixed
    by one maxout layer, as spaCy's MultiHashEmbed does for attributes alone;
    `extra_rows` gives the table size of each of COLUMNS."""
    from thinc.api import HashEmbed, Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    if len(rows) != len(attrs) or len(extra_rows) != len(COLUMNS):
        raise ValueError(f"rows for {len(attrs)} attributes and {len(COLUMNS)} extra columns expected")
    all_rows = list(rows) + list(extra_rows)
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(all_rows)]
    return chain(
        _extract(attrs),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


def register() -> None:
    """Make `sourcetrace.RoleEmbed.v1` known to spaCy (before a config naming it is read)."""
    from spacy.util import registry

    if ARCHITECTURE not in registry.architectures:
        registry.architectures.register(ARCHITECTURE, func=RoleEmbed)
