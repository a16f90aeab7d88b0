"""File > Install pack… and File > Remove installed pack…: the dialogs around ``app.model.installed``.

The module-level ``ask_*`` functions are the only modal dialogs here; tests replace them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from app.model.installed import (
    InstallError,
    install_folder,
    install_pack,
    is_installed_copy,
    remove_installed,
)
from app.ui.dialogs import ask_choice, ask_yes_no, inform

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.ui.main_window import MainWindow

STATUS_MESSAGE_MS = 5000


def ask_pack_path(parent: QWidget, title: str) -> str:
    """Ask for a pack (its pack.yaml or a .zip); return '' when the learner cancels."""
    path, _ = QFileDialog.getOpenFileName(
        parent, title, str(Path.home()), "Lesson packs (pack.yaml *.zip);;All files (*)"
    )
    return path


def version_label(pack: Pack | None) -> str:
    """Return a pack's ``version`` as shown to the learner ("no version" when it has none)."""
    if pack is None:
        return "an unreadable version"
    return f"version {pack.manifest.version}" if pack.manifest.version else "no version label"


class PackInstaller(QObject):
    """Installs packs into the data folder's library and removes them, keeping the window's list in step."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    @property
    def data(self) -> Path | None:
        """Return the window's data folder, where installed packs live."""
        return self.window.data_dir

    def installed_packs(self) -> list[Pack]:
        """Return the packs in the window that were loaded from the library."""
        data = self.data
        if data is None:
            return []
        return [pack for pack in self.window.packs if is_installed_copy(data, pack.source.root)]

    # ---------------------------------------------------------------- install

    def install_dialog(self) -> None:
        """Ask for a pack and install it."""
        path = ask_pack_path(self.window, "Install pack")
        if path:
            self.install_path(path)

    def install_path(self, path: str) -> Pack | None:
        """Check the pack at ``path``, ask before replacing an installed one, copy it; return the installed pack."""
        from app.model.loader import load_pack

        data = self.data
        if data is None:
            inform(self.window, "Install pack", "Unspun has no data folder in this session, so it cannot install packs.")
            return None
        result = load_pack(path)
        self.window.show_problems(path, result)
        if not result.ok or result.pack is None:
            return None
        new = result.pack
        destination = install_folder(data, new.id)
        if destination.exists():
            old = load_pack(destination).pack
            old_title = old.title if old is not None else new.title
            question = (
                f"“{old_title}” is already installed ({version_label(old)}).\n\n"
                f"Replace it with {version_label(new)} from {path}?\n\n"
                "Your progress in it is kept: it is recorded by the ids of its lessons and steps."
            )
            if not ask_yes_no(self.window, "Replace installed pack?", question, "Replace"):
                return None
        try:
            installed_at = install_pack(new.source, new.id, data)
        except InstallError as error:
            inform(self.window, "Install pack", f"The pack was not installed: {error}")
            return None
        installed = load_pack(installed_at)
        if not installed.ok or installed.pack is None:  # the copy must load as the original did
            self.window.show_problems(str(installed_at), installed)
            return None
        self.window.add_pack(installed.pack)
        self.window.statusBar().showMessage(
            f"Installed {installed.pack.title} ({version_label(installed.pack)})", STATUS_MESSAGE_MS
        )
        return installed.pack

    # ---------------------------------------------------------------- remove

    def remove_dialog(self) -> None:
        """Ask which installed pack to remove, confirm, and remove it."""
        packs = self.installed_packs()
        if not packs:
            inform(self.window, "Remove installed pack", "No packs are installed. File > Install pack… adds one.")
            return
        labels = [f"{pack.title} ({version_label(pack)})" for pack in packs]
        index = ask_choice(self.window, "Remove installed pack", "Pack to remove:", labels)
        if index is not None:
            self.remove_pack(packs[index])

    def remove_pack(self, pack: Pack) -> bool:
        """Confirm, then delete the installed copy of ``pack``; return True when it was removed."""
        data = self.data
        if data is None or pack.source.root is None or not is_installed_copy(data, pack.source.root):
            return False
        question = (
            f"Remove “{pack.title}” ({version_label(pack)}) from this computer?\n\n"
            "Your progress in it is kept, and comes back if you install it again."
        )
        if not ask_yes_no(self.window, "Remove installed pack?", question, "Remove"):
            return False
        try:
            remove_installed(data, pack.source.root)
        except InstallError as error:
            inform(self.window, "Remove installed pack", str(error))
            return False
        self.window.set_packs([p for p in self.window.packs if p is not pack])
        self.window.statusBar().showMessage(f"Removed {pack.title}", STATUS_MESSAGE_MS)
        return True
