"""The top bar's library panel switch: an icon button set apart from the page tabs (Home, Dashboard...)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen
from PySide6.QtWidgets import QToolButton, QWidget

from app.ui.icons import drawn_icon
from app.ui.theme import Theme, current_theme, scaled, theme_signals

PANEL_ICON_PX = 20


def panel_icon(theme: Theme, shown: bool, size: int = PANEL_ICON_PX) -> QIcon:
    """Draw a window with a side pane: the pane is filled while the panel shows, empty while hidden."""

    def draw(painter: QPainter) -> None:
        colour = QColor(theme.accent if shown else theme.muted)
        frame = QRectF(2, 3.5, size - 4, size - 7)
        pane = QRectF(frame.left(), frame.top(), frame.width() * 0.36, frame.height())
        if shown:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(pane, 2.5, 2.5)
            painter.drawRect(pane.adjusted(pane.width() / 2, 0, 0, 0))  # square off the inner edge
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 1.6))
        painter.drawRoundedRect(frame, 2.5, 2.5)
        painter.drawLine(pane.topRight(), pane.bottomRight())

    return drawn_icon(size, draw)


class PanelToggleButton(QToolButton):
    """A checkable icon button that shows or hides a side panel; its icon shows whether it is shown."""

    def __init__(self, name: str, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelToggle")
        self.setAccessibleName(name)
        self.setToolTip(tip)
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._redraw()
        signals = theme_signals()
        signals.theme_changed.connect(self._on_theme_changed)
        signals.zoom_changed.connect(self._on_theme_zoom_changed)

    def _redraw(self) -> None:
        """Paint the icon for the current theme, zoom and on/off state."""
        size = scaled(PANEL_ICON_PX)
        self.setIconSize(QSize(size, size))
        self.setIcon(panel_icon(current_theme(), self.isChecked(), size))

    def checkStateSet(self) -> None:
        """Fill or empty the icon's side pane, also when set with signals blocked (the View menu's echo)."""
        super().checkStateSet()
        self._redraw()

    def _on_theme_changed(self, _theme: object) -> None:
        """Redraw in the new colours."""
        self._redraw()

    def _on_theme_zoom_changed(self, _factor: float) -> None:
        """Redraw at the new size."""
        self._redraw()
