"""File > Export worksheet… and Export answer key…: the handouts of the open pack, from the GUI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from app.ui.dialogs import inform
from app.ui.plain_text import show_message

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.ui.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class HandoutScope:
    """What a handout covers: the whole pack, one module, or one lesson of a module."""

    label: str
    module_id: str | None = None
    lesson_id: str | None = None
    file_part: str = ""


def handout_scopes(pack: Pack, module_id: str | None = None, lesson_id: str | None = None) -> list[HandoutScope]:
    """List what a handout of ``pack`` may cover: the whole pack, each module (or the open one), the open lesson."""
    modules = len(pack.modules)
    scopes = [HandoutScope(f"The whole pack: {pack.title} ({modules} module{'s' * (modules != 1)})")]
    for module in pack.modules:
        if module_id is None or module.id == module_id:
            scopes.append(HandoutScope(f"One module: {module.title}", module.id, None, f"-{module.id}"))
    lesson = pack.lesson(module_id, lesson_id) if module_id and lesson_id else None
    if lesson is not None:
        scopes.append(HandoutScope(f"One lesson: {lesson.title}", module_id, lesson.id, f"-{lesson.id}"))
    return scopes


def ask_scope(parent: QWidget, scopes: list[HandoutScope], kind: str) -> HandoutScope | None:
    """Ask what the handout covers (the last choice, the narrowest, first); None when cancelled."""
    labels = [scope.label for scope in scopes]
    label, chosen = QInputDialog.getItem(
        parent, f"Export {kind}", f"What should the {kind} cover?", labels, len(labels) - 1, False
    )
    return scopes[labels.index(label)] if chosen and label in labels else None


def announce_saved(parent: QWidget, path: str, kind: str) -> None:
    """Say the handout was saved, offering to open it or show its folder."""
    box = QMessageBox(QMessageBox.Icon.Information, f"Export {kind}", f"The {kind} is saved as {Path(path).name}.",
                      QMessageBox.StandardButton.Close, parent)
    box.setInformativeText(str(Path(path).parent))
    box.setTextFormat(Qt.TextFormat.PlainText)
    open_button = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("Show in folder", QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(open_button)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
    elif box.clickedButton() is folder_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


class HandoutActions(QObject):
    """Adds the two export actions to the File menu and runs them for the pack in use."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def add_file_actions(self, menu: QMenu) -> None:
        """Add Export worksheet… and Export answer key… to ``menu``."""
        window = self.window
        self.worksheet_action = window._action(
            QCoreApplication.translate("HandoutActions", "Export &worksheet…"), ["Ctrl+Shift+P"], lambda: self.export(answer_key=False)
        )
        self.worksheet_action.setStatusTip(
            QCoreApplication.translate("HandoutActions", "Print the pack as a worksheet (PDF or HTML), with space to answer")
        )
        self.answer_key_action = window._action(QCoreApplication.translate("HandoutActions", "Export answer &key…"), [], lambda: self.export(answer_key=True))
        self.answer_key_action.setStatusTip(
            QCoreApplication.translate("HandoutActions", "Print the answers and explanations that go with the worksheet")
        )
        menu.addSeparator()
        menu.addAction(self.worksheet_action)
        menu.addAction(self.answer_key_action)

    def pack_in_use(self) -> Pack | None:
        """Return the pack of the open lesson, or ask which pack when several are loaded."""
        window = self.window
        if window.player.pack is not None and window.state == "lesson":
            return window.player.pack
        if len(window.packs) <= 1:
            return window.packs[0] if window.packs else None
        titles = [pack.title for pack in window.packs]
        title, chosen = QInputDialog.getItem(window, "Export handout", "Pack:", titles, 0, False)
        return window.packs[titles.index(title)] if chosen else None

    def export(self, *, answer_key: bool) -> None:
        """Ask where to save, then write the worksheet or the answer key of the pack in use."""
        pack = self.pack_in_use()
        if pack is None:
            inform(self.window, "Export handout", "Open a pack first: File > Open pack…")
            return
        kind = "answer-key" if answer_key else "worksheet"
        words = "answer key" if answer_key else "worksheet"
        window = self.window
        in_lesson = window.state == "lesson" and window.player.pack is pack and window.player.module is not None
        scopes = handout_scopes(
            pack,
            window.player.module.id if in_lesson and window.player.module is not None else None,
            window.player.lesson.id if in_lesson and window.player.lesson is not None else None,
        )
        scope = scopes[0] if len(scopes) == 1 else ask_scope(window, scopes, words)
        if scope is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            window, "Export handout", f"{pack.id}{scope.file_part}-{kind}.pdf", "PDF (*.pdf);;HTML (*.html)"
        )
        if not path:
            return
        from app.model.handout import narrowed
        from app.ui.handout_pdf import HandoutExportError, export_handout  # the PDF writer, when first used

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_handout(narrowed(pack, scope.module_id, scope.lesson_id), path, answer_key=answer_key)
        except HandoutExportError as error:
            QApplication.restoreOverrideCursor()
            show_message(window, QMessageBox.Icon.Warning, "Export handout", str(error))
            return
        QApplication.restoreOverrideCursor()
        window.statusBar().showMessage(f"Saved {path}", 5000)
        announce_saved(window, path, words)
