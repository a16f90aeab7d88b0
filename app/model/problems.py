"""Problems found in a pack: an error or warning at a file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning, pointing at a file inside the pack and a 1-based line and column.

    ``file`` is the path inside the pack (``pack.yaml``, ``modules/a.yaml``); front ends prefix
    it with whatever the user named the pack by.
    """

    file: str
    line: int
    column: int
    severity: Severity
    message: str

    def format(self, prefix: str = "") -> str:
        """Render as ``FILE:LINE:COLUMN: severity: message``, FILE joined to ``prefix`` with '/'."""
        file = f"{prefix.rstrip('/')}/{self.file}" if prefix else self.file
        return f"{file}:{self.line}:{self.column}: {self.severity}: {self.message}"
