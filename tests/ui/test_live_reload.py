"""Live reload: saving a file of a pack opened from a folder updates the window in place."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QTextEdit, QWidget

from app.ui.live_reload import PackWatcher, nearest_place
from app.ui.main_window import MainWindow
from tests.conftest import EXAMPLE_PACK

OLD_PHRASE = "A story from one person feels more real than a statistic"
NEW_PHRASE = "A tale told by one neighbour feels more real than a statistic"


def shown_text(widget: QWidget | None) -> str:
    """Return all the text a step widget shows: its labels and its rich-text views."""
    if widget is None:
        return ""
    parts = [label.text() for label in widget.findChildren(QLabel)]
    parts += [view.toPlainText() for view in widget.findChildren(QTextEdit)]
    return "\n".join(parts)


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A copy of the example pack that the test may edit."""
    target = tmp_path / "tea-pack"
    shutil.copytree(EXAMPLE_PACK, target)
    return target


@pytest.fixture
def live_window(make_window: Callable[..., MainWindow], pack_copy: Path) -> MainWindow:
    """A window showing the copied pack, opened from the command line, on the reading step of "The post"."""
    window = make_window(str(pack_copy))
    window.resize(1100, 760)
    window.show()
    pack = next(p for p in window.packs if p.id == "example-miracle-tea")
    module = pack.module("tea")
    assert module is not None
    lesson = pack.lesson("tea", "the-post")
    assert lesson is not None
    window.open_lesson(pack, module, lesson, 0)
    return window


def write_atomically(path: Path, text: str) -> None:
    """Save like many editors do: write a new file beside the old one and rename it over."""
    temporary = path.with_name(path.name + ".tmp~")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def test_saved_edit_shows_the_new_text_at_the_same_step(live_window: MainWindow, pack_copy: Path, qtbot) -> None:
    """Changing a reading's text on disk shows the new text, on the same lesson and step."""
    module_file = pack_copy / "tea.yaml"
    assert OLD_PHRASE in shown_text(live_window.player.current_view())
    old_pack = live_window.player.pack
    module_file.write_text(module_file.read_text("utf-8").replace(OLD_PHRASE, NEW_PHRASE), "utf-8")

    qtbot.waitUntil(lambda: NEW_PHRASE in shown_text(live_window.player.current_view()), timeout=3000)
    assert live_window.player.pack is not old_pack
    assert live_window.player.lesson is not None and live_window.player.lesson.id == "the-post"
    assert live_window.player.current_index == 0
    assert OLD_PHRASE not in shown_text(live_window.player.current_view())
    assert live_window.problems_panel.isHidden()
    assert "Reloaded" in live_window.statusBar().currentMessage()


def test_an_id_less_step_keeps_its_position(live_window: MainWindow, pack_copy: Path, qtbot) -> None:
    """On a step without an id, the player stays at the same position after a reload."""
    live_window.player.open_step(3)
    module_file = pack_copy / "tea.yaml"
    old_pack = live_window.player.pack
    write_atomically(module_file, module_file.read_text("utf-8").replace(OLD_PHRASE, NEW_PHRASE))

    qtbot.waitUntil(lambda: live_window.player.pack is not old_pack, timeout=3000)
    assert live_window.player.current_index == 3
    assert live_window.player.lesson is not None and live_window.player.lesson.steps[3].kind == "compare"


def test_a_broken_save_keeps_the_last_good_version_until_fixed(
    live_window: MainWindow, pack_copy: Path, qtbot
) -> None:
    """A save with an error shows it in the Problems panel and keeps the old pack; fixing it hides the panel."""
    module_file = pack_copy / "tea.yaml"
    good = module_file.read_text("utf-8")
    shown_pack = live_window.player.pack
    panel = live_window.problems_panel
    write_atomically(module_file, good.replace("    title: The post\n", "    titel: The post\n", 1))

    qtbot.waitUntil(lambda: not panel.isHidden() and bool(panel.lines()), timeout=3000)
    assert any(f"{pack_copy}/tea.yaml:" in line and "`titel`" in line for line in panel.lines())
    assert live_window.player.pack is shown_pack
    assert "last version that worked" in panel.tree.topLevelItem(0).text(0)
    assert OLD_PHRASE in shown_text(live_window.player.current_view())

    module_file.write_text(good.replace(OLD_PHRASE, NEW_PHRASE), "utf-8")  # fix it, in place this time
    qtbot.waitUntil(lambda: panel.isHidden(), timeout=3000)
    assert NEW_PHRASE in shown_text(live_window.player.current_view())
    assert live_window.player.current_index == 0


def test_a_broken_pack_opens_once_it_is_fixed(make_window: Callable[..., MainWindow], pack_copy: Path, qtbot) -> None:
    """A pack that fails on opening is watched too: fixing it puts it in the library."""
    manifest = pack_copy / "pack.yaml"
    good = manifest.read_text("utf-8")
    manifest.write_text(good.replace("title:", "titl:", 1), "utf-8")
    window = make_window(str(pack_copy))
    window.show()
    window.show_pending_problems()
    assert not window.problems_panel.isHidden()
    assert not any(p.id == "example-miracle-tea" for p in window.packs)

    manifest.write_text(good, "utf-8")
    qtbot.waitUntil(lambda: any(p.id == "example-miracle-tea" for p in window.packs), timeout=3000)
    assert window.problems_panel.isHidden()


def test_the_watcher_ignores_a_touch_that_changes_nothing(pack_copy: Path, qtbot) -> None:
    """Rewriting a file with the same bytes and time asks for no reload; a real change asks once."""
    watcher = PackWatcher(str(pack_copy), pack_copy)
    asked: list[str] = []
    watcher.reload_requested.connect(asked.append)
    watcher._on_timer_timeout()  # nothing changed since it started watching
    assert asked == []
    module_file = pack_copy / "tea.yaml"
    module_file.write_text(module_file.read_text("utf-8") + "\n", "utf-8")
    qtbot.waitUntil(lambda: asked == [str(pack_copy)], timeout=3000)
    assert str(module_file) in watcher.watcher.files()
    watcher.stop()


def test_nearest_place_falls_back_by_position(example_window: MainWindow) -> None:
    """A lesson that vanished falls back to the same position, and a step index is clamped to the lesson."""
    from app.ui.live_reload import PlayerPosition

    pack = example_window.packs[0]
    position = PlayerPosition("tea", 0, "gone-lesson", 1, 99, None, 0)
    module, lesson, index = nearest_place(position, pack)
    assert module.id == "tea"
    assert lesson.id == pack.modules[0].lessons[1].id
    assert index == len(lesson.steps) - 1
