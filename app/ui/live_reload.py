"""Live reload: a pack opened from a folder reloads when one of its files is saved.

A ``QFileSystemWatcher`` watches the pack's folders and files; changes restart a short timer,
so that an editor's burst of writes reloads once. Editors that save by writing a new file and
renaming it over the old one make the watcher forget that path, so every path is added again
after each change. A reload that finds errors keeps the last good version on screen and shows
the problems; the next good save hides them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from app.model.schema import step_key

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.problems import LoadResult
    from app.model.schema import Lesson, Module
    from app.ui.main_window import MainWindow

RELOAD_DELAY_MS = 250
#: a pack folder with more files and folders than this is watched only in part
MAX_WATCHED_PATHS = 2000
STATUS_MESSAGE_MS = 4000
KEPT_NOTE = "the last version that worked stays on screen"

Fingerprint = tuple[tuple[str, int, int], ...]


def pack_paths(root: Path, limit: int = MAX_WATCHED_PATHS) -> tuple[list[str], Fingerprint]:
    """List the folders and files of the pack at ``root`` (hidden ones left out), and their sizes and times."""
    paths: list[str] = [str(root)]
    stamps: list[tuple[str, int, int]] = []
    pending = [str(root)]
    while pending and len(paths) < limit:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in listing:
            if entry.name.startswith(".") or len(paths) >= limit:
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    paths.append(entry.path)
                    pending.append(entry.path)
                elif entry.is_file():
                    info = entry.stat()
                    paths.append(entry.path)
                    stamps.append((entry.path, info.st_size, info.st_mtime_ns))
            except OSError:
                continue
    return paths, tuple(sorted(stamps))


def pack_folder(path: str) -> Path | None:
    """Return the folder of a folder pack named by ``path`` (the folder or its pack.yaml); None for a zip."""
    named = Path(path)
    if named.is_dir():
        return named
    if named.name == "pack.yaml" and named.is_file():
        return named.parent
    return None


class PackWatcher(QObject):
    """Watches one folder pack and asks for a reload, once, a moment after its files change."""

    reload_requested = Signal(str)  # the path the pack was opened by

    def __init__(self, path: str, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.root = root
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_watcher_changed)
        self.watcher.directoryChanged.connect(self._on_watcher_changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RELOAD_DELAY_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.fingerprint: Fingerprint = ()
        self.rewatch()

    def rewatch(self) -> None:
        """Watch every folder and file of the pack as it is now."""
        # Start afresh: a file replaced by a rename keeps its name in the list but is no longer watched.
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        paths, self.fingerprint = pack_paths(self.root)
        self.watcher.addPaths(paths)

    def stop(self) -> None:
        """Stop watching."""
        self.timer.stop()
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)

    def _on_watcher_changed(self, _path: str) -> None:
        """Wait for the burst of writes to end before reloading."""
        self.timer.start()

    def _on_timer_timeout(self) -> None:
        """Watch the files again (a save may have replaced them) and ask for a reload if anything changed."""
        before = self.fingerprint
        self.rewatch()
        if self.fingerprint != before:
            self.reload_requested.emit(self.path)


@dataclass(frozen=True, slots=True)
class PlayerPosition:
    """Where the player stands: module, lesson and step, by id and by position."""

    module_id: str
    module_index: int
    lesson_id: str
    lesson_index: int
    step_index: int
    step_id: str | None
    scroll: int


def nearest_place(position: PlayerPosition, pack: Pack) -> tuple[Module, Lesson, int]:
    """Find ``position`` in the reloaded ``pack``: by id where it still exists, else by position."""
    module = pack.module(position.module_id) or pack.modules[min(position.module_index, len(pack.modules) - 1)]
    lesson = next((le for le in module.lessons if le.id == position.lesson_id), None)
    if lesson is None:
        lesson = module.lessons[min(position.lesson_index, len(module.lessons) - 1)]
    keys = [step_key(step, index) for index, step in enumerate(lesson.steps)]
    if position.step_id is not None and position.step_id in keys:
        return module, lesson, keys.index(position.step_id)
    return module, lesson, min(position.step_index, len(lesson.steps) - 1)


class LiveReloader(QObject):
    """Watches the packs the window shows from folders, and swaps in each good new version."""

    pack_reloaded = Signal(object)  # the new Pack

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.watchers: dict[str, PackWatcher] = {}
        self.pack_ids: dict[str, str] = {}  # path -> id of the version on screen

    def watch(self, path: str, pack: Pack | None = None) -> None:
        """Reload the pack opened by ``path`` (shown as ``pack``, or broken) whenever its folder changes.

        Zip packs are not watched: they are not what an author edits.
        """
        root = pack_folder(path)
        if root is None:
            return
        self.unwatch(path)
        watcher = PackWatcher(path, root, self)
        watcher.reload_requested.connect(self._on_watcher_reload_requested)
        self.watchers[path] = watcher
        if pack is not None:
            self.pack_ids[path] = pack.id

    def unwatch(self, path: str) -> None:
        """Stop watching the pack opened by ``path``."""
        watcher = self.watchers.pop(path, None)
        self.pack_ids.pop(path, None)
        if watcher is not None:
            watcher.stop()
            watcher.deleteLater()

    def reload(self, path: str) -> LoadResult:
        """Load the pack at ``path`` again; show it if it has no error, else show its problems."""
        from app.model.loader import load_pack

        result = load_pack(path)
        if not result.ok and path in self.pack_ids:
            self.window.problems_panel.show_report(path, result, note=KEPT_NOTE)
            return result
        self.window.show_problems(path, result)
        if not result.ok or result.pack is None:
            return result
        old_id = self.pack_ids.get(path, result.pack.id)
        self.pack_ids[path] = result.pack.id
        self.apply(old_id, result.pack)
        self.window.statusBar().showMessage(f"Reloaded {result.pack.title}", STATUS_MESSAGE_MS)
        self.pack_reloaded.emit(result.pack)
        return result

    def apply(self, old_id: str, pack: Pack) -> None:
        """Put ``pack`` in place of the version with ``old_id``, staying on the same step if it still exists."""
        window = self.window
        position = self._player_position(old_id)
        replaced = False
        packs: list[Pack] = []
        for existing in window.packs:
            if existing.id in (old_id, pack.id):
                if not replaced:
                    packs.append(pack)
                    replaced = True
            else:
                packs.append(existing)
        if not replaced:
            packs.append(pack)
        window.packs = packs
        window.library.set_packs(packs)
        window.home.set_packs(packs)
        if position is None:
            if window.state != "lesson":
                window.show_library()
            return
        module, lesson, index = nearest_place(position, pack)
        window.open_lesson(pack, module, lesson, index)
        scroll_bar = window.player.scroll_area.verticalScrollBar()
        QTimer.singleShot(0, lambda: scroll_bar.setValue(position.scroll))

    def _player_position(self, pack_id: str) -> PlayerPosition | None:
        """Return where the player stands in the pack ``pack_id``, or None when it shows something else."""
        player = self.window.player
        pack, module, lesson = player.pack, player.module, player.lesson
        if self.window.state != "lesson" or pack is None or module is None or lesson is None or pack.id != pack_id:
            return None
        index = player.current_index
        step = lesson.steps[index] if 0 <= index < len(lesson.steps) else None
        return PlayerPosition(
            module_id=module.id,
            module_index=next((i for i, m in enumerate(pack.modules) if m.id == module.id), 0),
            lesson_id=lesson.id,
            lesson_index=next((i for i, le in enumerate(module.lessons) if le.id == lesson.id), 0),
            step_index=max(0, index),
            step_id=step.id if step is not None else None,
            scroll=player.scroll_area.verticalScrollBar().value(),
        )

    def _on_watcher_reload_requested(self, path: str) -> None:
        """Reload the pack whose files changed."""
        self.reload(path)
