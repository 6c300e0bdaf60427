"""Matching names across spellings: a transliteration key and a small gazetteer.

The same Russian or Ukrainian name reaches English in several romanisations
(Zaluzhny / Zaluzhnyi / Zaluzhniy, Zaporizhzhia / Zaporizhzhya, Donbas / Donbass). `name_key`
folds the differences that are mechanical; names that differ by more than that (Kiev / Kyiv,
Lugansk / Luhansk, Artemovsk / Bakhmut) and the words that stand for a country (Russian,
Moscow, the Kremlin) are listed in `glossary/places.tsv`, looked up by the same key.
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
_NON_WORD = re.compile(r"[^a-z0-9]+")
# Applied in order to each lower-case word; later rules see earlier results.
_ROMANISATION = (
    (re.compile(r"zhzh"), "zh"),  # Zaporizhzhia / Zaporizhia
    (re.compile(r"x"), "ks"),  # Alexei / Aleksei
    (re.compile(r"kh"), "h"),  # Kharkiv / Harkiv
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
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
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
