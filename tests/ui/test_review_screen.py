"""The Review screen: missed quiz answers come back due, are answered on the quiz's own cards, and reschedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.model import review
from app.model.progress import ProgressError
from app.ui import review as review_screen
from app.ui.question_card import QuestionCardView
from app.ui.review import NOTHING_DUE_TEXT
from app.ui.steps.quiz import QuizStepView
from tests.stored import stored_rows

PACK_ID = "example-miracle-tea"


def _open_check_quiz(window) -> QuizStepView:
    pack = window.packs[0]
    window.open_lesson(pack, pack.modules[0], pack.lesson("tea", "check"), 0)
    view = window.player.current_view()
    assert isinstance(view, QuizStepView)
    return view


def _submit(window, responses: dict) -> QuizStepView:
    """Answer the practice quiz through its cards and submit it, as a learner would."""
    view = _open_check_quiz(window)
    for question_id, response in responses.items():
        view.cards[question_id].set_response(response)
    view.submit()
    return view


@pytest.fixture
def later(example_window):
    """Move the window's review clock two days on, when everything missed in a lesson is due."""
    moment = datetime.now(UTC) + timedelta(days=2)
    example_window.mastery.clock = lambda: moment
    return moment


def test_nothing_due_shows_the_empty_state(example_window):
    """With nothing missed, Review says so and the top bar shows no number."""
    window = example_window
    window.mastery.show_review()
    assert window.state == "review"
    assert window.mastery.review.empty_label.text() == NOTHING_DUE_TEXT
    assert window.mastery.review_button.text() == "Review"
    assert window.mastery.review_button.isChecked()


def test_wrong_in_a_quiz_then_right_in_review_is_no_longer_due(example_window, later):
    """The whole loop: a wrong quiz answer becomes due, the toolbar counts it, a right review reschedules it."""
    window = example_window
    answers = {"q-single": 0, "q-tf": True}  # a personal story: right; "the tea shortens colds": wrong
    _submit(window, answers)
    due = review.due_items(window.store, window.profile_id, later, window.packs)
    due_ids = {item.question_id for item in due}
    assert "q-tf" in due_ids and "q-single" not in due_ids  # right first time: nothing to review
    assert window.mastery.review_button.text() == f"Review ({len(due)})"  # counted after the quiz

    window.mastery.review_button.click()
    screen = window.mastery.review
    assert window.state == "review"
    seen = []
    while screen.card is not None:
        card = screen.card
        assert isinstance(card, QuestionCardView)
        item = screen.current_item()
        seen.append(item.question_id)
        if item.question_id == "q-tf":
            card.set_response(False)  # right this time
        card.check()
        assert not card.check_button.isVisible() and not card.retry_button.isVisible()
        assert screen.next_button is not None
        screen.next_button.click()
    assert sorted(seen) == sorted(due_ids)
    assert screen.summary_label.text().startswith(f"Review done: 1 of {len(due)} questions right")

    right = review.item(window.store, window.profile_id, PACK_ID, "tea", "q-tf")
    assert right.due > later  # not due now
    remaining = {item.question_id for item in review.due_items(window.store, window.profile_id, later, window.packs)}
    assert "q-tf" not in remaining
    wrong = review.item(window.store, window.profile_id, PACK_ID, "tea", "q-short")
    assert later < wrong.due < right.due  # missed again: back sooner than the one answered right
    assert window.mastery.review_button.text() == "Review"
    logged = stored_rows(window.store,
        "SELECT fraction FROM reviews WHERE profile_id = ? AND question_id = 'q-tf' AND source = 'review'",
        (window.profile_id,),
    )
    assert logged == [(1.0,)]


def test_each_question_shows_its_lesson_and_counts(example_window, later):
    """A due question shows where it came from and "Question i of n"; Next moves on, Finish ends."""
    window = example_window
    _submit(window, {"q-single": 1, "q-tf": True})
    window.mastery.show_review()
    screen = window.mastery.review
    total = len(screen.queue)
    assert total >= 2
    assert screen.source_label.text() == "From “Check yourself” · The Miracle Tea"
    assert screen.card.heading.text() == f"Question 1 of {total}"
    assert screen.subtitle.text().startswith(f"{total} questions are due")
    screen.card.check()
    assert screen.next_button.text().startswith("Next question")
    screen.next_button.click()
    assert screen.card.heading.text() == f"Question 2 of {total}"


def test_display_order_comes_from_the_session_rules(example_window, later, monkeypatch):
    """Each review card takes its display order from session.display_order, as quizzes do."""
    window = example_window
    _submit(window, {"q-single": 1})
    asked = []

    def fake_order(question, rng):
        asked.append(question.id)
        return list(reversed(range(len(getattr(question, "choices", []) or getattr(question, "items", [])))))

    monkeypatch.setattr(review_screen, "display_order", fake_order)
    window.mastery.show_review()
    screen = window.mastery.review
    assert asked == [screen.current_item().question_id]


def test_a_failed_save_is_shown_and_the_review_goes_on(example_window, later, monkeypatch):
    """A full disk while recording a review says so on the screen; the learner can still move on."""
    window = example_window
    _submit(window, {"q-tf": True})
    window.mastery.show_review()
    screen = window.mastery.review

    def full(*_args, **_kwargs):
        raise ProgressError("Progress could not be saved: the disk is full.")

    monkeypatch.setattr(review, "record_review", full)
    screen.card.check()
    assert screen.message.isVisibleTo(screen)
    assert screen.message.text() == "This answer could not be saved: Progress could not be saved: the disk is full."
    assert screen.next_button.isVisibleTo(screen)


def test_switching_profile_recounts_reviews(example_window, later, monkeypatch):
    """Another learner has their own review items: the count follows the profile."""
    from app.ui import profiles

    window = example_window
    _submit(window, {"q-tf": True})
    assert window.mastery.review_button.text().startswith("Review (")
    monkeypatch.setattr(profiles, "ask_text", lambda *args: "Sam")
    window.mastery.profile_button.create_profile()
    assert window.mastery.review_button.text() == "Review"
    window.mastery.show_review()
    assert window.mastery.review.empty_label.text() == NOTHING_DUE_TEXT


def test_the_review_count_follows_checks_time_and_activation(example_window, qtbot):
    """A missed practice Check is counted at once; items falling due are counted by the minute timer and on activation."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window = example_window
    button = window.mastery.review_button
    view = _open_check_quiz(window)
    window.mastery.clock = lambda: datetime.now(UTC) + timedelta(days=1)
    card = view.cards["q-tf"]
    card.set_response(True)  # "the tea shortens colds": wrong
    card.check_button.click()
    assert button.text() == "Review (1)"

    window.mastery.clock = lambda: None  # now: the missed answer is not due yet
    window.mastery.refresh_review_count()
    assert button.text() == "Review"
    window.mastery.clock = lambda: datetime.now(UTC) + timedelta(days=1)
    window.mastery.recount_timer.timer.timeout.emit()
    assert button.text() == "Review (1)"

    window.mastery.clock = lambda: None
    window.mastery.refresh_review_count()
    window.mastery.clock = lambda: datetime.now(UTC) + timedelta(days=1)
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert button.text() == "Review (1)"


def _top_bar_count(window) -> int:
    text = window.mastery.review_button.text()
    return int(text[len("Review (") : -1]) if text != "Review" else 0


def _counts(window) -> tuple[int, int]:
    """Return (the top bar's due count, the dashboard's), both freshly computed."""
    window.mastery.refresh_review_count()
    dashboard = window.mastery.dashboard
    dashboard.set_profile(window.profile_id)
    dashboard.set_packs(window.packs)
    data = dashboard.load()
    assert data is not None
    return _top_bar_count(window), data.reviews_due


def test_top_bar_and_dashboard_agree_on_due_reviews_in_every_state(example_window, later, monkeypatch):
    """One due count: nothing due, items due, items of a pack not loaded, no packs, another learner."""
    from app.ui import profiles

    window = example_window
    assert _counts(window) == (0, 0)
    _submit(window, {"q-tf": True})
    due, _ = _counts(window)
    assert due > 0 and _counts(window) == (due, due)
    # an item of a pack that is not loaded cannot be reviewed: neither counts it (the dashboard once said 8, the bar 0)
    review.note_answer(
        window.store, window.profile_id, "not-loaded", "m", "l", "s",
        review.LessonAnswer("q", "single", 0.0), datetime.now(UTC),
    )
    assert review.due_count(window.store, window.profile_id, later, packs=None) == due + 1
    assert _counts(window) == (due, due)
    packs = list(window.packs)
    window.set_packs([])
    assert _counts(window) == (0, 0)
    window.set_packs(packs)
    assert _counts(window) == (due, due)
    monkeypatch.setattr(profiles, "ask_text", lambda *args: "Sam")
    window.mastery.profile_button.create_profile()
    assert _counts(window) == (0, 0)
