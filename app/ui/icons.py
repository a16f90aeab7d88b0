"""Small icons the application draws itself (lesson states, problem severities, profile avatars)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

#: drawn at this multiple of their size, so that they stay crisp on high-density screens
ICON_PIXEL_RATIO = 2


def drawn_icon(size: int, draw: Callable[[QPainter], None]) -> QIcon:
    """Return a ``size`` px square icon on a transparent ground, painted by ``draw`` (antialiased)."""
    pixmap = QPixmap(size * ICON_PIXEL_RATIO, size * ICON_PIXEL_RATIO)
    pixmap.setDevicePixelRatio(ICON_PIXEL_RATIO)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter)
    painter.end()
    return QIcon(pixmap)
