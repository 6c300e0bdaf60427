"""Language check: sourcetrace analyses English text only.

Stage `check_language` needs the cleaned text and sets `Article.language`; it raises
`UnsupportedLanguage` when the text is confidently not English.

Detection is offline (py3langid, its model ships in the package). News in English about
Russia and Ukraine is full of transliterated names and machine-translated phrasing that
can pull a character n-gram model away from English, so a non-English verdict must
also survive two plain checks: the script of the letters, and the share of English
function words ("the", "of", "that", ...), which stays high in any English prose.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .article import Article
from .errors import UnsupportedLanguage

__all__ = ["check_language", "detect_language"]

SAMPLE_CHARS = 5000
MIN_WORDS = 20  # below this, n-gram statistics are noise: go by script alone
MIN_CONFIDENCE = 0.8
# Frequent English words that are not also frequent words of other Latin-script
# languages ("in", "an", "was", "so", "die", "on", "a" are left out for that reason).
_ENGLISH_WORDS = frozenset(
    "the of and to that is for with are by this from at have has not which he she they it"
    " its their been were who but or be will would said says also than after".split()
)
# English prose runs at 25-40% of these words; other languages at a few percent.
MIN_ENGLISH_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+")
_NAMES = {
    "de": "German",
    "ru": "Russian",
    "uk": "Ukrainian",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "nl": "Dutch",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "tr": "Turkish",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "fa": "Persian",
    "he": "Hebrew",
    "kk": "Kazakh",
}


def check_language(article: Article) -> Article:
    """Set `article.language` to "en", or raise `UnsupportedLanguage` naming the input."""
    language, confidence = detect_language(article.text)
    if language != "en":
        name = _NAMES.get(language, "another language")
        raise UnsupportedLanguage(
            article.input,
            f"the text looks {name} (detected {language!r}, confidence {confidence:.2f}), not English",
            "sourcetrace analyses English text only; give it an English text or a translation",
        )
    article.language = "en"
    return article


def detect_language(text: str) -> tuple[str, float]:
    """(language code, confidence) of the text's first few thousand characters.

    Returns "en" unless the text is confidently something else. The confidence is the
    model's probability for the returned language, or for short texts the share of
    Latin letters (the only evidence used there).
    """
    sample = text[:SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return "en", 0.0  # nothing to judge: numbers, punctuation
    latin = sum(1 for c in letters if c < "\u0250") / len(letters)
    if latin < 0.5:  # mostly Cyrillic, Greek, CJK, Arabic ... letters: not English
        language, confidence = _identifier().classify(sample)
        return (language, confidence) if language != "en" else ("und", 1 - latin)
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return "en", latin
    scores = dict(_identifier().rank(sample))
    language = max(scores, key=scores.__getitem__)
    if language == "en" or scores[language] < MIN_CONFIDENCE:
        return "en", scores["en"]
    share = sum(1 for w in words if w in _ENGLISH_WORDS) / len(words)
    if share >= MIN_ENGLISH_SHARE:  # English prose that the n-gram model misjudged
        return "en", scores["en"]
    return language, scores[language]


@cache
def _identifier() -> Any:
    # Loaded once, on first use: the model takes about half a second to read.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
