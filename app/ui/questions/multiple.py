"""The multiple-choice question: check boxes, one or more right answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.model.answers import Response
from app.model.schema import Multiple
from app.ui.questions.base import register_question_view
from app.ui.questions.common import PackChoicesView

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult


@register_question_view("multiple")
class MultipleQuestionView(PackChoicesView):
    """Check boxes for the choices, in display order; the response lists written indices."""

    exclusive = False
    question: Multiple

    def response(self) -> Response:
        """Return the written indices of the checked choices (ascending), or None when none is."""
        picked = sorted(self._checked_keys())  # type: ignore[type-var]
        return picked or None  # type: ignore[return-value]

    def set_response(self, response: Response) -> None:
        """Check the choices whose written indices are in ``response``."""
        self._set_checked_keys(set(response or ()))  # type: ignore[arg-type]

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark picked choices right or wrong and right choices left unpicked as missed."""
        self._show_choice_marks(result)
