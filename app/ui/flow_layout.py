"""A layout that puts items side by side and wraps them onto new rows, like words in a paragraph.

Its minimum width is the widest item's minimum, never the sum of the items, so a row of labels
can sit in a narrow column without pushing the column wider (which would squeeze the rows above
it, since box layouts compute height-for-width at the minimum width they are forced to).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class _HeightForWidthLayout(QLayout):
    """A list of items placed by one ``_arrange(rect, place=...)``, whose height depends on the width."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        # Heights already measured, by width: box layouts ask for the same widths over and over
        # (thousands of times per step switch); Qt calls ``invalidate`` whenever an item changes.
        self._heights: dict[int, int] = {}

    def count(self) -> int:
        """Return how many items the layout holds."""
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        """Return item ``index``, or None past the end."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        """Remove and return item ``index``, or None past the end."""
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self.invalidate()
        return item

    def hasHeightForWidth(self) -> bool:
        """Tell Qt that the height depends on the width (rows wrap, a companion moves below)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Return the height the items take at ``width``."""
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), place=False)
        return height

    def invalidate(self) -> None:
        """Forget the measured heights (an item was added, removed, shown, hidden or resized)."""
        self._heights.clear()
        super().invalidate()

    def setGeometry(self, rect: QRect) -> None:
        """Place the items inside ``rect``."""
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def _margin_size(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the items out within ``rect`` (only measure unless ``place``); return the height used."""
        raise NotImplementedError


class FlowLayout(_HeightForWidthLayout):
    """Items at their natural width, left to right, wrapping to a new row when the next does not fit."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8, row_spacing: int = 4) -> None:
        super().__init__(parent, spacing=spacing)
        self._row_spacing = row_spacing

    def addItem(self, item: QLayoutItem) -> None:
        """Append ``item`` (addWidget calls this)."""
        self._items.append(item)
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        """Never ask for more room than the rows need."""
        return Qt.Orientation(0)

    def sizeHint(self) -> QSize:
        """Prefer one row holding every item."""
        visible = self._visible_items()
        width = sum(item.sizeHint().width() for item in visible) + self._spacing * max(0, len(visible) - 1)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return QSize(width, height) + self._margin_size()

    def minimumSize(self) -> QSize:
        """Be as narrow as the widest item's minimum."""
        visible = self._visible_items()
        width = max((item.minimumSize().width() for item in visible), default=0)
        height = max((item.minimumSize().height() for item in visible), default=0)
        return QSize(width, height) + self._margin_size()

    def _visible_items(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the items out in rows within ``rect``; return the height used (margins included).

        Items shorter than their row are centred in it, as in a box layout.
        """
        margins = self.contentsMargins()
        inner = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, row_height = inner.x(), inner.y(), 0
        row: list[tuple[QLayoutItem, QRect]] = []

        def close_row() -> None:
            if place:
                for item, box in row:
                    item.setGeometry(box.translated(0, (row_height - box.height()) // 2))
            row.clear()

        for item in self._visible_items():
            width = max(item.minimumSize().width(), min(item.sizeHint().width(), inner.width()))
            height = item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
            if x > inner.x() and x + width > inner.x() + inner.width():
                close_row()
                x, y = inner.x(), y + row_height + self._row_spacing
                row_height = 0
            row.append((item, QRect(QPoint(x, y), QSize(width, height))))
            x += width + self._spacing
            row_height = max(row_height, height)
        close_row()
        return y + row_height - rect.y() + margins.bottom()


class BesideOrBelowLayout(_HeightForWidthLayout):
    """A main item with a companion (a badge) at its top right, or under it when the width is short.

    The main item (say an account name that wraps) keeps at least its minimum width beside the
    companion; below that, the companion moves under it. The layout's minimum width is the wider of
    the two, never their sum.
    """

    def addItem(self, item: QLayoutItem) -> None:
        """Add the main item first, then the companion (addWidget calls this)."""
        if len(self._items) >= 2:
            raise ValueError("BesideOrBelowLayout holds a main item and one companion")
        self._items.append(item)
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        """Take the width offered."""
        return Qt.Orientation.Horizontal

    def sizeHint(self) -> QSize:
        """Prefer both side by side."""
        main, companion = self._parts()
        if main is None:
            return QSize()
        hint = main.sizeHint()
        if companion is not None:
            other = companion.sizeHint()
            hint = QSize(hint.width() + self._spacing + other.width(), max(hint.height(), other.height()))
        return hint + self._margin_size()

    def minimumSize(self) -> QSize:
        """Be as narrow as the wider of the two."""
        main, companion = self._parts()
        if main is None:
            return QSize()
        size = main.minimumSize()
        if companion is not None:
            size = size.expandedTo(companion.sizeHint())
        return size + self._margin_size()

    def companion_beside(self, width: int) -> bool:
        """Tell whether the companion sits beside the main item at ``width`` (margins included)."""
        main, companion = self._parts()
        if main is None or companion is None:
            return True
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        return main.minimumSize().width() + self._spacing + companion.sizeHint().width() <= inner

    def _parts(self) -> tuple[QLayoutItem | None, QLayoutItem | None]:
        visible = [item for item in self._items if not item.isEmpty()]
        return (visible[0] if visible else None, visible[1] if len(visible) > 1 else None)

    @staticmethod
    def _height(item: QLayoutItem, width: int) -> int:
        return item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Place the items within ``rect``; return the height used (margins included)."""
        margins = self.contentsMargins()
        inner = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        main, companion = self._parts()
        if main is None:
            return margins.top() + margins.bottom()
        if companion is None:
            height = self._height(main, inner.width())
            if place:
                main.setGeometry(QRect(inner.topLeft(), QSize(inner.width(), height)))
            return height + margins.top() + margins.bottom()
        other = companion.sizeHint()
        if self.companion_beside(rect.width()):
            main_width = inner.width() - self._spacing - other.width()
            main_height = self._height(main, main_width)
            if place:
                main.setGeometry(QRect(inner.topLeft(), QSize(main_width, main_height)))
                companion.setGeometry(QRect(QPoint(inner.right() + 1 - other.width(), inner.y()), other))
            height = max(main_height, other.height())
        else:
            main_height = self._height(main, inner.width())
            if place:
                main.setGeometry(QRect(inner.topLeft(), QSize(inner.width(), main_height)))
                companion.setGeometry(QRect(QPoint(inner.x(), inner.y() + main_height + self._spacing), other))
            height = main_height + self._spacing + other.height()
        return height + margins.top() + margins.bottom()


__all__ = ["BesideOrBelowLayout", "FlowLayout"]
