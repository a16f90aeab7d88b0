"""Installing packs into the data folder's library, replacing them, and removing them."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.model.installed import InstallError, install_folder, remove_installed
from app.model.lesson_state import LessonState
from app.ui import pack_library
from app.ui.main_window import MainWindow
from tests.conftest import EXAMPLE_PACK

PACK_ID = "example-miracle-tea"


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A copy of the example pack (version "1.0") outside the data folder."""
    target = tmp_path / "incoming" / "tea-pack"
    shutil.copytree(EXAMPLE_PACK, target)
    return target


class Questions(list[str]):
    """The questions asked so far, and the answers to give next (no, once they run out)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool] = []


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    """Answer every yes/no question from ``questions.answers`` and record the question asked."""
    asked = Questions()

    def fake_ask(_parent: object, _title: str, text: str, _yes: str) -> bool:
        asked.append(text)
        return asked.answers.pop(0) if asked.answers else False

    monkeypatch.setattr(pack_library, "ask_yes_no", fake_ask)
    monkeypatch.setattr(pack_library, "inform", lambda *_args: None)
    return asked


def set_version(pack: Path, version: str) -> None:
    """Change the ``version`` label in a pack's manifest."""
    manifest = pack / "pack.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace('version: "1.0"', f'version: "{version}"'), "utf-8")


@pytest.fixture
def window(make_window: Callable[..., MainWindow]) -> MainWindow:
    """A window with no packs, shown."""
    built = make_window()
    built.show()
    return built


def installed(window: MainWindow) -> list:
    """Return the packs the window shows from its library."""
    return window.pack_installer.installed_packs()


def test_install_copies_the_pack_under_a_hashed_name(window: MainWindow, pack_copy: Path, data_dir: Path) -> None:
    """Installing copies the pack into DATA/library/<hash>/ and shows it in the library at once."""
    pack = window.pack_installer.install_path(str(pack_copy))
    assert pack is not None and pack.id == PACK_ID
    folder = install_folder(data_dir, PACK_ID)
    assert folder.parent == data_dir / "library"
    assert PACK_ID not in folder.name and "tea" not in folder.name.lower()
    assert (folder / "pack.yaml").read_bytes() == (pack_copy / "pack.yaml").read_bytes()
    assert (folder / "assets" / "poster.png").read_bytes() == (pack_copy / "assets" / "poster.png").read_bytes()
    assert pack.source.root == folder.resolve()
    assert [p.id for p in installed(window)] == [PACK_ID]
    assert ("pack", PACK_ID) in window.library._items
    assert "Installed" in window.statusBar().currentMessage()


def test_an_installed_pack_is_there_after_a_restart(make_window, pack_copy: Path) -> None:
    """A new window on the same data folder lists the installed pack."""
    first = make_window()
    first.pack_installer.install_path(str(pack_copy))
    second = make_window()
    assert [p.id for p in second.packs] == [PACK_ID]
    assert second.pack_installer.installed_packs() == second.packs


def test_a_zip_installs_as_a_folder(window: MainWindow, pack_copy: Path, tmp_path: Path, data_dir: Path) -> None:
    """A .zip pack is installed as a folder of its files (never extracted with extractall)."""
    archive = tmp_path / "tea.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted(pack_copy.rglob("*")):
            zipped.write(file, "tea-pack/" + file.relative_to(pack_copy).as_posix())
    pack = window.pack_installer.install_path(str(archive))
    assert pack is not None
    folder = install_folder(data_dir, PACK_ID)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == sorted(
        p.relative_to(pack_copy).as_posix() for p in pack_copy.rglob("*") if p.is_file()
    )


def test_a_broken_pack_is_not_installed(window: MainWindow, pack_copy: Path, data_dir: Path) -> None:
    """A pack with errors shows its problems and installs nothing."""
    manifest = pack_copy / "pack.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("title:", "titel:", 1), "utf-8")
    assert window.pack_installer.install_path(str(pack_copy)) is None
    assert not install_folder(data_dir, PACK_ID).exists()
    assert not window.problems_panel.isHidden()
    assert any("`titel`" in line for line in window.problems_panel.lines())


def test_reinstalling_asks_first_and_keeps_progress(
    window: MainWindow, pack_copy: Path, questions: Questions, data_dir: Path
) -> None:
    """Installing the same id again asks (naming both versions); no keeps the old, yes replaces it, progress stays."""
    old = window.pack_installer.install_path(str(pack_copy))
    assert old is not None
    module = old.module("tea")
    lesson = old.lesson("tea", "the-post")
    assert module is not None and lesson is not None
    window.open_lesson(old, module, lesson, 0)
    window.player.go_next()
    window.player.go_next()
    visited = window.store.visited_steps(window.profile_id, PACK_ID, "tea", "the-post")
    assert len(visited) == 3

    set_version(pack_copy, "2.0")
    assert window.pack_installer.install_path(str(pack_copy)) is None  # the question is answered no
    assert len(questions) == 1
    assert "version 1.0" in questions[0] and "version 2.0" in questions[0]
    assert 'version: "1.0"' in (install_folder(data_dir, PACK_ID) / "pack.yaml").read_text("utf-8")

    questions.answers.append(True)
    new = window.pack_installer.install_path(str(pack_copy))
    assert new is not None and new.manifest.version == "2.0"
    assert len(questions) == 2
    assert [p.manifest.version for p in window.packs] == ["2.0"]
    assert window.store.visited_steps(window.profile_id, PACK_ID, "tea", "the-post") == visited
    new_module, new_lesson = new.module("tea"), new.lesson("tea", "the-post")
    assert new_module is not None and new_lesson is not None
    assert window._lesson_state(new, new_module, new_lesson) == LessonState.IN_PROGRESS
    assert not (data_dir / ".installing").exists()


def test_remove_asks_deletes_the_copy_and_keeps_progress(
    window: MainWindow, pack_copy: Path, questions: Questions, data_dir: Path
) -> None:
    """Removing asks first; then the copy is gone from disk and the library, and progress remains."""
    pack = window.pack_installer.install_path(str(pack_copy))
    assert pack is not None
    module, lesson = pack.module("tea"), pack.lesson("tea", "the-post")
    assert module is not None and lesson is not None
    window.open_lesson(pack, module, lesson, 0)
    visited = window.store.visited_steps(window.profile_id, PACK_ID, "tea", "the-post")
    assert visited

    assert not window.pack_installer.remove_pack(pack)  # answered no
    assert install_folder(data_dir, PACK_ID).is_dir()
    questions.answers.append(True)
    assert window.pack_installer.remove_pack(pack)
    assert not install_folder(data_dir, PACK_ID).exists()
    assert window.packs == []
    assert ("pack", PACK_ID) not in window.library._items
    assert window.store.visited_steps(window.profile_id, PACK_ID, "tea", "the-post") == visited


def test_remove_dialog_offers_only_installed_packs(
    make_window, pack_copy: Path, questions: Questions, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File > Remove installed pack… offers the installed packs, not packs opened from elsewhere."""
    window = make_window(str(EXAMPLE_PACK))
    offered: list[list[str]] = []

    def choose(_parent: object, _title: str, _label: str, choices: list[str]) -> int | None:
        offered.append(choices)
        return 0

    monkeypatch.setattr(pack_library, "ask_choice", choose)
    window.remove_pack_action.trigger()
    assert offered == []  # nothing installed: nothing offered
    other = pack_copy.parent / "other"
    shutil.copytree(pack_copy, other)
    manifest = other / "pack.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace(f"id: {PACK_ID}", "id: other-pack"), "utf-8")
    window.pack_installer.install_path(str(other))
    questions.answers.append(True)
    window.remove_pack_action.trigger()
    assert len(offered) == 1 and len(offered[0]) == 1 and "version 1.0" in offered[0][0]
    assert [p.id for p in window.packs] == [PACK_ID]


def test_remove_refuses_a_folder_outside_the_library(pack_copy: Path, data_dir: Path) -> None:
    """The removal helper deletes only copies in the library, never a pack the author keeps elsewhere."""
    with pytest.raises(InstallError):
        remove_installed(data_dir, pack_copy)
    assert (pack_copy / "pack.yaml").is_file()
