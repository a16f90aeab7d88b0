"""The reading and reflect steps show what the pack says and store what the learner writes."""

from __future__ import annotations

from app.ui.steps.base import StepContext, create_step_view
from app.ui.steps.reading import ReadingStepView
from app.ui.steps.reflect import ReflectStepView


def find_step(pack, kind):
    for module in pack.modules:
        for lesson in module.lessons:
            for index, step in enumerate(lesson.steps):
                if step.kind == kind:
                    return module, lesson, index, step
    raise AssertionError(kind)


class FakeSession:
    """Records reflections as LessonSession would, without a database."""

    def __init__(self) -> None:
        self.saved: dict[int, str] = {}
        self.drafts: dict[int, object] = {}

    def reflection(self, index: int) -> str | None:
        return self.saved.get(index)

    def save_reflection(self, index: int, text: str) -> None:
        self.saved[index] = text

    def draft(self, index: int, kind: type) -> object:
        draft = self.drafts.get(index)
        return draft if isinstance(draft, kind) else None

    def save_draft(self, index: int, draft: object) -> None:
        self.drafts[index] = draft

    def discard_draft(self, index: int) -> None:
        self.drafts.pop(index, None)


def test_reading_shows_title_body_citations_and_sources(qtbot, pack) -> None:
    """The reading's text, numbered citations and the list of cited sources are all on screen."""
    module, lesson, index, step = find_step(pack, "reading")
    view = create_step_view(step, index, StepContext(pack, module, lesson))
    qtbot.addWidget(view)
    assert isinstance(view, ReadingStepView)
    text = view.body.toPlainText()
    assert "A story from one person feels more real" in text
    assert "[1]" in text and "[2, para 2]" in text
    assert "Sources" in text and "Civic Online Reasoning" in text
    assert [c.key for c in view.body.citations] == ["cor", "health-agency"]


def test_reading_side_panel_lists_glossary_terms_it_uses(qtbot, pack) -> None:
    """The side panel offers the glossary entries of terms the reading uses, and only those."""
    module, lesson, index, step = find_step(pack, "reading")
    view = create_step_view(step, index, StepContext(pack, module, lesson))
    qtbot.addWidget(view)
    panel = view.side_panel()
    assert panel is not None
    qtbot.addWidget(panel)
    names = [child.accessibleName() for child in panel.findChildren(type(panel.children()[1]))]
    assert any("Testimonial" in name for name in names)
    assert not any("Rumour" in name for name in names)


def test_reflect_counts_words_live_and_saves_only_when_enough(qtbot, pack) -> None:
    """The count follows typing; Save is enabled at min_words and stores the text in the session."""
    module, lesson, index, step = find_step(pack, "reflect")
    session = FakeSession()
    view = create_step_view(step, index, StepContext(pack, module, lesson, session))  # type: ignore[arg-type]
    qtbot.addWidget(view)
    assert isinstance(view, ReflectStepView)
    assert view.word_count.text() == "0 words (10 needed)"
    view.editor.setPlainText("Stories feel true to me")
    assert view.word_count.text() == "5 words (10 needed)"
    assert not view.save_button.isEnabled()
    answer = "Stories from people I know feel true to me even without any evidence."
    view.editor.setPlainText(answer)
    assert view.word_count.text() == "13 words (10 needed)  ✓"
    with qtbot.waitSignal(view.completion_changed):
        view.save_button.click()
    assert session.saved == {index: answer}


def test_reflect_restores_the_saved_answer(qtbot, pack) -> None:
    """A reflection saved earlier is shown again when the step reopens."""
    module, lesson, index, step = find_step(pack, "reflect")
    session = FakeSession()
    session.saved[index] = "My earlier answer was here."
    view = create_step_view(step, index, StepContext(pack, module, lesson, session))  # type: ignore[arg-type]
    qtbot.addWidget(view)
    assert view.editor.toPlainText() == "My earlier answer was here."
    assert view.status.text() == "Saved"
