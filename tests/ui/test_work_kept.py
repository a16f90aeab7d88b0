"""Nothing a learner does is lost: answers, checks, hints, marks and revealed notes survive leaving the step,
going Home, quitting and a relaunch on the same data folder, with the same order of questions and choices."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from app.ui.main_window import MainWindow
from app.ui.steps import quiz as quiz_module
from app.ui.steps.compare import CompareStepView
from app.ui.steps.example import ExampleStepView
from app.ui.steps.quiz import QuizStepView
from tests.conftest import EXAMPLE_PACK
from tests.ui.test_quiz_step import answer_practice_quiz


@pytest.fixture(autouse=True)
def submit_anyway(monkeypatch) -> None:
    monkeypatch.setattr(quiz_module, "confirm_blank_submission", lambda _parent, _missing: True)


def _open(window: MainWindow, lesson_id: str, kind: str) -> int:
    pack = window.packs[0]
    module = pack.modules[0]
    lesson = pack.lesson("tea", lesson_id)
    index = next(i for i, step in enumerate(lesson.steps) if step.kind == kind)
    window.open_lesson(pack, module, lesson, index)
    return index


def _relaunch(window: MainWindow, make_window: Callable[..., MainWindow]) -> MainWindow:
    """Go Home, quit with Ctrl+Q's action, and start a new window on the same data folder; Continue."""
    window.home_action.trigger()
    window.quit_action.trigger()
    assert not window.isVisible()
    window.store.close()
    again = make_window(str(EXAMPLE_PACK))
    again.resize(1024, 700)
    again.show()
    again.continue_action.trigger()
    return again


def _quiz_picture(view: QuizStepView) -> dict:
    """What the learner sees of every card: the order, each card's answer, order of choices, and checks."""
    return {
        "order": list(view.cards),
        "cards": {
            question_id: (
                card.response(),
                list(card.view.display_order),
                card.tries,
                card.result is not None,
                card.status.text(),
                card.score_label.text() if card.score_label.isVisibleTo(card) else "",
                card.hint_panel.isVisibleTo(card),
                card.retry_button.isVisibleTo(card),
            )
            for question_id, card in view.cards.items()
        },
    }


def test_every_question_type_comes_back_after_home_quit_and_relaunch(make_window, qtbot):
    """Answer all eight types of the practice quiz, check some, open a hint: all of it comes back, in order."""
    window = make_window(str(EXAMPLE_PACK))
    window.resize(1024, 700)
    window.show()
    _open(window, "check", "quiz")
    view = window.player.current_view()
    assert isinstance(view, QuizStepView)
    answer_practice_quiz(qtbot, view)
    qtbot.mouseClick(view.cards["q-single"].hint_button, Qt.MouseButton.LeftButton)
    for question_id in ("q-tf", "q-single", "q-spot"):
        qtbot.mouseClick(view.cards[question_id].check_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.cards["q-single"].retry_button, Qt.MouseButton.LeftButton)  # checked, then Try again
    before = _quiz_picture(view)
    assert before["cards"]["q-tf"][3] and not before["cards"]["q-single"][3]
    assert before["cards"]["q-single"][6] and before["cards"]["q-single"][2] == 1  # hint open, one check
    qtbot.keyClicks(view.cards["q-short"].view.field, " too")  # typed just before quitting: kept as well
    before = _quiz_picture(view)

    again = _relaunch(window, make_window)
    restored = again.player.current_view()
    assert isinstance(restored, QuizStepView)
    after = _quiz_picture(restored)
    assert after["order"] == before["order"]
    for question_id, card in before["cards"].items():
        assert after["cards"][question_id] == card, question_id
    assert restored.result is None and restored.footer.isVisible()


def test_half_a_quiz_comes_back_with_blanks_still_blank(make_window, qtbot):
    window = make_window(str(EXAMPLE_PACK))
    window.show()
    _open(window, "check", "quiz")
    view = window.player.current_view()
    qtbot.mouseClick(view.cards["q-tf"].view.rows[False].button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.cards["q-tf"].check_button, Qt.MouseButton.LeftButton)
    multiple = view.cards["q-multiple"].view
    qtbot.mouseClick(multiple.rows[1].button, Qt.MouseButton.LeftButton)
    before = _quiz_picture(view)

    restored = _relaunch(window, make_window).player.current_view()
    assert _quiz_picture(restored) == before
    blank = [qid for qid, card in restored.cards.items() if card.response() is None]
    assert len(blank) == 6
    assert restored.unanswered_label.text() == "6 questions are not answered yet; they would score 0."


def test_a_submitted_check_is_not_reviewed_twice_after_a_relaunch(make_window, qtbot):
    """Questions checked before quitting count as checked in the resumed attempt (review is fed once)."""
    window = make_window(str(EXAMPLE_PACK))
    window.show()
    _open(window, "check", "quiz")
    view = window.player.current_view()
    answer_practice_quiz(qtbot, view)
    qtbot.mouseClick(view.cards["q-tf"].check_button, Qt.MouseButton.LeftButton)
    again = _relaunch(window, make_window)
    restored = again.player.current_view()
    restored.request_submit()
    session = again.session
    assert session is not None
    attempt = session.attempts(restored.index)[-1]
    assert attempt.result("q-tf").response is False
    assert attempt.result("q-short").response == "a testimonial"


def test_a_test_mode_quiz_keeps_its_ratings_and_a_submitted_one_its_results(make_window, qtbot):
    """Judge ratings in a test come back; once submitted, the quiz comes back submitted, with its summary."""
    window = make_window(str(EXAMPLE_PACK))
    window.show()
    _open(window, "before", "quiz")
    view = window.player.current_view()
    first = next(iter(view.cards.values()))
    qtbot.mouseClick(first.view.buttons[5], Qt.MouseButton.LeftButton)
    before = _quiz_picture(view)
    again = _relaunch(window, make_window)
    restored = again.player.current_view()
    assert _quiz_picture(restored) == before
    restored.request_submit()
    summary = restored.summary.headline.text()
    picture = _quiz_picture(restored)

    third = _relaunch(again, make_window).player.current_view()
    assert third.result is not None and third.summary.isVisible()
    assert third.summary.headline.text() == summary
    assert _quiz_picture(third) == picture
    qtbot.mouseClick(third.summary.retry_button, Qt.MouseButton.LeftButton)
    assert all(card.response() is None for card in third.cards.values())


def test_example_marks_and_revealed_notes_come_back(make_window, qtbot):
    """Marks made on an example's text come back after a relaunch; so do revealed annotations and their verdicts."""
    window = make_window(str(EXAMPLE_PACK))
    window.show()
    index = _open(window, "the-post", "example")
    view = window.player.current_view()
    assert isinstance(view, ExampleStepView)
    artefact = view.artefact_view
    text = artefact.text_view.text()
    start = text.index("Dr. Lin says")
    artefact.text_view.select_range(start, start + len("Dr. Lin says"))
    qtbot.mouseClick(artefact.mark_button, Qt.MouseButton.LeftButton)
    marks = artefact.learner_marks()
    assert marks

    again = _relaunch(window, make_window)
    assert again.player.current_index == index
    restored = again.player.current_view().artefact_view
    assert restored.learner_marks() == marks
    assert not restored.annotations_visible()
    assert restored.remove_button.isEnabled()
    qtbot.mouseClick(restored.reveal_button, Qt.MouseButton.LeftButton)
    found = restored.result_label.text()

    third = _relaunch(again, make_window)
    view = third.player.current_view()
    assert view.artefact_view.annotations_visible()
    assert view.artefact_view.learner_marks() == marks
    assert view.artefact_view.result_label.text() == found
    assert view.notes_panel.placeholder.isHidden()
    assert [note.found() for note in view.notes_panel.notes] == [True, False]


def test_compare_takeaway_shown_comes_back(make_window, qtbot):
    window = make_window(str(EXAMPLE_PACK))
    window.show()
    _open(window, "the-post", "compare")
    view = window.player.current_view()
    assert isinstance(view, CompareStepView)
    view.takeaway_button.click()
    restored = _relaunch(window, make_window).player.current_view()
    assert isinstance(restored, CompareStepView)
    assert restored.takeaway_shown()


def test_a_draft_that_no_longer_fits_the_quiz_is_dropped(make_window, qtbot):
    """A kept attempt from another version of the quiz (other questions) opens a fresh attempt, no crash."""
    window = make_window(str(EXAMPLE_PACK))
    window.show()
    index = _open(window, "check", "quiz")
    session = window.session
    session.store.save_draft(*session._where(index), '{"order": ["q-gone"], "display": {}}')
    window.home_action.trigger()
    window.session = None
    _open(window, "check", "quiz")
    view = window.player.current_view()
    assert len(view.cards) == 8 and all(card.tries == 0 for card in view.cards.values())
    session.store.save_draft(*session._where(index), "not json at all")
    assert session.draft(index, quiz_module.QuizDraft) is None


def test_a_reflection_too_short_to_save_is_kept_as_a_draft(make_window, qtbot):
    """Words typed in a reflection, fewer than it needs, come back after quitting; saving it drops the draft."""
    window = make_window(str(EXAMPLE_PACK))
    window.show()
    index = _open(window, "the-post", "reflect")
    view = window.player.current_view()
    view.editor.setFocus()
    qtbot.keyClicks(view.editor, "Stories from people I know")
    assert not view.save_button.isEnabled()  # 10 words needed: nothing is saved as the reflection

    again = _relaunch(window, make_window)
    assert again.player.current_index == index
    restored = again.player.current_view()
    assert restored.editor.toPlainText() == "Stories from people I know"
    assert restored.status.text() == "Draft kept"
    assert again.session.reflection(index) is None
    restored.editor.moveCursor(restored.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(restored.editor, " sound convincing because I trust them more than strangers")
    qtbot.mouseClick(restored.save_button, Qt.MouseButton.LeftButton)
    assert again.session.reflection(index).startswith("Stories from people I know sound")
    assert again.store.draft(again.profile_id, *again.session._where(index)[1:]) is None
