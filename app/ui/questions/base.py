"""The contract every question widget follows, and the registry that picks one per type."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from app.model.answers import Response
from app.model.schema import Question
from app.ui.return_keys import click_focused_button

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.ui.steps.base import StepContext


class QuestionView(QWidget):
    """The answering area of one question (not its prompt, hint or explanation).

    ``display_order`` is the order to show choices, items or rights in, as given by
    ``LessonSession.display_order``; responses always use indices as written in the pack.
    """

    response_changed = Signal()
    #: the learner said the answer is given (Return in a text field): the card checks it
    submitted = Signal()
    #: the view built new controls (a spot question's Remove buttons): the Tab chain must take them in
    controls_changed = Signal()

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.context = context
        self.display_order = display_order

    def response(self) -> Response:
        """Return the learner's current response, or None when nothing is answered."""
        raise NotImplementedError

    def set_response(self, response: Response) -> None:
        """Show ``response`` as if the learner had given it."""
        raise NotImplementedError

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark each part right or wrong, with an icon and a word, never colour alone."""
        raise NotImplementedError

    def clear_feedback(self) -> None:
        """Remove the marks of ``show_feedback`` (for a retry)."""
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) changes to the response."""
        self.setEnabled(not read_only)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Let Return press the focused button, as Space does."""
        if not click_focused_button(event, self):
            super().keyPressEvent(event)


QuestionViewType = TypeVar("QuestionViewType", bound=type[QuestionView])
QUESTION_VIEWS: dict[str, type[QuestionView]] = {}


def register_question_view(question_type: str) -> Callable[[QuestionViewType], QuestionViewType]:
    """Register a QuestionView subclass as the widget for ``question_type``."""

    def register(view: QuestionViewType) -> QuestionViewType:
        QUESTION_VIEWS[question_type] = view
        return view

    return register


def create_question_view(
    question: Question, context: StepContext, display_order: list[int], parent: QWidget | None = None
) -> QuestionView:
    """Build the registered widget for ``question``'s type."""
    from app.ui import questions as _questions  # noqa: F401  (importing the package registers every view)

    tag = type(question).__struct_config__.tag
    return QUESTION_VIEWS[str(tag)](question, context, display_order, parent)
