"""The multiple-choice question: check boxes, one or more right answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.model.answers import Response
from app.model.schema import Multiple, Question
from app.model.scoring import choice_marks
from app.ui.questions.base import register_question_view
from app.ui.questions.common import ChoiceListView

if TYPE_CHECKING:
    from app.model.session import QuestionResult
    from app.ui.steps.base import StepContext


@register_question_view("multiple")
class MultipleQuestionView(ChoiceListView):
    """Check boxes for the choices, in display order; the response lists written indices."""

    exclusive = False
    question: Multiple

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
        """Return the written indices of the checked choices (ascending), or None when none is."""
        picked = sorted(self._checked_keys())  # type: ignore[type-var]
        return picked or None  # type: ignore[return-value]

    def set_response(self, response: Response) -> None:
        """Check the choices whose written indices are in ``response``."""
        self._set_checked_keys(set(response or ()))  # type: ignore[arg-type]

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark picked choices right or wrong and right choices left unpicked as missed."""
        marks = dict(enumerate(choice_marks(self.question, result.response)))
        feedback = {index: choice.feedback for index, choice in enumerate(self.question.choices)}
        self._show_marks(marks, feedback)  # type: ignore[arg-type]
