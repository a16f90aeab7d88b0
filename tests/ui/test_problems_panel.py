"""The Problems panel lists what validate prints; a problem opens its file at its line."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from app.commands.validate import run_validate
from app.model.loader import load_pack
from app.ui.main_window import MainWindow
from app.ui.problems_panel import ProblemsPanel
from app.ui.source_view import MAX_HIGHLIGHT_CHARS, SourceTextView, highlight_ranges
from tests.conftest import EXAMPLE_PACK, ROOT

TYPOS_PACK = ROOT / "tests" / "fixtures" / "broken" / "typos"


@pytest.fixture
def broken_copy(tmp_path: Path) -> Path:
    """A copy of the broken fixture pack (four errors in two module files)."""
    target = tmp_path / "typos"
    shutil.copytree(TYPOS_PACK, target)
    return target


def open_with_problems(make_window: Callable[..., MainWindow], path: str) -> MainWindow:
    """Open a window on ``path`` and let it list the pack's problems."""
    window = make_window(path)
    window.resize(1200, 800)
    window.show()
    window.show_pending_problems()
    return window


def click(panel: ProblemsPanel, item: QTreeWidgetItem, qtbot) -> None:
    """Click a row of the problem list with the mouse."""
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def assert_marked_and_visible(view: SourceTextView, line: int) -> None:
    """The view's cursor and mark sit on 1-based ``line``, and that line is inside the viewport."""
    assert view.textCursor().blockNumber() == line - 1
    assert view.marked_line == line - 1
    assert view.marked_block_visible()
    block = view.document().findBlockByNumber(line - 1)
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
    assert 0 <= top < view.viewport().height()
    selections = view.extraSelections()
    assert len(selections) == 1 and selections[0].cursor.blockNumber() == line - 1


def test_panel_lists_the_lines_validate_prints(make_window, broken_copy: Path, capsys) -> None:
    """A pack that cannot open shows the panel with validate's lines, errors marked as errors."""
    window = open_with_problems(make_window, str(broken_copy))
    run_validate([str(broken_copy)])
    printed = capsys.readouterr().out.splitlines()
    panel = window.problems_panel
    assert not panel.isHidden()
    assert panel.lines() == printed[:-1]
    items = panel.problem_items()
    assert [item.text(0) for item in items] == printed[:-1]
    assert all(str(item.data(0, Qt.ItemDataRole.AccessibleTextRole)).startswith("Error: ") for item in items)
    assert "4 errors, 0 warnings" in panel.summary_label.text()


def test_clicking_a_problem_shows_its_file_at_its_line(make_window, broken_copy: Path, qtbot) -> None:
    """Clicking the last problem shows its file, highlighted, with that line marked and in view."""
    window = open_with_problems(make_window, str(broken_copy))
    panel = window.problems_panel
    problems = load_pack(broken_copy).problems
    last = problems[-1]
    click(panel, panel.problem_items()[-1], qtbot)

    view = panel.source_view
    assert not view.isHidden() and panel.placeholder.isHidden()
    assert view.text_view.toPlainText() == (broken_copy / last.file).read_text("utf-8")
    assert view.message_label.text() == last.message
    assert f"line {last.line}, column {last.column}" in view.location_label.text()
    assert_marked_and_visible(view.text_view, last.line)
    assert view.text_view.textCursor().positionInBlock() == last.column - 1
    assert view.text_view.isReadOnly()


def test_enter_opens_the_selected_problem(make_window, broken_copy: Path, qtbot) -> None:
    """Moving to a problem with the keyboard and pressing Enter shows that problem's line."""
    window = open_with_problems(make_window, str(broken_copy))
    panel = window.problems_panel
    problems = load_pack(broken_copy).problems
    items = panel.problem_items()
    panel.tree.setFocus()
    panel.tree.blockSignals(True)  # move the selection without following it, so Enter does the work
    panel.tree.setCurrentItem(items[1])
    panel.tree.blockSignals(False)
    panel.source_view.problem = None
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert panel.source_view.problem == problems[1]
    assert_marked_and_visible(panel.source_view.text_view, problems[1].line)


def test_a_long_file_scrolls_the_line_into_view(make_window, broken_copy: Path, qtbot) -> None:
    """A problem far down a long file is scrolled into view."""
    module = broken_copy / "second.yaml"
    module.write_text("# padding\n" * 300 + module.read_text("utf-8"), "utf-8")
    window = open_with_problems(make_window, str(broken_copy))
    panel = window.problems_panel
    last = load_pack(broken_copy).problems[-1]
    assert last.line > 300
    click(panel, panel.problem_items()[-1], qtbot)
    assert_marked_and_visible(panel.source_view.text_view, last.line)
    assert panel.source_view.text_view.verticalScrollBar().value() > 0


def test_a_zip_pack_is_read_through_its_source(make_window, broken_copy: Path, tmp_path: Path, qtbot) -> None:
    """The file of a zip pack is read from the zip, and the line is marked."""
    archive = tmp_path / "typos.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in sorted(broken_copy.rglob("*")):
            zipped.write(file, file.relative_to(broken_copy).as_posix())
    window = open_with_problems(make_window, str(archive))
    panel = window.problems_panel
    first = load_pack(archive).problems[0]
    assert panel.lines()[0].startswith(f"{archive}/{first.file}:")
    click(panel, panel.problem_items()[0], qtbot)
    assert panel.source_view.text_view.toPlainText() == (broken_copy / first.file).read_text("utf-8")
    assert_marked_and_visible(panel.source_view.text_view, first.line)


def test_warnings_are_shown_for_a_pack_that_plays(example_window: MainWindow, tmp_path: Path) -> None:
    """A pack with only warnings opens without opening the panel; a count in the status bar opens it."""
    copy = tmp_path / "warned"
    shutil.copytree(EXAMPLE_PACK, copy)
    module = copy / "tea.yaml"
    text = module.read_text("utf-8")
    module.write_text(text.replace("              explanation: A public agency summarising the research.\n", "", 1),
                      "utf-8")
    pack = example_window.open_pack_path(str(copy))
    assert pack is not None and pack in example_window.packs
    panel = example_window.problems_panel
    assert panel.isHidden()  # a learner given a teacher's pack is not met by author diagnostics
    button = example_window.problems_button
    assert button.isVisibleTo(example_window) and button.text() == "⚠ 1 warning"
    button.click()
    assert not panel.isHidden()
    assert not button.isVisibleTo(example_window)
    assert panel.lines() and all(": warning: " in line for line in panel.lines())
    assert "plays, with warnings" in panel.tree.topLevelItem(0).text(0)
    assert panel.problem_items()[0].data(0, Qt.ItemDataRole.AccessibleTextRole).startswith("Warning: ")


def test_a_file_that_is_not_text_says_so(make_window, broken_copy: Path) -> None:
    """A problem in a file that cannot be shown explains why instead of showing garbage."""
    (broken_copy / "second.yaml").write_bytes(b"\x00\x01binary")
    window = open_with_problems(make_window, str(broken_copy))
    panel = window.problems_panel
    index = next(i for i, line in enumerate(panel.lines()) if "second.yaml" in line)
    panel.open_item(panel.problem_items()[index])
    assert panel.source_view.text_view.isHidden()
    assert "second.yaml" in panel.source_view.notice_label.text()


def test_yaml_highlighting_colours_keys_comments_and_values() -> None:
    """The YAML lexer, chosen by name, marks keys, comments and values on their own lines."""
    text = "# a comment\ntitle: Tea\nbody: |\n  two\n  lines\n"
    ranges = highlight_ranges(text, "yaml")
    kinds = [{kind for _start, _length, kind in line} for line in ranges]
    assert kinds[0] == {"comment"}
    assert "key" in kinds[1] and "string" in kinds[1]
    assert (0, 5, "key") in ranges[1]
    assert len(ranges) == text.count("\n") + 1
    assert highlight_ranges(text, "no-such-lexer") == [[] for _ in ranges]


def test_a_huge_file_is_shown_plain(qtbot) -> None:
    """Files over the highlighting cap are shown without a highlighter (lexing would block the UI)."""
    view = SourceTextView()
    qtbot.addWidget(view)
    view.set_source("key: value\n" * (MAX_HIGHLIGHT_CHARS // 10), "yaml")
    assert view._highlighter is None
    view.set_source("key: value\n", "yaml")
    assert view._highlighter is not None


def test_a_damaged_zip_is_named_in_the_heading(make_window, tmp_path: Path) -> None:
    """A .zip that is not a zip is named itself in the panel's heading, not the folder it lies in."""
    archive = tmp_path / "lesson.zip"
    archive.write_bytes(b"not a zip at all")
    window = open_with_problems(make_window, str(archive))
    heading = window.problems_panel.tree.topLevelItem(0).text(0)
    assert heading.startswith(f"{archive}  —  ")
    assert "cannot be opened" in heading
