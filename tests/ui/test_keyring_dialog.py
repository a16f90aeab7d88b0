"""The LRS dialog says which keyring holds the password, or that none does and why."""

from __future__ import annotations

import pytest

from app.model import lrs
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.ui.lrs_settings import LrsSettingsDialog, LrsSyncController
from tests.model.test_keyring_honesty import MACOS, PLAINTEXT, fake_backend

keyring = pytest.importorskip("keyring")


def keyring_line(qtbot, store: ProgressStore, pack: Pack) -> str:
    controller = LrsSyncController(store, lambda: [pack], lrs.CredentialStore())
    dialog = LrsSettingsDialog(store, controller)
    qtbot.addWidget(dialog)
    text = dialog.keyring_label.text()
    controller.shutdown()
    return text


def test_a_system_keyring_is_named(qtbot, store: ProgressStore, pack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "get_keyring", lambda: fake_backend(*MACOS))
    assert keyring_line(qtbot, store, pack) == "The password is kept in the macOS Keychain, never in Unspun's files."


def test_a_plaintext_keyring_is_not_called_a_keyring(
    qtbot, store: ProgressStore, pack: Pack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring, "get_keyring", lambda: fake_backend(*PLAINTEXT))
    line = keyring_line(qtbot, store, pack)
    assert line.startswith("The password is kept only until Unspun closes, because the only keyring available")
    assert "keyrings.alt.file.PlaintextKeyring) keeps passwords in a file" in line
