"""The short-answer question: a text field, checked against the accepted answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.model.answers import Response
from app.model.schema import Question, Short
from app.model.scoring import short_right
from app.ui.questions.base import QuestionView, register_question_view
from app.ui.questions.common import FeedbackBadgeView, body_font, mark_of, question_style
from app.ui.return_keys import RETURN_KEYS
from app.ui.theme import SPACE_M, SPACE_S, SPACE_XS

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.ui.steps.base import StepContext


@register_question_view("short")
class ShortQuestionView(QuestionView):
    """A one-line text field; the response is what the learner typed (None while blank)."""

    question: Short

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        self.setStyleSheet(question_style())
        self.field = QLineEdit(self)
        self.field.setFont(body_font())
        self.field.setPlaceholderText(self.tr("Type your answer"))
        self.field.setAccessibleName(self.tr("Your answer"))
        self.field.setMinimumHeight(36)
        self.field.textChanged.connect(self._on_field_text_changed)
        self.field.installEventFilter(self)  # Return checks the answer
        self.badge = FeedbackBadgeView(self)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.accepted = QLabel(self)
        self.accepted.setObjectName("muted")
        self.accepted.setTextFormat(Qt.TextFormat.PlainText)
        self.accepted.setWordWrap(True)
        self.accepted.setFont(body_font(0.9))
        self.accepted.hide()
        layout = QGridLayout(self)
        self.layout_ = layout
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(0)  # no gap beside the hidden badge
        layout.setVerticalSpacing(SPACE_XS + SPACE_S)
        layout.addWidget(self.field, 0, 0)
        layout.addWidget(self.badge, 0, 1)
        layout.addWidget(self.accepted, 1, 0, 1, 2)
        layout.setColumnStretch(0, 1)

    def response(self) -> Response:
        """Return the typed text, or None when the field is blank."""
        text = self.field.text()
        return text if text.strip() else None

    def set_response(self, response: Response) -> None:
        """Put ``response`` in the field."""
        self.field.setText(response if isinstance(response, str) else "")

    def show_feedback(self, result: QuestionResult) -> None:
        """Say whether the answer was accepted, and list the accepted answers when not."""
        right = short_right(self.question, result.response)
        self.badge.show_mark(mark_of(right))
        self.layout_.setHorizontalSpacing(SPACE_M)
        if not right:
            answers = " · ".join(self.question.answers)
            if len(self.question.answers) == 1:
                self.accepted.setText(self.tr("Accepted answer: {answers}").format(answers=answers))
            else:
                self.accepted.setText(self.tr("Accepted answers: {answers}").format(answers=answers))
            self.accepted.show()

    def clear_feedback(self) -> None:
        """Remove the mark and the accepted answers."""
        self.badge.clear_mark()
        self.layout_.setHorizontalSpacing(0)  # no gap beside the hidden badge
        self.accepted.hide()

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) typing."""
        self.field.setReadOnly(read_only)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Return in the field says the answer is given; it goes no further (to a button that took the focus)."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if event.key() in RETURN_KEYS and modifiers == Qt.KeyboardModifier.NoModifier:
                self.submitted.emit()
                return True
        return super().eventFilter(watched, event)

    def _on_field_text_changed(self, _text: str) -> None:
        self.response_changed.emit()
