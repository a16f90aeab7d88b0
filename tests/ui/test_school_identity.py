"""The school identity dialog: what is sent and to whom, in words; saved only when complete."""

from __future__ import annotations

from app.model import lrs
from app.model.identity import SchoolIdentity
from app.model.progress import ProgressStore
from app.ui.school_identity import SchoolIdentityDialog


def test_dialog_says_what_is_sent_and_saves_the_account(qtbot, store: ProgressStore) -> None:
    profile = store.profile(store.create_profile("Mei"))
    assert profile is not None
    store.set_setting(lrs.SETTING_ENDPOINT, "https://lrs.school.example/xAPI/")
    store.set_setting(lrs.SETTING_ENABLED, True)
    dialog = SchoolIdentityDialog(store, profile)
    qtbot.addWidget(dialog)
    assert dialog.anonymous_radio.isChecked() and not dialog.login_edit.isEnabled()
    assert "random number" in dialog.sent_label.text() and "https://lrs.school.example/xAPI/" in dialog.sent_label.text()
    dialog.account_radio.setChecked(True)
    dialog.home_edit.setText("https://lms.school.example")
    dialog.login_edit.setText("mei.w")
    assert "“mei.w” at https://lms.school.example" in dialog.sent_label.text()
    assert dialog.save()
    assert store.school_identity(profile.uuid) == SchoolIdentity("https://lms.school.example", "mei.w")


def test_incomplete_identity_is_not_saved_and_says_why(qtbot, store: ProgressStore) -> None:
    profile = store.profile(store.create_profile("Ana"))
    assert profile is not None
    dialog = SchoolIdentityDialog(store, profile)
    qtbot.addWidget(dialog)
    dialog.email_radio.setChecked(True)
    dialog.email_edit.setText("ana-at-school")
    assert not dialog.save()
    assert "email address does not look right" in dialog.error_label.text()
    assert store.school_identity(profile.uuid) is None
    assert "only into results files you export" in dialog.sent_label.text()  # no LRS set up here


def test_hashed_email_never_shows_up_as_sent(qtbot, store: ProgressStore) -> None:
    profile = store.profile(store.create_profile("Bo"))
    assert profile is not None
    dialog = SchoolIdentityDialog(store, profile)
    qtbot.addWidget(dialog)
    dialog.email_radio.setChecked(True)
    dialog.email_edit.setText("bo@school.example")
    dialog.hash_box.setChecked(True)
    assert "scrambled form" in dialog.sent_label.text()
    assert dialog.save()
    assert store.school_identity(profile.uuid) == SchoolIdentity(email="bo@school.example", hash_email=True)
