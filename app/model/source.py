"""PROVISIONAL: reading a pack's files. The pack-engine work replaces this with the hardened
version (zip, links, limits); the public API (``PackSource``, ``PackFileError``) stays."""

from __future__ import annotations

from pathlib import Path


class PackFileError(Exception):
    """A pack file that cannot be read safely (outside the pack, missing, not a regular file)."""


class PackSource:
    """Read-only access to the files of one pack, by their path inside the pack."""

    def __init__(self, root: Path, label: str) -> None:
        self.root: Path | None = root
        self.label = label

    def read_bytes(self, path: str) -> bytes:
        """Return the bytes of the pack file at ``path`` (relative, '/'-separated)."""
        assert self.root is not None
        target = (self.root / path).resolve()
        if not target.is_relative_to(self.root.resolve()) or not target.is_file():
            raise PackFileError(path)
        return target.read_bytes()

    def exists(self, path: str) -> bool:
        """Tell whether the pack holds a regular file at ``path``."""
        try:
            self.read_bytes(path)
        except PackFileError:
            return False
        return True
