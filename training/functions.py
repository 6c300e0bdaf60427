"""Code `spacy train --code` needs for the role tagger.

- the tagger's embedding architecture, `sourcetrace.RoleEmbed.v1`;
- `sourcetrace.ParsedCorpus.v1`: training examples whose predicted Docs already carry the
  shipped pipeline's parse (written by `python -m sourcetrace.learned.train convert`), so
  training does not parse every batch again and the tagger learns from exactly the TAG,
  DEP, LEMMA and sentence starts `analyze` gives it.
"""

from pathlib import Path

from spacy.util import registry

from sourcetrace.learned.features import register

register()  # sourcetrace.RoleEmbed.v1, the tagger's embedding


@registry.readers("sourcetrace.ParsedCorpus.v1")
def parsed_corpus(parsed: Path, tagged: Path):
    """Pairs the parsed Docs of `parsed` with the role-tagged Docs of `tagged` (same order)."""
    from spacy.tokens import DocBin
    from spacy.training import Example

    def read(nlp):
        predicted = DocBin().from_disk(parsed).get_docs(nlp.vocab)
        reference = DocBin().from_disk(tagged).get_docs(nlp.vocab)
        for doc, gold in zip(predicted, reference, strict=True):
            doc.set_ents([], default="missing")  # as RoleTagger clears them at run time
            yield Example(doc, gold)

    return read
