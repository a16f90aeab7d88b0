"""The compare step shows its artefacts side by side, the question, and the takeaway on request."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.model.loader import load_pack
from app.ui.steps.base import StepContext, create_step_view
from app.ui.steps.compare import CompareStepView
from tests.conftest import BUILTIN_PACK


@pytest.fixture
def view(qtbot, pack) -> CompareStepView:
    module = pack.module("tea")
    lesson = pack.lesson("tea", "the-post")
    index = next(i for i, step in enumerate(lesson.steps) if step.kind == "compare")
    view = create_step_view(lesson.steps[index], index, StepContext(pack, module, lesson))
    qtbot.addWidget(view)
    view.resize(720, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_compare_shows_every_artefact_and_the_question(view) -> None:
    """Both artefacts are drawn as their medium, under the question."""
    assert isinstance(view, CompareStepView)
    assert [v.artefact.medium for v in view.artefact_views] == ["post", "article"]
    assert view.artefact_views[0].text_view.toPlainText() == "Cured overnight!"
    assert "What does each source offer as evidence?" in view.question.toPlainText()


def test_compare_annotations_are_shown_with_their_notes(view) -> None:
    """The article's annotation is highlighted and its note listed under it."""
    article = view.artefact_views[1]
    assert article.text_view.highlighted_text(0) == "no effect"
    notes = view.items[1].notes_panel
    assert notes is not None and notes.notes[0].isVisible()
    assert "summarises many studies" in notes.notes[0].body.toPlainText()
    assert view.items[0].notes_panel is None


def test_takeaway_appears_only_when_asked(qtbot, view) -> None:
    """The takeaway stays hidden until the learner presses Show takeaway."""
    assert not view.takeaway_shown()
    assert view.takeaway_button.isVisible()
    qtbot.mouseClick(view.takeaway_button, Qt.MouseButton.LeftButton)
    assert view.takeaway_shown()
    assert "the agency offers a summary of studies" in view.takeaway_text()
    assert not view.takeaway_button.isVisible()


def test_artefacts_stack_when_narrow(qtbot, view) -> None:
    """Side by side at a normal width, one under the other on a narrow one."""
    assert view.columns() == 2
    view.resize(420, 900)
    qtbot.waitUntil(lambda: view.columns() == 1)
    qtbot.waitUntil(lambda: view.items[1].geometry().top() > view.items[0].geometry().bottom())
    assert view.items[0].geometry().left() == view.items[1].geometry().left()


def test_takeaway_and_notes_number_a_source_alike(qtbot) -> None:
    """A source cited in a note and in the takeaway has one number, and the takeaway lists it under it."""
    builtin = load_pack(BUILTIN_PACK).pack
    module, lesson = next((m, le) for m in builtin.modules for le in m.lessons if le.id == "cheerleading")
    view = create_step_view(lesson.steps[5], 5, StepContext(builtin, module, lesson))
    qtbot.addWidget(view)
    view.resize(720, 900)
    view.show()
    assert isinstance(view, CompareStepView)
    for artefact in view.artefact_views:
        artefact.reveal_annotations()
    noted = {c.key: c.number for item in view.items if item.notes_panel for note in item.notes_panel.notes
             for c in note.body.citations}
    view.show_takeaway()
    body = view.takeaway_panel.body
    taken = {c.key: c.number for c in body.citations}
    shared = set(noted) & set(taken)
    assert shared  # the step cites one source in both places
    assert all(noted[key] == taken[key] for key in shared)
    assert len(set(noted.values()) | set(taken.values())) == len(set(noted) | set(taken))
    text = body.toPlainText()
    assert "Sources" in text
    titles = builtin.manifest.sources
    for key, number in taken.items():
        assert f"[{number}] {titles[key].title}" in text
