"""The true-or-false question: two radio buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.model.answers import Response
from app.model.schema import Question, TrueFalse
from app.model.scoring import Mark
from app.ui.questions.base import register_question_view
from app.ui.questions.common import ChoiceListView

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.ui.steps.base import StepContext


@register_question_view("true_false")
class TrueFalseQuestionView(ChoiceListView):
    """Radio buttons "True" and "False"; the response is a bool."""

    exclusive = True
    question: TrueFalse

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        self._add_choices([(True, self.tr("True")), (False, self.tr("False"))])

    def response(self) -> Response:
        """Return True or False as picked, or None."""
        picked = self._checked_keys()
        return bool(picked[0]) if picked else None

    def set_response(self, response: Response) -> None:
        """Pick True or False (neither when None)."""
        self._set_checked_keys(set() if response is None else {bool(response)})

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark the picked answer right or wrong and point out the right one."""
        answer = self.question.answer
        marks: dict[object, Mark] = {}
        if isinstance(result.response, bool):
            marks[result.response] = Mark.RIGHT if result.response == answer else Mark.WRONG
        if marks.get(answer) is not Mark.RIGHT:
            marks[answer] = Mark.MISSED
        self._show_marks(marks, {})
        if marks[answer] is Mark.MISSED:
            self.rows[answer].badge.show_mark(Mark.MISSED, self.tr("Right answer"))
