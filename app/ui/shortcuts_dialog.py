"""Help > Keyboard shortcuts: the whole keyboard map, grouped, in one table.

The rows for menu actions are read from the actions themselves, so the table always shows the
keys that work; keys handled inside a step (Tab, Return, Ctrl+M, scrolling) are listed with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import SPACE_L, SPACE_M, SPACE_XL


@dataclass(frozen=True, slots=True)
class ShortcutRow:
    """One line of the map: what happens, and the keys that do it (already written for people)."""

    what: str
    keys: str


def action_row(action: QAction, what: str | None = None) -> ShortcutRow:
    """Describe a menu action and its shortcuts ("Alt+Left or PgUp"), as the menu shows them."""
    keys = " or ".join(
        shortcut.toString(QKeySequence.SequenceFormat.NativeText) for shortcut in action.shortcuts()
    )
    return ShortcutRow(what or action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"), keys)


class KeyboardShortcutsDialog(QDialog):
    """A table of every shortcut, in groups (moving around, answering, reading, view, file)."""

    def __init__(
        self, groups: Sequence[tuple[str, Sequence[ShortcutRow]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.groups = [(title, [row for row in rows if row.keys]) for title, rows in groups]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_XL, SPACE_XL, SPACE_L)
        layout.setSpacing(SPACE_M)
        intro = QLabel("Everything in Unspun can be done from the keyboard. Tab moves through a step's "
                       "controls in reading order; Shift+Tab goes back.")
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)

        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        rows_header = self.table.verticalHeader()
        rows_header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows_header.setDefaultSectionSize(self.fontMetrics().height() + SPACE_M)
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for title, rows in self.groups:
            if not rows:
                continue
            line = self.table.rowCount()
            self.table.insertRow(line)
            group = QTableWidgetItem(title)
            group.setFont(bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: read, not selected
            self.table.setItem(line, 0, group)
            self.table.setSpan(line, 0, 1, 2)
            for row in rows:
                line = self.table.rowCount()
                self.table.insertRow(line)
                self.table.setItem(line, 0, QTableWidgetItem(row.what))
                keys = QTableWidgetItem(row.keys)
                keys.setToolTip(row.keys)
                self.table.setItem(line, 1, keys)
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, self.table.columnWidth(0) + SPACE_XL)  # a gap before the keys
        self.table.setCurrentCell(-1, -1)  # nothing looks picked when the dialog opens
        # wide enough for every row unclipped: the action column, the keys, the scroll bar and a gap
        keys_width = max((self.fontMetrics().horizontalAdvance(row.keys) for _t, rows in self.groups
                          for row in rows), default=0)
        width = self.table.columnWidth(0) + keys_width + SPACE_XL * 2 + self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumSize(width, 440)
        layout.addWidget(self.table, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.sizeHint().width(), 640)

    def rows(self) -> dict[str, str]:
        """Return every shortcut shown, as {action: keys} (for tests and screen readers alike)."""
        return {row.what: row.keys for _title, rows in self.groups for row in rows}
