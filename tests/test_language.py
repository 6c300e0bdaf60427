"""Language check: English passes, including names-heavy and machine-translated English;
other languages fail with a message naming the input and the language."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.article import Article
from sourcetrace.clean import clean
from sourcetrace.errors import UnsupportedLanguage
from sourcetrace.language import check_language, detect_language
from sourcetrace.read import read_inputs

EXAMPLE = Path(__file__).parents[2] / "shared" / "examples" / "000_73f1c990b4484077.txt"

GERMAN = (
    "Die Bundesregierung hat am Donnerstag ein weiteres Hilfspaket für die Ukraine angekündigt. "
    "Nach Angaben des Verteidigungsministeriums umfasst es Munition, Fahrzeuge und Ausrüstung "
    "für den Winter. Der Kanzler sagte in Berlin, Deutschland werde das Land so lange "
    "unterstützen, wie es nötig sei. Kritiker in der Opposition fordern dagegen mehr Tempo."
)
RUSSIAN = (
    "В четверг правительство объявило о новых мерах поддержки промышленности. По словам "
    "министра, программа рассчитана на три года и затронет более ста предприятий. Эксперты "
    "считают, что этого может оказаться недостаточно, если санкции будут расширены."
)
FRENCH = (
    "Le ministre des Affaires étrangères a déclaré jeudi que les négociations pourraient "
    "reprendre dès le mois prochain. Selon lui, les deux parties ont accepté de se rencontrer "
    "à Genève, mais aucune date n'a encore été fixée. Plusieurs diplomates restent toutefois "
    "sceptiques quant aux chances de succès de ces pourparlers."
)
SPANISH = (
    "El Gobierno anunció el jueves un nuevo paquete de medidas para apoyar a las familias "
    "afectadas por la subida de los precios. Según el ministro de Economía, las ayudas llegarán "
    "a más de dos millones de hogares antes del verano. La oposición considera que el plan "
    "llega tarde y resulta insuficiente para frenar la inflación."
)
MACHINE_TRANSLATED = (
    "Moscow and Minsk are conducting consultations on the line of the Ministry of Defense, the "
    "dialogue was established at the initiative of the Belarusian side. Russian political "
    "scientist Oleg Vdovichenko spoke about this, citing information from sources in the "
    "Kremlin. According to him, the parties are discussing the deployment of the NWO grouping "
    "in the Gomel and Mogilev regions, and this does not contradict the stated goals of the SVO."
)
NAMES_HEAVY = (
    "Zhuravlev, Miroshnik, Matviychuk, Danilov, Zaluzhny, Gerasimov, Peskov, Lavrov, Shoigu, "
    "Medvedev, Kadyrov, Prigozhin, Volodin, Zakharova, Nebenzya and Patrushev were named by "
    "Rossiyskaya Gazeta and Komsomolskaya Pravda in Donetsk, Lugansk, Zaporozhye and Kherson "
    "as the officials who said that the talks in Istanbul had stalled."
)


def article(text: str) -> Article:
    return Article(text=text, input="story.txt")


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [(GERMAN, "de", "German"), (RUSSIAN, "ru", "Russian"), (FRENCH, "fr", "French"), (SPANISH, "es", "Spanish")],
)
def test_other_languages_are_refused(text, code, name):
    with pytest.raises(UnsupportedLanguage) as caught:
        check_language(article(text))
    message = str(caught.value)
    assert message.startswith("story.txt: the text looks ")
    assert name in message and f"'{code}'" in message
    assert "English text only" in message
    assert caught.value.kind == "language"


@pytest.mark.parametrize(
    "text",
    [
        MACHINE_TRANSLATED,
        NAMES_HEAVY,
        "Putin met Lukashenko in Minsk.",
        "Zaluzhny: no comment",
        "Peskov declined to comment on the report by Rossiyskaya Gazeta.",
        "2024 — 15 000 — 3,5 %",
    ],
)
def test_english_passes_and_is_marked(text):
    checked = check_language(article(text))
    assert checked.language == "en"
    assert checked.text == text


def test_english_with_a_russian_quote_passes():
    text = MACHINE_TRANSLATED + " The phrase «мы готовы к переговорам» was repeated by the spokesman twice."
    assert detect_language(text)[0] == "en"


def test_short_text_in_another_script_is_refused():
    with pytest.raises(UnsupportedLanguage) as caught:
        check_language(article("Путин встретился с Лукашенко в Минске."))
    assert "not English" in str(caught.value)


def test_short_latin_text_is_taken_as_english():
    # Too short to judge: sourcetrace accepts it rather than guessing.
    assert detect_language("Das ist gut.")[0] == "en"


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared example not present")
def test_real_example_is_english():
    (raw,) = list(read_inputs([EXAMPLE]))
    assert check_language(clean(raw)).language == "en"
