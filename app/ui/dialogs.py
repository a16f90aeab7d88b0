"""The one seam for message boxes and short questions: every screen asks and tells through here.

Built on ``plain_text.message_box``, so what a dialog quotes (a pack's title, a learner's name from a
results file, a server's reply) is shown as plain text, never read as HTML. Screens import these
names into their own module, so a test replaces a screen's question (``monkeypatch.setattr(profiles,
"confirm_delete", ...)``) without touching the others.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget

from app.ui.plain_text import make_plain, message_box, show_message


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """Say something that needs no answer: what happened, or that it went well."""
    show_message(parent, QMessageBox.Icon.Information, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """Say that something could not be done, and why."""
    show_message(parent, QMessageBox.Icon.Warning, title, text)


def ask_yes_no(
    parent: QWidget | None,
    title: str,
    text: str,
    yes: str,
    *,
    no: str | None = None,
    destructive: bool = False,
    details: str = "",
) -> bool:
    """Ask a question whose Yes button says ``yes``; return True only when it was chosen.

    The other button (``no``, or Cancel) is the default and what Escape presses, so a stray Return
    never does the thing asked about. ``destructive`` shows a warning and marks ``yes`` as one.
    """
    icon = QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question
    box = message_box(parent, icon, title, text, QMessageBox.StandardButton.NoButton)
    if details:
        box.setInformativeText(details)
    role = QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.AcceptRole
    confirm = box.addButton(yes, role)
    if no is None:
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    else:
        cancel = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is confirm


def ask_choice(parent: QWidget | None, title: str, label: str, choices: list[str]) -> int | None:
    """Ask for one of ``choices``; return its index, or None when cancelled."""
    choice, accepted = QInputDialog.getItem(parent, title, label, choices, 0, False)
    return choices.index(choice) if accepted and choice in choices else None


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """Ask for a line of text, starting from ``text``; return it, or None when cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)  # it may quote a name that a file chose
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(text)
    for child in dialog.findChildren(QLabel):
        make_plain(child)
    return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None
