"""The matching question: for each left, a combo box of the rights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.model.schema import Match, Question
from app.model.scoring import match_marks
from app.ui.questions.base import register_question_view
from app.ui.questions.common import PairingQuestionView

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.ui.steps.base import StepContext


@register_question_view("match")
class MatchQuestionView(PairingQuestionView):
    """Lefts as written, each with the rights in display order; responses use written indices."""

    question: Match

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        pairs = self.question.pairs
        self._add_rows(
            [(index, pair.left) for index, pair in enumerate(pairs)],
            [(index, pairs[index].right) for index in display_order],
            self.tr("Choose a match…"),
        )

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark each left right or wrong, with its right match beside a wrong one."""
        marks = match_marks(self.question, result.response)
        for index, row in self.rows.items():
            row.show_mark(marks[index], self.tr("Right match: {answer}").format(answer=self.question.pairs[index].right))
