"""Problems found in a pack, and the result of loading one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from app.model.pack import Pack

Severity = Literal["error", "warning"]

#: front ends (validate, export, the Problems panel) print at most this many problems of one pack
MAX_PRINTED = 200
#: the line (and column) of a problem with nowhere to point, such as a path that does not exist
NO_POSITION = 0


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning, pointing at a file inside the pack and a 1-based line and column.

    ``file`` is the path inside the pack (``pack.yaml``, ``modules/a.yaml``); front ends prefix
    it with whatever the user named the pack by. Line and column 0 (``NO_POSITION``) stand for a
    path that has no lines to point into, such as one that does not exist.
    """

    file: str
    line: int
    column: int
    severity: Severity
    message: str

    def format(self, prefix: str = "") -> str:
        """Render as ``FILE:LINE:COLUMN: severity: message``, FILE joined to ``prefix`` with '/'."""
        file = f"{prefix.rstrip('/')}/{self.file}" if prefix else self.file
        if not self.has_position:
            return f"{file}: {self.severity}: {self.message}"
        return f"{file}:{self.line}:{self.column}: {self.severity}: {self.message}"

    @property
    def has_position(self) -> bool:
        """Tell whether the problem points at a line and column (a path that does not exist has none)."""
        return self.line > 0


@dataclass(slots=True)
class LoadResult:
    """What ``load_pack`` returns: every problem found, and the pack when none is an error."""

    problems: list[Problem] = field(default_factory=list)
    pack: Pack | None = None

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stop the pack from loading."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems that do not stop the pack from loading."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when the pack has no error (warnings allowed) and can be played."""
        return self.pack is not None and not self.errors
