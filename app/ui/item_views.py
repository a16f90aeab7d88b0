"""Pieces shared by the tree views whose rows are painted by hand (the library, the problems list)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QIcon, QPainter, QResizeEvent
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget


class WrappingTreeView(QTreeWidget):
    """A tree whose rows wrap their text, so their heights follow the width."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Ask the delegate for every row's height again at the new width."""
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()


def paint_row_panel(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> None:
    """Paint a row's background, hover and selection in the style's way, leaving text and icon to the caller."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    opt.text = ""
    opt.icon = QIcon()
    widget = option.widget
    style = widget.style() if widget is not None else None
    if style is not None:
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
