"""File > Join a class…: open a class file a teacher handed out and set this profile up from it.

The dialog says what joining does before anything changes: where results will go, that they are
marked for this class run, which packs are installed, and exactly what identifies the learner.
The learner's school login is theirs to type (or leave out); the LRS secret is asked for here
only when the class file leaves it out and none is saved yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.model.identity import IdentityError
from app.model.progress import DEFAULT_PROFILE_NAME, ProgressError
from app.model.school_class import CLASS_SUFFIX, ClassFileError, LoadedClass, join_class, read_class_file
from app.ui.plain_text import show_message
from app.ui.school_identity import add_sent_and_problem_labels

CLASS_FILTER = f"Class files (*{CLASS_SUFFIX})"


class JoinClassDialog(QDialog):
    """Show what joining a class does, ask for the learner's login (and the LRS secret if needed), then join."""

    def __init__(self, window: Any, loaded: LoadedClass, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        from app.ui.lrs_settings import install_lrs_sync

        self.window_ = window
        self.loaded = loaded
        self.controller = install_lrs_sync(window)
        data = loaded.data
        self.profile = window.store.profile(window.profile_id)
        self.setWindowTitle(f"Join the class “{data.name}”")
        self.setAccessibleName("Join a class")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        heading = QLabel(f"Join “{data.name}” as {self.profile.name if self.profile else 'this profile'}")
        heading.setObjectName("sideHeading")
        layout.addWidget(heading)
        steps = ["• Your results from now on are marked as work for this class."]
        if data.lrs is not None:
            steps.append(f"• They are sent to the class's Learning Record Store at {data.lrs.endpoint} "
                         f"with the key “{data.lrs.key}”.")
        steps += [f"• The pack {pack} is installed." for pack in data.packs]
        self.steps_label = QLabel("\n".join(steps))
        self.steps_label.setWordWrap(True)
        self.steps_label.setAccessibleName("What joining does")
        layout.addWidget(self.steps_label)

        form = QFormLayout()
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText("leave empty to stay anonymous")
        self.login_edit.setAccessibleName("Your school login or student number")
        self.login_edit.textChanged.connect(self._on_login_edit_text_changed)
        form.addRow("Your school &login:", self.login_edit)
        school = QLabel(f"at {data.home_page}")
        school.setObjectName("muted")
        form.addRow("", school)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName("The class's LRS secret")
        needs_secret = (
            data.lrs is not None
            and not data.lrs.secret
            and self.controller.credentials.load(data.lrs.endpoint, data.lrs.key) is None
        )
        if needs_secret:
            form.addRow("Class &secret (from your teacher):", self.secret_edit)
        else:
            self.secret_edit.hide()
        layout.addLayout(form)

        self.sent_label, self.error_label = add_sent_and_problem_labels(layout)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.join_button = self.buttons.addButton("&Join class", QDialogButtonBox.ButtonRole.AcceptRole)
        self.join_button.setAccessibleName("Join class")
        self.join_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.join)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._on_login_edit_text_changed(self.login_edit.text())
        self.adjustSize()

    def sent_text(self) -> str:
        """Say what each result will carry, and where it goes."""
        data = self.loaded.data
        name = self.profile.name if self.profile else ""
        named = f"your profile name “{name}”" if name and name != DEFAULT_PROFILE_NAME else "no name"
        login = " ".join(self.login_edit.text().split())
        who = (f"Each result carries {named} and your login “{login}” at {data.home_page}"
               if login else f"Each result carries {named} and this profile's random number (no school login)")
        where = (f"It goes to {data.lrs.endpoint}, which your school runs, and into any results file you export."
                 if data.lrs is not None else "It goes only into results files you export.")
        return f"{who}, with the class run's number. {where}"

    def _on_login_edit_text_changed(self, _text: str) -> None:
        self.sent_label.setText(self.sent_text())
        self.error_label.setText("")

    def join(self) -> bool:
        """Join the class; install its packs; start sending. Say what is wrong instead when it cannot."""
        window = self.window_
        try:
            result = join_class(window.store, window.profile_id, self.loaded, self.controller.credentials,
                                login=self.login_edit.text(), secret=self.secret_edit.text() or None)
        except (IdentityError, ProgressError, ClassFileError) as error:
            self.error_label.setText(f"⚠ {error}")
            return False
        installer = getattr(window, "pack_installer", None)
        for path in self.loaded.pack_paths():
            if installer is not None:
                installer.install_path(str(path))
        self.controller.request_sync(force=True)
        window.statusBar().showMessage(f"Joined the class “{result.class_name}”.", 8000)
        self.accept()
        return True


def open_join_class(window: Any, path: str | None = None) -> JoinClassDialog | None:
    """Ask for a class file (unless given), check it, and show the join dialog; errors are shown, not raised."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "Join a class", "", CLASS_FILTER)
        if not path:
            return None
    try:
        loaded = read_class_file(path)
    except ClassFileError as error:
        lines = "\n".join(problem.format(str(Path(path).parent)) for problem in error.problems[:10])
        show_message(window, QMessageBox.Icon.Warning, "Class file not used", f"{Path(path).name} cannot be used:\n\n{lines}")
        return None
    dialog = JoinClassDialog(window, loaded)
    dialog.open()
    return dialog


def apply_site_class_at_start(window: Any) -> None:
    """Join the machine-wide class file's class (for IT roll-outs), once per profile, quietly."""
    from app.model.school_class import apply_site_class
    from app.ui.lrs_settings import install_lrs_sync

    controller = install_lrs_sync(window)
    try:
        result = apply_site_class(window.store, window.profile_id, controller.credentials)
    except (ClassFileError, ProgressError, IdentityError, OSError):
        return  # a broken machine-wide file must not stop the app; `unspun validate` names its problems
    if result is not None:
        window.statusBar().showMessage(f"Joined the class “{result.class_name}” set up on this computer.", 8000)
        controller.request_sync(force=True)
