"""File > Export worksheet… and Export answer key…: the handouts of the open pack, from the GUI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMenu, QMessageBox

from app.ui.plain_text import show_message

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.ui.main_window import MainWindow


class HandoutActions(QObject):
    """Adds the two export actions to the File menu and runs them for the pack in use."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def add_file_actions(self, menu: QMenu) -> None:
        """Add Export worksheet… and Export answer key… to ``menu``."""
        window = self.window
        self.worksheet_action = window._action(
            "Export &worksheet…", ["Ctrl+Shift+P"], lambda: self.export(answer_key=False)
        )
        self.worksheet_action.setStatusTip("Print the pack as a worksheet (PDF or HTML), with space to answer")
        self.answer_key_action = window._action("Export answer &key…", [], lambda: self.export(answer_key=True))
        self.answer_key_action.setStatusTip("Print the answers and explanations that go with the worksheet")
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
            QMessageBox.information(self.window, "Export handout", "Open a pack first: File > Open pack…")
            return
        kind = "answer-key" if answer_key else "worksheet"
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export handout", f"{pack.id}-{kind}.pdf", "PDF (*.pdf);;HTML (*.html)"
        )
        if not path:
            return
        from app.ui.handout_pdf import HandoutExportError, export_handout  # the PDF writer, when first used

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_handout(pack, path, answer_key=answer_key)
        except HandoutExportError as error:
            show_message(self.window, QMessageBox.Icon.Warning, "Export handout", str(error))
        else:
            self.window.statusBar().showMessage(f"Saved {path}", 5000)
        finally:
            QApplication.restoreOverrideCursor()
