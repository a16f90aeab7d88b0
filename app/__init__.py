"""Unspun: learn to read state messaging and social media critically."""

#: the version, in one place: pyproject.toml reads it, and so do --version and the About dialog
__version__ = "0.1.0"
