"""The school identity dialog: how a learner lets the school link their results to their account.

It offers three choices (anonymous, a school account, an email address) and says, as the
learner types, exactly what each result will carry and where it goes: the LRS set up on this
computer (with its address) and any results file the learner exports. Nothing is sent that the
learner did not enter here or as their profile name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.model import lrs
from app.model.identity import IdentityError, SchoolIdentity, make_identity
from app.model.progress import DEFAULT_PROFILE_NAME, ProgressError
from app.ui.theme import SPACE_M, SPACE_S

if TYPE_CHECKING:
    from app.model.progress import Profile, ProgressStore



def add_sent_and_problem_labels(layout: QVBoxLayout) -> tuple[QLabel, QLabel]:
    """Add the "What is sent, and to whom" heading, its text and a problem line; return the two labels.

    The school-identity and join-class dialogs both tell the learner what leaves the computer before
    anything is sent.
    """
    heading = QLabel("What is sent, and to whom")
    heading.setObjectName("sideHeading")
    layout.addWidget(heading)
    sent_label = QLabel("")
    sent_label.setWordWrap(True)
    sent_label.setAccessibleName("What is sent, and to whom")
    layout.addWidget(sent_label)
    error_label = QLabel("")
    error_label.setWordWrap(True)
    error_label.setAccessibleName("Problem")
    layout.addWidget(error_label)
    return sent_label, error_label

class SchoolIdentityDialog(QDialog):
    """Choose how this profile's results name the learner: anonymously, by school account or by email."""

    def __init__(self, store: ProgressStore, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.profile = profile
        self.setWindowTitle(f"School identity for {profile.name}")
        self.setAccessibleName("School identity")
        self.setMinimumWidth(560)
        current = store.school_identity(profile.uuid)
        membership = store.class_membership(profile.uuid)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Your school can link your results to your school account when you say who you are there. "
            "Leave it anonymous and your results carry only your profile's name and a random number."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.choice = QButtonGroup(self)
        self.anonymous_radio = QRadioButton("&Anonymous: no school identity")
        self.account_radio = QRadioButton("School &account (login or student number)")
        self.email_radio = QRadioButton("&Email address")
        for number, radio in enumerate((self.anonymous_radio, self.account_radio, self.email_radio)):
            radio.setAccessibleName(radio.text().replace("&", ""))
            self.choice.addButton(radio, number)
        indent = self.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + SPACE_M

        layout.addWidget(self.anonymous_radio)
        layout.addWidget(self.account_radio)
        account_form = QFormLayout()
        account_form.setContentsMargins(indent, 0, 0, SPACE_S)
        self.home_edit = QLineEdit(current.home_page if current else (membership.home_page if membership else ""))
        self.home_edit.setPlaceholderText("https://lms.your-school.example")
        self.home_edit.setAccessibleName("School's web address")
        account_form.addRow("School's &web address:", self.home_edit)
        self.login_edit = QLineEdit(current.account_name if current else "")
        self.login_edit.setAccessibleName("Your login or student number")
        account_form.addRow("Your &login or number:", self.login_edit)
        layout.addLayout(account_form)

        layout.addWidget(self.email_radio)
        email_form = QFormLayout()
        email_form.setContentsMargins(indent, 0, 0, SPACE_S)
        self.email_edit = QLineEdit(current.email if current else "")
        self.email_edit.setPlaceholderText("name@school.example")
        self.email_edit.setAccessibleName("Email address")
        email_form.addRow("E&mail address:", self.email_edit)
        self.hash_box = QCheckBox("Send only a scrambled form of it (SHA-1)")
        self.hash_box.setAccessibleName("Send only a scrambled form of the address")
        self.hash_box.setToolTip("Your school can match the scrambled form to your address; nobody can read it back")
        self.hash_box.setChecked(bool(current and current.hash_email))
        email_form.addRow("", self.hash_box)
        layout.addLayout(email_form)

        self.sent_label, self.error_label = add_sent_and_problem_labels(layout)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        radio = self.anonymous_radio
        if current is not None:
            radio = self.email_radio if current.kind == "email" else self.account_radio
        radio.setChecked(True)
        self.choice.idToggled.connect(self._on_choice_id_toggled)
        for edit in (self.home_edit, self.login_edit, self.email_edit):
            edit.textChanged.connect(self._on_field_text_changed)
        self.hash_box.toggled.connect(self._on_field_text_changed)
        self._refresh()
        self.adjustSize()  # the wrapped labels need their height for the dialog's width

    # ------------------------------------------------------------ what the learner sees

    def identity(self) -> SchoolIdentity | None:
        """The identity the fields describe (None for anonymous); raises IdentityError when incomplete."""
        if self.anonymous_radio.isChecked():
            return None
        if self.email_radio.isChecked():
            if not self.email_edit.text().strip():
                raise IdentityError("Enter your email address, or choose another option.")
            return make_identity(email=self.email_edit.text(), hash_email=self.hash_box.isChecked())
        return make_identity(home_page=self.home_edit.text(), account_name=self.login_edit.text())

    def sent_text(self) -> str:
        """Say what each result carries and where it goes, for the choice as it stands."""
        name = self.profile.name
        named = (
            f"your profile name “{name}”"
            if name != DEFAULT_PROFILE_NAME
            else "no name (your profile still has the default name)"
        )
        try:
            identity = self.identity()
        except IdentityError:
            identity = None if self.anonymous_radio.isChecked() else SchoolIdentity()
        if identity is None:
            who = f"Each result carries {named} and this profile's random number. Nothing else about you."
        elif identity.email and identity.hash_email:
            who = (f"Each result carries {named} and a scrambled form of {identity.email} that cannot be turned "
                   "back into the address, but that your school can match to it.")
        elif identity.email:
            who = f"Each result carries {named} and your email address {identity.email}."
        elif identity.account_name:
            who = (f"Each result carries {named} and your login “{identity.account_name}” "
                   f"at {identity.home_page or 'your school'}.")
        else:
            who = f"Each result will carry {named} and the school login you enter."
        endpoint = ""
        try:
            settings = lrs.load_settings(self.store)
            endpoint = settings.endpoint if settings.enabled else ""
        except ProgressError:
            pass
        where = (
            f"They go to your school's Learning Record Store at {endpoint}, and into any results file you export."
            if endpoint
            else "They go only into results files you export and hand in: no LRS is set up on this computer."
        )
        return f"{who} {where}"

    def _refresh(self) -> None:
        account, email = self.account_radio.isChecked(), self.email_radio.isChecked()
        for widget in (self.home_edit, self.login_edit):
            widget.setEnabled(account)
        self.email_edit.setEnabled(email)
        self.hash_box.setEnabled(email)
        self.sent_label.setText(self.sent_text())
        self.error_label.setText("")

    def _on_choice_id_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._refresh()

    def _on_field_text_changed(self, *_args: object) -> None:
        self._refresh()

    def save(self) -> bool:
        """Store the identity (or anonymity) and close; say what is wrong instead when it is incomplete."""
        try:
            identity = self.identity()
            self.store.set_school_identity(self.profile.uuid, identity)
        except (IdentityError, ProgressError) as error:
            self.error_label.setText(f"⚠ {error}")
            return False
        self.accept()
        return True


def open_school_identity(store: ProgressStore, profile: Profile, parent: QWidget | None = None) -> int:
    """Show the dialog for ``profile``; return the dialog's result code."""
    dialog = SchoolIdentityDialog(store, profile, parent)
    return dialog.exec()
