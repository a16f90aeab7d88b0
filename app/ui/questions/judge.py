"""The judging question: an artefact and a 1 to 6 reliability scale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.model.answers import Response
from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.schema import Judge, Question
from app.model.scoring import JUDGE_MAX, JUDGE_MIN, JUDGE_RELIABLE_FROM, judge_rating
from app.ui.artefact import ArtefactView
from app.ui.questions.base import QuestionView, register_question_view
from app.ui.questions.common import FeedbackBadgeView, body_font, question_style
from app.ui.theme import SPACE_M, SPACE_S, SPACE_XS, current_theme

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.ui.steps.base import StepContext

LOW_LABEL = QT_TRANSLATE_NOOP("JudgeQuestion", "not at all reliable")
HIGH_LABEL = QT_TRANSLATE_NOOP("JudgeQuestion", "very reliable")


def rating_name(rating: int) -> str:
    """Name a rating for assistive technology, with the end labels at the ends."""
    name = QCoreApplication.translate("JudgeQuestion", "Rating {rating} of {highest}").format(rating=rating, highest=JUDGE_MAX)
    if rating in (JUDGE_MIN, JUDGE_MAX):
        end = QCoreApplication.translate("JudgeQuestion", LOW_LABEL if rating == JUDGE_MIN else HIGH_LABEL)
        return QCoreApplication.translate("JudgeQuestion", "{rating}: {meaning}").format(rating=name, meaning=end)
    return name


def scale_style() -> str:
    """Return the style of the six rating buttons."""
    theme = current_theme()
    return f"""
        QPushButton#ratingButton {{
            min-width: 48px; min-height: 40px; border-radius: 6px;
            border: 1px solid {theme.border}; background: {theme.surface}; color: {theme.text};
        }}
        QPushButton#ratingButton:hover {{ border-color: {theme.accent}; }}
        QPushButton#ratingButton:focus {{ border: 2px solid {theme.accent}; }}
        QPushButton#ratingButton:checked {{
            background: {theme.accent}; border-color: {theme.accent}; color: {theme.surface};
        }}
        QPushButton#ratingButton:disabled {{ color: {theme.muted}; }}
        QPushButton#ratingButton:checked:disabled {{ color: {theme.surface}; }}
    """


@register_question_view("judge")
class JudgeQuestionView(QuestionView):
    """The item drawn as its medium (annotations hidden) and six rating buttons; the response is 1-6."""

    question: Judge

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        self.setStyleSheet(question_style() + scale_style())
        self.artefact = ArtefactView(self.question.item, context.pack, annotations_visible=False, parent=self)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACE_S)
        self.buttons: dict[int, QPushButton] = {}
        for rating in range(JUDGE_MIN, JUDGE_MAX + 1):
            button = QPushButton(str(rating), self)
            button.setObjectName("ratingButton")
            button.setCheckable(True)
            button.setFont(body_font(1.0, QFont.Weight.DemiBold))
            button.setAccessibleName(rating_name(rating))
            button.setToolTip(rating_name(rating))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            # shrink towards the style's min-width in a narrow column rather than push past its edge
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.group.addButton(button, rating)
            self.buttons[rating] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.group.idToggled.connect(self._on_group_id_toggled)
        ends = QHBoxLayout()
        ends.setSpacing(SPACE_S)
        low = QLabel(QCoreApplication.translate("JudgeQuestion", "1 = {meaning}").format(meaning=QCoreApplication.translate("JudgeQuestion", LOW_LABEL)), self)
        high = QLabel(QCoreApplication.translate("JudgeQuestion", "6 = {meaning}").format(meaning=QCoreApplication.translate("JudgeQuestion", HIGH_LABEL)), self)
        for label in (low, high):
            label.setObjectName("muted")
            label.setFont(body_font(0.875))
            label.setWordWrap(True)
            # the buttons set the scale's width; the end labels share it, wrapping if they must
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        high.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        low.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        ends.addWidget(low, 1)
        ends.addWidget(high, 1)
        self.end_labels = (low, high)
        scale = QVBoxLayout()
        scale.setContentsMargins(0, 0, 0, 0)
        scale.setSpacing(SPACE_XS)
        question_label = QLabel(self.tr("Your rating"), self)
        question_label.setObjectName("choiceText")
        question_label.setFont(body_font(0.9375, QFont.Weight.DemiBold))
        scale.addWidget(question_label)
        scale.addLayout(buttons)
        scale.addLayout(ends)
        scale_box = QWidget(self)
        scale_box.setLayout(scale)

        self.badge = FeedbackBadgeView(self)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("choiceText")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setFont(body_font(0.9375))
        self.verdict.hide()
        verdict_row = QGridLayout()
        verdict_row.setHorizontalSpacing(SPACE_M)
        verdict_row.addWidget(self.badge, 0, 0, Qt.AlignmentFlag.AlignTop)
        verdict_row.addWidget(self.verdict, 0, 1)
        verdict_row.setColumnStretch(1, 1)

        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(SPACE_M)
        self.layout_.addWidget(self.artefact)
        self.layout_.addWidget(scale_box, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addLayout(verdict_row)

    def response(self) -> Response:
        """Return the rating 1 to 6, or None when none is picked."""
        rating = self.group.checkedId()
        return rating if rating >= JUDGE_MIN else None

    def set_response(self, response: Response) -> None:
        """Show ``response`` as the picked rating (none when None)."""
        rating = judge_rating(response)
        if rating is None:
            self.group.setExclusive(False)
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
            self.response_changed.emit()
        else:
            self.buttons[rating].setChecked(True)

    def show_feedback(self, result: QuestionResult) -> None:
        """Say whether the rating is on the right side, and whether the item is reliable."""
        rating = judge_rating(result.response)
        if rating is None:
            side = "none"
        elif rating >= JUDGE_RELIABLE_FROM:
            side = "reliable"
        else:
            side = "unreliable"
        if self.question.reliable:
            low, high = JUDGE_RELIABLE_FROM, JUDGE_MAX
            verdict = {
                "none": self.tr("You did not rate it. This item is reliable, so a rating from {low} to {high} is right."),
                "reliable": self.tr(
                    "You rated it {rating}, on the reliable side. "
                    "This item is reliable, so a rating from {low} to {high} is right."
                ),
                "unreliable": self.tr(
                    "You rated it {rating}, on the unreliable side. "
                    "This item is reliable, so a rating from {low} to {high} is right."
                ),
            }[side]
        else:
            low, high = JUDGE_MIN, JUDGE_RELIABLE_FROM - 1
            verdict = {
                "none": self.tr(
                    "You did not rate it. This item is not reliable, so a rating from {low} to {high} is right."
                ),
                "reliable": self.tr(
                    "You rated it {rating}, on the reliable side. "
                    "This item is not reliable, so a rating from {low} to {high} is right."
                ),
                "unreliable": self.tr(
                    "You rated it {rating}, on the unreliable side. "
                    "This item is not reliable, so a rating from {low} to {high} is right."
                ),
            }[side]
        # the card says Correct or Not right already: no second verdict ("Right side") beside it
        self.badge.clear_mark()
        self.verdict.setText(verdict.format(rating=rating, low=low, high=high))
        self.verdict.show()
        if self.question.item.annotations and not self.artefact.annotations_visible():
            self.artefact.reveal_annotations()

    def clear_feedback(self) -> None:
        """Remove the verdict and hide the item's annotations again."""
        self.badge.clear_mark()
        self.verdict.hide()
        if self.artefact.annotations_visible() and self.question.item.annotations:
            fresh = ArtefactView(
                self.question.item, self.context.pack, annotations_visible=False, parent=self
            )
            self.layout_.replaceWidget(self.artefact, fresh)
            self.artefact.deleteLater()
            self.artefact = fresh

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) changing the rating."""
        for button in self.buttons.values():
            button.setEnabled(not read_only)

    def _on_group_id_toggled(self, _rating: int, checked: bool) -> None:
        if checked:
            self.response_changed.emit()
