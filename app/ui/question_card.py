"""One question on a card: prompt, answering widget, hint, check, feedback and retry.

The card knows nothing of quizzes: the quiz, review and presentation mode all reuse it. It scores
through the session when there is one, and locally (recording nothing) when there is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.model import session as session_model
from app.model.answers import Response
from app.model.attempts import QuestionResult
from app.model.drafts import QuestionDraft, question_draft, question_response
from app.model.schema import Question
from app.model.scoring import Mark
from app.ui.focus import focus_first_control
from app.ui.questions.base import QuestionView, create_question_view
from app.ui.questions.common import (
    FeedbackBadgeView,
    body_font,
    button_style,
    make_button,
    markdown_view,
)
from app.ui.return_keys import click_focused_button
from app.ui.rich_text import MarkdownView
from app.ui.theme import SPACE_L, SPACE_M, SPACE_S, SPACE_XL, SPACE_XS, Theme, current_theme

if TYPE_CHECKING:
    from app.ui.steps.base import StepContext


def number_text(value: float) -> str:
    """Write a number of points without needless decimals (2, 1.5, 0.67)."""
    return f"{round(value, 2):g}"


def points_text(earned: float, possible: float) -> str:
    """Write a score as "2 of 3 points"."""
    if possible == 1:
        text = QCoreApplication.translate("QuestionCard", "{earned} of {possible} point")
    else:
        text = QCoreApplication.translate("QuestionCard", "{earned} of {possible} points")
    return text.format(earned=number_text(earned), possible=number_text(possible))


def possible_points_text(possible: float) -> str:
    """Write what a question is worth: "1 point", "2 points"."""
    if possible == 1:
        text = QCoreApplication.translate("QuestionCard", "{possible} point")
    else:
        text = QCoreApplication.translate("QuestionCard", "{possible} points")
    return text.format(possible=number_text(possible))


def result_mark(result: QuestionResult) -> tuple[Mark, str]:
    """Sum a question's result up as a mark and a word: correct, partly right, not right or not answered."""
    if result.response is None:
        return Mark.NEUTRAL, QCoreApplication.translate("QuestionCard", "Not answered")
    if result.fraction >= 1.0:
        return Mark.RIGHT, QCoreApplication.translate("QuestionCard", "Correct")
    if result.fraction > 0.0:
        return Mark.MISSED, QCoreApplication.translate("QuestionCard", "Partly right")
    return Mark.WRONG, QCoreApplication.translate("QuestionCard", "Not right")


def card_style(theme: Theme | None = None) -> str:
    """Return the style of cards, calm panels and the two kinds of button (scoped by names)."""
    theme = theme or current_theme()
    return f"""
        QFrame#questionCard {{
            background: {theme.surface}; border: 1px solid {theme.border}; border-radius: 10px;
        }}
        QTextBrowser {{ padding: 0px; }}
        QFrame#questionCard:focus {{ border: 1px solid {theme.accent}; }}
        QFrame#calmPanel {{ background: {theme.window}; border: none; border-radius: 8px; }}
        QLabel#muted {{ color: {theme.muted}; background: transparent; }}
        QLabel#panelTitle {{ color: {theme.muted}; background: transparent; }}
    """ + button_style(theme)


class CalmPanelView(QFrame):
    """A quiet panel with a small title over Markdown: hints and explanations."""

    def __init__(
        self, title: str, context: StepContext, parent: QWidget | None = None, *, references: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calmPanel")
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_M)
        self.layout_.setSpacing(SPACE_XS)
        self.title = QLabel(title, self)
        self.title.setObjectName("panelTitle")
        self.title.setFont(body_font(0.8125, QFont.Weight.DemiBold))
        self.layout_.addWidget(self.title)
        self.body = MarkdownView(context.pack, self, references=references)
        self.body.setAccessibleName(title)  # the body takes focus (for its links): name it as its title does
        self.layout_.addWidget(self.body)

    def set_markdown(self, text: str) -> None:
        """Show ``text`` (Markdown) in the panel, hiding the body when it is empty."""
        self.body.set_markdown(text)
        self.body.setVisible(bool(text.strip()))


class QuestionCardView(QFrame):
    """A question on a card. With ``checkable`` (practice) the learner checks and retries;
    without it (a test before submission) nothing is scored or shown until ``show_result``.
    """

    #: the response changed (answered or not)
    answered_changed = Signal()
    #: the learner checked the question; carries the QuestionResult
    checked = Signal(object)
    #: anything the learner did on the card changed (an answer, a check, Try again, the hint): keep it
    state_changed = Signal()
    #: the answering area built new controls: the Tab chain must take them in
    controls_changed = Signal()

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
        *,
        heading: str = "",
        checkable: bool = True,
        hints: bool = True,
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.context = context
        self.checkable = checkable
        self.tries = 0
        self.result: QuestionResult | None = None
        #: the result of the first check in this attempt: what a quiz's score counts
        self.first_result: QuestionResult | None = None
        #: the learner opened the hint (it costs nothing, but the result says so)
        self.hint_used = False
        self.setObjectName("questionCard")
        # the quiz summary moves the focus here; not a Tab stop, which the controls inside are
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setStyleSheet(card_style())
        self.setAccessibleName(heading or self.tr("Question"))

        top = QHBoxLayout()
        top.setSpacing(SPACE_M)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("muted")
        self.heading.setFont(body_font(0.8125, QFont.Weight.DemiBold))
        self.heading.setVisible(bool(heading))
        self.points_label = QLabel(possible_points_text(question.points), self)
        self.points_label.setObjectName("muted")
        self.points_label.setFont(body_font(0.8125))
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.points_label)

        self.prompt = markdown_view(context.pack, question.prompt, self)
        self.prompt.setAccessibleName(self.tr("Question"))
        self.view: QuestionView = create_question_view(question, context, display_order, self)
        self.view.response_changed.connect(self._on_view_response_changed)
        self.view.submitted.connect(self._on_view_submitted)
        self.view.controls_changed.connect(self.controls_changed)

        self.hint_button = make_button(self.tr("Hint"), self)
        self.hint_button.setToolTip(self.tr("Show a hint"))
        self.offers_hint = hints and bool(question.hint and question.hint.strip())
        self.hint_button.setVisible(self.offers_hint)
        self.hint_button.clicked.connect(self.show_hint)
        self.check_button = make_button(self.tr("Check"), self, primary=True)
        self.check_button.clicked.connect(self.check)
        self.retry_button = make_button(self.tr("Try again"), self)
        self.retry_button.clicked.connect(self.try_again)
        self.retry_button.hide()
        self.status = FeedbackBadgeView(self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.status.setFont(body_font(0.9375, QFont.Weight.DemiBold))
        self.score_label = QLabel(self)
        self.score_label.setObjectName("muted")
        self.score_label.setFont(body_font(0.9375))
        self.score_label.hide()
        self.hint_note = QLabel(self.tr("Hint used"), self)
        self.hint_note.setObjectName("muted")
        self.hint_note.setFont(body_font(0.875))
        self.hint_note.setToolTip(self.tr("You opened the hint before answering. It costs no points."))
        self.hint_note.hide()
        actions = QHBoxLayout()
        actions.setSpacing(SPACE_S)
        actions.addWidget(self.status)
        actions.addWidget(self.score_label)
        actions.addWidget(self.hint_note)
        actions.addStretch(1)
        # reading order is Tab order: Check (or Try again, in its place once checked), then Hint
        actions.addWidget(self.check_button)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.hint_button)
        self.check_button.setVisible(checkable)

        self.hint_panel = CalmPanelView(self.tr("Hint"), context, self)
        self.hint_panel.hide()
        # an explanation's citations are listed under it, so its [1] always has a source to match
        self.explanation_panel = CalmPanelView(self.tr("Explanation"), context, self, references=True)
        self.explanation_panel.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_L + SPACE_XS, SPACE_XL, SPACE_L + SPACE_XS)
        layout.setSpacing(SPACE_M)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        layout.addSpacing(SPACE_XS)
        layout.addWidget(self.view)
        layout.addSpacing(SPACE_XS)
        layout.addLayout(actions)
        layout.addWidget(self.hint_panel)
        layout.addWidget(self.explanation_panel)
        self._update_check_button()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Let Return press the focused button (Check, Try again, a hint), as Space does."""
        if not click_focused_button(event, self):
            super().keyPressEvent(event)

    # ------------------------------------------------------------ answering

    def response(self) -> Response:
        """Return the learner's response (None when unanswered)."""
        return self.view.response()

    def set_response(self, response: Response) -> None:
        """Show ``response`` as if the learner had given it."""
        self.view.set_response(response)

    def is_answered(self) -> bool:
        """Tell whether the learner has given a response."""
        return self.view.response() is not None

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) changing the response."""
        self.view.set_read_only(read_only)

    def show_hint(self) -> None:
        """Show the question's hint, and remember that it was used."""
        self.hint_panel.set_markdown(self.question.hint or "")
        self.hint_panel.show()
        self.hint_button.hide()
        self.hint_used = True
        self.state_changed.emit()

    def first_check(self) -> Response:
        """Return the response of the first check (what the quiz counts), or None when never checked."""
        return None if self.first_result is None else self.first_result.response

    # ------------------------------------------------------------ checking

    def score(self) -> QuestionResult:
        """Score the current response (through the session when there is one), recording nothing."""
        return self._score_response(self.view.response())

    def can_check(self) -> bool:
        """Tell whether Check is offered and the question is answered (so Check would score it)."""
        return self.checkable and self.result is None and self.is_answered()

    def check(self) -> QuestionResult:
        """Score the response, count the try, show the feedback and emit ``checked``."""
        result = self.score()
        self.tries += 1
        if self.first_result is None:
            self.first_result = result
        self.show_result(result)
        self.checked.emit(result)
        self.state_changed.emit()
        return result

    def show_result(self, result: QuestionResult) -> None:
        """Show ``result``: per-part marks, the score, and the explanation; freeze the answer."""
        # freezing the answer and hiding Check would hand the focus on down the chain (to the top bar at the end)
        focused = QApplication.focusWidget()
        had_focus = focused is not None and self.isAncestorOf(focused)
        self.result = result
        self.view.clear_feedback()
        self.view.show_feedback(result)
        self.view.set_read_only(True)
        mark, word = result_mark(result)
        self.status.show_mark(mark, word)
        self.score_label.setText(self._score_text(result))
        self.score_label.setToolTip(
            self.tr("Try again is practice: a quiz counts the answer you checked first.") if self._is_practice(result) else ""
        )
        self.score_label.show()
        self.hint_note.setVisible(self.hint_used)
        self.hint_button.hide()  # a hint after the answer is shown helps nobody
        explanation = self.question.explanation or ""
        self.explanation_panel.set_markdown(explanation)
        self.explanation_panel.setVisible(bool(explanation.strip()))
        self.check_button.hide()
        self.retry_button.setVisible(self.checkable)
        if had_focus:
            (self.retry_button if self.checkable else self).setFocus(Qt.FocusReason.OtherFocusReason)

    def _is_practice(self, result: QuestionResult) -> bool:
        """Tell whether ``result`` comes from a check after Try again (one the quiz does not count)."""
        return self.first_result is not None and result is not self.first_result and self.tries > 1

    def _score_text(self, result: QuestionResult) -> str:
        first = self.first_result
        if first is None or not self._is_practice(result):
            return points_text(result.points_earned, result.points_possible)
        counted = points_text(first.points_earned, first.points_possible)
        return self.tr("Practice try. Your first check counts: {points}.").format(points=counted)

    def show_submitted(self, counted: QuestionResult) -> None:
        """Show the end of a submitted quiz: the last feedback seen, and the points the quiz counted.

        A question checked in practice keeps the feedback of its last check (what the learner
        sees in the answer); one never checked shows the counted result itself.
        """
        if self.first_result is not None and self.result is not None:
            self.first_result = counted
            self.show_result(self.result)
            return
        if self.first_result is not None:  # Try again pressed, the new answer never checked
            self.set_response(counted.response)
            self.first_result = counted
        self.show_result(counted)

    def try_again(self) -> None:
        """Clear the feedback and let the learner change the answer and check again."""
        self.result = None
        self.view.clear_feedback()
        self.view.set_read_only(False)
        self.status.clear_mark()
        self.score_label.hide()
        self.explanation_panel.hide()
        self.hint_note.hide()
        self.hint_button.setVisible(self.offers_hint and not self.hint_used)
        self.retry_button.hide()
        self.check_button.setVisible(self.checkable)
        self._update_check_button()
        focus_first_control(self.view)
        self.state_changed.emit()

    def finish(self) -> None:
        """End all answering on this card (the quiz was submitted): hide Check and Try again."""
        self.checkable = False
        self.check_button.hide()
        self.retry_button.hide()
        self.hint_button.hide()
        self.view.set_read_only(True)

    # ------------------------------------------------------------ kept across leaving and relaunching

    def draft(self) -> QuestionDraft:
        """Return the card as the learner left it: the answer, the checks, the hint."""
        return question_draft(
            self.response(), self.tries, self.result is not None, self.first_check(), self.hint_used
        )

    def restore(self, draft: QuestionDraft) -> None:
        """Show the card as ``draft`` left it; parts that no longer fit the question are dropped."""
        response = question_response(self.question, draft.response)
        self.set_response(response)
        self.tries = max(0, draft.tries)
        first = question_response(self.question, draft.first_check)
        if self.tries and first is not None:
            self.first_result = self._score_response(first)
        if draft.hint_used and self.offers_hint:
            self.show_hint()
        if draft.checked and response is not None and self.checkable:
            shown = self.first_result if self.tries <= 1 and self.first_result is not None else self.score()
            self.show_result(shown)

    def _score_response(self, response: Response) -> QuestionResult:
        session = self.context.session
        if session is not None:
            return session.score(self.question, response)
        return session_model.score(self.question, response)

    def _update_check_button(self) -> None:
        self.check_button.setEnabled(self.is_answered())

    def _on_view_submitted(self) -> None:
        """Return in a short answer: check it (practice), or go on to the next control (a test)."""
        if self.can_check():
            self.check()
        elif not self.checkable and self.result is None:
            self.focusNextChild()

    def _on_view_response_changed(self) -> None:
        self._update_check_button()
        self.answered_changed.emit()
        self.state_changed.emit()
