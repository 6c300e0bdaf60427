"""From entities and attributions to actors: who is mentioned, under which canonical name.

One pass over the entities spaCy found, one over the tokens (bare surnames the tagger
missed) and one over the attributions (pronouns and descriptions the attribution engine
resolved, reporters in chains). Persons are grouped by the transliteration key of their
surname, so "Valery Zaluzhny", "Zaluzhnyi" and "Zaluzhny's" are one person; countries come
from the gazetteer, which also turns adjectives ("Ukrainian", "the Russian side") and
capitals acting as governments ("Moscow has stated") into their country.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from ..article import Attribution, Span
from ..artifacts import is_artifact
from ..attribute.lexicon import OUTLET_NAME_WORDS, PERSON_ROLE_NOUNS
from ..attribute.names import TITLES, looks_like_person_name
from ..names import Place, lookup, name_key, strip_article
from .model import Mention

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Heads that make a country adjective name the country's government: "the Ukrainian side".
SIDE_NOUNS = frozenset("side authorities government leadership delegation".split())
GOVERNMENT_NOUNS = SIDE_NOUNS | {"regime", "administration", "official", "spokesman", "position"}
# A capital after these is the city, not its government: "talks in Moscow".
LOCATIVE_PREPS = frozenset(
    "in at near around outside inside over across to into from toward towards via through throughout within".split()
)
TITLE_DEPS = frozenset({"compound", "amod", "nmod"})
SHORT_TITLES = frozenset("sen rep gov gen col lt sgt capt cpt maj adm prof pres amb sec hon rev".split())
_DASHES = frozenset({"-", "–", "—"})
_ABBREVIATION = re.compile(r"\s*\(([A-Z][A-Z.]{1,7})\)")
_REPUBLICS_AFTER = re.compile(r"\s+and\s+\S+\s+People['’]s\s+Republics")
NAMED_SOURCE_KINDS = frozenset({"person", "organization"})
EDGE_PUNCTUATION = ",;:-–—"


@dataclass
class Group:
    """An actor while it is being collected."""

    key: str
    kind: str
    fixed_name: str | None = None  # from the gazetteer
    names: list[str] = field(default_factory=list)  # candidate full names
    mentions: list[Mention] = field(default_factory=list)
    loose_variants: list[str] = field(default_factory=list)  # texts with no span ("me" in a chain)
    says: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min((m.span.start for m in self.mentions), default=1 << 62)

    def name(self) -> str:
        if self.fixed_name:
            return self.fixed_name
        counts = Counter(self.names)
        order = {n: i for i, n in reversed(list(enumerate(self.names)))}
        # The fullest form, then the most used, then the first: "Valery Zaluzhny" over "Zaluzhny".
        return min(counts, key=lambda n: (-len(n.split()), -counts[n], order[n]))

    def variants(self) -> list[str]:
        seen: dict[str, None] = {}
        for text in [m.text for m in sorted(self.mentions, key=lambda m: m.span.start)] + self.loose_variants:
            seen.setdefault(text, None)
        return list(seen)


@dataclass
class Registry:
    """Groups by key, and which group each mentioned token belongs to."""

    doc: Doc
    text: str = ""  # doc.text, kept: spaCy rebuilds it from the tokens on every access
    groups: dict[str, Group] = field(default_factory=dict)
    token_group: dict[int, str] = field(default_factory=dict)
    surnames: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)  # merged group key → the group it joined

    def group(self, key: str, kind: str, fixed_name: str | None = None) -> Group:
        key = self.aliases.get(key, key)
        if key not in self.groups:
            self.groups[key] = Group(key, kind, fixed_name)
        return self.groups[key]

    def find(self, key: str) -> Group | None:
        return self.groups.get(self.aliases.get(key, key))

    def mention(self, group: Group, tokens: range, via: str) -> None:
        """Record a mention over tokens [start, stop)."""
        self.mention_chars(group, self.doc[tokens.start].idx, _end_char(self.doc, tokens.stop), via, tokens)

    def mention_chars(self, group: Group, start: int, end: int, via: str, tokens: range | None = None) -> None:
        """Record a mention over characters; its tokens then belong to the group. Commas
        and dashes at its edges are the sentence's (a source "the journalist," as PolNeAR
        and the learned engine cut it), not the name's."""
        while end > start and (self.text[end - 1] in EDGE_PUNCTUATION or self.text[end - 1].isspace()):
            end -= 1
        while start < end and (self.text[start] in EDGE_PUNCTUATION or self.text[start].isspace()):
            start += 1
        if start >= end or any(m.span.start == start and m.span.end == end for m in group.mentions):
            return
        group.mentions.append(Mention(Span(start, end), self.text[start:end], via))
        for i in tokens if tokens is not None else _tokens_of(self.doc, start, end):
            self.token_group.setdefault(i, group.key)


def collect(doc: Doc, attributions: list[Attribution]) -> Registry:
    """Every actor in a parsed article, with mentions, statements and chain roles."""
    registry = Registry(doc, doc.text)
    deferred: list[tuple[DocSpan, str]] = []
    for ent in doc.ents:
        if ent.label_ in LABELS:
            _add_entity(registry, ent, deferred)
    for ent, name in deferred:  # names the tagger took for places or bodies may be surnames
        _add_deferred(registry, ent, name)
    _add_untagged(registry)
    _merge_short_names(registry)
    for attribution in attributions:
        _add_attribution(registry, attribution)
    return registry


def _add_entity(registry: Registry, ent: DocSpan, deferred: list[tuple[DocSpan, str]]) -> None:
    doc = ent.doc
    tokens, name, abbreviation = _clean(ent)
    if not name:
        return
    place = _place_for(registry, name, ent.end_char)
    place = place or (lookup(doc[abbreviation].text) if abbreviation is not None else None)
    group: Group | None = None
    if place is not None:
        group = _add_place(registry, ent, tokens, place)
    elif is_artifact(ent.text):
        return  # "SBO", "SVO": a translation artifact the tagger took for a name
    elif looks_like_person_name(ent, doc) and not _outlet_name(name):
        words = _person_words(name)
        if words:
            registry.surnames.add(name_key(words[-1]))
            _add_person(registry, words, tokens, "name")
        return
    elif ent.label_ in {"ORG", "GPE", "PERSON"}:  # PERSON here: an outlet ("Bosphorus Daily")
        deferred.append((ent, name))
        return
    if group is not None:
        _add_abbreviation(registry, group, ent, abbreviation)


def _place_for(registry: Registry, name: str, end: int) -> Place | None:
    after = registry.text[end : end + 60]
    if " " not in name and _REPUBLICS_AFTER.match(after):
        # "the Donetsk and Lugansk People's Republics": Donetsk names the first republic
        return lookup(f"{name} People's Republic") or lookup(name)
    return lookup(name)


def _add_deferred(registry: Registry, ent: DocSpan, name: str) -> None:
    tokens, _, abbreviation = _clean(ent)
    words = _person_words(name)
    if words and name_key(words[-1]) in registry.surnames and not _outlet_name(name):
        _add_person(registry, words, tokens, "surname" if len(words) == 1 else "name")
        return
    kind = "place" if ent.label_ == "GPE" else "organization"
    group = registry.group(f"{kind}:{name_key(strip_article(name))}", kind)
    group.names.append(name)
    registry.mention(group, tokens, "name")
    _add_abbreviation(registry, group, ent, abbreviation)


def _add_person(registry: Registry, words: list[str], tokens: range, via: str) -> None:
    tokens = _with_given_names(registry.doc, tokens)
    words = _person_words(registry.doc[tokens.start : tokens.stop].text) or words
    group = registry.group(f"person:{name_key(words[-1])}", "person")
    group.names.append(" ".join(words))
    start = _title_start(registry.doc, tokens)
    registry.mention(group, range(start, tokens.stop), via if start == tokens.start else "title")


def _add_place(registry: Registry, ent: DocSpan, tokens: range, place: Place) -> Group | None:
    if place.kind == "none":
        return None
    if place.kind == "organization":
        group = registry.group(f"organization:{name_key(place.name)}", "organization", place.name)
        registry.mention(group, tokens, "name")
    elif place.kind == "place" or (place.kind == "capital" and not _acts(ent)):
        group = registry.group(f"place:{name_key(place.name)}", "place", place.name)
        registry.mention(group, tokens, "name")
    else:
        country = place.country or place.name
        group = registry.group(f"country:{name_key(country)}", "country", country)
        via = place.kind if place.kind in {"capital", "metonym"} else "name"
        if place.kind == "adjective":
            tokens, via = _side_phrase(ent, tokens)
        registry.mention(group, tokens, via)
    return group


def _add_abbreviation(registry: Registry, group: Group, ent: DocSpan, inside: int | None) -> None:
    """ "the Armed Forces (AFU)", "the National Security and Defense Council (NSDC)": the
    abbreviation is another name for the same body."""
    if group.kind == "person":
        return
    if inside is not None:
        registry.mention(group, range(inside, inside + 1), "abbreviation")
        return
    match = _ABBREVIATION.match(registry.text[ent.end_char : ent.end_char + 12])
    if match is not None:
        start = ent.end_char + match.start(1)
        registry.mention_chars(group, start, start + len(match.group(1)), "abbreviation")


def _add_untagged(registry: Registry) -> None:
    """Names the tagger missed: a surname once the full name is known ("Hersh explained"),
    and a gazetteer name ("Moscow and Kyiv are conducting", "(DPR and LPR)")."""
    doc = registry.doc
    for token in doc:
        if token.ent_iob_ != "O" or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        if token.i in registry.token_group:
            continue
        if name_key(token.text) in registry.surnames:
            _add_person(registry, [token.text], range(token.i, token.i + 1), "surname")
            continue
        place = _place_for(registry, token.text, token.idx + len(token.text))
        if place is not None and place.kind != "adjective":
            _add_place(registry, doc[token.i : token.i + 1], range(token.i, token.i + 1), place)


def _merge_short_names(registry: Registry) -> None:
    """ "the Commission" after "the European Commission": a one-word organisation name that
    ends exactly one longer organisation name in the article is that organisation."""
    orgs = [g for g in registry.groups.values() if g.kind == "organization" and not g.fixed_name]
    for short in [g for g in orgs if len(g.name().split()) == 1]:
        word = name_key(short.name())
        longer = [
            g for g in orgs if g is not short and len(g.name().split()) > 1 and name_key(g.name()).endswith(" " + word)
        ]
        if len(longer) != 1:
            continue
        target = longer[0]
        target.mentions.extend(short.mentions)
        target.names.extend(short.names)
        for token, key in registry.token_group.items():
            if key == short.key:
                registry.token_group[token] = target.key
        del registry.groups[short.key]
        registry.aliases[short.key] = target.key


def _add_attribution(registry: Registry, attribution: Attribution) -> None:
    source = attribution.source
    group = group_for_source(registry, source.entity, source.kind)
    if group is not None:
        group.says.append(attribution.id)
        if source.span is not None and not any(source.span.contains(m.span.start, m.span.end) for m in group.mentions):
            registry.mention_chars(group, source.span.start, source.span.end, "source")  # "him", "the journalist"
    for link in attribution.chain[:-1]:
        reporter = group_for_source(registry, link.entity, link.kind) or _group_named_in(registry, link.text, link.kind)
        if reporter is not None and attribution.id not in reporter.reports:
            reporter.reports.append(attribution.id)
            if link.text and link.text not in reporter.variants():
                reporter.loose_variants.append(link.text)  # "me" in "an official told me"


def _group_named_in(registry: Registry, text: str | None, kind: str) -> Group | None:
    """A reporter the engine left unresolved whose words end with a known name:
    "the British newspaper The Times" → The Times."""
    if not text or kind not in NAMED_SOURCE_KINDS:
        return None
    for group in registry.groups.values():
        names = {m.text for m in group.mentions if m.via in {"name", "title", "surname"}}
        if group.kind in NAMED_SOURCE_KINDS and any(text.endswith(n) for n in names):
            return group
    return None


def group_for_source(registry: Registry, entity: str | None, kind: str) -> Group | None:
    """The actor a resolved source names; a named source nobody tagged becomes an actor."""
    if entity is None or kind not in NAMED_SOURCE_KINDS:
        return None
    words = _person_words(entity)
    if kind == "person" and words:
        key = f"person:{name_key(words[-1])}"
        if key not in registry.groups:
            registry.group(key, "person").names.append(" ".join(words))
        return registry.groups[key]
    place = lookup(entity)
    if place is not None and place.kind != "none":
        if place.kind in {"place", "organization"}:
            return registry.group(f"{place.kind}:{name_key(place.name)}", place.kind, place.name)
        country = place.country or place.name  # a capital as a source acts for its government
        return registry.group(f"country:{name_key(country)}", "country", country)
    if words and f"person:{name_key(words[-1])}" in registry.groups:
        return registry.groups[f"person:{name_key(words[-1])}"]
    bare = name_key(strip_article(entity))
    key = f"organization:{bare}"
    existing = registry.find(key) or registry.find(f"place:{bare}")
    if existing is not None:
        return existing
    group = registry.group(key, "organization")
    group.names.append(entity)
    return group


def _clean(ent: DocSpan) -> tuple[range, str, int | None]:
    """Token range and name without "the", a possessive "'s" or a glued "(ABBR", and the
    token index of that abbreviation."""
    tokens = list(ent)
    abbreviation = None
    cut = next((i for i, t in enumerate(tokens) if t.text == "("), None)
    if cut is not None:
        inside = [t for t in tokens[cut + 1 :] if t.text != ")"]
        abbreviation = inside[0].i if inside and inside[0].text.isupper() else None
        tokens = tokens[:cut]
    tokens = _trim_name(tokens)
    if not tokens:
        return range(ent.start, ent.start), "", abbreviation
    name = ent.doc[tokens[0].i : tokens[-1].i + 1].text
    return range(tokens[0].i, tokens[-1].i + 1), name, abbreviation


def _trim_name(tokens: list[Token]) -> list[Token]:
    dash = max((i for i, t in enumerate(tokens) if t.text in _DASHES and t.whitespace_), default=None)
    starts_clause = dash is not None
    if dash is not None:
        tokens = tokens[dash + 1 :]  # "BRUSSELS - The European Commission": a dateline before it
    # "the Kremlin", but "The Times" in mid-sentence: there "The" is part of the name.
    if tokens and (tokens[0].text == "the" or (tokens[0].text == "The" and (tokens[0].is_sent_start or starts_clause))):
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[0].is_sent_start and tokens[0].pos_ == "NOUN":
        tokens = tokens[1:]  # "Hydrologist Carla Benedetti" at the start of a sentence
    while tokens and (tokens[-1].lower_ in {"'s", "’s", "'", "’"} or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def _outlet_name(name: str) -> bool:
    return any(word.lower() in OUTLET_NAME_WORDS for word in name.split())


def _person_words(text: str) -> list[str]:
    """The name in a person's words: "Sen. Laura Whitfield" → Laura Whitfield."""
    words = [w.strip(",.;:()’'\"") for w in re.sub(r"['’]s\b", "", text).split()]
    words = [w for w in words if w and w.lower() not in TITLES and w[:1].isupper()]
    while len(words) > 1 and (words[0].lower() in SHORT_TITLES or words[0].lower() in PERSON_ROLE_NOUNS):
        words = words[1:]  # a title the tagger took into the name
    return words


def _with_given_names(doc: Doc, tokens: range) -> range:
    """ "Valerii Zaluzhnyi" where the tagger marked only "Zaluzhnyi"."""
    start = tokens.start
    while start > 0:
        before = doc[start - 1]
        if before.pos_ != "PROPN" or before.dep_ != "compound" or not before.text[:1].isupper():
            break
        if before.lower_ in PERSON_ROLE_NOUNS or before.lower_ in TITLES or before.ent_type_ not in {"", "PERSON"}:
            break
        start -= 1
    return range(start, tokens.stop)


def _title_start(doc: Doc, tokens: range) -> int:
    """Where a name's titles begin: "American journalist Seymour Hersh", "President Putin"."""
    start = tokens.start
    while start > 0:
        before = doc[start - 1]
        if before.dep_ not in TITLE_DEPS or not start <= before.head.i < tokens.stop + 1:
            break
        if before.pos_ not in {"NOUN", "PROPN", "ADJ"} or before.ent_type_ in {"ORG", "DATE"}:
            break
        start -= 1
    return start


def _side_phrase(ent: DocSpan, tokens: range) -> tuple[range, str]:
    """ "the Ukrainian side" names the country as a party, not only as an adjective."""
    head = ent.root.head
    if ent.root.dep_ != "amod" or head.lemma_.lower() not in SIDE_NOUNS or head.i != tokens.stop:
        return tokens, "adjective"
    start = tokens.start
    if start > 0 and ent.doc[start - 1].lower_ == "the":
        start -= 1
    return range(start, head.i + 1), "side"


def _acts(ent: DocSpan) -> bool:
    """Whether a capital stands for its government here ("Moscow has stated", "talks with
    Kyiv") rather than the city ("in Moscow", "Moscow airports")."""
    root = ent.root
    modified = root.head
    if root.dep_ in {"compound", "nmod"} and modified.pos_ in {"NOUN", "PROPN"} and modified.i >= ent.end:
        return modified.lemma_.lower() in GOVERNMENT_NOUNS  # "the Kiev regime" is the government
    return not (root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS)


def _end_char(doc: Doc, stop: int) -> int:
    last = doc[stop - 1]
    return last.idx + len(last.text)


def _tokens_of(doc: Doc, start: int, end: int) -> range:
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)
