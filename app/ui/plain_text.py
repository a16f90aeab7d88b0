"""Text from files is shown as text: labels, message boxes and tooltips never read it as HTML.

Qt guesses: a QLabel, a QMessageBox and a tooltip render their text as HTML whenever it "might be
rich text" (``Qt.mightBeRichText``: a tag near the start). Pack titles, learners' names in results
files and an LRS's error replies are written by others, so a guess would let a file put images,
fake headings or links into the interface, and nested tables freeze the renderer (16 levels took
23 s, 20 over two minutes). The pack's Markdown goes through the sandboxed ``MarkdownView``;
everything else from a file is plain text, by one of these:

- ``plain_label`` (``app.ui.page``) or ``make_plain`` for labels;
- ``show_message`` / ``message_box`` for dialogs;
- ``PlainToolTips``, installed on the application once: a tooltip that Qt would read as rich text
  is shown escaped instead. Our own rich tooltips (the glossary's) are shown with
  ``QToolTip.showText`` and so do not pass through it.
"""

from __future__ import annotations

import html

# The Qt namespace is imported inside the functions: importing it builds all of Qt's enums (about
# 20 ms), and the start installs the tooltip filter before its first paint.
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QMessageBox, QToolTip, QWidget


def escaped_rich(text: str) -> str:
    """Return rich text that shows ``text`` exactly as written, line breaks and spaces kept."""
    return f'<p style="white-space:pre-wrap">{html.escape(text, quote=False)}</p>'


def make_plain(label: QLabel) -> QLabel:
    """Make ``label`` show its text as plain text, whatever it holds; return it."""
    from PySide6.QtCore import Qt

    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """Return a message box that shows ``text`` as plain text (it may quote a file or a server)."""
    from PySide6.QtCore import Qt

    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """Show a plain-text message and wait for the user to close it."""
    message_box(parent, icon, title, text).exec()


# The filter sees every event of the application (thousands per step switch), so it asks first
# what costs least: PySide hands a tooltip request over as a QHelpEvent, and an isinstance test is
# several times cheaper than ``event.type()``, which builds a Python enum member on every call.
_TOOLTIP = QEvent.Type.ToolTip


class PlainToolTips(QObject):
    """An application event filter that shows any tooltip Qt would read as HTML as escaped text."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QHelpEvent) or event.type() != _TOOLTIP or not isinstance(watched, QWidget):
            return False
        from PySide6.QtCore import Qt
        from PySide6.QtGui import Qt as GuiQt  # Qt.mightBeRichText lives in QtGui's Qt namespace

        tip = watched.toolTip()
        view = watched.parent()
        if not tip and isinstance(view, QAbstractItemView) and watched is view.viewport():
            # an item's tooltip (a learner's name, a lesson title) is the view's to show
            value = view.indexAt(event.pos()).data(Qt.ItemDataRole.ToolTipRole)
            tip = value if isinstance(value, str) else ""
        if tip and GuiQt.mightBeRichText(tip):
            QToolTip.showText(event.globalPos(), escaped_rich(tip), watched)
            return True
        return False


_filter: PlainToolTips | None = None


def install_plain_tooltips(app: QApplication) -> None:
    """Install the tooltip filter on ``app`` (once)."""
    global _filter
    if _filter is None:
        _filter = PlainToolTips(app)
        app.installEventFilter(_filter)
