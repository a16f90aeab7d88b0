"""The application shell: starting, the data folder, problems, zoom, memory and accessibility."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.commands.validate import run_validate
from app.ui import app as app_module
from app.ui.about_dialog import LICENCES, AboutDialog
from app.ui.library import KEY_ROLE
from app.ui.theme import BODY_PX, UI_PX, body_px
from tests.conftest import EXAMPLE_PACK, ROOT


def _broken_copy(tmp_path: Path) -> Path:
    pack = tmp_path / "broken-pack"
    shutil.copytree(EXAMPLE_PACK, pack)
    module = pack / "tea.yaml"
    module.write_text(module.read_text("utf-8").replace("title: The Miracle Tea", "title: [unclosed", 1), "utf-8")
    return pack


def test_window_is_titled_unspun_and_holds_the_pack(example_window):
    """The window opens on the home screen, titled Unspun, with the pack given on the command line."""
    assert example_window.windowTitle() == "Unspun"
    assert example_window.state == "library"
    assert [pack.id for pack in example_window.packs] == ["example-miracle-tea"]


def test_progress_lives_in_the_data_folder_from_the_environment(make_window, data_dir):
    """UNSPUN_DATA_DIR moves the progress file."""
    window = make_window(str(EXAMPLE_PACK))
    assert window.store.path == data_dir / "progress.sqlite3"
    assert window.store.path.exists()


def test_data_dir_option_beats_the_environment(make_window, tmp_path):
    """--data-dir takes precedence over UNSPUN_DATA_DIR."""
    chosen = tmp_path / "chosen"
    window = make_window("--data-dir", str(chosen), str(EXAMPLE_PACK))
    assert window.store.path == chosen / "progress.sqlite3"


def test_installed_packs_load_from_the_library_folder(make_window, data_dir):
    """A pack folder inside DATA/library appears without being named on the command line."""
    shutil.copytree(EXAMPLE_PACK, data_dir / "library" / "tea")
    window = make_window()
    assert [pack.id for pack in window.packs] == ["example-miracle-tea"]


def test_builtin_pack_is_found_through_the_package():
    """From a source checkout the built-in pack is the repository's lessons folder (app/resources.py)."""
    assert app_module.BUILTIN_PACK == ROOT / "lessons"
    assert (app_module.BUILTIN_PACK / "pack.yaml").is_file()


def test_a_missing_builtin_pack_is_said_in_the_window(monkeypatch, tmp_path, qtbot, shown_problems):
    """An installation that lost its built-in pack says so in the library and the Problems panel."""
    gone = tmp_path / "site-packages" / "app" / "_data" / "lessons"
    monkeypatch.setattr(app_module, "BUILTIN_PACK", gone)
    window = app_module.build_main_window([])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown_problems))
    assert window.packs == []
    assert window.library.empty_label.isVisibleTo(window.library)
    assert window.library.empty_label.text().startswith("The built-in lessons are missing from this installation")
    assert str(gone) in window.library.empty_label.text()
    assert len(shown_problems) == 1
    assert "pack.yaml:1:1: error: The built-in lessons are missing from this installation" in shown_problems[0][0]
    window.close()


def test_broken_pack_shows_the_lines_validate_prints(make_window, shown_problems, tmp_path, qtbot, capsys):
    """A pack with errors opens the Problems dialog with exactly the problem lines of validate."""
    broken = _broken_copy(tmp_path)
    window = make_window(str(broken), str(EXAMPLE_PACK))
    qtbot.waitUntil(lambda: bool(shown_problems))
    assert run_validate([str(broken)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert shown_problems == [printed[:-1]]  # the last printed line is the "N errors, M warnings" total
    assert printed[0].startswith(f"{broken}/tea.yaml:")
    assert [pack.id for pack in window.packs] == ["example-miracle-tea"]


def test_open_pack_from_the_file_menu(example_window, monkeypatch, tmp_path, shown_problems):
    """File > Open pack... loads the chosen pack.yaml's folder in place; a broken one shows problems."""
    other = tmp_path / "other"
    shutil.copytree(EXAMPLE_PACK, other)
    manifest = other / "pack.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("id: example-miracle-tea", "id: other-tea"), "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(manifest), ""))
    example_window.open_pack_action.trigger()
    assert [pack.id for pack in example_window.packs] == ["example-miracle-tea", "other-tea"]
    assert example_window.library.module_item("other-tea", "tea") is not None
    # the new pack is shown: selected and in view in the library, and said in the status bar
    current = example_window.library.tree.currentItem()
    assert current is not None and current.data(0, KEY_ROLE) == ("pack", "other-tea")
    assert "is selected in the library" in example_window.statusBar().currentMessage()

    broken = _broken_copy(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(broken / "pack.yaml"), ""))
    example_window.open_pack_action.trigger()
    assert shown_problems and shown_problems[0][0].startswith(f"{broken}/tea.yaml:")
    assert len(example_window.packs) == 2


def test_zoom_actions_scale_the_text(example_window):
    """Ctrl+= and Ctrl+- change the text size everywhere; Ctrl+0 resets it."""
    assert example_window.zoom_in_action.shortcut() == QKeySequence("Ctrl+=")
    assert example_window.zoom_out_action.shortcut() == QKeySequence("Ctrl+-")
    assert example_window.reset_zoom_action.shortcut() == QKeySequence("Ctrl+0")
    sizes: list[float] = []
    example_window.zoom_changed.connect(sizes.append)
    example_window.zoom_in_action.trigger()
    assert body_px() > BODY_PX
    assert QApplication.font().pixelSize() > UI_PX
    assert sizes and sizes[-1] > 1.0
    example_window.reset_zoom_action.trigger()
    example_window.zoom_out_action.trigger()
    assert body_px() < BODY_PX
    assert QApplication.font().pixelSize() < UI_PX
    example_window.reset_zoom_action.trigger()
    assert body_px() == BODY_PX


def test_zoom_and_window_size_survive_a_restart(make_window):
    """Closing the window remembers its size, the library panel and the zoom."""
    window = make_window(str(EXAMPLE_PACK))
    window.resize(790, 650)  # within the offscreen screen (800x800): restoring fits the screen
    window.show()
    window.zoom_in_action.trigger()
    window.set_library_visible(False)
    window.close()
    again = make_window(str(EXAMPLE_PACK))
    assert (again.width(), again.height()) == (790, 650)
    assert body_px() > BODY_PX
    assert not again.library.isVisibleTo(again)
    assert not again.library_action.isChecked()


def test_about_names_the_version_and_licences(example_window, monkeypatch):
    """Help > About shows the version and every library's licence."""
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    example_window.about_action.trigger()
    text = shown[0].licences_label.text()
    for library, licence in LICENCES:
        assert library in text and licence in text
    assert "LGPLv3" in text
    assert shown[0].version_label.text().startswith("Version ")


def test_help_opens_the_teaching_guide(example_window, monkeypatch):
    """Help > Teaching guide opens docs/teaching-guide.md from the package: the modules, the rubrics, the class report."""
    from app.ui.guide_dialog import GuideDialog

    shown: list[GuideDialog] = []
    monkeypatch.setattr(GuideDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    help_menu = next(a.menu() for a in example_window.menuBar().actions() if a.menu().title() == "&Help")
    assert example_window.teaching_guide_action in help_menu.actions()
    example_window.teaching_guide_action.trigger()
    (dialog,) = shown
    assert dialog.windowTitle() == "Teaching guide - Unspun"
    assert not dialog.missing_label.isVisibleTo(dialog)
    text = dialog.browser.toPlainText()
    for heading in ("Module 1: The Great Firewall", "Module 4: Reading the article itself",
                    "The before-and-after check", "Reading the class report", "Discrimination", "Trust"):
        assert heading in text
    assert text.count("Strong answer (6)") == text.count("Weak answer (1)") == 4  # one pair per reflection


def test_menus_show_their_shortcuts(example_window):
    """Every menu action that has a shortcut shows it; Back and Next use Alt+Left and Alt+Right."""
    assert example_window.back_action.shortcut() == QKeySequence("Alt+Left")
    assert example_window.next_action.shortcut() == QKeySequence("Alt+Right")
    assert QKeySequence("PgDown") not in example_window.next_action.shortcuts()  # PageDown scrolls a step
    menus = [action.menu() for action in example_window.menuBar().actions()]
    titles = [menu.title().replace("&", "") for menu in menus]
    assert titles == ["File", "View", "Go", "Help"]


def _unnamed_controls(root: QWidget) -> list[str]:
    kinds = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractItemView, QComboBox, QAbstractSlider)
    unnamed = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractSlider) and widget.parent() is not None and \
                type(widget.parent()).__name__ in ("QScrollArea", "QAbstractScrollArea", "QWidget"):
            continue  # scroll bars belong to their area
        if isinstance(widget, (QTextEdit, QPlainTextEdit)) and widget.isReadOnly():
            continue  # displayed text (Markdown), read as text rather than operated as a control
        if not widget.accessibleName().strip():
            unnamed.append(f"{type(widget).__name__} {widget.objectName()!r} {getattr(widget, 'text', lambda: '')()!r}")
    return unnamed


def test_every_control_has_an_accessible_name(example_window):
    """Every visible interactive control of the home screen and of each step has an accessible name."""
    assert _unnamed_controls(example_window) == []
    pack = example_window.packs[0]
    module = pack.modules[0]
    for lesson in module.lessons:
        example_window.open_lesson(pack, module, lesson, 0)
        for index in range(len(lesson.steps)):
            example_window.player.open_step(index)
            assert _unnamed_controls(example_window) == [], f"{lesson.id} step {index + 1}"


def test_empty_library_says_what_to_do(make_window):
    """With no pack at all, the library says how to open one."""
    window = make_window()
    window.show()
    assert window.library.empty_label.isVisibleTo(window)
    assert "File > Open pack" in window.library.empty_label.text()
    assert not window.library.tree.isVisibleTo(window)


def test_the_theme_is_chosen_in_the_view_menu_and_remembered(make_window) -> None:
    """View > Theme > Dark turns the window dark at once; a new window on the same data opens dark."""
    from app.ui import theme

    window = make_window(str(EXAMPLE_PACK))
    try:
        assert window.theme_actions["system"].isChecked()
        window.theme_actions["dark"].trigger()
        assert theme.current_theme() is theme.DARK
        assert window.theme_actions["dark"].isChecked()
        window.close()
        theme.set_theme_choice("system")
        again = make_window(str(EXAMPLE_PACK))
        assert theme.theme_choice() == "dark"
        assert again.theme_actions["dark"].isChecked()
        assert theme.current_theme() is theme.DARK
        again.theme_actions["light"].trigger()
        assert theme.current_theme() is theme.LIGHT
    finally:
        theme.set_theme_choice("system")
