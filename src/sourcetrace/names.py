"""Matching names across spellings: a transliteration key and a small gazetteer.

The same Russian or Ukrainian name reaches English in several romanisations
(Zaluzhny / Zaluzhnyi / Zaluzhniy, Zaporizhzhia / Zaporizhzhya, Donbas / Donbass). `name_key`
folds the differences that are mechanical; names that differ by more than that (Kiev / Kyiv,
Lugansk / Luhansk, Artemovsk / Bakhmut) and the words that stand for a country (Russian,
Moscow, the Kremlin) are listed in `glossary/places.tsv`, looked up by the same key.

For sources across many articles (the store), `source_key` is the key of a source's name,
`source_name` tells a name from a pronoun or a bare role ("the Head of State"), and
`EntityIndex` joins a surname or a titled name to the one full name it stands for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

GAZETTEER_COLUMNS = ("variant", "kind", "name", "country", "note")
GAZETTEER_KINDS = frozenset({"country", "adjective", "capital", "metonym", "place", "organization", "none"})

_APOSTROPHES = re.compile(r"['’ʼʹ`´ьъ]")
# Letters NFKD does not decompose into a base letter and a diacritic.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "þ": "th"})
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Applied in order to each lower-case word; later rules see earlier results.
_ROMANISATION = (
    (re.compile(r"zhzh"), "zh"),  # Zaporizhzhia / Zaporizhia
    (re.compile(r"x"), "ks"),  # Alexei / Aleksei
    (re.compile(r"kh"), "h"),  # Kharkiv / Harkiv
    (re.compile(r"tch"), "ch"),  # Tchaikovsky / Chaikovsky
    (re.compile(r"ck"), "k"),  # Novack / Novak
    (re.compile(r"t[zc]"), "ts"),  # Tsar / Tzar
    (re.compile(r"y[eo]"), "e"),  # Zaporozhye / Zaporozhe, Pyotr / Petr
    (re.compile(r"yu"), "iu"),  # Yuri / Iurii
    (re.compile(r"ya"), "ia"),  # Zaporizhzhya / Zaporizhzhia
    (re.compile(r"[yj]"), "i"),  # Zaluzhny / Zaluzhnyi / Zaluzhnij, Kyiv / Kiiv
    (re.compile(r"([a-z])\1+"), r"\1"),  # Donbass / Donbas, Zaluzhnii / Zaluzhni
)


@lru_cache(maxsize=4096)
def name_key(text: str) -> str:
    """A spelling-independent key: "Zaluzhnyi" and "Zaluzhny" give the same key."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower().translate(_LETTERS)
    plain = _APOSTROPHES.sub("", plain)
    words = []
    for word in _NON_WORD.split(plain):
        for pattern, replacement in _ROMANISATION:
            word = pattern.sub(replacement, word)
        if word:
            words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class Place:
    """A gazetteer row: what a variant names."""

    kind: str  # one of GAZETTEER_KINDS
    name: str  # the canonical name (for a capital: the city)
    country: str  # the country it stands for (capitals and metonyms), else ""


def lookup(text: str) -> Place | None:
    """The gazetteer row for a name, plural and possessive forms included."""
    table = gazetteer()
    key = name_key(strip_article(text))
    if key in table:
        return table[key]
    if key.endswith("s") and key[:-1] in table:  # "People's Republics"
        return table[key[:-1]]
    return None


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Place]:
    content = resources.files("sourcetrace").joinpath("glossary/places.tsv").read_text(encoding="utf-8")
    return parse_gazetteer(content, "places.tsv")


def parse_gazetteer(content: str, name: str) -> dict[str, Place]:
    """Rows by key; raises ValueError "name:line: problem" on a malformed row."""
    table: dict[str, Place] = {}
    header_seen = False
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.rstrip("\r\n").split("\t")
        if not header_seen:
            if tuple(cells) != GAZETTEER_COLUMNS:
                raise ValueError(f"{name}:{number}: expected the header {'<TAB>'.join(GAZETTEER_COLUMNS)}")
            header_seen = True
            continue
        if len(cells) != len(GAZETTEER_COLUMNS) or cells[1] not in GAZETTEER_KINDS:
            raise ValueError(
                f"{name}:{number}: expected {len(GAZETTEER_COLUMNS)} columns and a known kind, found {line!r}"
            )
        variant, kind, canonical, country, _note = cells
        if kind in {"capital", "metonym"} and not country:
            raise ValueError(f"{name}:{number}: a {kind} needs the country it stands for")
        table.setdefault(name_key(variant), Place(kind, canonical, country))
    return table


def strip_article(text: str) -> str:
    """ "the Kremlin's" → "Kremlin"."""
    text = text.strip()
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return re.sub(r"['’]s$", "", text)


# --- sources across articles ----------------------------------------------------------------

# Words that stand for a speaker without naming one; as a whole source they leave it
# unresolved ("I", "we", "no one").
PRONOUNS = frozenset(
    """
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves one this that
    these those everyone everybody anyone anybody someone somebody nobody none all both each
    either neither others another
    """.split()
) | frozenset({"no one", "each other", "one another"})

# Titles and role nouns: a source made of these and function words only ("the Head of
# State", "Mr President", "the Deputy Head of the Office of the President") describes a
# speaker without naming one.
ROLE_WORDS = frozenset(
    """
    the a an of and for on in at to his her their our your my its mr mrs ms miss dr sir madam
    madame president vice prime minister ministers premier chancellor head heads state states
    deputy first chief spokesman spokeswoman spokesperson spokespeople secretary general
    chairman chairwoman chair governor mayor ambassador envoy official officials adviser
    advisor aide director leader leaders commander commissioner representative representatives
    lady gentleman colleague colleagues partner partners friend friends counterpart counterparts
    king queen prince acting former current then new senior
    """.split()
)

NAME = "name"  # a person or organisation named: listed as a source
PHRASE = "phrase"  # an anonymous, vague or document source ("two officials")
# Unresolved: a source that names no one.
PRONOUN, DESCRIPTION, AGENTLESS = "pronoun", "description", "agentless"
UNRESOLVED = (PRONOUN, DESCRIPTION, AGENTLESS)
_NAMED_KINDS = frozenset({"person", "organization"})
_FUNCTION_WORDS = frozenset("the a an of and for on in at to his her their our your my its".split())
_DEFINITE = frozenset("the this that these those my our your his her their its".split())
_PARTICLES = frozenset("von van der den de del da di du la le al bin ibn".split())


# A portfolio before a person's title still names no one: "Foreign Minister", "Federal
# Service Director"; only with a title as the last word ("Security Service" is a name).
PORTFOLIO_WORDS = frozenset(
    """
    foreign defence defense interior finance economy economic health justice energy culture
    education development trade industry agriculture infrastructure digital transformation
    emergency emergencies social policy affairs federal national security service services
    managing executive regional press
    """.split()
)
_PERSON_TITLES = frozenset(
    """
    president minister premier chancellor secretary spokesman spokeswoman spokesperson chairman
    chairwoman governor mayor ambassador envoy adviser advisor aide director commander
    commissioner representative head chief official
    """.split()
)


def source_key(name: str | None) -> str:
    """The key a source is grouped by: "the Kremlin's" and "Kremlin" give one key, and so does
    a word the extraction repeated ("Lukashenko Lukashenko"); "" for none."""
    words = name_key(strip_article(" ".join((name or "").split()))).split()
    return " ".join(w for i, w in enumerate(words) if i == 0 or w != words[i - 1])


def source_name(kind: str, text: str | None, entity: str | None) -> tuple[str, str | None]:
    """What a source is, for counting across articles, and the name it is counted under:
    (`NAME`, the person's or organisation's name), (`PHRASE`, "two officials"), or an
    unresolved class (`PRONOUN`, `DESCRIPTION`, `AGENTLESS`) with the source's text.

    A person or organisation is named when the attribution engine gave it an entity that is
    more than a title ("Mr President") and, for a person, not a place; a pronoun is
    unresolved whatever its kind, and so is a title ("the Adviser"), unless it is plural or
    has "a" before it ("officials", "a senior official": anonymous on purpose).
    """
    if kind == "none" or not source_key(text or entity):
        return AGENTLESS, None
    name = _named(kind, text, entity)
    if name is not None:
        return NAME, name
    text = text or entity or ""
    if _is_pronoun(text):
        return PRONOUN, text
    if kind in _NAMED_KINDS or _title(text):
        return DESCRIPTION, text
    return PHRASE, text


def _named(kind: str, text: str | None, entity: str | None) -> str | None:
    if kind not in _NAMED_KINDS or not entity or _describes(entity):
        return None
    place = lookup(entity)
    if place is not None and (place.kind == "adjective" or (kind == "person" and place.kind != "organization")):
        return None  # a pronoun resolved to a place ("I" → "Kiev"), or a people ("Ukrainians")
    return _fuller(text, entity)


def _fuller(text: str | None, entity: str) -> str:
    # The engine may keep only a surname's last word: "Ursula von der Leyen" → "Leyen".
    words = (text or "").split()
    if " " in entity.strip() or len(words) < 2 or not source_key(text).endswith(" " + source_key(entity)):
        return entity
    if all((w[:1].isupper() or w in _PARTICLES) and w.lower() not in ROLE_WORDS for w in words):
        return " ".join(words)
    return entity


def _title(text: str) -> bool:
    # "the Adviser", "Adviser", "my colleagues": someone the text names elsewhere; unlike
    # "officials" or "a senior official", which leave the source anonymous on purpose.
    words = _plain_words(text)
    if not words or words[0] in {"a", "an"} or not _describes(text):
        return False
    return words[0] in _DEFINITE or not words[-1].endswith("s")


def _is_pronoun(text: str) -> bool:
    return " ".join(_plain_words(text)) in PRONOUNS


def _describes(name: str) -> bool:
    # Once titles are taken out, what is left may only name a country ("President of Ukraine").
    words = _plain_words(name)
    portfolio = bool(words) and words[-1] in _PERSON_TITLES
    rest = [
        w
        for w in words
        if w not in ROLE_WORDS
        and w not in PRONOUNS
        and w[:-1] not in ROLE_WORDS
        and not (portfolio and w in PORTFOLIO_WORDS)
    ]
    if not rest:
        return True
    place = lookup(" ".join(rest))
    titled = any(w in ROLE_WORDS and w not in _FUNCTION_WORDS for w in words)
    return titled and place is not None and place.kind in {"country", "adjective"}


def _plain_words(text: str) -> list[str]:
    # An acronym is a name, never a pronoun or a title: "US" is the United States.
    words = re.findall(r"[^\W\d_]+", re.sub(r"['’]s\b", "", text))
    return [word if len(word) > 1 and word.isupper() else word.lower() for word in words]


@lru_cache(maxsize=1)
def _role_keys() -> frozenset[str]:
    return frozenset(name_key(word) for word in ROLE_WORDS)


class EntityIndex:
    """Full names across many articles, and what other names of persons stand for them.

    An article names a person in full once and by surname after, so one article's entity
    may be "Tymoshenko" where another's is "Kyrylo Tymoshenko"; a title may stay glued to a
    name ("President of the French Republic Emmanuel Macron"); and a given name may come in
    a Russian and a Ukrainian romanisation ("Oleg" / "Oleh Ustenko"). `canonical` gives the
    key of the full name a person's key stands for: for a surname (alone or after titles,
    "Mr Tokayev"), the one full name that ends with it (or the one holding `dominance` of
    those names' weight); for a longer name, the full name of a person it ends with; for a
    full name, the more cited one with that surname and a given name two letters apart.
    """

    def __init__(self, names: dict[str, tuple[str, int]], *, dominance: float = 0.8) -> None:
        """`names`: the kind and weight of each name's key (`source_key`)."""
        # A longer name stands only for a person's full name ("Foreign Ministry" is no part of one).
        self._persons = {key for key, (kind, _) in names.items() if kind == "person" and " " in key}
        # A titled full name counts for the name it ends with, so "Vartaniuk" can stand for it.
        full: dict[str, int] = {}
        for key, (_, weight) in names.items():
            if " " in key:
                target = self._suffix(key) or key
                full[target] = full.get(target, 0) + weight
        self._alias = _given_name_aliases(full, self._persons)
        self._full: dict[str, int] = {}
        for key, weight in full.items():
            target = self._alias.get(key, key)
            self._full[target] = self._full.get(target, 0) + weight
        self._by_surname: dict[str, list[str]] = {}
        for key in self._full:
            self._by_surname.setdefault(key.rsplit(" ", 1)[1], []).append(key)
        self._dominance = dominance

    def canonical(self, key: str, kind: str = "person") -> str:
        words = key.split()
        if len(words) == 1:
            # An organisation's one word may be a person's surname the engine mistook.
            return self._surname(key, persons_only=kind != "person") or key
        if kind != "person":
            return key
        target = self._suffix(key) or key
        if target == key and key not in self._full and all(w in _role_keys() for w in words[:-1]):  # "Mr Tokayev"
            return self._surname(words[-1]) or key
        return self._alias.get(target, target)

    def _suffix(self, key: str) -> str | None:
        """The full name of a person that a longer name ends with, itself shortened as far
        as it goes: "President of Velmar Ondrej Halvik" → "Ondrej Halvik", not "Velmar Ondrej Halvik"."""
        words, found = key.split(), None
        for start in range(1, len(words) - 1):
            suffix = " ".join(words[start:])
            if suffix in self._persons:
                found = suffix  # the shortest, the last one found
        return found

    def _surname(self, key: str, *, persons_only: bool = False) -> str | None:
        # A title ("the President") or a place is no surname.
        candidates = [] if key in _role_keys() or lookup(key) is not None else self._by_surname.get(key, [])
        if persons_only:
            candidates = [c for c in candidates if c in self._persons]
        total = sum(self._full[c] for c in candidates)
        best = max(candidates, key=lambda c: (self._full[c], c), default="")
        return best if candidates and self._full[best] >= self._dominance * total else None


def _given_name_aliases(full: dict[str, int], persons: set[str]) -> dict[str, str]:
    """Each person's full name whose given names are a romanisation of a more cited one's
    with the same surname: "oleh ustenko" → "oleg ustenko", "vladimir zelenski" → "volodimir zelenski"."""
    aliases: dict[str, str] = {}
    by_surname: dict[str, list[str]] = {}
    for key in sorted((k for k in full if k in persons), key=lambda k: (-full[k], k)):
        by_surname.setdefault(key.rsplit(" ", 1)[1], []).append(key)
    for keys in by_surname.values():
        for i, key in enumerate(keys):
            given = key.rsplit(" ", 1)[0]
            for heavier in keys[:i]:
                if heavier not in aliases and _romanised_alike(given, heavier.rsplit(" ", 1)[0]):
                    aliases[key] = heavier
                    break
    return aliases


def _romanised_alike(a: str, b: str) -> bool:
    # Same first letter, at most two letters apart: Oleg / Oleh, Vladimir / Volodimir,
    # Aleksandr / Aleksander; not Jill / Joseph, nor Ivan / Ian.
    if a[:1] != b[:1] or min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1] <= 2
