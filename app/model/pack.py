"""A loaded, checked pack: the manifest, its modules and access to its files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.model.schema import Lesson, Manifest, Module

if TYPE_CHECKING:
    from app.model.source import PackSource


@dataclass(frozen=True, slots=True)
class Pack:
    """A pack that loaded without error. The UI only ever sees this, never YAML.

    ``source`` reads the pack's own files (images) safely; ``module_files`` maps each module id
    to its file path inside the pack, for jumping to source.
    """

    manifest: Manifest
    modules: tuple[Module, ...]
    source: PackSource
    module_files: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Return the pack's id from its manifest."""
        return self.manifest.id

    @property
    def title(self) -> str:
        """Return the pack's title from its manifest."""
        return self.manifest.title

    def module(self, module_id: str) -> Module | None:
        """Find a module by id."""
        return next((m for m in self.modules if m.id == module_id), None)

    def lesson(self, module_id: str, lesson_id: str) -> Lesson | None:
        """Find a lesson by module id and lesson id."""
        module = self.module(module_id)
        if module is None:
            return None
        return next((lesson for lesson in module.lessons if lesson.id == lesson_id), None)
