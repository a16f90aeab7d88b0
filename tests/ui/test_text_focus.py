"""Read-only text that takes focus shows it without a border drawn over its letters."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.ui.rich_text import MarkdownView
from app.ui.theme import apply_theme, current_theme


def test_focused_text_has_no_border_over_its_letters(qtbot) -> None:
    """A focused MarkdownView is tinted, not framed: no accent line is painted over its first column of text."""
    apply_theme(QApplication.instance())
    host = QWidget()
    layout = QVBoxLayout(host)
    view = MarkdownView(None, host)
    view.set_markdown("Roberts argues that small costs shape what most people see.")
    other = MarkdownView(None, host)
    other.set_markdown("Another paragraph.")
    layout.addWidget(view)
    layout.addWidget(other)
    qtbot.addWidget(host)
    host.resize(600, 300)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    image = view.grab().toImage()
    accent = QColor(current_theme().accent)
    edge = [image.pixelColor(0, y) for y in range(image.height())]
    assert all(colour.rgb() != accent.rgb() for colour in edge)
