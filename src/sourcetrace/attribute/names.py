"""Who is named in an article, under one canonical name each, with the roles they are given.

spaCy's small English model often mislabels transliterated names ("Zaluzhny" as ORG in one
sentence, PERSON in the next) and rarely tags a bare surname, so persons are grouped by
surname across the whole article, under a spelling-independent key: "Putin" and "President
Vladimir Putin" are one person, "Vladimir Putin", and so are "Zaluzhny" and "Zaluzhnyi", even
where one mention was missed by the tagger.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..names import name_key  # one spelling key: Zaluzhnyi and Zaluzhny are one person
from .lexicon import (
    NAME_PARTICLES,
    NON_PERSON_NAME_WORDS,
    OUTLET_NAME_WORDS,
    OUTLET_NOUNS,
    PERSON_ROLE_NOUNS,
    SUBJECT_DEPS,
)

ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
TITLES = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir madam".split())


@dataclass
class Mention:
    """One naming of an entity: where it is, what it names, how prominent it is there."""

    start: int  # token index
    end: int
    name: str  # canonical name
    kind: str  # "person" | "organization"
    subject: bool  # subject or agent of its clause: what a later "he" most likely means
    sentence: int
    label: str = ""  # spaCy's entity label


@dataclass
class NameIndex:
    """Canonical names, their kinds and roles, and every mention in text order."""

    kinds: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    _by_surname: dict[str, str] = field(default_factory=dict)

    def canonical(self, text: str) -> str:
        """The full name for a short or titled one: "Putin" → "Vladimir Putin"."""
        words = _name_words(text)
        if not words:
            return text
        return self._by_surname.get(name_key(words[-1]), " ".join(words))

    def kind_of(self, name: str) -> str | None:
        return self.kinds.get(name)

    def is_person_surname(self, word: str) -> bool:
        return self.kinds.get(self._by_surname.get(name_key(word), "")) == "person"

    def is_outlet(self, name: str) -> bool:
        words = {w.lower() for w in name.split()}
        return bool(words & OUTLET_NAME_WORDS) or bool(self.roles.get(name, set()) & OUTLET_NOUNS)


def build_name_index(doc: Doc, sentence_of: list[int]) -> NameIndex:
    index = NameIndex()
    person_ents = [e for e in doc.ents if _is_person(e, doc)]
    # Longest form first, so every shorter form maps to it.
    for ent in sorted(person_ents, key=lambda e: -len(_name_words(e.text))):
        words = _name_words(ent.text)
        if words:
            full = index._by_surname.setdefault(name_key(words[-1]), " ".join(words))
            index.kinds[full] = "person"
    for ent in doc.ents:
        if ent.label_ in ORG_LABELS and not _is_person(ent, doc):
            name = _org_name(ent)
            if not index.is_person_surname(name.split()[-1] if name else ""):
                index.kinds.setdefault(name, "organization")
    for ent in doc.ents:
        _add_mention(index, ent, doc, sentence_of)
    return index


def _add_mention(index: NameIndex, ent: DocSpan, doc: Doc, sentence_of: list[int]) -> None:
    if _is_person(ent, doc) or index.is_person_surname(_last_word(ent.text)):
        name, kind = index.canonical(ent.text), "person"
    elif ent.label_ in ORG_LABELS:
        name, kind = _org_name(ent), "organization"
    else:
        return
    index.kinds.setdefault(name, kind)
    index.roles.setdefault(name, set()).update(role_words(ent.root))
    head = ent.root
    subject = head.dep_ in SUBJECT_DEPS or (head.dep_ == "pobj" and head.head.dep_ == "agent")
    sentence = sentence_of[head.i]
    index.mentions.append(Mention(ent.start, ent.end, name, kind, subject, sentence, ent.label_))


def role_words(head: Token) -> set[str]:
    """Role nouns attached to a name: "American journalist Seymour Hersh" → {"journalist"}."""
    words = set()
    for child in head.children:
        if child.dep_ in {"compound", "amod", "appos", "nmod"} and child.i != head.i:
            words |= {t.lemma_.lower() for t in child.subtree if t.lemma_.lower() in PERSON_ROLE_NOUNS}
            words |= {t.lower_ for t in child.subtree if t.lower_ in OUTLET_NOUNS}
    if head.dep_ == "appos":
        words |= {head.head.lemma_.lower()} & (PERSON_ROLE_NOUNS | OUTLET_NOUNS)
    return words


def looks_like_person_name(span: DocSpan, doc: Doc) -> bool:
    """A proper-noun span that is a person's name even if NER said otherwise."""
    return _is_person(span, doc)


def _is_person(ent: DocSpan, doc: Doc) -> bool:
    if ent.label_ == "PERSON":
        return not any(t.lower_ in NON_PERSON_NAME_WORDS for t in ent)
    if ent.label_ not in {"ORG", "GPE", "NORP", ""}:
        return False
    # "Alexei Danilov" tagged ORG after "the Secretary of ...": two or three capitalised
    # words, no organisation word, right next to a person role noun or a comma apposition.
    words = _name_words(ent.text)
    if not 2 <= len(words) <= 3 or any(w.lower() in NON_PERSON_NAME_WORDS for w in words):
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent):
        return False
    before = doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and (before.lemma_.lower() in PERSON_ROLE_NOUNS or before.text == ",")


def _org_name(ent: DocSpan) -> str:
    words = [t.text for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    return " ".join(words).replace(" 's", "").strip()


def _name_words(text: str) -> list[str]:
    words = [w.strip(",.;:()’'\"") for w in text.replace("’s", "").replace("'s", "").split()]
    kept = [i for i, w in enumerate(words) if w and w.lower() not in TITLES and w[:1].isupper()]
    # particles between a name's words stay in it: "Anna de la Cruz", "Ludwig van Dam"
    return [w for i, w in enumerate(words) if i in kept or (kept and kept[0] < i < kept[-1] and w in NAME_PARTICLES)]


def _last_word(text: str) -> str:
    words = _name_words(text)
    return words[-1] if words else ""
