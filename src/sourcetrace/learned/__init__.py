"""A learned attribution model: a role tagger and a linker, trained on PolNeAR.

The role tagger marks SOURCE, CUE and CONTENT spans on a Doc the shipped pipeline has
parsed: the shipped one is a fine-tuned transformer run by ONNX Runtime (`transformer.py`,
`pieces.py`), the earlier one a spaCy entity recognizer (`roles.py`), used when a model
folder holds it. The spans are tidied (`spans.py`) and the linker (`link.py`) joins them
into attributions; `stage.py` turns those into the "attributions" layer, with what the
rules add (`borrow.py`).
Training data and commands: `convert.py`, `train.py`, training/ and docs/learned-model.md.
"""

from .link import Linker
from .roles import MODEL_DIR, RoleTagger
from .spans import Link, Role
from .stage import LearnedAttributor, has_tagger, learned_pipeline

__all__ = ["MODEL_DIR", "LearnedAttributor", "Link", "Linker", "Role", "RoleTagger", "has_tagger", "learned_pipeline"]
