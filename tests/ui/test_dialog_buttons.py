"""Dialog buttons show words only, whatever the platform's style would add."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QProxyStyle, QStyle

from app.ui.theme import apply_theme


class IconButtonsStyle(QProxyStyle):
    """A style like KDE's or X11's generic one: standard dialog buttons carry stock icons."""

    def styleHint(self, hint, option=None, widget=None, data=None):
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


def test_dialog_buttons_have_no_stock_icons(qtbot) -> None:
    """Under the application's style sheet, OK and Cancel get no icon even where the style would give one."""
    apply_theme(QApplication.instance())
    style = IconButtonsStyle()
    box = QDialogButtonBox()
    qtbot.addWidget(box)
    box.setStyle(style)
    box.setStandardButtons(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert box.style().styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons, None, box) == 0
    assert all(button.icon().isNull() for button in box.buttons())
