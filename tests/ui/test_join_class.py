"""File > Join a class…: the dialog says what joining does and what is sent, asks for the login and secret, joins."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.model import lrs
from app.ui import join_class as join_ui

REGISTRATION = "3f1c1a52-9d8e-4a7b-b2a4-0c9a4b3e7d11"
CLASS = f"""\
format: 1
name: Year 9 media literacy
home_page: https://lms.school.example
registration: {REGISTRATION}
lrs:
  endpoint: https://lrs.school.example/xAPI/
  key: year9-media
"""


@pytest.fixture(autouse=True)
def _memory_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lrs, "system_keyring", lambda: (None, "no keyring in tests"))
    monkeypatch.setattr(lrs, "_SESSION_PASSWORDS", {})


def test_join_from_the_file_menu(qtbot, example_window, tmp_path: Path, monkeypatch) -> None:
    from app.ui.lrs_settings import LrsSyncController

    syncs: list[bool] = []
    monkeypatch.setattr(LrsSyncController, "request_sync", lambda self, force=False: syncs.append(force) or True)
    path = tmp_path / "year9.unspun-class"
    path.write_text(CLASS, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), join_ui.CLASS_FILTER))
    file_menu = example_window.menuBar().actions()[0].menu()
    assert "&Join a class…" in [action.text() for action in file_menu.actions()]
    dialog = join_ui.open_join_class(example_window)
    assert dialog is not None
    assert "https://lrs.school.example/xAPI/" in dialog.steps_label.text()
    assert not dialog.secret_edit.isHidden()  # the file has no secret and none is saved
    assert "random number (no school login)" in dialog.sent_label.text()
    dialog.login_edit.setText("mei.w")
    assert "your login “mei.w” at https://lms.school.example" in dialog.sent_label.text()
    dialog.secret_edit.setText("s3cret")
    dialog.join_button.click()
    store = example_window.store
    profile = store.profile(example_window.profile_id)
    assert store.class_membership(profile.uuid).registration == REGISTRATION
    assert store.school_identity(profile.uuid).account_name == "mei.w"
    assert dialog.controller.credentials.load("https://lrs.school.example/xAPI/", "year9-media") == "s3cret"
    assert lrs.load_settings(store).enabled
    assert syncs == [True]  # sending starts at once


def test_a_broken_class_file_is_named_with_its_line(example_window, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "broken.unspun-class"
    path.write_text(CLASS.replace(REGISTRATION, "nope"), encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(join_ui, "show_message", lambda _parent, _icon, _title, text: shown.append(text))
    assert join_ui.open_join_class(example_window, str(path)) is None
    assert "broken.unspun-class:4:15: error: `registration` must be a UUID" in shown[0]
    assert example_window.store.class_membership(example_window.store.profile(example_window.profile_id).uuid) is None
