"""The spaCy role tagger (0.2.0–0.4.0; `training/train_attribution.sh` trains it, and it
runs when a model folder holds it): an entity recognizer with labels SOURCE, CUE, CONTENT.

It was trained after the shipped pipeline's tagger, parser and lemmatizer and reads their
TAG, DEP and LEMMA, so it runs on a Doc the shipped pipeline has parsed. spaCy's
recognizer writes `doc.ents` and keeps entities already there, so the tagger lends
itself the Doc: it sets the named entities aside, tags, reads its spans and puts the
named entities back. The Doc comes out as it went in.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ModelError
from .features import register
from .spans import Role

__all__ = ["COMPONENT", "MODEL_DIR", "RoleTagger", "set_precision"]

COMPONENT = "attribution_roles"
MODEL_DIR = Path(__file__).parent / "model"


class RoleTagger:
    """Role spans of a parsed Doc; built on the Doc's vocabulary."""

    def __init__(self, vocab, model_dir: Path = MODEL_DIR) -> None:
        import spacy
        from spacy.util import load_config

        model_dir = Path(model_dir)
        config_path = model_dir / "config.cfg"
        if not config_path.is_file():
            raise ModelError(
                f"no learned attribution model in {model_dir}; train one with "
                "training/train_attribution.sh (see docs/learned-model.md)"
            )
        register()  # the tagger's embedding architecture, named in its config
        config = load_config(config_path, interpolate=True)
        settings = dict(config["components"][COMPONENT])
        factory = settings.pop("factory")
        nlp = spacy.blank("en", vocab=vocab)
        self.component = nlp.add_pipe(factory, name=COMPONENT, config=settings)
        self.component.from_disk(model_dir / COMPONENT, exclude=("vocab",))
        set_precision(self.component.model, "float32")  # stored as float16 to stay small
        self.labels = tuple(self.component.labels)

    def __call__(self, doc) -> list[Role]:
        named = list(doc.ents)
        doc.set_ents([], default="missing")  # kept entities would bind the recognizer
        try:
            self.component(doc)
            roles = [Role(ent.start, ent.end, ent.label_) for ent in doc.ents]
        finally:
            doc.set_ents(named, default="outside")
        return roles


def set_precision(model, dtype: str) -> None:
    """Cast every parameter of a Thinc model in place (the shipped file keeps float16)."""
    for node in model.walk():
        for name in node.param_names:
            if node.has_param(name):
                node.set_param(name, node.get_param(name).astype(dtype))
