"""The quiz step: practice and test modes, what a submission stores, the summary and retries."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.model.progress import ProgressStore
from app.model.schema import Choice as SchemaChoice
from app.model.schema import Quiz, Single, Step, TrueFalse
from app.model.session import LessonSession
from app.ui.question_card import number_text
from app.ui.steps import quiz as quiz_module
from app.ui.steps.base import StepContext, create_step_view
from app.ui.steps.quiz import QuizStepView


@pytest.fixture(autouse=True)
def blank_prompts(monkeypatch) -> list[int]:
    """Answer "Submit anyway" when a submission with blank questions asks; record each question count."""
    asked: list[int] = []

    def confirm(_parent, missing: int) -> bool:
        asked.append(missing)
        return True

    monkeypatch.setattr(quiz_module, "confirm_blank_submission", confirm)
    return asked


@pytest.fixture
def store(tmp_path):
    store = ProgressStore.open(tmp_path / "progress.db")
    yield store
    store.close()


def quiz_index(lesson) -> int:
    return next(index for index, step in enumerate(lesson.steps) if step.quiz is not None)


@pytest.fixture
def open_quiz(qtbot, pack, store):
    """Open the quiz of a lesson of the example pack, with a real session (or none)."""

    def open_(lesson_id: str, *, with_session: bool = True, seed: int = 5) -> QuizStepView:
        module = pack.module("tea")
        lesson = pack.lesson("tea", lesson_id)
        session = None
        if with_session:
            session = LessonSession(
                pack, module, lesson, store, store.ensure_default_profile(), random.Random(seed)
            )
        index = quiz_index(lesson)
        if session is not None:
            session.open_step(index)
        view = create_step_view(lesson.steps[index], index, StepContext(pack, module, lesson, session))
        qtbot.addWidget(view)
        view.resize(720, 900)
        view.show()
        qtbot.waitExposed(view)
        return view

    return open_


def stored_attempts(view: QuizStepView, store: ProgressStore):
    session = view.context.session
    return store.attempts(
        session.profile_id,
        session.pack.id,
        session.module.id,
        session.lesson.id,
        session.step_key(view.index),
    )


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_practice_quiz(qtbot, view: QuizStepView) -> dict:
    """Answer every question of the practice quiz through its widget; return what was meant."""
    cards = view.cards
    single = cards["q-single"].view
    click(qtbot, next(r for r in single.rows.values() if r.label.text() == "A personal story").button)
    multiple = cards["q-multiple"].view
    click(qtbot, multiple.rows[0].button)  # one of the two right choices: half the points
    click(qtbot, cards["q-tf"].view.rows[False].button)
    qtbot.keyClicks(cards["q-short"].view.field, "a testimonial")
    order = cards["q-order"].view
    shown = order.shown_order()
    order.list.setCurrentRow(shown.index(0))
    for _ in range(shown.index(0)):
        click(qtbot, order.up_button)  # bring "Pause" to the top
    if order.response() is None:  # it was on top already: move the second item down and back
        order.list.setCurrentRow(1)
        click(qtbot, order.down_button)
        click(qtbot, order.up_button)
    match = cards["q-match"].view
    for left, row in match.rows.items():
        right = view.quiz.questions[5].pairs[left].right
        row.combo.setCurrentIndex(row.combo.findText(right))
    spot = cards["q-spot"].view
    spot.select_span(0, len("Experts agree"))
    click(qtbot, spot.mark_button)
    categorize = cards["q-categorize"].view
    for row in categorize.rows.values():
        row.combo.setCurrentIndex(row.combo.findText("Evidence"))
    return {
        "q-single": 0,
        "q-multiple": [0],
        "q-tf": False,
        "q-short": "a testimonial",
        "q-order": [0] + [i for i in shown if i != 0],
        "q-match": {0: 0, 1: 1},
        "q-spot": [(0, 13)],
        "q-categorize": {0: 0, 1: 0},
    }


# ---------------------------------------------------------------- layout


def test_quiz_shows_title_mode_and_pass_mark(open_quiz) -> None:
    """The header names the quiz, its mode, its size and its pass mark."""
    view = open_quiz("check")
    assert view.title.text() == "Quiz"  # the pack's own title
    assert view.meta.text() == "Practice · 8 questions · Pass: 60%"
    assert not view.measure_note.isVisible()
    assert not view.best_label.isVisible()


def test_questions_follow_the_session_question_order(open_quiz, pack, store, monkeypatch) -> None:
    """Cards appear in the order the session gives for this attempt, numbered as shown."""
    monkeypatch.setattr(LessonSession, "question_order", lambda self, quiz: list(reversed(range(8))))
    view = open_quiz("check")
    ids = list(view.cards)
    assert ids == [q.id for q in reversed(view.quiz.questions)]
    assert view.cards[ids[0]].heading.text() == "Question 1 of 8"
    assert view.cards[ids[-1]].heading.text() == "Question 8 of 8"
    layout_order = [view.cards_box.itemAt(i).widget() for i in range(view.cards_box.count())]
    assert layout_order == list(view.cards.values())


def test_display_orders_come_from_the_session(open_quiz, monkeypatch) -> None:
    """Each question's choices are shown in the order the session's display_order returns."""
    from app.model import session as session_module

    def reversed_order(self, question):
        return list(reversed(session_module.display_order(question, random.Random(0)) or []))

    monkeypatch.setattr(LessonSession, "display_order", reversed_order)
    view = open_quiz("check")
    single = view.cards["q-single"].view
    expected = list(reversed(session_module.display_order(view.quiz.questions[0], random.Random(0))))
    assert list(single.rows) == expected


def test_measure_quiz_explains_the_before_and_after_check(open_quiz) -> None:
    """A pre-test says it is a before-and-after check kept for comparison, with no pass mark: taking it is enough."""
    view = open_quiz("before")
    count = len(view.quiz.questions)
    assert view.title.text() == "Before-and-after check"
    assert view.meta.text() == f"Test · {count} questions · No pass mark"
    assert view.measure_note.isVisible()
    note = view.measure_note.body.toPlainText()
    assert "before-and-after check" in note
    assert "to compare with the final check" in note
    assert "There is no pass mark: taking it is enough for this lesson." in note
    after = open_quiz("after")  # the final check keeps its pass mark
    assert after.meta.text().endswith("Pass: 70%")
    assert "pass mark of 70% counts towards passing this lesson" in after.measure_note.body.toPlainText()


# ---------------------------------------------------------------- practice


def test_practice_gives_feedback_per_question_and_stores_the_attempt(qtbot, open_quiz, store) -> None:
    """Checking shows feedback at once; submitting stores every answer in written indices, with tries."""
    view = open_quiz("check")
    meant = answer_practice_quiz(qtbot, view)
    single = view.cards["q-single"]
    click(qtbot, single.check_button)
    assert single.status.text() == "✓ Correct"
    click(qtbot, single.retry_button)
    click(qtbot, single.check_button)
    assert single.tries == 2
    assert view.unanswered_label.text() == "Every question is answered."

    with qtbot.waitSignal(view.completion_changed):
        click(qtbot, view.submit_button)

    attempts = stored_attempts(view, store)
    assert len(attempts) == 1
    stored = attempts[0]
    assert {r.question_id: r.response for r in stored.results} == meant
    tries = {r.question_id: r.tries for r in stored.results}
    assert tries["q-single"] == 2 and tries["q-tf"] == 0
    # single 1 + multiple 1 of 2 + tf 1 + short 1 + order ≥ 0.25 + match 1 + spot 0.5 + categorize 0.5
    assert stored.points_earned == pytest.approx(view.result.points_earned)
    assert stored.points_possible == 9
    expected = f"You scored {number_text(view.result.points_earned)} of 9 points ({round(view.result.score * 100)}%)"
    assert view.summary.headline.text() == expected
    assert view.summary.verdict.text() == "✓ Passed"


def test_the_score_counts_the_first_check_and_try_again_is_practice(qtbot, open_quiz, store) -> None:
    """Wrong at the first check, right after Try again: the quiz counts 0 and the card says why."""
    view = open_quiz("check")
    answer_practice_quiz(qtbot, view)
    single = view.cards["q-single"]
    click(qtbot, next(r for r in single.view.rows.values() if r.label.text() == "A clinical trial").button)
    click(qtbot, single.check_button)
    assert single.status.text() == "✗ Not right"
    click(qtbot, single.retry_button)
    click(qtbot, next(r for r in single.view.rows.values() if r.label.text() == "A personal story").button)
    click(qtbot, single.check_button)
    assert single.status.text() == "✓ Correct"
    assert single.score_label.text() == "Practice try. Your first check counts: 0 of 1 point."

    click(qtbot, view.submit_button)
    counted = view.result.result("q-single")
    assert counted is not None and counted.points_earned == 0 and counted.response == 1
    stored = stored_attempts(view, store)[0].result("q-single")
    assert stored is not None and stored.points_earned == 0 and stored.tries == 2
    # the card keeps the feedback the learner saw last, and says what counted
    assert single.status.text() == "✓ Correct"
    assert single.score_label.text() == "Practice try. Your first check counts: 0 of 1 point."


def test_blank_questions_read_not_answered(qtbot, open_quiz) -> None:
    """A question left blank reads "Not answered" on its card and in the walk-through, not "Not right"."""
    view = open_quiz("check")
    click(qtbot, view.submit_button)
    card = view.cards["q-single"]
    assert card.status.text() == "Not answered"
    assert card.score_label.text() == "0 of 1 point"
    names = [button.accessibleName() for button in view.summary.walk_buttons]
    assert names and all(": Not answered, 0 of " in name for name in names)


def test_a_used_hint_is_shown_with_the_result(qtbot, open_quiz) -> None:
    """A hint costs no points, but the result says it was used; Hint is not offered after the answer."""
    view = open_quiz("check")
    answer_practice_quiz(qtbot, view)
    card = next(card for card in view.cards.values() if card.offers_hint)
    other = next(c for c in view.cards.values() if c is not card)
    click(qtbot, card.hint_button)
    click(qtbot, card.check_button)
    assert card.hint_note.isVisible() and card.hint_note.text() == "Hint used"
    click(qtbot, other.check_button)
    assert not other.hint_note.isVisible()
    assert not other.hint_button.isVisible()


def test_practice_submission_shows_every_card_final(qtbot, open_quiz) -> None:
    """After submitting, each card shows its score and cannot be changed or checked again."""
    view = open_quiz("check")
    answer_practice_quiz(qtbot, view)
    click(qtbot, view.submit_button)
    for card in view.cards.values():
        assert card.score_label.isVisible()
        assert not card.check_button.isVisible()
        assert not card.retry_button.isVisible()
    assert view.cards["q-multiple"].score_label.text() == "1 of 2 points"
    assert not view.footer.isVisible()


def test_unanswered_questions_are_counted_and_score_zero(qtbot, open_quiz, store, blank_prompts) -> None:
    """Submitting with nothing answered asks first, then stores None answers, scores 0, says not yet passed."""
    view = open_quiz("check")
    assert view.unanswered_label.text() == "8 questions are not answered yet; they would score 0."
    click(qtbot, view.submit_button)
    assert blank_prompts == [8]
    stored = stored_attempts(view, store)[0]
    unanswered = {r.question_id for r in stored.results if r.response is None}
    assert unanswered == set(view.cards)  # an order never moved is not answered: its shuffle earns nothing
    assert view.summary.verdict.text() == "○ Not yet passed"
    assert "The pass mark is 60%." in view.summary.detail.text()


# ---------------------------------------------------------------- test mode


def test_test_mode_shows_nothing_before_submission(qtbot, open_quiz, store) -> None:
    """In a test there is no Check, no hint and no feedback until the whole quiz is submitted."""
    view = open_quiz("before")
    for card in view.cards.values():
        click(qtbot, card.view.buttons[2])
        assert not card.check_button.isVisible()
        assert not card.hint_button.isVisible()
        assert not card.status.isVisible()
        assert not card.score_label.isVisible()
        assert not card.explanation_panel.isVisible()
        assert not card.view.badge.isVisible()
    assert not view.summary.isVisible()
    assert stored_attempts(view, store) == []


def test_test_mode_summary_walks_through_each_question(qtbot, open_quiz, store) -> None:
    """After submitting a test: the score, how the posts were rated in words, a row per question, and feedback on each card."""
    view = open_quiz("before")
    for card in view.cards.values():
        click(qtbot, card.view.buttons[2])  # 2 is right for the unreliable items, wrong for the reliable ones
    click(qtbot, view.submit_button)
    assert view.summary.isVisible()
    assert not view.mode_note.isVisible()  # "you'll see how you did once you submit" is over
    # the before-measure is never a gate: a starting point, never "Not yet passed ... Retry"
    assert view.summary.headline.text() == "You scored 2 of 4 points (50%)"
    assert view.summary.verdict.text() == "✓ Taken"
    detail = view.summary.detail.text()
    assert "taking it is enough for this lesson" in detail
    assert "In this check you rated reliable and unreliable posts about the same." in detail
    assert "Not yet passed" not in detail and "Retry" not in detail and "Discernment" not in detail
    assert view.summary.retry_button.text() == "Take it again"
    assert len(view.summary.walk_buttons) == 4
    right, wrong = "Correct, 1 of 1 point", "Not right, 0 of 1 point"
    words = {"pre-post": right, "pre-forward": right, "pre-agency": wrong, "pre-trial": wrong}
    expected = [f"Question {n}: {words[question_id]}" for n, question_id in enumerate(view.cards, start=1)]
    assert [button.accessibleName() for button in view.summary.walk_buttons] == expected
    assert view.cards["pre-post"].view.verdict.text().startswith("You rated it")
    assert view.cards["pre-post"].status.text() == "✓ Correct"
    assert view.cards["pre-agency"].status.text() == "✗ Not right"
    assert view.cards["pre-agency"].explanation_panel.isVisible()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    first_card = next(iter(view.cards.values()))
    click(qtbot, view.summary.walk_buttons[0])
    qtbot.waitUntil(first_card.hasFocus)
    stored = stored_attempts(view, store)
    assert [r.response for r in stored[0].results] == [2, 2, 2, 2]
    assert stored[0].discernment == 0.0


# ---------------------------------------------------------------- retry


def test_retry_starts_a_fresh_attempt_and_shows_the_best(qtbot, open_quiz, store) -> None:
    """Retry clears the answers with new cards; the best earlier attempt is shown; both attempts are kept."""
    view = open_quiz("after")
    for card in view.cards.values():
        click(qtbot, card.view.buttons[2])  # 2 is right for the unreliable items, wrong for the reliable ones
    click(qtbot, view.submit_button)
    assert view.summary.verdict.text() == "○ Not yet passed"
    assert view.summary.retry_button.text() == "Retry"
    # the final check passes by its pass mark, and points to where the before-and-after is read
    assert "the Dashboard (Ctrl+D) shows how your ratings changed since the first check" in view.summary.detail.text()
    assert view.best_label.text() == "Best so far: 2 of 4 points (50%), not yet passed · 1 attempt"
    old_cards = list(view.cards.values())
    click(qtbot, view.summary.retry_button)
    assert not view.summary.isVisible()
    assert view.footer.isVisible()
    assert view.mode_note.isVisible()
    assert all(card not in old_cards for card in view.cards.values())
    assert all(card.response() is None for card in view.cards.values())
    for card in view.cards.values():
        card.view.buttons[5 if card.question.reliable else 1].click()
    click(qtbot, view.submit_button)
    assert view.summary.headline.text() == "You scored 4 of 4 points (100%)"
    assert view.best_label.text() == "Best so far: 4 of 4 points (100%), passed · 2 attempts"
    assert [a.points_earned for a in stored_attempts(view, store)] == [2.0, 4.0]


def test_an_existing_attempt_is_summed_up_when_the_quiz_opens(qtbot, open_quiz, store) -> None:
    """Reopening a quiz after a submission shows that attempt as it was submitted, the best so far above it;
    Retry then starts a fresh attempt."""
    first = open_quiz("after")
    first.cards["post-agency"].view.buttons[6].click()
    click(qtbot, first.submit_button)
    again = open_quiz("after")
    assert again.best_label.isVisible()
    assert again.best_label.text() == "Best so far: 1 of 4 points (25%), not yet passed · 1 attempt"
    assert list(again.cards) == list(first.cards)
    assert again.cards["post-agency"].response() == first.cards["post-agency"].response()
    assert again.result is not None and again.summary.isVisible()
    assert again.summary.headline.text() == first.summary.headline.text()
    click(qtbot, again.summary.retry_button)
    assert all(card.response() is None for card in again.cards.values())


def test_the_pre_test_taken_again_keeps_the_first_attempt_as_the_starting_point(qtbot, open_quiz, store) -> None:
    """Taking the pre-test again is allowed; its line names the first attempt as the starting point, never "not yet passed"."""
    view = open_quiz("before")
    for card in view.cards.values():
        click(qtbot, card.view.buttons[2])
    click(qtbot, view.submit_button)
    click(qtbot, view.summary.retry_button)
    for card in view.cards.values():
        click(qtbot, card.view.buttons[6 if card.question.reliable else 1])
    click(qtbot, view.submit_button)
    assert view.best_label.text() == "Your starting point: 2 of 4 points (50%) · 2 attempts"
    assert view.summary.headline.text() == "You scored 4 of 4 points (100%)"
    assert "not yet passed" not in view.best_label.text()


# ---------------------------------------------------------------- without a session


def test_quiz_without_session_scores_locally_and_records_nothing(qtbot, open_quiz, store) -> None:
    """With no session (preview, presentation) the quiz still checks, submits and retries."""
    view = open_quiz("check", with_session=False)
    assert len(view.cards) == 8
    tf = view.cards["q-tf"]
    click(qtbot, tf.view.rows[False].button)
    click(qtbot, tf.check_button)
    assert tf.score_label.text() == "1 of 1 point"
    with qtbot.waitSignal(view.completion_changed):
        click(qtbot, view.submit_button)
    assert view.result is not None and view.result.attempt_id is None
    assert view.summary.headline.text().startswith("You scored ")
    assert not view.best_label.isVisible()
    assert store.profiles() == []
    click(qtbot, view.summary.retry_button)
    assert all(card.response() is None for card in view.cards.values())


def test_hand_made_quiz_passes_at_its_pass_mark(qtbot, pack) -> None:
    """A two-question quiz with pass 0.5 passes with one right answer (the mark is inclusive)."""
    quiz = Quiz(
        pass_mark=0.5,
        questions=[
            TrueFalse(id="a", prompt="Sky is blue.", answer=True),
            Single(
                id="b",
                prompt="Pick.",
                shuffle=False,
                choices=[SchemaChoice(text="yes", correct=True), SchemaChoice(text="no")],
            ),
        ],
    )
    module = pack.module("tea")
    view = QuizStepView(Step(quiz=quiz), 0, StepContext(pack, module, module.lessons[0]))
    qtbot.addWidget(view)
    view.show()
    click(qtbot, view.cards["a"].view.rows[True].button)
    click(qtbot, view.cards["b"].view.rows[1].button)
    click(qtbot, view.submit_button)
    assert view.summary.headline.text() == "You scored 1 of 2 points (50%)"
    assert view.summary.verdict.text() == "✓ Passed"
    assert view.meta.text() == "Practice · 2 questions · Pass: 50%"


def test_zoom_rebuilds_the_quiz_keeping_answers_and_feedback(qtbot, open_quiz) -> None:
    """After a zoom change the cards are rebuilt larger, with the same answers, tries and feedback."""
    from app.ui.theme import set_zoom

    view = open_quiz("check")
    tf = view.cards["q-tf"]
    click(qtbot, tf.view.rows[False].button)
    click(qtbot, tf.check_button)
    click(qtbot, view.cards["q-single"].hint_button)
    short = view.cards["q-short"]
    qtbot.keyClicks(short.view.field, "testimonial")
    order_before = list(view.cards)
    single_order_before = list(view.cards["q-single"].view.rows)
    title_size = view.title.font().pixelSize()
    try:
        set_zoom(1.5)
        qtbot.waitUntil(lambda: view.title.font().pixelSize() > title_size)
    finally:
        set_zoom(1.0)
    assert list(view.cards) == order_before
    assert list(view.cards["q-single"].view.rows) == single_order_before
    assert view.cards["q-tf"] is not tf
    assert view.cards["q-tf"].response() is False
    assert view.cards["q-tf"].score_label.text() == "1 of 1 point"
    assert view.cards["q-tf"].tries == 1
    assert view.cards["q-single"].hint_panel.isVisibleTo(view.cards["q-single"])
    assert view.cards["q-short"].response() == "testimonial"


def test_practice_check_is_committed_and_reviewed_without_submitting(qtbot, open_quiz, store) -> None:
    """A practice check is stored the moment it is made, and a missed one becomes a review item, unsubmitted."""
    from app.model import review

    view = open_quiz("check")
    single = view.cards["q-single"]
    click(qtbot, next(r for r in single.view.rows.values() if r.label.text() == "A clinical trial").button)
    click(qtbot, single.check_button)
    assert single.status.text().startswith("✗")

    profile = view.context.session.profile_id
    checks = store.checks(profile, view.context.pack.id)
    assert [(c.result.question_id, c.result.fraction) for c in checks] == [("q-single", 0.0)]
    assert [item.question_id for item in review.items(store, profile)] == ["q-single"]
    assert stored_attempts(view, store) == []  # nothing was submitted


def test_submitting_scrolls_the_score_into_view(qtbot, open_quiz) -> None:
    """After Submit, the column scrolls so that the summary with the score is on screen."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    view = open_quiz("before")
    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidgetResizable(True)
    area.setWidget(view)
    area.resize(720, 400)
    area.show()
    qtbot.waitExposed(area)
    area.verticalScrollBar().setValue(0)
    click(qtbot, view.submit_button)

    def summary_on_screen() -> bool:
        top = view.summary.mapTo(area.viewport(), QPoint(0, 0)).y()
        return 0 <= top < area.viewport().height()

    qtbot.waitUntil(summary_on_screen)


# ---------------------------------------------------------------- blanks and Ctrl+Return


def test_keeping_on_answering_submits_nothing_and_keeps_the_answers(qtbot, open_quiz, store, monkeypatch) -> None:
    """Submit with blanks asks; "Keep answering" records nothing, keeps every answer and goes to the first blank."""
    asked: list[int] = []
    monkeypatch.setattr(quiz_module, "confirm_blank_submission", lambda _parent, n: asked.append(n) or False)
    view = open_quiz("check")
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    click(qtbot, view.cards["q-tf"].view.rows[False].button)
    click(qtbot, view.submit_button)
    assert asked == [7]
    assert stored_attempts(view, store) == []
    assert view.result is None and view.footer.isVisible()
    assert view.cards["q-tf"].response() is False
    first_blank = view.unanswered_cards()[0]
    assert first_blank.view.isAncestorOf(QApplication.focusWidget())


def test_a_fully_answered_quiz_submits_without_asking(qtbot, open_quiz, store, blank_prompts) -> None:
    view = open_quiz("check")
    answer_practice_quiz(qtbot, view)
    click(qtbot, view.submit_button)
    assert blank_prompts == []
    assert len(stored_attempts(view, store)) == 1


def test_blank_prompt_says_how_many_and_offers_two_clear_buttons(qtbot, monkeypatch) -> None:
    """The question names the count; its buttons say what they do; Keep answering is the safe default."""
    seen: dict[str, object] = {}

    def fake_exec(box: QMessageBox) -> int:
        seen["text"] = box.text()
        seen["buttons"] = sorted(button.text() for button in box.buttons())
        seen["default"] = box.defaultButton().text()
        seen["escape"] = box.escapeButton().text()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.undo()  # the autouse fixture patched confirm_blank_submission: use the real one
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert quiz_module.confirm_blank_submission(parent, 3) is False
    assert seen["text"] == "3 questions are not answered. Submit anyway?"
    assert seen["buttons"] == ["Keep answering", "Submit anyway"]
    assert seen["default"] == seen["escape"] == "Keep answering"
    quiz_module.confirm_blank_submission(parent, 1)
    assert seen["text"] == "1 question is not answered. Submit anyway?"


def test_ctrl_return_checks_the_question_in_focus_then_submits(qtbot, open_quiz, store, blank_prompts) -> None:
    """Ctrl+Return (the step's submit) checks the focused question, keeps every answer, and submits last."""
    view = open_quiz("check")
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    tf = view.cards["q-tf"]
    click(qtbot, tf.view.rows[False].button)
    qtbot.keyClicks(view.cards["q-short"].view.field, "a testimonial")
    tf.view.rows[False].button.setFocus()
    view.submit_step()
    assert tf.result is not None and tf.score_label.text() == "1 of 1 point"
    assert tf.isAncestorOf(QApplication.focusWidget())  # on Try again, not thrown to the top bar
    assert view.cards["q-short"].response() == "a testimonial"
    assert stored_attempts(view, store) == []
    view.submit_button.setFocus()
    view.submit_step()
    assert blank_prompts == [6]
    assert view.result is not None
    assert [r.response for r in stored_attempts(view, store)[0].results if r.question_id == "q-short"] == [
        "a testimonial"
    ]
