"""Return and Enter press the focused push button, as Space does (Qt does so only in dialogs)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def click_focused_button(event: QKeyEvent, within: QWidget) -> bool:
    """Click the focused push button inside ``within`` on a plain Return or Enter; tell whether it did.

    Call from ``keyPressEvent``: a push button outside a dialog ignores Return, which then reaches
    its ancestors, so one handler on a step or a question card serves every button in it.
    """
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() not in RETURN_KEYS or modifiers != Qt.KeyboardModifier.NoModifier:
        return False
    button = QApplication.focusWidget()
    if not isinstance(button, QPushButton) or not button.isEnabled() or not within.isAncestorOf(button):
        return False
    button.click()
    event.accept()
    return True
