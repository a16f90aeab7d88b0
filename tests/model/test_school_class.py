"""Class files: checked like packs (line and column), joined by command or model, machine-wide copy honoured."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.cli import main
from app.model import lrs
from app.model.progress import ProgressStore
from app.model.results import statements
from app.model.school_class import apply_site_class, check_class_bytes, join_class, read_class_file
from tests.conftest import EXAMPLE_PACK
from tests.model.test_class_report import QUIZ_1, attempt

REGISTRATION = "3f1c1a52-9d8e-4a7b-b2a4-0c9a4b3e7d11"
GOOD = f"""\
format: 1
name: Year 9 media literacy
home_page: https://lms.school.example
registration: {REGISTRATION}
lrs:
  endpoint: https://lrs.school.example/xAPI/
  key: year9-media
"""


def _write(folder: Path, text: str, name: str = "year9.unspun-class") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _memory_credentials() -> lrs.CredentialStore:
    return lrs.CredentialStore(use_system=False)


@pytest.fixture(autouse=True)
def _no_session_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passwords kept for the session live in a module dict: each test starts without any."""
    monkeypatch.setattr(lrs, "_SESSION_PASSWORDS", {})


def test_joining_sets_up_lrs_identity_and_registration(store: ProgressStore, tmp_path: Path) -> None:
    loaded = read_class_file(_write(tmp_path, GOOD + "  secret: s3cret\n"))
    profile = store.create_profile("Mei")
    credentials = _memory_credentials()
    result = join_class(store, profile, loaded, credentials, login="mei.w")
    assert not result.needs_secret
    settings = lrs.load_settings(store)
    assert (settings.endpoint, settings.username, settings.enabled) == (
        "https://lrs.school.example/xAPI/", "year9-media", True)
    assert credentials.load(settings.endpoint, settings.username) == "s3cret"
    assert "s3cret" not in (tmp_path / "progress.sqlite3").read_bytes().decode("utf-8", "replace")
    attempt(store, profile, QUIZ_1, {"a": 1}, datetime.now(UTC))
    [*_, last] = statements(store, profile, [])
    assert last["actor"]["account"] == {"homePage": "https://lms.school.example", "name": "mei.w"}
    assert last["context"]["registration"] == REGISTRATION


def test_without_a_secret_it_is_asked_for_and_no_login_stays_anonymous(store: ProgressStore, tmp_path: Path) -> None:
    loaded = read_class_file(_write(tmp_path, GOOD))
    profile = store.create_profile("Ana")
    result = join_class(store, profile, loaded, _memory_credentials())
    assert result.needs_secret
    assert store.school_identity(store.profile(profile).uuid) is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (GOOD.replace(f"registration: {REGISTRATION}\n", ""), "1:1", "registration"),
        (GOOD.replace(REGISTRATION, "not-a-uuid"), "4:15", "UUID"),
        (GOOD.replace("name:", "nmae:"), "2:1", "name"),
        (GOOD.replace("https://lrs", "http://lrs"), "6:13", "Plain http is allowed only"),
        (GOOD.replace("format: 1", "format: 2"), "1:9", "format 1, not 2"),
        (GOOD + "packs:\n  - ../../elsewhere.zip\n", "9:5", "relative to the class file"),
        (GOOD + "packs:\n  - missing.zip\n", "9:5", "does not exist"),
        (GOOD.replace("key: year9-media", "key: a:b"), "7:8", "colon"),
        ("- just\n- a list\n", "1:1", ""),
    ],
)
def test_mistakes_are_reported_at_their_line_and_column(tmp_path: Path, text: str, where: str, message: str) -> None:
    loaded, problems = check_class_bytes(text.encode(), "year9.unspun-class", tmp_path)
    assert loaded is None
    errors = [p for p in problems if p.severity == "error"]
    assert errors and any(f"{p.line}:{p.column}" == where and message in p.message for p in errors), errors


def test_validate_checks_class_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path, GOOD)
    bad = _write(tmp_path, GOOD.replace(REGISTRATION, "nope"), "bad.unspun-class")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(bad)]) == 1
    assert f"{tmp_path}/bad.unspun-class:4:15: error:" in capsys.readouterr().out


def test_join_command_installs_packs_and_reports_errors_without_changing_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lrs, "system_keyring", lambda: (None, "no keyring in tests"))
    folder = tmp_path / "handout"
    shutil.copytree(EXAMPLE_PACK, folder / "packs" / "tea")
    good = _write(folder, GOOD + "packs:\n  - packs/tea\n")
    data = tmp_path / "data"
    bad = _write(folder, "format: 1\nname: x\n", "bad.unspun-class")
    assert main(["join", str(bad), "--data-dir", str(data)]) == 1
    assert "bad.unspun-class:1:1: error:" in capsys.readouterr().err
    assert not data.exists()

    assert main(["join", str(good), "--login", "mei.w", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Joined the class “Year 9 media literacy”." in out and "“mei.w” at https://lms.school.example" in out
    assert "Unspun will ask for it" in out  # no secret in the file and no terminal to ask on
    assert any((data / "library").iterdir())
    with ProgressStore.open(data / "progress.sqlite3") as store:
        profile = store.profile(store.ensure_default_profile())
        assert profile is not None
        membership = store.class_membership(profile.uuid)
        assert membership is not None and membership.registration == REGISTRATION


def test_machine_wide_class_file_is_joined_once_per_profile(store: ProgressStore, tmp_path: Path) -> None:
    site = _write(tmp_path / "site", GOOD + "  secret: from-it\n", "class.unspun-class")
    profile = store.create_profile("Bo")
    credentials = _memory_credentials()
    assert apply_site_class(store, profile, credentials, site) is not None
    assert lrs.load_settings(store).enabled
    assert apply_site_class(store, profile, credentials, site) is None  # already in that class
    assert apply_site_class(store, profile, credentials, tmp_path / "none.unspun-class") is None


def test_committed_class_schema_matches_the_struct(tmp_path: Path) -> None:
    """schema/class.schema.json is generated from ClassFile (write_class_schema writes it)."""
    from app.model.jsonschema import SCHEMA_FOLDER, write_class_schema

    written = write_class_schema(tmp_path)
    assert (SCHEMA_FOLDER / written.name).read_text(encoding="utf-8") == written.read_text(encoding="utf-8")
