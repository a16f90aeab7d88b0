"""The keyboard reaches everything in reading order: the Tab chain of every step kind and question type,
Return and the scroll keys, and the focus after an action (never thrown to the top bar)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.main_window import MainWindow
from app.ui.steps import quiz as quiz_module
from app.ui.steps.example import ExampleStepView
from app.ui.steps.quiz import QuizStepView
from app.ui.theme import set_zoom
from tests.ui.test_quiz_step import answer_practice_quiz

STEPS = [("the-post", index) for index in range(6)] + [("check", 0), ("before", 0)]


@pytest.fixture(autouse=True)
def submit_anyway(monkeypatch) -> None:
    monkeypatch.setattr(quiz_module, "confirm_blank_submission", lambda _parent, _missing: True)


def _open(window: MainWindow, qtbot, lesson_id: str, index: int) -> QWidget:
    pack = window.packs[0]
    window.open_lesson(pack, pack.modules[0], pack.lesson("tea", lesson_id), index)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.player.current_view()
    assert view is not None
    return view


def _usable(widget: QWidget, view: QWidget) -> bool:
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isEnabled()
        and widget.isVisibleTo(view)
        and widget.focusProxy() is None
    )


def _chain(window: MainWindow, view: QWidget) -> list[QWidget]:
    """Follow the focus chain from the step dots to Back; return the step's usable controls met on the way."""
    player = window.player
    met: list[QWidget] = []
    widget = player.indicator.dots[-1].nextInFocusChain()
    for _ in range(2000):
        if widget is player.back_button:
            return met
        if view.isAncestorOf(widget) and _usable(widget, view):
            met.append(widget)
        widget = widget.nextInFocusChain()
    raise AssertionError("the chain never reached Back")


def _everything(view: QWidget) -> list[QWidget]:
    return [widget for widget in view.findChildren(QWidget) if _usable(widget, view)]


def _in_reading_order(view: QWidget, chain: list[QWidget]) -> None:
    """Each control starts no higher than the one before, or sits right of it on the same line."""
    for before, after in itertools.pairwise(chain):
        top = before.mapTo(view, QPoint(0, 0))
        then = after.mapTo(view, QPoint(0, 0))
        same_line = abs(then.y() - top.y()) < before.height() / 2 or abs(then.y() - top.y()) < after.height() / 2
        if same_line:
            assert then.x() >= top.x(), (before, after)
        else:
            assert then.y() > top.y(), (before, after)


def _enable_everything(view: QWidget, qtbot) -> None:
    """Answer and select, so that Check, Mark selection and Remove mark can be used."""
    if isinstance(view, QuizStepView) and "q-single" in view.cards:
        answer_practice_quiz(qtbot, view)
        view.cards["q-spot"].view.select_span(52, 70)
    elif isinstance(view, QuizStepView):
        for card in view.cards.values():
            qtbot.mouseClick(card.view.buttons[3], Qt.MouseButton.LeftButton)
    elif isinstance(view, ExampleStepView) and view.artefact_view.text_view is not None:
        artefact = view.artefact_view
        artefact.text_view.select_range(0, 3)
        artefact.mark_selection()
        artefact.text_view.select_range(10, 14)


@pytest.mark.parametrize(("lesson_id", "index"), STEPS)
def test_the_tab_chain_holds_every_control_of_the_step_in_reading_order(example_window, qtbot, lesson_id, index):
    view = _open(example_window, qtbot, lesson_id, index)
    _enable_everything(view, qtbot)
    qtbot.wait(10)
    chain = _chain(example_window, view)
    assert len(chain) == len(set(chain))
    missing = [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}" for w in _everything(view) if w not in chain]
    assert missing == []
    assert set(chain) == set(_everything(view))
    if not (hasattr(view, "columns") and view.columns() > 1):  # side-by-side artefacts are read column by column
        _in_reading_order(view, chain)
    if isinstance(view, QuizStepView):
        cards = list(view.cards.values())
        position = {widget: n for n, widget in enumerate(chain)}
        for card in cards:
            controls = [position[w] for w in chain if card.view.isAncestorOf(w)]
            assert controls
            if card.check_button.isVisibleTo(view):
                assert card.check_button.isEnabled()
                assert position[card.check_button] > max(controls)  # Check after the question's controls
                if card.hint_button.isVisibleTo(view):
                    assert position[card.hint_button] == position[card.check_button] + 1
        assert position[view.submit_button] == len(chain) - 1  # Submit after the last question
    if isinstance(view, ExampleStepView) and view.artefact_view.text_view is not None:
        artefact = view.artefact_view
        assert artefact.mark_button in chain and artefact.remove_button in chain
        assert chain.index(artefact.text_view) < chain.index(artefact.mark_button) < chain.index(
            artefact.remove_button) < chain.index(artefact.reveal_button)


def test_controls_that_start_disabled_join_the_walk_when_enabled(example_window, qtbot):
    """Check starts disabled; once the question is answered, Tab from the answer reaches it."""
    view = _open(example_window, qtbot, "check", 0)
    card = view.cards["q-tf"]
    assert not card.check_button.isEnabled()
    button = card.view.rows[False].button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    button.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is card.check_button:
            break
    assert seen[-1] is card.check_button
    qtbot.keyClick(card.check_button, Qt.Key.Key_Return)
    assert card.result is not None
    assert card.retry_button.hasFocus()


def test_marking_by_keyboard_keeps_the_focus_in_the_example(example_window, qtbot):
    """Select words, Tab to Mark selection, Return: marked, and the focus is back on the text, not the top bar."""
    view = _open(example_window, qtbot, "the-post", 1)
    artefact = view.artefact_view
    artefact.text_view.setFocus()
    artefact.text_view.select_range(0, 12)
    qtbot.keyClick(artefact.text_view, Qt.Key.Key_Tab)
    assert artefact.mark_button.hasFocus()
    qtbot.keyClick(artefact.mark_button, Qt.Key.Key_Return)
    assert artefact.learner_marks()
    assert artefact.text_view.hasFocus()  # back on the text, to select the next words
    assert not example_window.library_button.hasFocus()
    artefact.remove_button.setFocus()
    qtbot.keyClick(artefact.remove_button, Qt.Key.Key_Return)  # the caret is in the mark: it goes
    assert not artefact.learner_marks()
    assert view.isAncestorOf(QApplication.focusWidget())
    artefact.reveal_button.setFocus()
    qtbot.keyClick(artefact.reveal_button, Qt.Key.Key_Return)
    assert artefact.annotations_visible()
    assert view.isAncestorOf(QApplication.focusWidget())


def test_page_down_space_and_arrows_scroll_a_reading_and_never_change_the_step(example_window, qtbot):
    set_zoom(3.0)  # a reading longer than the window
    view = _open(example_window, qtbot, "the-post", 0)
    player = example_window.player
    qtbot.waitUntil(lambda: player.scroll_area.verticalScrollBar().maximum() > 0)
    body = view.body
    body.setFocus()
    bar = player.scroll_area.verticalScrollBar()
    for key, modifier in ((Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)):
        before = bar.value()
        qtbot.keyClick(body, key, modifier)
        assert player.current_index == 0
        assert bar.value() > before or bar.value() == bar.maximum(), key
    bar.setValue(bar.maximum())
    qtbot.keyClick(body, Qt.Key.Key_PageUp)
    assert bar.value() < bar.maximum()
    qtbot.keyClick(body, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert player.current_index == 0
    assert player._done == set()  # nothing was skipped and marked done
