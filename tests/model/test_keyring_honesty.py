"""Honest credentials: a password "in the keyring" is in a system keyring, or the dialog says it is not.

keyrings.alt's PlaintextKeyring keeps passwords base64-encoded in a file, and its EncryptedKeyring
and other file backends are no better without a real keyring behind them. Each counts as no keyring
(the password is kept in memory for the session), and a chain of backends is used only through its
first trusted member, so the password lands where the dialog says. Fake backends stand in for the
real ones: only their class's module and name matter.
"""

from __future__ import annotations

import pytest

from app.model import lrs
from app.model.lrs import CredentialStore, keyring_name

keyring = pytest.importorskip("keyring")
from keyring.backends import chainer, fail  # noqa: E402


def fake_backend(module: str, name: str) -> object:
    """An instance of a keyring backend class that claims to live in ``module``."""

    def set_password(self: object, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password  # type: ignore[attr-defined]

    def get_password(self: object, service: str, username: str) -> str | None:
        return self.items.get((service, username))  # type: ignore[attr-defined]

    def delete_password(self: object, service: str, username: str) -> None:
        self.items.pop((service, username), None)  # type: ignore[attr-defined]

    cls = type(
        name,
        (),
        {"__module__": module, "set_password": set_password, "get_password": get_password,
         "delete_password": delete_password},
    )
    backend = cls()
    backend.items = {}  # type: ignore[attr-defined]
    return backend


PLAINTEXT = ("keyrings.alt.file", "PlaintextKeyring")
ENCRYPTED = ("keyrings.alt.file", "EncryptedKeyring")
REGISTRY = ("keyrings.alt.Windows", "RegistryKeyring")
SECRET_SERVICE = ("keyring.backends.SecretService", "Keyring")
MACOS = ("keyring.backends.macOS", "Keyring")


def chain_of(*backends: object) -> chainer.ChainerBackend:
    class FakeChain(chainer.ChainerBackend):
        pass

    FakeChain.backends = list(backends)  # type: ignore[misc]  # the real one discovers installed backends
    return FakeChain()


def use_keyring(monkeypatch: pytest.MonkeyPatch, backend: object) -> None:
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)


@pytest.mark.parametrize("kind", [PLAINTEXT, ENCRYPTED, REGISTRY, ("my_plugin.store", "Keyring")])
def test_a_file_backend_counts_as_no_keyring(monkeypatch: pytest.MonkeyPatch, kind: tuple[str, str]) -> None:
    backend = fake_backend(*kind)
    use_keyring(monkeypatch, backend)
    found, reason = lrs.system_keyring()
    assert found is None
    assert f"{kind[0]}.{kind[1]}" in reason and "keeps passwords in a file" in reason
    credentials = CredentialStore()
    assert not credentials.persistent and credentials.backend_name == ""
    assert credentials.save("https://lrs.example.org/xapi/", "teacher", "s3cret") is False
    assert backend.items == {}  # type: ignore[attr-defined]  # nothing reached the file
    assert credentials.load("https://lrs.example.org/xapi/", "teacher") == "s3cret"  # this session only


def test_a_chain_of_only_file_backends_counts_as_no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    use_keyring(monkeypatch, chain_of(fake_backend(*PLAINTEXT), fake_backend(*ENCRYPTED)))
    found, reason = lrs.system_keyring()
    assert found is None and "PlaintextKeyring" in reason


def test_a_chain_uses_its_trusted_member_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file backend ranked first in the chain would get the password; the trusted one is used directly."""
    plaintext, secret_service = fake_backend(*PLAINTEXT), fake_backend(*SECRET_SERVICE)
    use_keyring(monkeypatch, chain_of(plaintext, secret_service))
    credentials = CredentialStore()
    assert credentials.backend is secret_service
    assert credentials.backend_name == "the system keyring (Secret Service)"
    assert credentials.save("https://lrs.example.org/xapi/", "teacher", "s3cret") is True
    assert plaintext.items == {}  # type: ignore[attr-defined]
    assert list(secret_service.items.values()) == ["s3cret"]  # type: ignore[attr-defined]


def test_an_empty_chain_and_the_fail_backend_are_no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    for backend in (chain_of(), fail.Keyring()):
        use_keyring(monkeypatch, backend)
        found, reason = lrs.system_keyring()
        assert found is None and "no keyring service" in reason


@pytest.mark.parametrize(("kind", "name"), [(SECRET_SERVICE, "Secret Service"), (MACOS, "macOS Keychain")])
def test_a_system_keyring_is_used_and_named(monkeypatch: pytest.MonkeyPatch, kind: tuple[str, str], name: str) -> None:
    backend = fake_backend(*kind)
    use_keyring(monkeypatch, backend)
    credentials = CredentialStore()
    assert credentials.backend is backend and name in credentials.backend_name
    assert keyring_name(backend) == credentials.backend_name
