"""A learned attribution model: a role tagger and a linker, trained on PolNeAR.

The role tagger (`transformer.py`, `pieces.py`, `features.py`) marks SOURCE, CUE and
CONTENT spans on a Doc the shipped pipeline has parsed: a fine-tuned transformer run by
ONNX Runtime. The spans are tidied (`spans.py`) and the linker (`link.py`) joins them into
attributions; `stage.py` turns those into the "attributions" layer, with what the rules
add (`borrow.py`). This package is the run time only: training is in training/
(`train_learned.py`, `convert_polnear.py`, the tagger's scripts) and docs/learned-model.md.
"""

from .link import Linker
from .spans import Link, Role
from .stage import MODEL_DIR, LearnedAttributor, has_tagger

__all__ = ["MODEL_DIR", "LearnedAttributor", "Link", "Linker", "Role", "has_tagger"]
