"""Every question type answered through its widget: responses, feedback marks and scores."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from app.model.schema import Annotation, Artefact, Categorize, Judge, Match, Order, Single, Spot, Target
from app.model.schema import CategoryItem as SchemaItem
from app.model.schema import Choice as SchemaChoice
from app.model.schema import Pair as SchemaPair
from app.model.scoring import score_question
from app.model.session import display_order
from app.ui.question_card import QuestionCardView, points_text
from app.ui.questions.base import QUESTION_VIEWS
from app.ui.steps.base import StepContext
from app.ui.theme import LIGHT, apply_theme, set_zoom


@pytest.fixture(scope="module")
def questions(pack):
    """Every question of the example pack by id."""
    found = {}
    for lesson in pack.module("tea").lessons:
        for step in lesson.steps:
            if step.quiz is not None:
                found.update({question.id: question for question in step.quiz.questions})
    return found


@pytest.fixture
def context(pack) -> StepContext:
    module = pack.module("tea")
    return StepContext(pack, module, module.lessons[0])


@pytest.fixture
def make_card(qtbot, context):
    """Build a shown card for a question with a given display order."""

    def make(question, order=None, **options) -> QuestionCardView:
        card = QuestionCardView(question, context, list(order or []), **options)
        qtbot.addWidget(card)
        card.resize(680, 600)
        card.show()
        qtbot.waitExposed(card)
        return card

    return make


def row_by_text(view, text):
    """Find a choice or pairing row by its visible text."""
    return next(row for row in view.rows.values() if row.label.text() == text)


def visible_badges(view):
    """Return the visible choice badge texts keyed by row text."""
    return {row.label.text(): row.badge.text() for row in view.rows.values() if row.badge.isVisible()}


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def mark_span(qtbot, view, start: int, end: int) -> None:
    """Select characters ``start`` to ``end`` of a spot question's text and click Mark selection."""
    view.select_span(start, end)
    click(qtbot, view.mark_button)


def test_every_question_type_has_a_widget() -> None:
    """Importing the package registers a widget for each of the nine types of the format."""
    import app.ui.questions  # noqa: F401

    assert set(QUESTION_VIEWS) == {
        "single",
        "multiple",
        "true_false",
        "short",
        "order",
        "match",
        "spot",
        "categorize",
        "judge",
    }


def test_points_text_reads_like_a_sentence() -> None:
    """Scores read "2 of 3 points", with "point" for a one-point question and no stray decimals."""
    assert points_text(2, 3) == "2 of 3 points"
    assert points_text(0, 1) == "0 of 1 point"
    assert points_text(0.5, 1) == "0.5 of 1 point"
    assert points_text(2 / 3 * 3, 3) == "2 of 3 points"


# ---------------------------------------------------------------- single


def test_single_responds_with_the_written_index_when_shuffled(qtbot, make_card, questions) -> None:
    """With the choices shown reversed, picking "A personal story" answers 0, its written index."""
    card = make_card(questions["q-single"], [1, 0])
    assert [row.label.text() for row in card.view.rows.values()] == ["A clinical trial", "A personal story"]
    assert card.response() is None
    assert not card.check_button.isEnabled()
    click(qtbot, row_by_text(card.view, "A personal story").button)
    assert card.response() == 0
    assert card.check_button.isEnabled()


def test_single_feedback_marks_right_wrong_and_the_missed_answer(qtbot, make_card, questions) -> None:
    """A wrong pick shows "✗ Wrong" with its feedback, and the right choice as "Right answer"."""
    card = make_card(questions["q-single"], [1, 0])
    click(qtbot, row_by_text(card.view, "A clinical trial").button)
    click(qtbot, card.check_button)
    assert visible_badges(card.view) == {"A clinical trial": "✗ Wrong", "A personal story": "○ Right answer"}
    wrong = row_by_text(card.view, "A clinical trial")
    assert wrong.feedback.isVisible() and "No trial is named." in wrong.feedback.toPlainText()
    assert card.status.text() == "✗ Not right"
    assert card.score_label.text() == "0 of 1 point"
    assert card.explanation_panel.isVisible()
    assert "A testimonial is not evidence." in card.explanation_panel.body.toPlainText()


def test_single_try_again_clears_feedback_and_counts_tries(qtbot, make_card, questions) -> None:
    """Try again removes every mark, lets the learner change the answer, and each check counts."""
    card = make_card(questions["q-single"], [0, 1])
    results = []
    card.checked.connect(results.append)
    click(qtbot, row_by_text(card.view, "A clinical trial").button)
    click(qtbot, card.check_button)
    # read-only after checking: another click does not change the answer
    click(qtbot, row_by_text(card.view, "A personal story").button)
    assert card.response() == 1
    click(qtbot, card.retry_button)
    assert visible_badges(card.view) == {}
    assert not card.explanation_panel.isVisible()
    assert not card.score_label.isVisible()
    click(qtbot, row_by_text(card.view, "A personal story").button)
    click(qtbot, card.check_button)
    assert card.tries == 2
    assert [r.fraction for r in results] == [0.0, 1.0]
    assert visible_badges(card.view) == {"A personal story": "✓ Correct"}
    # Try again is practice: the feedback is for the new answer, the points stay those of the first check
    assert card.score_label.text() == "Practice try. Your first check counts: 0 of 1 point."
    assert card.first_check() == results[0].response
    assert card.status.text() == "✓ Correct"


def test_clicking_the_choice_text_picks_the_choice(qtbot, make_card, questions) -> None:
    """The whole tile is a target: a click on the wrapped text works the radio button."""
    card = make_card(questions["q-single"], [0, 1])
    click(qtbot, row_by_text(card.view, "A personal story").label)
    assert card.response() == 0


def test_hint_appears_on_request(qtbot, make_card, questions) -> None:
    """The Hint button shows the question's hint in a panel."""
    card = make_card(questions["q-single"], [0, 1])
    assert not card.hint_panel.isVisible()
    click(qtbot, card.hint_button)
    assert card.hint_panel.isVisible()
    assert "Look at who is speaking." in card.hint_panel.body.toPlainText()


def test_question_without_hint_has_no_hint_button(make_card, questions) -> None:
    """No hint, no Hint button."""
    card = make_card(questions["q-tf"])
    assert not card.hint_button.isVisible()


# ---------------------------------------------------------------- multiple


def test_multiple_partial_answer_scores_a_share_of_the_points(qtbot, make_card, questions) -> None:
    """One of two right choices on a 2-point question earns "1 of 2 points", partly right, one missed."""
    card = make_card(questions["q-multiple"], [2, 0, 1])
    assert [row.label.text() for row in card.view.rows.values()] == [
        "A named study with a link",
        "An unnamed doctor",
        "A cure overnight",
    ]
    click(qtbot, row_by_text(card.view, "An unnamed doctor").button)
    assert card.response() == [0]
    click(qtbot, card.check_button)
    assert card.score_label.text() == "1 of 2 points"
    assert card.status.text() == "○ Partly right"
    assert visible_badges(card.view) == {"An unnamed doctor": "✓ Correct", "A cure overnight": "○ Missed"}


def test_multiple_wrong_pick_cancels_a_right_one(qtbot, make_card, questions) -> None:
    """A right and a wrong pick score 0 of 2, with the wrong one marked "✗ Wrong"."""
    card = make_card(questions["q-multiple"], [2, 0, 1])
    click(qtbot, row_by_text(card.view, "A named study with a link").button)
    click(qtbot, row_by_text(card.view, "An unnamed doctor").button)
    assert card.response() == [0, 2]
    click(qtbot, card.check_button)
    assert card.score_label.text() == "0 of 2 points"
    assert visible_badges(card.view) == {
        "An unnamed doctor": "✓ Correct",
        "A cure overnight": "○ Missed",
        "A named study with a link": "✗ Wrong",
    }


# ---------------------------------------------------------------- true_false


def test_true_false_responds_with_a_bool(qtbot, make_card, questions) -> None:
    """Picking "True" on a false statement answers True, is wrong, and points at "False"."""
    card = make_card(questions["q-tf"])
    click(qtbot, card.view.rows[True].button)
    assert card.response() is True
    click(qtbot, card.check_button)
    assert visible_badges(card.view) == {"True": "✗ Wrong", "False": "○ Right answer"}
    click(qtbot, card.retry_button)
    click(qtbot, card.view.rows[False].button)
    assert card.response() is False
    click(qtbot, card.check_button)
    assert visible_badges(card.view) == {"False": "✓ Correct"}


# ---------------------------------------------------------------- short


def test_short_accepts_an_answer_after_normalizing(qtbot, make_card, questions) -> None:
    """Typed " A Testimonial! " is kept as typed and accepted once normalized."""
    card = make_card(questions["q-short"])
    assert card.response() is None
    qtbot.keyClicks(card.view.field, " A Testimonial! ")
    assert card.response() == " A Testimonial! "
    click(qtbot, card.check_button)
    assert card.view.badge.text() == "✓ Correct"
    assert not card.view.accepted.isVisible()


def test_short_wrong_answer_lists_the_accepted_answers(qtbot, make_card, questions) -> None:
    """A wrong answer says "✗ Wrong" and shows what would have been accepted."""
    card = make_card(questions["q-short"])
    qtbot.keyClicks(card.view.field, "a story")
    click(qtbot, card.check_button)
    assert card.view.badge.text() == "✗ Wrong"
    assert card.view.accepted.isVisible()
    assert card.view.accepted.text() == "Accepted answers: testimonial · a testimonial"
    assert card.view.field.isReadOnly()


# ---------------------------------------------------------------- order


def order_texts(view) -> list[str]:
    return [view.list.item(row).text() for row in range(view.list.count())]


def test_order_starts_in_display_order_and_reorders_with_the_buttons(qtbot, make_card, questions) -> None:
    """Shown reversed, the items move up with "Move up" until they stand in the written order."""
    question = questions["q-order"]
    card = make_card(question, [3, 2, 1, 0])
    view = card.view
    assert order_texts(view) == list(reversed(question.items))
    assert card.response() is None  # the shuffle shown first is not an answer
    assert not card.check_button.isEnabled()
    # bubble the items into place with the buttons alone
    for target in range(4):
        row = order_texts(view).index(question.items[target])
        view.list.setCurrentRow(row)
        for _ in range(row - target):
            click(qtbot, view.up_button)
    assert order_texts(view) == question.items
    assert card.response() == [0, 1, 2, 3]
    view.list.setCurrentRow(0)
    click(qtbot, view.down_button)
    assert card.response() == [1, 0, 2, 3]


def test_order_moves_with_alt_arrow_keys(qtbot, make_card, questions) -> None:
    """Alt+Up and Alt+Down move the selected item while the list has the focus."""
    card = make_card(questions["q-order"], [3, 2, 1, 0])
    view = card.view
    view.list.setFocus()
    qtbot.waitUntil(view.list.hasFocus)
    view.list.setCurrentRow(1)
    qtbot.keyClick(view.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert card.response() == [2, 3, 1, 0]
    qtbot.keyClick(view.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert card.response() == [3, 2, 1, 0]


def test_order_feedback_shows_where_a_misplaced_item_belongs(qtbot, make_card, questions) -> None:
    """Two items swapped: the others are "Correct", the swapped ones say which position they belong at."""
    question = questions["q-order"]
    card = make_card(question, [0, 2, 1, 3])
    card.view.list.setCurrentRow(1)
    click(qtbot, card.view.down_button)  # the learner moves the wrong item: [0, 1, 2, 3] ...
    card.view.list.setCurrentRow(0)
    click(qtbot, card.view.down_button)  # ... then swaps the first two: [1, 0, 2, 3]
    assert card.response() == [1, 0, 2, 3]
    click(qtbot, card.check_button)
    feedback = [card.view.list.item(row).data(Qt.ItemDataRole.UserRole + 1)[1] for row in range(4)]
    assert feedback == ["Wrong: belongs at 2", "Wrong: belongs at 1", "Correct", "Correct"]
    assert card.score_label.text() == "0.83 of 1 point"
    assert card.view.pairs_label.text().startswith("5 of 6 pairs are in the right order.")
    assert card.view.pairs_label.isVisible()
    accessible = card.view.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == f"1. {question.items[1]}, Wrong: belongs at 2"
    assert not card.view.move_row.isVisible()


# ---------------------------------------------------------------- match


def test_match_offers_rights_in_display_order_and_answers_in_written_indices(
    qtbot, make_card, questions
) -> None:
    """Rights appear in the combo boxes in display order; choosing by text answers written indices."""
    card = make_card(questions["q-match"], [1, 0])
    combo = card.view.rows[0].combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Testimonial", "Fake expert"]
    assert card.response() is None
    combo.setCurrentIndex(combo.findText("Fake expert"))
    assert card.response() == {0: 0}
    other = card.view.rows[1].combo
    other.setCurrentIndex(other.findText("Testimonial"))
    assert card.response() == {0: 0, 1: 1}
    click(qtbot, card.check_button)
    assert [row.badge.text() for row in card.view.rows.values()] == ["✓ Correct", "✓ Correct"]
    assert card.score_label.text() == "1 of 1 point"


def test_match_feedback_shows_the_right_match_beside_a_wrong_one(qtbot, make_card, questions) -> None:
    """A wrong match is marked "✗ Wrong" with "Right match: ..." beneath it."""
    card = make_card(questions["q-match"], [1, 0])
    for row in card.view.rows.values():
        row.combo.setCurrentIndex(row.combo.findText("Testimonial"))
    click(qtbot, card.check_button)
    first, second = card.view.rows[0], card.view.rows[1]
    assert first.badge.text() == "✗ Wrong"
    assert first.correction.isVisible() and first.correction.text() == "Right match: Fake expert"
    assert second.badge.text() == "✓ Correct" and not second.correction.isVisible()
    assert card.score_label.text() == "0.5 of 1 point"
    assert not first.combo.isEnabled()


# ---------------------------------------------------------------- categorize


def test_categorize_answers_item_to_category_in_written_indices(qtbot, make_card, questions) -> None:
    """Items shown reversed still answer by written index, and a wrong one names its category."""
    card = make_card(questions["q-categorize"], [1, 0])
    rows = list(card.view.rows.values())
    assert [row.label.text() for row in rows] == ["My aunt felt better", "A review of twelve trials"]
    for row in rows:
        row.combo.setCurrentIndex(row.combo.findText("Evidence"))
    assert card.response() == {0: 0, 1: 0}
    click(qtbot, card.check_button)
    aunt = card.view.rows[1]
    assert aunt.badge.text() == "✗ Wrong"
    assert aunt.correction.text() == "Belongs in: Not evidence"
    assert card.view.rows[0].badge.text() == "✓ Correct"
    assert card.score_label.text() == "0.5 of 1 point"


# ---------------------------------------------------------------- spot


def test_spot_marks_a_mouse_style_selection_with_the_button(qtbot, make_card, questions) -> None:
    """Selecting "Experts agree" and clicking Mark selection records its offsets and lists it."""
    card = make_card(questions["q-spot"])
    view = card.view
    assert not view.mark_button.isEnabled()
    view.select_span(0, len("Experts agree"))
    assert view.mark_button.isEnabled()
    click(qtbot, view.mark_button)
    assert card.response() == [(0, 13)]
    assert [row.quote.text() for row in view.mark_rows] == ["“Experts agree”"]
    assert len(view.text_view.extraSelections()) == 1


def test_spot_marks_a_keyboard_selection(qtbot, make_card, questions) -> None:
    """Shift+Right from the caret selects characters; the mark trims the surrounding space."""
    card = make_card(questions["q-spot"])
    view = card.view
    text = view.text
    start = text.index("Scientists")
    cursor = view.text_view.textCursor()
    cursor.setPosition(start - 1)  # start on the space before, which the mark trims away
    view.text_view.setTextCursor(cursor)
    view.text_view.setFocus()
    for _ in range(len("Scientists confirm") + 1):
        qtbot.keyClick(view.text_view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    click(qtbot, view.mark_button)
    assert card.response() == [(start, start + len("Scientists confirm"))]


def test_spot_marks_can_be_removed(qtbot, make_card, questions) -> None:
    """Each mark has a Remove button that takes it out of the response."""
    card = make_card(questions["q-spot"])
    view = card.view
    mark_span(qtbot, view, 0, 13)
    mark_span(qtbot, view, 30, 41)
    assert card.response() == [(0, 13), (30, 41)]
    click(qtbot, view.mark_rows[0].remove_button)
    assert card.response() == [(30, 41)]
    click(qtbot, view.mark_rows[0].remove_button)
    assert card.response() is None
    assert view.empty_label.isVisible()


def test_spot_overlapping_marks_merge(qtbot, make_card, questions) -> None:
    """Marking over an existing mark widens it rather than adding a second one."""
    card = make_card(questions["q-spot"])
    view = card.view
    mark_span(qtbot, view, 0, 7)
    mark_span(qtbot, view, 4, 13)
    assert card.response() == [(0, 13)]


def test_spot_feedback_lists_found_missed_and_stray(qtbot, make_card, questions) -> None:
    """One target found, one missed (with its note), one stray mark: each named, and 0 points."""
    card = make_card(questions["q-spot"])
    view = card.view
    mark_span(qtbot, view, 0, 13)
    mark_span(qtbot, view, 30, 41)
    click(qtbot, card.check_button)
    outcomes = [(row.badge.text(), row.quote.text()) for row in view.outcome_rows]
    assert outcomes == [
        ("✓ Found", "“Experts agree”"),
        ("○ Missed", "“Scientists confirm”"),
        ("✗ Stray", "“The weather”"),
    ]
    missed = view.outcome_rows[1]
    assert missed.note is not None and "Which scientists?" in missed.note.toPlainText()
    assert card.score_label.text() == "0 of 1 point"
    assert not view.mark_button.isVisible()
    click(qtbot, card.retry_button)
    assert view.outcome_rows == []
    assert card.response() == [(0, 13), (30, 41)]


def test_spot_offsets_count_characters_not_utf16_units(qtbot, make_card) -> None:
    """After an emoji (two UTF-16 units in Qt), offsets still index the Python string."""
    text = "🔥🔥 Experts agree, says the post."
    question = Spot(id="emoji", prompt="Mark it.", text=text, targets=[Target(quote="Experts agree")])
    card = make_card(question)
    view = card.view
    cursor = view.text_view.textCursor()
    cursor.setPosition(5)  # two emoji = four units, then the space
    cursor.setPosition(5 + len("Experts agree"), QTextCursor.MoveMode.KeepAnchor)
    view.text_view.setTextCursor(cursor)
    click(qtbot, view.mark_button)
    start = text.index("Experts")
    assert card.response() == [(start, start + len("Experts agree"))]
    click(qtbot, card.check_button)
    assert card.score_label.text() == "1 of 1 point"


# ---------------------------------------------------------------- judge


def test_judge_rating_and_right_side_feedback(qtbot, make_card, questions) -> None:
    """Rating the unreliable post 2 answers 2 and is on the right side."""
    card = make_card(questions["pre-post"])
    view = card.view
    assert view.artefact.artefact.medium == "post"
    assert not view.artefact.annotations_visible()
    click(qtbot, view.buttons[2])
    assert card.response() == 2
    click(qtbot, card.check_button)
    assert not view.badge.isVisible()  # the card's "Correct" is the one verdict
    assert card.status.text() == "✓ Correct"
    assert view.verdict.text() == (
        "You rated it 2, on the unreliable side. This item is not reliable, so a rating from 1 to 3 is right."
    )
    assert card.score_label.text() == "1 of 1 point"


def test_judge_wrong_side_on_a_reliable_item(qtbot, make_card, questions) -> None:
    """Rating the reliable agency 3 is on the wrong side and says the item is reliable."""
    card = make_card(questions["pre-agency"])
    click(qtbot, card.view.buttons[3])
    click(qtbot, card.check_button)
    assert not card.view.badge.isVisible()
    assert card.view.verdict.text() == (
        "You rated it 3, on the unreliable side. This item is reliable, so a rating from 4 to 6 is right."
    )
    assert card.status.text() == "✗ Not right"
    assert not card.view.buttons[5].isEnabled()


def test_judge_scale_names_its_ends(make_card, questions) -> None:
    """The six buttons read 1 to 6; the ends carry "not at all reliable" and "very reliable"."""
    card = make_card(questions["pre-post"])
    buttons = card.view.buttons
    assert [buttons[r].text() for r in range(1, 7)] == ["1", "2", "3", "4", "5", "6"]
    assert "not at all reliable" in buttons[1].accessibleName()
    assert "very reliable" in buttons[6].accessibleName()
    assert [label.text() for label in card.view.end_labels] == [
        "1 = not at all reliable",
        "6 = very reliable",
    ]


@pytest.mark.parametrize("factor", [1.0, 1.5])
def test_judge_scale_shows_every_button_whole(qtbot, make_card, questions, factor) -> None:
    """All six rating buttons fit inside the scale, at their full width, with the end labels under them."""
    app = QApplication.instance()
    font, palette = app.font(), app.palette()
    set_zoom(factor)
    apply_theme(app, LIGHT)  # the application's style sheet pads buttons: draw them as the app does
    try:
        card = make_card(questions["pre-post"])
        card.resize(900, 700)
        QApplication.processEvents()
        buttons = card.view.buttons
        scale = buttons[1].parentWidget()
        for button in buttons.values():
            assert scale.rect().contains(button.geometry()), button.text()
            assert button.width() >= button.sizeHint().width()
        assert buttons[6].geometry().left() > buttons[5].geometry().right()
        low, high = card.view.end_labels
        assert scale.rect().contains(low.geometry()) and scale.rect().contains(high.geometry())
        assert high.geometry().right() <= buttons[6].geometry().right() + 1  # "6 = ..." ends under button 6
        assert low.height() >= low.heightForWidth(low.width())  # a wrapped end label shows all its lines
    finally:
        app.setStyleSheet("")
        app.setFont(font)
        app.setPalette(palette)
        set_zoom(1.0)


def test_judge_reveals_annotations_after_checking_and_hides_them_on_retry(qtbot, make_card, pack) -> None:
    """An item's own annotations appear with the feedback, and hide again for another try."""
    item = Artefact(
        medium="post", text="Doctors HATE this tea.", annotations=[Annotation(note="Who?", quote="Doctors")]
    )
    card = make_card(Judge(id="j", prompt="How reliable?", item=item, reliable=False))
    click(qtbot, card.view.buttons[1])
    click(qtbot, card.check_button)
    assert card.view.artefact.annotations_visible()
    click(qtbot, card.retry_button)
    assert not card.view.artefact.annotations_visible()
    assert card.response() == 1


# ---------------------------------------------------------------- every type


ROUND_TRIPS = {
    "q-single": 1,
    "q-multiple": [0, 2],
    "q-tf": False,
    "q-short": "testimonial",
    "q-order": [2, 0, 3, 1],
    "q-match": {0: 1, 1: 0},
    "q-spot": [(0, 13), (52, 70)],
    "q-categorize": {0: 1, 1: 0},
    "pre-post": 4,
}


def shuffled_card(make_card, question) -> QuestionCardView:
    return make_card(question, display_order(question, random.Random(7)))


@pytest.mark.parametrize("question_id", list(ROUND_TRIPS))
def test_set_response_shows_what_response_returns(make_card, questions, question_id) -> None:
    """Setting a stored response shows it, and reading it back gives the same response."""
    card = shuffled_card(make_card, questions[question_id])
    card.set_response(ROUND_TRIPS[question_id])
    assert card.response() == ROUND_TRIPS[question_id]


@pytest.mark.parametrize("question_id", sorted(ROUND_TRIPS))
def test_set_response_none_clears_the_answer(make_card, questions, question_id) -> None:
    """Setting None leaves the question unanswered (an order keeps its items, but is no answer)."""
    card = shuffled_card(make_card, questions[question_id])
    card.set_response(ROUND_TRIPS[question_id])
    card.set_response(None)
    assert card.response() is None
    assert not card.check_button.isEnabled()


@pytest.mark.parametrize("question_id", list(ROUND_TRIPS))
def test_checked_card_scores_like_the_model(make_card, questions, question_id) -> None:
    """The card's shown score is the model's score of the same response."""
    question = questions[question_id]
    card = shuffled_card(make_card, question)
    card.set_response(ROUND_TRIPS[question_id])
    result = card.check()
    expected = score_question(question, ROUND_TRIPS[question_id]) * question.points
    assert result.points_earned == pytest.approx(expected)
    assert card.score_label.text() == points_text(expected, question.points)


def test_hand_made_edge_cases_build(make_card) -> None:
    """Long texts wrap, many choices fit, and minimal questions of each shape still build."""
    long = "A very long choice " * 12
    single = Single(
        id="s", prompt="Pick.", choices=[SchemaChoice(text=long, correct=True), SchemaChoice(text="Short")]
    )
    card = make_card(single, [0, 1])
    assert card.view.rows[0].label.wordWrap()
    order = Order(id="o", prompt="Order.", items=["防火长城", "Great Firewall"])
    assert make_card(order, [1, 0]).view.shown_order() == [1, 0]
    match = Match(
        id="m", prompt="Match.", pairs=[SchemaPair(left="a", right="b"), SchemaPair(left="c", right="d")]
    )
    assert make_card(match, [0, 1]).response() is None
    sort = Categorize(
        id="c", prompt="Sort.", categories=["x", "y", "z"], items=[SchemaItem(text="only", category="z")]
    )
    card = make_card(sort, [0])
    card.view.rows[0].combo.setCurrentIndex(2)
    assert card.check().fraction == 1.0


def test_an_explanation_lists_the_sources_it_cites(qtbot, make_card, pack) -> None:
    """An explanation's [1] and [2] are listed under it, so every citation number names its source."""
    question = Single(
        id="cited",
        prompt="Pick.",
        choices=[SchemaChoice(text="Yes", correct=True), SchemaChoice(text="No")],
        explanation="The agency says so [@health-agency]; see also [@cor].",
    )
    card = make_card(question, [0, 1])
    card.check()
    panel = card.explanation_panel
    assert panel.isVisible()
    text = panel.body.toPlainText()
    sources = pack.manifest.sources
    assert "[1]" in text and "[2]" in text
    assert f"[1] {sources['health-agency'].title}" in text
    assert f"[2] {sources['cor'].title}" in text


def _focus(qtbot, window, widget) -> None:
    """Make ``window`` active and give ``widget`` the keyboard focus."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_return_on_a_focused_button_presses_it_like_space(qtbot, make_card, questions) -> None:
    """Return on the focused Check button checks the answer, as Space or a click would."""
    card = make_card(questions["q-single"], [0, 1])
    results = []
    card.checked.connect(results.append)
    click(qtbot, row_by_text(card.view, "A personal story").button)
    _focus(qtbot, card, card.check_button)
    qtbot.keyClick(card.check_button, Qt.Key.Key_Return)
    assert len(results) == 1 and results[0].correct
    assert card.score_label.text() == "1 of 1 point"


def test_drop_downs_say_what_they_hold_and_show_a_cut_choice_whole(make_card, questions) -> None:
    """Categorize drop-downs ask for a category, match ones for a match; a chosen option is its tooltip."""
    sort = make_card(questions["q-categorize"], [0, 1])
    row = next(iter(sort.view.rows.values()))
    assert row.combo.placeholderText() == "Choose a category…"
    row.combo.setCurrentIndex(0)
    assert row.combo.toolTip() == row.combo.currentText() != ""
    pair = make_card(questions["q-match"], [0, 1])
    assert next(iter(pair.view.rows.values())).combo.placeholderText() == "Choose a match…"
