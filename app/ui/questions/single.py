"""The single-choice question: radio buttons, one right answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.model.answers import Response
from app.model.schema import Single
from app.model.scoring import Mark
from app.ui.questions.base import register_question_view
from app.ui.questions.common import PackChoicesView

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult


@register_question_view("single")
class SingleQuestionView(PackChoicesView):
    """Radio buttons for the choices, in display order; the response is the written index."""

    exclusive = True
    question: Single

    def response(self) -> Response:
        """Return the written index of the picked choice, or None."""
        picked = self._checked_keys()
        return picked[0] if picked else None  # type: ignore[return-value]

    def set_response(self, response: Response) -> None:
        """Pick the choice with written index ``response`` (none when None)."""
        self._set_checked_keys(set() if response is None else {response})

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark the picked choice right or wrong and point out the right one."""
        marks = self._show_choice_marks(result)
        for index, mark in marks.items():
            if mark is Mark.MISSED:
                self.rows[index].badge.show_mark(Mark.MISSED, self.tr("Right answer"))
