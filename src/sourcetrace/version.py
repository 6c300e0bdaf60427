"""The version, in one place (pyproject.toml gives the same; a test checks they agree)."""

__version__ = "0.7.0"
