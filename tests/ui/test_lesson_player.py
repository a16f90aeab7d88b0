"""The lesson player: steps, the indicator, Back and Next, recording visits and Continue."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.ui.lesson_player import StepFallbackView
from app.ui.steps import base as steps_base
from tests.conftest import EXAMPLE_PACK


def _open_the_post(window):
    pack = window.packs[0]
    module = pack.modules[0]
    lesson = pack.lesson("tea", "the-post")
    window.open_lesson(pack, module, lesson, 0)
    return pack, module, lesson


def _visited(window, lesson_id: str) -> set[str]:
    return window.store.visited_steps(window.profile_id, "example-miracle-tea", "tea", lesson_id)


def test_opening_a_lesson_shows_its_first_step(example_window):
    """A lesson opens at step 1 with a breadcrumb, "Step 1 of N" and the window titled after it."""
    _, module, lesson = _open_the_post(example_window)
    player = example_window.player
    assert example_window.windowTitle() == f"Unspun - {lesson.title}"
    assert player.step_count_label.text() == f"Step 1 of {len(lesson.steps)}"
    assert player.module_link.text() == module.title and lesson.title in player.breadcrumb.text()
    assert not player.back_button.isEnabled()
    assert _visited(example_window, "the-post") == {"intro"}


def test_next_back_and_alt_arrows_move_and_record(example_window, qtbot):
    """Next, Back and the Go actions (Alt+Right / Alt+Left) move between steps and record each visit."""
    _, _, lesson = _open_the_post(example_window)
    player = example_window.player
    player.next_button.click()
    assert player.current_index == 1
    example_window.next_action.trigger()
    assert player.current_index == 2
    player.back_button.click()
    assert player.current_index == 1
    example_window.back_action.trigger()
    assert player.current_index == 0
    qtbot.waitExposed(example_window)
    example_window.activateWindow()
    qtbot.keyClick(example_window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert player.current_index == 1
    qtbot.keyClick(example_window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert player.current_index == 2
    assert _visited(example_window, "the-post") == {"intro", "#2", "#3"}
    assert player.step_count_label.text() == f"Step 3 of {len(lesson.steps)}"
    qtbot.keyClick(example_window, Qt.Key.Key_PageDown)  # PageDown scrolls; it never changes the step
    assert player.current_index == 2


def test_step_indicator_names_and_opens_steps(example_window):
    """Each dot says "Step i of n" and done/current; clicking one opens that step."""
    _, _, lesson = _open_the_post(example_window)
    dots = example_window.player.indicator.dots
    total = len(lesson.steps)
    assert len(dots) == total
    assert dots[0].accessibleName() == f"Step 1 of {total}, current"
    assert dots[1].accessibleName() == f"Step 2 of {total}, not opened yet"
    dots[3].click()
    assert example_window.player.current_index == 3
    assert dots[0].accessibleName() == f"Step 1 of {total}, done"
    assert dots[3].accessibleName() == f"Step 4 of {total}, current"
    tab_stops = [dot for dot in dots if dot.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert tab_stops == [dots[3]]


def test_next_on_the_last_step_goes_on_to_the_next_lesson(example_window):
    """After the last step, Next opens the following lesson."""
    lesson = _open_the_post(example_window)[2]
    example_window.player.open_step(len(lesson.steps) - 1)
    assert example_window.player.next_button.accessibleName() == "Next lesson"
    example_window.go_next()
    assert example_window.player.lesson.id == "check"
    assert example_window.player.current_index == 0


def test_continue_returns_to_the_last_step_after_a_restart(make_window):
    """Rebuilding the window (a restart) reopens the step that was open last."""
    window = make_window(str(EXAMPLE_PACK))
    _open_the_post(window)
    window.player.open_step(2)
    window.close()
    window.store.close()

    again = make_window(str(EXAMPLE_PACK))
    assert again.library.continue_button.text() == "Continue"
    assert "step 3" in again.library.continue_button.toolTip()
    again.show_library()
    again.continue_learning()
    assert again.state == "lesson"
    assert again.player.lesson.id == "the-post"
    assert again.player.current_index == 2
    assert again.player.indicator.dots[0].status == "done"

    restarted = make_window()  # no PACK argument: the app reopens where the learner was
    assert restarted.state == "library"  # the example pack is not loaded without its argument


def test_restart_without_arguments_reopens_the_last_step(make_window, data_dir):
    """With the pack installed, starting the app with no arguments goes straight back to the last step."""
    import shutil

    shutil.copytree(EXAMPLE_PACK, data_dir / "library" / "tea")
    window = make_window()
    _open_the_post(window)
    window.player.open_step(1)
    window.close()
    again = make_window()
    assert again.state == "lesson"
    assert (again.player.lesson.id, again.player.current_index) == ("the-post", 1)


class _FakeStepView(steps_base.StepView):
    """A stand-in step widget with a side panel."""

    def __init__(self, step, index, context, parent=None):
        super().__init__(step, index, context, parent)
        self.panel = QLabel("Side notes")
        self.panel.setAccessibleName("Side notes")


def _fake_side_panel(self):
    return self.panel


def test_side_panel_appears_only_for_steps_that_have_one(example_window, monkeypatch):
    """A step's side panel is shown beside the column; a step without one hides the side column."""
    from app.ui import steps as _steps  # noqa: F401  (register the real views first)

    monkeypatch.setattr(_FakeStepView, "side_panel", _fake_side_panel)
    monkeypatch.setitem(steps_base.STEP_VIEWS, "reading", _FakeStepView)
    monkeypatch.setitem(steps_base.STEP_VIEWS, "example", steps_base.StepView)
    _open_the_post(example_window)
    player = example_window.player
    assert isinstance(player.current_view(), _FakeStepView)
    assert player.current_side_panel() is player.current_view().panel
    assert player.side_scroll.isVisibleTo(example_window)
    player.go_next()
    assert player.current_side_panel() is None
    assert not player.side_scroll.isVisibleTo(example_window)


def test_a_step_kind_without_a_widget_gets_an_honest_stand_in(example_window, monkeypatch):
    """A kind missing from the registry shows "cannot be shown yet" instead of crashing."""
    from app.ui import steps as _steps  # noqa: F401

    monkeypatch.delitem(steps_base.STEP_VIEWS, "reading")
    _open_the_post(example_window)
    view = example_window.player.current_view()
    assert isinstance(view, StepFallbackView)
    assert "cannot be shown yet" in view.message


def _focus_in(widget, window) -> bool:
    from PySide6.QtWidgets import QApplication

    focused = QApplication.focusWidget() if window.isActiveWindow() else window.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def test_focus_goes_into_the_new_step_never_to_the_top_bar(example_window, qtbot):
    """Opening a lesson and every switch (Alt+Right, Alt+Left, Next, a dot) leave the focus in the visible step."""
    qtbot.waitExposed(example_window)
    example_window.activateWindow()
    qtbot.waitUntil(example_window.isActiveWindow)
    _, _, lesson = _open_the_post(example_window)
    player = example_window.player
    assert _focus_in(player.current_view(), example_window)
    for _ in range(len(lesson.steps) - 1):
        qtbot.keyClick(example_window.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        view = player.current_view()
        assert view.isVisible() and _focus_in(view, example_window)
        assert not _focus_in(example_window.home_button, example_window)
    qtbot.keyClick(example_window.focusWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert _focus_in(player.current_view(), example_window)
    player.next_button.setFocus()
    qtbot.keyClick(player.next_button, Qt.Key.Key_Space)
    assert player.current_index == len(lesson.steps) - 1
    assert _focus_in(player.current_view(), example_window)
    player.indicator.dots[0].click()
    assert _focus_in(player.current_view(), example_window)


def test_the_dot_row_is_one_tab_stop_with_arrow_keys_between_dots(example_window, qtbot):
    """Tab reaches only the current step's dot; arrows, Home and End move the focus; Return opens; names stay."""
    qtbot.waitExposed(example_window)
    example_window.activateWindow()
    qtbot.waitUntil(example_window.isActiveWindow)
    _, _, lesson = _open_the_post(example_window)
    player = example_window.player
    dots = player.indicator.dots
    player.open_step(1)
    player.module_link.setFocus()
    # forwards from the breadcrumb: exactly one dot, then the step's content
    reached = []
    for _ in range(10):
        qtbot.keyClick(example_window.focusWidget(), Qt.Key.Key_Tab)
        focused = example_window.focusWidget()
        if focused in dots:
            reached.append(focused)
        elif reached:
            break
    assert reached == [dots[1]]
    assert player.current_view().isAncestorOf(example_window.focusWidget())
    dots[1].setFocus()
    qtbot.keyClick(dots[1], Qt.Key.Key_Right)
    assert dots[2].hasFocus() and player.current_index == 1
    qtbot.keyClick(dots[2], Qt.Key.Key_End)
    assert dots[-1].hasFocus()
    qtbot.keyClick(dots[-1], Qt.Key.Key_Home)
    qtbot.keyClick(dots[0], Qt.Key.Key_Left)
    assert dots[0].hasFocus()
    qtbot.keyClick(dots[0], Qt.Key.Key_Right)
    qtbot.keyClick(dots[1], Qt.Key.Key_Right)
    qtbot.keyClick(dots[2], Qt.Key.Key_Return)
    assert player.current_index == 2
    assert dots[2].accessibleName() == f"Step 3 of {len(lesson.steps)}, current"
    assert [dot for dot in dots if dot.focusPolicy() & Qt.FocusPolicy.TabFocus] == [dots[2]]


def test_the_side_panel_is_named_after_what_it_holds(example_window):
    """The focusable side column takes the name of its panel (Notes, Glossary), changing with the step."""
    _, _, lesson = _open_the_post(example_window)
    player = example_window.player
    names = set()
    for index in range(len(lesson.steps)):
        player.open_step(index)
        side = player.current_side_panel()
        if side is not None:
            assert side.accessibleName()
            assert player.side_scroll.accessibleName() == side.accessibleName()
            names.add(side.accessibleName())
    assert len(names) >= 1


def test_shift_tab_leaves_the_breadcrumb_and_its_module_link_opens_the_module(example_window, qtbot):
    """Shift+Tab moves on from the breadcrumb's module link (no keyboard trap); Space on it shows the module."""
    qtbot.waitExposed(example_window)
    example_window.activateWindow()
    qtbot.waitUntil(example_window.isActiveWindow)
    _, module, _ = _open_the_post(example_window)
    player = example_window.player
    player.module_link.setFocus()
    assert player.module_link.hasFocus()
    focused = []
    for _ in range(3):
        qtbot.keyClick(example_window.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        focused.append(example_window.focusWidget())
    assert player.module_link not in focused
    assert len(set(focused)) == 3
    assert player.module_link.accessibleName() == module.title
    with qtbot.waitSignal(player.module_requested):
        player.module_link.setFocus()
        qtbot.keyClick(player.module_link, Qt.Key.Key_Space)
