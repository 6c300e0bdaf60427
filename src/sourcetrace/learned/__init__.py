"""A learned attribution model: a role tagger (spaCy) and a linker, trained on PolNeAR."""
