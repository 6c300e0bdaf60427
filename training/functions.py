"""Code `spacy train --code` needs: sourcetrace's line-break sentence rule, registered under
the name the shipped pipeline uses, so training parses exactly as `analyze` does."""

from spacy.language import Language

from sourcetrace.parse import PARAGRAPHS, _paragraph_starts

if not Language.has_factory(PARAGRAPHS):
    Language.component(PARAGRAPHS, func=_paragraph_starts)
