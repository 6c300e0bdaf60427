"""The name layer: one key across romanisations, what a source is, and the entity index."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sourcetrace.names import (
    AGENTLESS,
    DESCRIPTION,
    NAME,
    PHRASE,
    PRONOUN,
    EntityIndex,
    name_key,
    source_key,
    source_name,
)

# --- the key ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("Mykhailo Podolyak", "Mykhailo Podoliak", "Mykhaylo Podoljak"),
        ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi", "Zelenskij"),
        ("Zaluzhny", "Zaluzhnyi", "Zaluzhnyy", "Zaluzhniy"),
        ("Dmitry", "Dmitriy", "Dmitri"),
        ("Oleksiy", "Oleksii", "Oleksij"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        # Made up: the rules are general, not a list of people.
        ("Borysko Vartanyuk", "Borisko Vartaniuk", "Borysko Vartanjuk"),
        ("Hnatyshyn", "Hnatyshin", "Hnatishyn"),
        ("Kostrzewski", "Kostrzewskyy"),
        ("Tchernovsky", "Chernovskiy"),
        ("Halvorsen Brück", "Halvorsen Bruck", "Halvorssen Bruk"),
        ("Jørn Åsheim", "Jorn Asheim"),
        ("Łada Mirecka", "Lada Mirecka"),
        ("Tomas Alexeyev", "Tomas Alekseyev", "Tomas Alekseev"),
    ],
)
def test_romanisations_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({name_key(s) for s in spellings}) == 1, [name_key(s) for s in spellings]


@pytest.mark.parametrize(
    "different",
    [
        ("Zelenskyy", "Zelenska"),  # husband and wife
        ("Lugansk", "Luhansk"),  # g / h: the gazetteer's business
        ("Kiev", "Kyiv"),
        ("Vladimir", "Volodymyr"),  # two languages' forms of a name, not two spellings
        ("Marek", "Marko"),
    ],
)
def test_names_that_differ_by_more_than_spelling_keep_their_keys(different: tuple[str, str]) -> None:
    assert name_key(different[0]) != name_key(different[1])


@given(st.text(max_size=30))
def test_the_key_is_its_own_key(text: str) -> None:
    # The gazetteer and the entity index look keys up by key.
    assert name_key(name_key(text)) == name_key(text)


def test_a_source_key_ignores_article_possessive_case_spacing_and_a_repeated_word() -> None:
    assert source_key("the Kremlin's") == source_key("Kremlin") == source_key("  KREMLIN ")
    assert source_key("Halvik Halvik") == source_key("Halvik")
    assert source_key(None) == source_key("") == ""


# --- what a source is ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "entity", "expected"),
    [
        ("person", "Mr Halvik", "Ondrej Halvik", (NAME, "Ondrej Halvik")),
        ("person", "he", "Ondrej Halvik", (NAME, "Ondrej Halvik")),
        ("organization", "the Velmar port authority", "Velmar Port Authority", (NAME, "Velmar Port Authority")),
        ("organization", "US", "US", (NAME, "US")),  # an acronym, not "us"
        ("person", "I", None, (PRONOUN, "I")),
        ("organization", "we", None, (PRONOUN, "we")),
        ("vague", "they", None, (PRONOUN, "they")),
        ("vague", "no one", None, (PRONOUN, "no one")),
        ("person", "The Head of State", None, (DESCRIPTION, "The Head of State")),
        ("person", "the spokesman", None, (DESCRIPTION, "the spokesman")),
        ("organization", "the harbour board", None, (DESCRIPTION, "the harbour board")),
        ("organization", "you", "Mr President", (PRONOUN, "you")),  # a title is no name
        ("person", "The President", "President of Ukraine", (DESCRIPTION, "The President")),
        ("organization", "the Foreign Minister", "Foreign Minister", (DESCRIPTION, "the Foreign Minister")),
        ("organization", "the Security Service", "Security Service", (NAME, "Security Service")),
        ("organization", "Ukraine", "Ukraine", (NAME, "Ukraine")),
        ("organization", "Ukrainians", "Ukrainians", (DESCRIPTION, "Ukrainians")),
        ("person", "I", "Kiev", (PRONOUN, "I")),  # a person is no place
        ("anonymous", "the Adviser", None, (DESCRIPTION, "the Adviser")),
        ("anonymous", "Adviser", None, (DESCRIPTION, "Adviser")),
        ("anonymous", "officials", None, (PHRASE, "officials")),
        ("anonymous", "a senior official", None, (PHRASE, "a senior official")),
        ("anonymous", "two officials familiar with the plan", None, (PHRASE, "two officials familiar with the plan")),
        ("vague", "Local residents", None, (PHRASE, "Local residents")),
        ("document", "The decree", None, (PHRASE, "The decree")),
        ("none", None, None, (AGENTLESS, None)),
    ],
)
def test_what_a_source_is(kind: str, text: str | None, entity: str | None, expected: tuple[str, str | None]) -> None:
    assert source_name(kind, text, entity) == expected


def test_a_name_cut_to_its_last_word_is_taken_whole_from_the_text() -> None:
    assert source_name("person", "Annelie van der Stroom", "Stroom") == (NAME, "Annelie van der Stroom")
    # A title before the surname stays out of the name.
    assert source_name("person", "President Stroom", "Stroom") == (NAME, "Stroom")


# --- the entity index ------------------------------------------------------------------------

NAMES = {
    "ondrei halvik": ("person", 40),
    "halvik": ("person", 12),
    "marta kovalenko": ("person", 9),
    "ivan kovalenko": ("person", 1),
    "petra sorn": ("person", 3),
    "iulia sorn": ("person", 3),
    "kasim toral": ("organization", 1),  # the engine took this person for an organisation
    "foreign ministry": ("organization", 5),
    "velmar ondrei halvik": ("person", 2),  # a title glued on in one article
    "oleg darnik": ("person", 20),
    "oleh darnik": ("person", 6),  # a Ukrainian romanisation of the same given name
    "iosif marek": ("person", 10),
    "iana marek": ("person", 4),  # another person
    "tomas brin": ("organization", 7),  # the engine took this person for an organisation
}


@pytest.mark.parametrize(
    ("key", "kind", "expected"),
    [
        ("halvik", "person", "ondrei halvik"),  # a surname the one full name ends with
        ("kovalenko", "person", "marta kovalenko"),  # the full name holding most of the weight
        ("sorn", "person", "sorn"),  # two people as often: left alone
        ("toral", "person", "kasim toral"),
        ("mr halvik", "person", "ondrei halvik"),  # titles, then a surname
        ("president of velmar ondrei halvik", "person", "ondrei halvik"),  # a title glued on
        ("velmar ondrei halvik", "person", "ondrei halvik"),
        ("russian foreign ministry", "organization", "russian foreign ministry"),  # organisations never
        ("ministry", "organization", "ministry"),
        ("president", "person", "president"),  # a title is no surname
        ("ukraine", "person", "ukraine"),  # nor is a country
        ("president of ukraine", "person", "president of ukraine"),
        ("ondrei halvik", "person", "ondrei halvik"),
        ("oleh darnik", "person", "oleg darnik"),
        ("darnik", "person", "oleg darnik"),
        ("iana marek", "person", "iana marek"),
        ("halvik", "organization", "ondrei halvik"),  # a person's surname the engine took for an organisation
        ("brin", "person", "tomas brin"),
        ("brin", "organization", "brin"),  # one organisation's word is no other organisation's name
    ],
)
def test_the_entity_index_joins_short_names_to_the_full_one(key: str, kind: str, expected: str) -> None:
    assert EntityIndex(NAMES).canonical(key, kind) == expected
