"""The sorting question: each item with a combo box of the categories."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.model.schema import Categorize, Question
from app.model.scoring import categorize_marks
from app.ui.questions.base import register_question_view
from app.ui.questions.common import PairingQuestionView

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.ui.steps.base import StepContext


@register_question_view("categorize")
class CategorizeQuestionView(PairingQuestionView):
    """Items in display order, each offering the categories as written; responses use written indices."""

    question: Categorize

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        self._add_rows(
            [(index, self.question.items[index].text) for index in display_order],
            list(enumerate(self.question.categories)),
            self.tr("Choose a category…"),  # the drop-downs hold categories, whatever the prompt calls them
        )

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark each item right or wrong, with its right category beside a wrong one."""
        marks = categorize_marks(self.question, result.response)
        for index, row in self.rows.items():
            row.show_mark(marks[index], self.tr("Belongs in: {category}").format(category=self.question.items[index].category))
