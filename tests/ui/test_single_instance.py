"""One instance per data folder: the second start finds the first, can bring it forward, or opens read-only."""

from __future__ import annotations

from pathlib import Path

from app.model.progress import ProgressStore
from app.ui import app as app_module
from app.ui.single_instance import InstanceGuard, read_only_copy, server_name


def test_a_second_start_finds_the_first_and_asks_it_to_come_forward(qtbot, tmp_path: Path) -> None:
    """The first listens; a second guard on the same folder sees it and its request arrives."""
    first = InstanceGuard(tmp_path / "data")
    assert not first.other_running()
    assert first.listen()
    second = InstanceGuard(tmp_path / "data")
    elsewhere = InstanceGuard(tmp_path / "other")
    try:
        assert second.other_running()
        assert not elsewhere.other_running()  # another data folder is another instance
        with qtbot.waitSignal(first.activate_requested, timeout=3000):
            assert second.ask_other_to_activate()
    finally:
        first.close()
    assert not second.other_running()


def test_a_crashed_instance_does_not_block_the_next(tmp_path: Path) -> None:
    """A socket left behind with nobody answering is taken over."""
    from PySide6.QtNetwork import QLocalServer

    left = QLocalServer()
    assert left.listen(server_name(tmp_path))
    left.close()  # gone, as a crash would leave it
    guard = InstanceGuard(tmp_path)
    try:
        assert guard.listen()
    finally:
        guard.close()


def test_a_read_only_window_keeps_nothing(tmp_path: Path) -> None:
    """The read-only store is a copy: the learner's progress is there, and what is done in it is not kept."""
    data = tmp_path / "data"
    data.mkdir()
    store = app_module.open_store(data)
    profile = store.create_profile("Dana")
    store.close()
    copy = app_module.open_store(data, read_only=True)
    try:
        assert any(p.name == "Dana" for p in copy.profiles())
        copy.create_profile("Made in the read-only window")
        assert copy.path.parent != data
    finally:
        copy.close()
    again = ProgressStore.open(data / app_module.PROGRESS_FILE)
    try:
        assert [p.name for p in again.profiles() if p.id == profile] == ["Dana"]
        assert not any(p.name == "Made in the read-only window" for p in again.profiles())
    finally:
        again.close()
    assert read_only_copy(data / app_module.PROGRESS_FILE).parent != data
