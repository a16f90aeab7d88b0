"""The keyboard map as a whole: no shortcut destroys work, and Help > Keyboard shortcuts shows every key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.ui.shortcuts_dialog import KeyboardShortcutsDialog
from app.ui.steps import quiz as quiz_module


@pytest.fixture(autouse=True)
def submit_anyway(monkeypatch) -> list[int]:
    asked: list[int] = []
    monkeypatch.setattr(quiz_module, "confirm_blank_submission", lambda _parent, n: asked.append(n) or True)
    return asked


def _open_check_quiz(window, qtbot):
    pack = window.packs[0]
    module = pack.modules[0]
    lesson = pack.lesson("tea", "check")
    index = next(i for i, step in enumerate(lesson.steps) if step.quiz is not None)
    window.open_lesson(pack, module, lesson, index)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.player.current_view()
    assert isinstance(view, quiz_module.QuizStepView)
    return view


def _answer_some(qtbot, view) -> None:
    qtbot.mouseClick(view.cards["q-tf"].view.rows[False].button, Qt.MouseButton.LeftButton)
    view.cards["q-short"].view.field.setFocus()
    qtbot.keyClicks(view.cards["q-short"].view.field, "a testimonial")


def test_continue_has_no_shortcut_and_ctrl_return_means_check_or_submit(example_window):
    assert example_window.continue_action.shortcuts() == []
    assert QKeySequence("Ctrl+Return") in example_window.submit_action.shortcuts()
    assert not any(
        QKeySequence("Ctrl+Return") in action.shortcuts()
        for action in example_window.actions()
        if action is not example_window.submit_action
    )


def test_ctrl_return_on_a_quiz_never_clears_its_answers(example_window, qtbot, submit_anyway):
    """Ctrl+Return checks the question in focus; pressed again away from a question it submits, answers intact."""
    view = _open_check_quiz(example_window, qtbot)
    _answer_some(qtbot, view)
    short = view.cards["q-short"]
    assert short.view.field.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert example_window.player.current_view() is view
    assert short.result is not None  # checked, not reloaded
    assert short.response() == "a testimonial"
    assert view.cards["q-tf"].response() is False
    assert view.result is None
    view.submit_button.setFocus()
    qtbot.keyClick(view.submit_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert submit_anyway == [6]
    assert view.result is not None
    assert view.cards["q-tf"].response() is False and short.response() == "a testimonial"


def test_go_continue_on_the_current_step_does_nothing(example_window, qtbot):
    view = _open_check_quiz(example_window, qtbot)
    _answer_some(qtbot, view)
    example_window.continue_action.trigger()
    assert example_window.player.current_view() is view
    assert view.cards["q-tf"].response() is False
    assert view.cards["q-short"].response() == "a testimonial"


def test_home_then_continue_finds_the_quiz_as_left(example_window, qtbot):
    view = _open_check_quiz(example_window, qtbot)
    _answer_some(qtbot, view)
    example_window.home_action.trigger()
    assert example_window.state == "library"
    example_window.continue_action.trigger()
    assert example_window.state == "lesson"
    again = example_window.player.current_view()
    assert again.cards["q-tf"].response() is False
    assert again.cards["q-short"].response() == "a testimonial"


def test_help_lists_every_shortcut_grouped(example_window, monkeypatch):
    shown: list[KeyboardShortcutsDialog] = []
    monkeypatch.setattr(KeyboardShortcutsDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    help_menu = next(a.menu() for a in example_window.menuBar().actions() if a.text() == "&Help")
    assert example_window.shortcuts_action in help_menu.actions()
    example_window.shortcuts_action.trigger()
    dialog = shown[0]
    titles = [title for title, _rows in dialog.groups]
    assert titles == ["Moving around", "Answering", "Reading", "View", "File and help"]
    rows = dialog.rows()
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Check the question, or submit the quiz"].startswith(
        QKeySequence("Ctrl+Return").toString(native)
    )
    assert rows["Back"] == QKeySequence("Alt+Left").toString(native)
    assert rows["Next"] == QKeySequence("Alt+Right").toString(native)
    assert "Continue" not in rows  # no shortcut, so not in the map
    assert rows["Quit"] == QKeySequence("Ctrl+Q").toString(native)
    assert "PgDown" in rows["Scroll down or up a screen"]
    # every action with a shortcut in the window's menus is in the table
    for action in example_window.actions():
        if action.shortcuts() and action.menu() is None and action.isVisible():
            keys = action.shortcuts()[0].toString(native)
            assert any(keys in shown_keys for shown_keys in rows.values()), action.text()
    # the table: a heading row per group, spanning both columns
    table = dialog.table
    assert table.item(0, 0).text() == "Moving around" and table.columnSpan(0, 0) == 2


def test_shortcuts_dialog_screenshot_shows_every_row_unclipped(example_window, qtbot):
    """Rendered, the dialog fits a 1024x700 screen, and no action or key is cut short or scrolled sideways."""
    dialog = KeyboardShortcutsDialog(example_window.shortcut_groups(), example_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    picture = dialog.grab()
    assert not picture.isNull()
    assert picture.width() <= 1024 and picture.height() <= 700
    table = dialog.table
    assert not table.horizontalScrollBar().isVisible()
    metrics = table.fontMetrics()
    for line in range(table.rowCount()):
        if table.columnSpan(line, 0) == 2:
            continue  # a group heading
        for column in (0, 1):
            text = table.item(line, column).text()
            assert metrics.horizontalAdvance(text) < table.columnWidth(column), text
    assert table.columnWidth(0) + table.columnWidth(1) <= table.viewport().width() + 1


def test_return_in_a_short_answer_checks_it(example_window, qtbot):
    view = _open_check_quiz(example_window, qtbot)
    short = view.cards["q-short"]
    short.view.field.setFocus()
    qtbot.keyClicks(short.view.field, "Testimonial")
    qtbot.keyClick(short.view.field, Qt.Key.Key_Return)
    assert short.result is not None and short.status.text() == "✓ Correct"
    assert short.retry_button.hasFocus()  # the focus stays on the card, never thrown to the top bar
