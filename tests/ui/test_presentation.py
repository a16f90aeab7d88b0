"""Presentation mode: full screen, large type, reveals driven by keys, and nothing recorded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from app.model.answer_key import correct_response
from app.model.schema import Single
from app.model.scoring import Mark
from app.ui.presentation import (
    CompareSlideView,
    ExampleSlideView,
    PresentationView,
    QuizSlideView,
    ReadingSlideView,
    ReflectSlideView,
    presentation_zoom,
)
from app.ui.theme import zoom
from tests.stored import stored_rows

#: every table a learner's work lands in
PROGRESS_TABLES = (
    "visits", "attempts", "answers", "reflections", "positions", "checks", "study_time",
    "question_stats", "completions", "review_items", "reviews",
)


def _lesson(window, lesson_id: str):
    pack = window.packs[0]
    module = pack.modules[0]
    lesson = next(lesson for lesson in module.lessons if lesson.id == lesson_id)
    return pack, module, lesson


def _progress_rows(window) -> dict[str, int]:
    return {table: stored_rows(window.store, f"SELECT COUNT(*) FROM {table}")[0][0] for table in PROGRESS_TABLES}


def _present(window, qtbot, lesson_id: str, step_index: int) -> PresentationView:
    pack, module, lesson = _lesson(window, lesson_id)
    window.open_lesson(pack, module, lesson, step_index)
    window.present_action.trigger()
    view = window.presentation
    assert isinstance(view, PresentationView)
    qtbot.addWidget(view)
    return view


def _press(qtbot, view: PresentationView, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(view, key)


def test_space_reveals_annotations_one_at_a_time_then_moves_on(example_window, qtbot):
    """On an example, notes and highlights start hidden; each Space shows one more; then the next step."""
    view = _present(example_window, qtbot, "the-post", 1)
    slide = view.slide()
    assert isinstance(slide, ExampleSlideView) and slide.reveal_total() == 2
    assert view.isFullScreen()
    assert slide.visible_notes() == 0 and slide.artefact_view.shown_annotation_count() == 0
    assert slide.artefact_view.text_view.highlight_ranges() == {}

    _press(qtbot, view, Qt.Key.Key_Space)
    assert slide.visible_notes() == 1
    assert set(slide.artefact_view.text_view.highlight_ranges()) == {0}
    assert slide.notes_panel.selected_annotation() == 0
    assert view.status_label.text() == "Note 1 of 2"

    _press(qtbot, view, Qt.Key.Key_Right)
    assert slide.visible_notes() == 2
    assert set(slide.artefact_view.text_view.highlight_ranges()) == {0, 1}
    assert slide.artefact_view.text_view.highlighted_text(1) == "My whole family swears by it"
    assert view.current_index == 1

    _press(qtbot, view, Qt.Key.Key_Space)
    assert view.current_index == 2
    assert view.footer_label.text() == f"The post · step 3 of {len(view.lesson.steps)} · F1: keys"


def test_left_takes_back_one_reveal_then_returns_to_the_previous_step_fully_revealed(example_window, qtbot):
    """Left undoes the last reveal; at none it opens the previous step with all its reveals."""
    view = _present(example_window, qtbot, "the-post", 1)
    slide = view.slide()
    _press(qtbot, view, Qt.Key.Key_Space, 2)
    _press(qtbot, view, Qt.Key.Key_Left)
    assert slide.visible_notes() == 1
    _press(qtbot, view, Qt.Key.Key_PageUp, 2)
    assert view.current_index == 0 and isinstance(view.slide(), ReadingSlideView)
    _press(qtbot, view, Qt.Key.Key_PageDown)
    assert view.current_index == 1 and view.slide().revealed == 0
    _press(qtbot, view, Qt.Key.Key_PageDown, 3)
    assert view.current_index == 2  # the poster: one region
    _press(qtbot, view, Qt.Key.Key_Left)
    assert view.current_index == 1 and view.slide().visible_notes() == 2


def test_home_and_end_jump_to_the_first_and_last_step(example_window, qtbot):
    """Home opens step 1 and End the last step, each with nothing revealed."""
    view = _present(example_window, qtbot, "the-post", 2)
    _press(qtbot, view, Qt.Key.Key_End)
    assert view.current_index == len(view.lesson.steps) - 1
    assert isinstance(view.slide(), ReflectSlideView)
    assert "habits" in view.slide().prompt.toPlainText()
    _press(qtbot, view, Qt.Key.Key_Home)
    assert view.current_index == 0 and isinstance(view.slide(), ReadingSlideView)


def test_compare_reveals_its_notes_then_the_takeaway(example_window, qtbot):
    """A compare shows both artefacts; Space reveals the one annotation, then the takeaway."""
    view = _present(example_window, qtbot, "the-post", 3)
    slide = view.slide()
    assert isinstance(slide, CompareSlideView) and len(slide.artefact_views) == 2
    assert not slide.takeaway_shown() and slide.takeaway.isHidden()
    _press(qtbot, view, Qt.Key.Key_Space)
    assert slide.visible_notes() == 1 and not slide.takeaway_shown()
    _press(qtbot, view, Qt.Key.Key_Space)
    assert slide.takeaway_shown() and not slide.takeaway.isHidden()
    assert "summary of studies" in slide.takeaway.body.toPlainText()
    _press(qtbot, view, Qt.Key.Key_Space)
    assert view.current_index == 4


def test_quiz_answers_stay_hidden_until_asked_then_the_right_answer_is_marked(example_window, qtbot):
    """A question shows unanswered; Space marks the right answer and explains; Space again goes on."""
    view = _present(example_window, qtbot, "check", 0)
    slide = view.slide()
    assert isinstance(slide, QuizSlideView)
    questions = slide.quiz.questions
    card = slide.card
    assert card.question is questions[0] and isinstance(card.question, Single)
    assert card.result is None and card.response() is None
    assert card.explanation_panel.isHidden()
    assert all(row.badge.mark is None for row in card.view.rows.values())
    assert not card.check_button.isVisibleTo(card)

    _press(qtbot, view, Qt.Key.Key_Space)
    shown = slide.card
    assert shown.question is questions[0] and slide.answer_shown()
    assert shown.response() == correct_response(questions[0]) == 0
    assert shown.result.fraction == 1.0
    assert shown.view.rows[0].badge.mark is Mark.RIGHT
    assert not shown.explanation_panel.isHidden()
    assert "testimonial is not evidence" in shown.explanation_panel.body.toPlainText()
    assert view.status_label.text() == f"Question 1 of {len(questions)} · answer shown"

    _press(qtbot, view, Qt.Key.Key_Space)
    assert slide.card.question is questions[1] and slide.card.result is None
    _press(qtbot, view, Qt.Key.Key_Left)
    assert slide.card.question is questions[0] and slide.card.result is not None


def test_every_question_type_shows_full_marks_when_revealed(example_window, qtbot):
    """Walking the whole quiz, each revealed answer scores full marks and says why."""
    view = _present(example_window, qtbot, "check", 0)
    slide = view.slide()
    for question in slide.quiz.questions:
        assert slide.card.question is question and slide.card.result is None
        _press(qtbot, view, Qt.Key.Key_Space)
        assert slide.card.result.fraction == 1.0, question.id
        assert not slide.card.explanation_panel.isHidden()
        _press(qtbot, view, Qt.Key.Key_Space)
    assert view.status_label.text() == "End of the lesson · Esc to leave"


def test_escape_leaves_the_player_at_the_step_the_class_ended_on(example_window, qtbot):
    """Escape closes the presentation, restores the learner's zoom and shows the step presenting ended on."""
    learner_zoom = zoom()
    view = _present(example_window, qtbot, "the-post", 1)
    assert zoom() > learner_zoom
    _press(qtbot, view, Qt.Key.Key_Space, 5)  # two notes, the next step, its one region, the next step
    assert view.current_index == 3
    _press(qtbot, view, Qt.Key.Key_Escape)
    assert not view.isVisible()
    assert example_window.presentation is None
    assert zoom() == learner_zoom
    assert example_window.state == "lesson" and example_window.player.current_index == 3
    assert example_window.store.get_setting("view/zoom", 1.0) == learner_zoom


def test_a_whole_presentation_records_nothing(example_window, qtbot):
    """Going through every step, every reveal and every answer adds no progress rows anywhere."""
    for lesson_id in ("before", "the-post", "check", "after"):
        pack, module, lesson = _lesson(example_window, lesson_id)
        example_window.open_lesson(pack, module, lesson, 0)  # the player records this visit
        before = _progress_rows(example_window)
        example_window.present_action.trigger()
        view = example_window.presentation
        qtbot.addWidget(view)
        presses = 0
        while view.status_label.text() != "End of the lesson · Esc to leave":
            _press(qtbot, view, Qt.Key.Key_Space)
            presses += 1
            assert presses < 100
        assert view.current_index == len(lesson.steps) - 1
        assert _progress_rows(example_window) == before, lesson_id
        # leaving opens the step the class ended on in the window: a visit (and the time on the step
        # left) like any step switch in the window, nothing more
        _press(qtbot, view, Qt.Key.Key_Escape)
        moving = ("visits", "study_time")
        after = _progress_rows(example_window)
        assert {table: count for table, count in after.items() if table not in moving} == {
            table: count for table, count in before.items() if table not in moving
        }, lesson_id


def test_the_type_is_larger_than_the_players(example_window, qtbot):
    """The artefact's text and the titles are drawn much larger than in the player."""
    pack, module, lesson = _lesson(example_window, "the-post")
    example_window.open_lesson(pack, module, lesson, 1)
    player_px = example_window.player.current_view().artefact_view.text_view.document().defaultFont().pixelSize()
    view = _present(example_window, qtbot, "the-post", 1)
    presented = view.slide().artefact_view.text_view.document().defaultFont().pixelSize()
    assert presented >= 1.5 * player_px
    assert view.slide().title_label.font().pixelSize() > presented
    # the player behind keeps its size: nothing outside the presentation was restyled
    player_view = example_window.player.current_view()
    assert player_view.artefact_view.text_view.document().defaultFont().pixelSize() == player_px


def test_ctrl_plus_makes_the_type_larger_and_keeps_the_reveals(example_window, qtbot):
    """Ctrl+- rebuilds the slide at a smaller size with the same notes revealed."""
    view = _present(example_window, qtbot, "the-post", 1)
    _press(qtbot, view, Qt.Key.Key_Space)
    before = view.slide().artefact_view.text_view.document().defaultFont().pixelSize()
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    slide = view.slide()
    assert slide.artefact_view.text_view.document().defaultFont().pixelSize() < before
    assert slide.visible_notes() == 1


@pytest.mark.parametrize(
    ("size", "expected"), [(QSize(1920, 1080), 2.0), (QSize(1280, 720), 1.5), (QSize(3840, 2160), 3.0)]
)
def test_type_size_follows_the_screen(size, expected):
    """Body text is 32 px on a 1080-line screen and never below 24 px on a small projector."""
    assert presentation_zoom(size) == expected


def test_without_an_open_lesson_the_teacher_picks_one(example_window, qtbot, monkeypatch):
    """From the home screen, F5 asks which lesson to present and starts at its first step."""
    from app.ui import presentation

    offered: list[list[str]] = []

    def fake_get_item(_parent, _title, _label, items, _current, _editable):
        offered.append(list(items))
        return next(item for item in items if item.endswith("Check yourself")), True

    monkeypatch.setattr(presentation.QInputDialog, "getItem", fake_get_item)
    example_window.show_library()
    example_window.present_action.trigger()
    view = example_window.presentation
    qtbot.addWidget(view)
    assert len(offered[0]) == 4
    assert view.lesson.id == "check" and view.current_index == 0
    _press(qtbot, view, Qt.Key.Key_Escape)
    assert example_window.state == "library"


def test_f1_or_question_mark_shows_the_keys_and_escape_hides_them_first(example_window, qtbot):
    """The keys are one key away on the projector; Escape closes the card before it ends the presentation."""
    view = _present(example_window, qtbot, "the-post", 0)
    assert not view.keys_card.isVisible()
    _press(qtbot, view, Qt.Key.Key_F1)
    assert view.keys_card.isVisible()
    assert "Stop presenting; the lesson stays open at this step" in view.keys_card.text()
    _press(qtbot, view, Qt.Key.Key_Escape)
    assert not view.keys_card.isVisible() and view.presenting
    _press(qtbot, view, Qt.Key.Key_Question)
    assert view.keys_card.isVisible()
    _press(qtbot, view, Qt.Key.Key_Question)
    assert not view.keys_card.isVisible()
