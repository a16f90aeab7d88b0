"""The single-choice question: radio buttons, one right answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.model.answers import Response
from app.model.schema import Question, Single
from app.model.scoring import Mark, choice_marks
from app.ui.questions.base import register_question_view
from app.ui.questions.common import ChoiceListView

if TYPE_CHECKING:
    from app.model.session import QuestionResult
    from app.ui.steps.base import StepContext


@register_question_view("single")
class SingleQuestionView(ChoiceListView):
    """Radio buttons for the choices, in display order; the response is the written index."""

    exclusive = True
    question: Single

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        self._add_choices([(index, self.question.choices[index].text) for index in display_order])

    def response(self) -> Response:
        """Return the written index of the picked choice, or None."""
        picked = self._checked_keys()
        return picked[0] if picked else None  # type: ignore[return-value]

    def set_response(self, response: Response) -> None:
        """Pick the choice with written index ``response`` (none when None)."""
        self._set_checked_keys(set() if response is None else {response})

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark the picked choice right or wrong and point out the right one."""
        marks = dict(enumerate(choice_marks(self.question, result.response)))
        feedback = {index: choice.feedback for index, choice in enumerate(self.question.choices)}
        self._show_marks(marks, feedback)  # type: ignore[arg-type]
        for index, mark in marks.items():
            if mark is Mark.MISSED:
                self.rows[index].badge.show_mark(Mark.MISSED, "Right answer")
