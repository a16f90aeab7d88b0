"""The library panel and the home screen: packs, modules, lessons, states and Continue."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.model.lesson_state import LessonState
from app.ui.library import BAR_TONE_ROLE, STATE_ROLE, STATE_TEXT_ROLE, STATE_TONE_ROLE, module_words
from tests.conftest import EXAMPLE_CHECK_ANSWERS


def _lesson_words(window, lesson_id: str) -> tuple[str, str, str]:
    item = window.library.lesson_item("example-miracle-tea", "tea", lesson_id)
    return (
        item.data(0, STATE_ROLE),
        item.toolTip(0),
        item.data(0, Qt.ItemDataRole.AccessibleTextRole),
    )


def test_library_lists_modules_and_lessons_in_pack_order(example_window):
    """The tree holds the pack, its module and every lesson, in the pack's order."""
    tree = example_window.library.tree
    pack_item = tree.topLevelItem(0)
    assert pack_item.text(0) == "Example pack: the miracle tea"
    module_item = pack_item.child(0)
    assert module_item.text(0) == "The Miracle Tea"
    lessons = [module_item.child(i).text(0) for i in range(module_item.childCount())]
    assert lessons == [lesson.title for lesson in example_window.packs[0].modules[0].lessons]


def test_every_lesson_starts_not_started_with_icon_and_word(example_window):
    """Before anything is opened each lesson says "not started" in its tooltip and accessible name."""
    for lesson in example_window.packs[0].modules[0].lessons:
        state, tip, accessible = _lesson_words(example_window, lesson.id)
        assert state == LessonState.NOT_STARTED.value
        assert tip.endswith("(Not started)")
        assert accessible == f"{lesson.title}, Not started"
        item = example_window.library.lesson_item("example-miracle-tea", "tea", lesson.id)
        assert not item.icon(0).isNull()


def test_opening_a_step_marks_the_lesson_in_progress(example_window):
    """Opening a lesson records a visit and the tree shows "in progress" at once."""
    pack = example_window.packs[0]
    module = pack.modules[0]
    example_window.open_lesson(pack, module, module.lessons[1])
    state, _tip, accessible = _lesson_words(example_window, module.lessons[1].id)
    assert state == "in progress"
    assert accessible.endswith(", In progress")
    assert _lesson_words(example_window, module.lessons[0].id)[0] == "not started"


def test_module_row_shows_minutes_and_completion(example_window):
    """The module row names its minutes and how many lessons are done."""
    item = example_window.library.module_item("example-miracle-tea", "tea")
    accessible = item.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert "15 min" in accessible
    assert "0 of 4 done" in accessible


def test_completing_a_lesson_updates_the_module_completion(example_window):
    """Opening every step of a lesson without quizzes or reflections completes it and fills the bar."""
    pack = example_window.packs[0]
    module = pack.modules[0]
    plain = next(
        (lesson for lesson in module.lessons
         if all(step.quiz is None and step.reflect is None for step in lesson.steps)),
        None,
    )
    target = plain or module.lessons[0]
    example_window.open_lesson(pack, module, target, 0)
    for _ in target.steps:
        example_window.go_next()
    if plain is None:  # the example pack gives every lesson a quiz or a reflection: it stays in progress
        assert _lesson_words(example_window, target.id)[0] == "in progress"
    else:
        assert _lesson_words(example_window, target.id)[0] in ("completed", "passed")
        assert "1 of 4 done" in example_window.library.module_item("example-miracle-tea", "tea").toolTip(0)


def test_clicking_a_lesson_in_the_tree_opens_it(example_window):
    """Activating a lesson row opens that lesson in the player."""
    item = example_window.library.lesson_item("example-miracle-tea", "tea", "check")
    example_window.library.tree.itemClicked.emit(item, 0)
    assert example_window.state == "lesson"
    assert example_window.player.lesson.id == "check"
    assert example_window.windowTitle() == "Unspun - Check yourself"


def test_home_shows_pack_and_module_cards(example_window):
    """The home screen shows the pack, a card per module with minutes, objectives and a Start button."""
    home = example_window.home
    assert example_window.stack.currentWidget() is home
    assert len(home.cards) == 1
    card = home.cards[0]
    texts = [label.text() for label in card.findChildren(type(example_window.library.empty_label))]
    assert "The Miracle Tea" in texts
    assert any("15 min" in text for text in texts)
    assert any("Tell a testimonial from evidence." in text for text in texts)
    assert card.open_button.text() == "Start"
    card.open_button.click()
    assert example_window.player.lesson.id == "before"


def test_continue_is_start_learning_before_anything_was_opened(example_window):
    """With no history the Continue button offers to start, and opens the first lesson."""
    assert example_window.library.continue_button.text() == "Start learning"
    assert not example_window.home.continue_card.isVisibleTo(example_window)
    example_window.library.continue_button.click()
    assert example_window.player.lesson.id == "before"
    assert example_window.player.current_index == 0


def test_library_panel_can_be_hidden_and_shown(example_window):
    """The Library button and View menu hide and show the panel together."""
    example_window.library_button.click()
    assert not example_window.library.isVisibleTo(example_window)
    assert not example_window.library_action.isChecked()
    example_window.library_action.trigger()
    assert example_window.library.isVisibleTo(example_window)
    assert example_window.library_button.isChecked()


def test_library_toggle_is_a_panel_switch_apart_from_the_page_tabs(example_window):
    """The library switch is an icon button at the bar's edge, named as a panel, whose icon shows on or off."""
    from PySide6.QtWidgets import QToolButton

    button = example_window.library_button
    bar = example_window.home_button.parentWidget()
    tabs = [b for b in bar.findChildren(QToolButton) if b.objectName() == "navButton"]
    assert [tab.text() for tab in tabs][:1] == ["Home"]
    assert "Library" not in [tab.text() for tab in tabs]
    assert button not in tabs
    assert button.accessibleName() == "Library panel"
    assert button.text() == ""
    assert "Ctrl+L" in button.toolTip() and "library" in button.toolTip()
    assert bar.layout().indexOf(button) == 0  # before the brand, not among the page tabs
    assert button.isCheckable() and button.isChecked()
    shown_icon = button.icon().pixmap(20, 20).toImage()
    example_window.library_action.trigger()  # the View menu sets the button with its signals blocked
    assert not button.isChecked()
    assert button.icon().pixmap(20, 20).toImage() != shown_icon
    assert example_window.home_button.isChecked()  # the page did not change


def _submit_check(window, responses: dict) -> None:
    pack = window.packs[0]
    module = pack.modules[0]
    lesson = pack.lesson("tea", "check")
    for index in range(len(lesson.steps)):
        window.open_lesson(pack, module, lesson, index)
    index = next(i for i, step in enumerate(lesson.steps) if step.quiz is not None)
    window.player.session.submit_quiz(index, responses)
    window.library.refresh_states()


def test_done_and_passed_read_differently_and_a_failed_quiz_never_fills_a_green_bar(example_window):
    """A quiz submitted at a low score reads "Done · not passed (0%)" in amber; passed reads "Passed"."""
    window = example_window
    item = window.library.lesson_item("example-miracle-tea", "tea", "check")
    module_item = window.library.module_item("example-miracle-tea", "tea")
    assert item.data(0, STATE_TEXT_ROLE) == ""  # not started: no line, the icon and tooltip say it
    _submit_check(window, {})
    assert item.data(0, STATE_ROLE) == "completed"
    assert item.data(0, STATE_TEXT_ROLE) == "Done · not passed (0%)"
    assert item.data(0, STATE_TONE_ROLE) == "not passed"
    assert item.toolTip(0).endswith("(Done · not passed (0%))")
    assert "1 not passed" in module_item.data(0, Qt.ItemDataRole.AccessibleTextRole)
    assert module_item.data(0, BAR_TONE_ROLE) == "not passed"
    _submit_check(window, EXAMPLE_CHECK_ANSWERS)
    assert item.data(0, STATE_TEXT_ROLE) == "Passed"
    assert item.data(0, STATE_TONE_ROLE) == "passed"
    assert module_item.data(0, BAR_TONE_ROLE) == ""  # one lesson passed of four: the usual accent


def test_module_words() -> None:
    """A module sums its lessons up in words."""
    done, passed, started = LessonState.COMPLETED, LessonState.PASSED, LessonState.IN_PROGRESS
    assert module_words([passed, passed, passed]) == "All 3 passed"
    assert module_words([passed]) == "Passed"
    assert module_words([passed, done, done]) == "3 of 3 done · 2 not passed"
    assert module_words([passed, started, LessonState.NOT_STARTED]) == "1 of 3 done"
