"""The quiz step: questions on cards, practice or test mode, submission, summary and retry.

Practice gives feedback per question as the learner checks it; test gives nothing until the whole
quiz is submitted, then a summary to walk through. Every submission records an attempt through
the session; with no session (previews, presentation) scores are shown and nothing is recorded.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.model import session as session_model
from app.model.answers import Response
from app.model.attempts import QuizResult
from app.model.drafts import QuizDraft
from app.model.drafts import fits as draft_fits
from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.judgement import attempt_reading
from app.model.schema import Question, Quiz, Step
from app.model.scoring import Mark
from app.model.text import markdown_to_plain, percent_text
from app.ui.dialogs import ask_yes_no
from app.ui.focus import focus_first_control
from app.ui.question_card import (
    CalmPanelView,
    QuestionCardView,
    card_style,
    points_text,
    result_mark,
)
from app.ui.questions.common import FeedbackBadgeView, body_font, make_button
from app.ui.steps.base import StepContext, StepView, register_step_view
from app.ui.theme import SPACE_L, SPACE_M, SPACE_S, SPACE_XL, SPACE_XS, current_theme, theme_signals

MEASURE_NOTES = {
    "pre": QT_TRANSLATE_NOOP(
        "Quiz",
        "**A before-and-after check.** Answer with what you know now: nobody is expected to know "
        "these yet. Your first attempt is kept as your starting point, to compare with the final "
        "check at the end. There is no pass mark: taking it is enough for this lesson."
    ),
    "post": QT_TRANSLATE_NOOP(
        "Quiz",
        "**The after-check.** The score of your first attempt is compared with the check you took "
        "at the start, to show how your reading has changed. As for any quiz, its pass mark of "
        "{pass_mark} counts towards passing this lesson."
    ),
}
#: an answer is kept this long after the last change (a word typed), and at once when the step is left
KEEP_DELAY_MS = 300

MODE_NOTES = {
    "practice": QT_TRANSLATE_NOOP("Quiz", "Check each answer as you go, then submit the quiz."),
    "test": QT_TRANSLATE_NOOP("Quiz", "You'll see how you did once you submit the whole quiz."),
}


def default_title(quiz: Quiz) -> str:
    """Name a quiz that has no title of its own."""
    if quiz.measure:
        return QCoreApplication.translate("Quiz", "Before-and-after check")
    return QCoreApplication.translate("Quiz", "Check your understanding")


def scroll_to(widget: QWidget) -> None:
    """Scroll the nearest enclosing scroll area so that ``widget`` shows, and focus it."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(widget, 0, SPACE_XL)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


def confirm_blank_submission(parent: QWidget, missing: int) -> bool:
    """Ask before submitting with ``missing`` questions blank; True means submit anyway."""
    if missing == 1:
        text = QCoreApplication.translate("Quiz", "1 question is not answered. Submit anyway?")
    else:
        text = QCoreApplication.translate("Quiz", "{count} questions are not answered. Submit anyway?").format(
            count=missing
        )
    return ask_yes_no(
        parent,
        QCoreApplication.translate("Quiz", "Submit quiz"),
        text,
        QCoreApplication.translate("Quiz", "Submit anyway"),
        no=QCoreApplication.translate("Quiz", "Keep answering"),
        details=QCoreApplication.translate("Quiz", "A question left blank scores 0 points."),
    )


def quiz_style() -> str:
    """Return the quiz's own styles on top of the cards' (scoped by object names)."""
    theme = current_theme()
    return (
        card_style(theme)
        + f"""
        QLabel#quizTitle {{ color: {theme.text}; background: transparent; }}
        QFrame#notePanel {{
            background: {theme.surface}; border: 1px solid {theme.border}; border-radius: 8px;
        }}
        QFrame#summaryPanel {{
            background: {theme.surface}; border: 1px solid {theme.border}; border-radius: 10px;
        }}
        QPushButton#walkButton {{
            text-align: left; background: transparent; color: {theme.text};
            border: 1px solid transparent; border-radius: 6px; padding: 6px 8px;
        }}
        QPushButton#walkButton:hover {{ border-color: {theme.border}; }}
        QPushButton#walkButton:focus {{ border: 1px solid {theme.accent}; }}
    """
    )


@register_step_view("quiz")
class QuizStepView(StepView):
    """A quiz: one QuestionCardView per question in this attempt's order, then a summary."""

    def __init__(self, step: Step, index: int, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, index, context, parent)
        assert step.quiz is not None  # the registry only sends quiz steps here
        self.quiz: Quiz = step.quiz
        self.practice = self.quiz.mode == "practice"
        self.cards: dict[str, QuestionCardView] = {}
        self.result: QuizResult | None = None
        self._rng = random.Random()
        self.setStyleSheet(quiz_style())

        self.title = QLabel(self.quiz.title or default_title(self.quiz), self)
        self.title.setObjectName("quizTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a pack's title is text, never HTML
        self.title.setWordWrap(True)
        count = len(self.quiz.questions)
        if self.quiz.measure == "pre":  # the before-measure is never a gate
            meta = self.tr("Practice · %n question(s) · No pass mark", "", count) if self.practice else self.tr(
                "Test · %n question(s) · No pass mark", "", count
            )
        else:
            meta = (
                self.tr("Practice · %n question(s) · Pass: {percent}", "", count)
                if self.practice
                else self.tr("Test · %n question(s) · Pass: {percent}", "", count)
            ).format(percent=percent_text(self.quiz.pass_mark))
        self.meta = QLabel(meta, self)
        self.meta.setObjectName("muted")
        self.mode_note = QLabel(QCoreApplication.translate("Quiz", MODE_NOTES[self.quiz.mode]), self)
        self.mode_note.setObjectName("muted")
        self.mode_note.setWordWrap(True)
        self.measure_note = CalmPanelView(self.tr("About this check"), context, self)
        self.measure_note.setObjectName("notePanel")
        if self.quiz.measure:
            note = QCoreApplication.translate("Quiz", MEASURE_NOTES[self.quiz.measure]).format(pass_mark=percent_text(self.quiz.pass_mark))
            self.measure_note.set_markdown(note)
        else:
            self.measure_note.hide()
        self.best_label = QLabel(self)
        self.best_label.setObjectName("muted")
        self.best_label.setWordWrap(True)

        self.cards_box = QVBoxLayout()
        self.cards_box.setSpacing(SPACE_L)

        self.unanswered_label = QLabel(self)
        self.unanswered_label.setObjectName("muted")
        self.submit_button = make_button(self.tr("Submit quiz"), self, primary=True)
        self.submit_button.setToolTip(self.tr("Record this attempt and see your score"))
        self.submit_button.clicked.connect(self.request_submit)
        self.footer = QWidget(self)
        footer = QHBoxLayout(self.footer)
        footer.setContentsMargins(0, 0, 0, 0)
        footer.setSpacing(SPACE_M)
        footer.addWidget(self.unanswered_label, 1)
        footer.addWidget(self.submit_button)

        self.summary = QuizSummaryPanel(self)
        self.summary.retry_button.clicked.connect(self.retry)
        self.summary.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, SPACE_XL)
        layout.setSpacing(SPACE_S)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.mode_note)
        layout.addWidget(self.best_label)
        layout.addSpacing(SPACE_S)
        layout.addWidget(self.measure_note)
        layout.addSpacing(SPACE_S)
        layout.addLayout(self.cards_box)
        layout.addSpacing(SPACE_M)
        layout.addWidget(self.footer)
        layout.addWidget(self.summary)
        layout.addStretch(1)

        self._apply_fonts()
        self._refresh_best()
        #: restoring a kept attempt sets answers; those are not new changes to keep
        self._restoring = False
        self._submitted_attempt: int | None = None
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.setInterval(KEEP_DELAY_MS)
        self._keep_timer.timeout.connect(self._keep_now)
        self.start_attempt(self._kept_attempt())
        self._restyle_pending = False
        signals = theme_signals()
        signals.zoom_changed.connect(self._on_theme_changed)
        signals.theme_changed.connect(self._on_theme_changed)

    # ------------------------------------------------------------ attempts

    def start_attempt(self, draft: QuizDraft | None = None) -> None:
        """Lay out an attempt: the one ``draft`` kept (same order, answers, checks), else a fresh one."""
        for card in self.cards.values():
            self.cards_box.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = {}
        self.result = None
        if draft is not None:
            position = {question.id: index for index, question in enumerate(self.quiz.questions)}
            self._layout = [(position[question_id], list(draft.display[question_id])) for question_id in draft.order]
        else:
            self._layout = [
                (index, self._display_order(self.quiz.questions[index])) for index in self._question_order()
            ]
        self._build_cards()
        self.summary.hide()
        self.mode_note.show()
        self.footer.show()
        if draft is not None:
            self._restore(draft)
        self._refresh_unanswered()
        self.controls_changed.emit()
        if draft is None:
            self._keep_now()  # the order of a fresh attempt is kept before any answer

    def _kept_attempt(self) -> QuizDraft | None:
        """Return the attempt kept for this quiz, if it still fits the quiz as the pack has it."""
        draft = self.kept_draft(QuizDraft)
        return draft if draft is not None and draft_fits(self.quiz, draft) else None

    def _restore(self, draft: QuizDraft) -> None:
        """Show every card as ``draft`` left it; a submitted attempt comes back with its results."""
        self._restoring = True
        try:
            for question_id, card in self.cards.items():
                kept = draft.questions.get(question_id)
                if kept is not None:
                    card.restore(kept)
            session = self.context.session
            if session is None:
                return
            checked = {question_id for question_id, kept in draft.questions.items() if kept.tries > 0}
            session.resume_attempt(self.index, draft.started_at, checked)
            if draft.submitted_attempt is not None:
                attempt = next(
                    (a for a in session.attempts(self.index) if a.attempt_id == draft.submitted_attempt), None
                )
                if attempt is not None:
                    self._submitted_attempt = attempt.attempt_id
                    self._show_submitted(attempt)
        finally:
            self._restoring = False

    def attempt_draft(self) -> QuizDraft:
        """Return this attempt as the learner left it: the order shown, every card, and whether it was submitted."""
        session = self.context.session
        started = session.attempt_started(self.index) if session is not None else None
        return QuizDraft(
            order=[self.quiz.questions[index].id for index, _display in self._layout],
            display={self.quiz.questions[index].id: list(display) for index, display in self._layout},
            questions={question_id: card.draft() for question_id, card in self.cards.items()},
            started_at=started,
            submitted_attempt=self._submitted_attempt if self.result is not None else None,
        )

    def _on_card_state_changed(self) -> None:
        """Keep the attempt a moment after the change (typing goes on), and at once on leaving."""
        if not self._restoring:
            self._keep_timer.start()

    def _keep_now(self) -> None:
        self._keep_timer.stop()
        if self.context.session is not None:
            self.keep_draft(self.attempt_draft())

    def flush_draft(self) -> None:
        """Keep a change still waiting for its moment (the step is left, or the window closes)."""
        if self._keep_timer.isActive():
            self._keep_now()

    def _build_cards(self) -> None:
        """Build one card per question of this attempt, in its order and display orders."""
        total = len(self._layout)
        for position, (question_index, display_order) in enumerate(self._layout, start=1):
            question = self.quiz.questions[question_index]
            card = QuestionCardView(
                question,
                self.context,
                display_order,
                self,
                heading=self.tr("Question {number} of {total}").format(number=position, total=total),
                checkable=self.practice,
                hints=self.practice,
            )
            card.answered_changed.connect(self._on_card_answered_changed)
            card.state_changed.connect(self._on_card_state_changed)
            card.controls_changed.connect(self.controls_changed)
            card.checked.connect(lambda _result, card=card: self._on_card_checked(card))
            self.cards_box.addWidget(card)
            self.cards[question.id] = card

    def _on_card_checked(self, card: QuestionCardView) -> None:
        # a practice check is an answer: commit it now (and schedule review), even if the quiz is never submitted
        session = self.context.session
        if session is not None:
            session.record_check(card.question, card.response(), card.tries, self.index)
            self.completion_changed.emit()  # a missed check is due for review: the window recounts

    def restyle(self) -> None:
        """Rebuild at the current zoom and colours, keeping answers, tries, feedback and the summary."""
        kept = {
            question_id: (
                card.response(),
                card.result,
                card.tries,
                card.hint_panel.isVisibleTo(card),
                card.checkable,
                card.first_result,
            )
            for question_id, card in self.cards.items()
        }
        for card in self.cards.values():
            self.cards_box.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = {}
        self.setStyleSheet(quiz_style())
        self._apply_fonts()
        self._build_cards()
        for question_id, (response, result, tries, hint_shown, checkable, first_result) in kept.items():
            card = self.cards[question_id]
            card.set_response(response)
            card.tries = tries
            card.first_result = first_result
            if hint_shown:
                card.show_hint()
            if result is not None:
                card.show_result(result)
            if not checkable:
                card.finish()
        if self.result is not None:
            self.summary.show_result(self.quiz, self.result, list(self.cards.values()))
        self.controls_changed.emit()

    def _apply_fonts(self) -> None:
        self.title.setFont(body_font(1.5, QFont.Weight.DemiBold))
        self.meta.setFont(body_font(0.875))
        self.mode_note.setFont(body_font(0.9375))
        self.best_label.setFont(body_font(0.875))
        self.unanswered_label.setFont(body_font(0.875))
        self.summary.apply_fonts()

    def _on_theme_changed(self, *_: object) -> None:
        # a zoom change also re-applies the theme: restyle once for both
        if not self._restyle_pending:
            self._restyle_pending = True
            QTimer.singleShot(0, self, self._restyle_now)

    def _restyle_now(self) -> None:
        self._restyle_pending = False
        self.restyle()

    def _question_order(self) -> list[int]:
        session = self.context.session
        if session is not None:
            return session.question_order(self.quiz)
        order = list(range(len(self.quiz.questions)))
        if self.quiz.shuffle:
            self._rng.shuffle(order)
        return order

    def _display_order(self, question: Question) -> list[int]:
        session = self.context.session
        if session is not None:
            return session.display_order(question)
        return session_model.display_order(question, self._rng)

    def responses(self) -> dict[str, Response]:
        """Return every question's current response by question id."""
        return {question_id: card.response() for question_id, card in self.cards.items()}

    def tries(self) -> dict[str, int]:
        """Return how many times each question was checked in this attempt."""
        return {question_id: card.tries for question_id, card in self.cards.items()}

    def unanswered_cards(self) -> list[QuestionCardView]:
        """Return the cards not answered yet, in the order shown."""
        return [card for card in self.cards.values() if not card.is_answered()]

    def request_submit(self) -> QuizResult | None:
        """Submit, asking first when questions are blank; None when the learner keeps answering."""
        if self.result is not None:
            return None
        blank = self.unanswered_cards()
        if blank and not confirm_blank_submission(self, len(blank)):
            scroll_to(blank[0])  # back to the first question left to answer
            focus_first_control(blank[0].view)
            return None
        return self.submit()

    def submit_step(self) -> None:
        """Ctrl+Return: check the question in focus when it can be checked, else submit the quiz."""
        if self.result is not None:
            return
        focused = QApplication.focusWidget()
        card = next((card for card in self.cards.values() if focused is not None and card.isAncestorOf(focused)), None)
        if card is not None and card.can_check():
            card.check()
            return
        self.request_submit()

    def first_checks(self) -> dict[str, Response]:
        """Return the first checked response of each question checked in this attempt (what counts)."""
        return {question_id: card.first_check() for question_id, card in self.cards.items() if card.first_result is not None}

    def submit(self) -> QuizResult:
        """Score and record this attempt, show every question's feedback and the summary."""
        responses = self.responses()
        tries = self.tries() if self.practice else None
        first_checks = self.first_checks()
        session = self.context.session
        if session is not None:
            result = session.submit_quiz(self.index, responses, tries, first_checks)
        else:
            result = session_model.score_quiz(self.quiz, responses, tries, first_checks)
        self._submitted_attempt = result.attempt_id
        self._show_submitted(result)
        self._keep_now()  # the answers as submitted stay on screen after a relaunch
        self._refresh_best()
        self.completion_changed.emit()
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
        # the cards grow with their feedback first: show the score once the column has laid them out
        QTimer.singleShot(0, self.summary, lambda: scroll_to(self.summary))
        return result

    def _show_submitted(self, result: QuizResult) -> None:
        """Show a submitted attempt: every question's feedback, final, and the summary."""
        self.result = result
        for question_id, card in self.cards.items():
            card.finish()
            question_result = result.result(question_id)
            if question_result is not None:
                card.show_submitted(question_result)
        self.footer.hide()
        self.mode_note.hide()  # "check as you go" / "you'll see how you did" no longer applies
        self.summary.show_result(self.quiz, result, [card for card in self.cards.values()])
        self.summary.show()
        self.controls_changed.emit()  # the summary's rows

    def retry(self) -> None:
        """Start a new attempt with fresh shuffles."""
        session = self.context.session
        if session is not None:
            session.begin_attempt(self.index)
        self.start_attempt()
        first = next(iter(self.cards.values()), None)
        if first is not None:
            scroll_to(first)

    # ------------------------------------------------------------ status lines

    def _refresh_best(self) -> None:
        session = self.context.session
        attempts = session.attempts(self.index) if session is not None else []
        if not attempts:
            self.best_label.hide()
            return
        tries = len(attempts)
        if self.quiz.measure == "pre":
            first = attempts[0]
            self.best_label.setText(
                self.tr("Your starting point: {points} ({percent}) · %n attempt(s)", "", tries).format(
                    points=points_text(first.points_earned, first.points_possible), percent=percent_text(first.score)
                )
            )
            self.best_label.show()
            return
        best = max(attempts, key=lambda attempt: attempt.score)
        best_text = (
            self.tr("Best so far: {points} ({percent}), passed · %n attempt(s)", "", tries)
            if best.passed
            else self.tr("Best so far: {points} ({percent}), not yet passed · %n attempt(s)", "", tries)
        )
        self.best_label.setText(
            best_text.format(points=points_text(best.points_earned, best.points_possible), percent=percent_text(best.score))
        )
        self.best_label.show()

    def _refresh_unanswered(self) -> None:
        missing = sum(not card.is_answered() for card in self.cards.values())
        if missing == 0:
            self.unanswered_label.setText(self.tr("Every question is answered."))
        elif missing == 1:
            self.unanswered_label.setText(self.tr("1 question is not answered yet; it would score 0."))
        else:
            self.unanswered_label.setText(
                self.tr("%n questions are not answered yet; they would score 0.", "", missing)
            )

    def _on_card_answered_changed(self) -> None:
        self._refresh_unanswered()


class ElidedButton(QPushButton):
    """A flat push button whose one-line text shortens with an ellipsis to fit its width."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.full_text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        """Allow shrinking down to a few characters."""
        return QSize(
            self.fontMetrics().horizontalAdvance("0000…") + 2 * SPACE_S, super().minimumSizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Shorten the text to the new width."""
        super().resizeEvent(event)
        room = max(0, self.width() - 2 * SPACE_S - 2)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room))


class QuizSummaryPanel(QFrame):
    """After submission: the score, passed or not, and a list to walk through each question."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPanel")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.headline = QLabel(self)
        self.headline.setObjectName("quizTitle")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        self.verdict = FeedbackBadgeView(self)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.detail = QLabel(self)
        self.detail.setObjectName("muted")
        self.detail.setWordWrap(True)
        self.walk_title = QLabel(self.tr("Go through your answers"), self)
        self.walk_title.setObjectName("panelTitle")
        self.walk_box = QVBoxLayout()
        self.walk_box.setSpacing(0)
        self.walk_buttons: list[QPushButton] = []
        self.walk_rows: list[QWidget] = []
        self.retry_button = make_button(self.tr("Retry"), self)
        self.retry_button.setToolTip(self.tr("Start a new attempt with the questions shuffled again"))
        verdict_row = QHBoxLayout()
        verdict_row.setSpacing(SPACE_M)
        verdict_row.addWidget(self.verdict)
        verdict_row.addWidget(self.detail, 1)
        retry_row = QHBoxLayout()
        retry_row.addStretch(1)
        retry_row.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_L + SPACE_XS, SPACE_XL, SPACE_L + SPACE_XS)
        layout.setSpacing(SPACE_S)
        layout.addWidget(self.headline)
        layout.addLayout(verdict_row)
        layout.addSpacing(SPACE_S)
        layout.addWidget(self.walk_title)
        layout.addLayout(self.walk_box)
        layout.addSpacing(SPACE_S)
        layout.addLayout(retry_row)
        self.apply_fonts()

    def apply_fonts(self) -> None:
        """Set the panel's fonts at the current zoom."""
        self.headline.setFont(body_font(1.25, QFont.Weight.DemiBold))
        self.verdict.setFont(body_font(0.9375, QFont.Weight.DemiBold))
        self.detail.setFont(body_font(0.9375))
        self.walk_title.setFont(body_font(0.8125, QFont.Weight.DemiBold))
        self.retry_button.setFont(body_font(0.9375))

    def show_result(self, quiz: Quiz, result: QuizResult, cards: list[QuestionCardView]) -> None:
        """Fill the panel from a submitted attempt; ``cards`` are in the order shown."""
        score = points_text(result.points_earned, result.points_possible)
        details = []
        if quiz.measure == "pre":
            # the before-measure is taken cold and is never a gate: no pass or fail, no call to retry
            self.headline.setText(self.tr("You scored {points} ({percent})").format(points=score, percent=percent_text(result.score)))
            self.verdict.show_mark(Mark.RIGHT, self.tr("Taken"))
            details.append(self.tr(
                "This check has no pass mark: taking it is enough for this lesson. Your first attempt "
                "is kept as your starting point, to compare with the final check."
            ))
            self.retry_button.setText(self.tr("Take it again"))
            self.retry_button.setToolTip(self.tr("Answer the check again; your first attempt stays your starting point"))
        else:
            self.headline.setText(self.tr("You scored {points} ({percent})").format(points=score, percent=percent_text(result.score)))
            self.retry_button.setText(self.tr("Retry"))
            self.retry_button.setToolTip(self.tr("Start a new attempt with the questions shuffled again"))
            if result.passed:
                self.verdict.show_mark(Mark.RIGHT, self.tr("Passed"))
                details.append(self.tr("The pass mark is {percent}.").format(percent=percent_text(result.pass_mark)))
            else:
                self.verdict.show_mark(Mark.MISSED, self.tr("Not yet passed"))
                details.append(
                    self.tr("The pass mark is {percent}. Retry when you're ready.").format(
                        percent=percent_text(result.pass_mark)
                    )
                )
            if quiz.measure:
                details.append(self.tr(
                    "Your first score is kept for the before-and-after comparison: the Dashboard (Ctrl+D) "
                    "shows how your ratings changed since the first check."
                ))
        details.extend(
            QCoreApplication.translate("Judgement", sentence)
            for sentence in attempt_reading(result.discernment, result.trust)
        )
        self.detail.setText(" ".join(details))
        self.setAccessibleName(self.headline.text())
        for row in self.walk_rows:
            self.walk_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.walk_rows = []
        self.walk_buttons = []
        for position, card in enumerate(cards, start=1):
            question_result = result.result(card.question.id)
            if question_result is None:
                continue
            mark, word = result_mark(question_result)
            points = points_text(question_result.points_earned, question_result.points_possible)
            prompt = markdown_to_plain(card.question.prompt)
            row = QWidget(self)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(SPACE_M)
            button = ElidedButton(f"{position}.  {prompt}", row)
            button.setObjectName("walkButton")
            button.setFont(body_font(0.9375))
            button.setAccessibleName(self.tr("Question {number}: {mark}, {points}").format(number=position, mark=word, points=points))
            button.setToolTip(self.tr("Show this question and its feedback"))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, card=card: scroll_to(card))
            badge = FeedbackBadgeView(row)
            badge.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            badge.show_mark(mark, word)
            badge.setMinimumWidth(badge.fontMetrics().horizontalAdvance(self.tr("○ Partly right")) + SPACE_XS)
            score_label = QLabel(points, row)
            score_label.setObjectName("muted")
            score_label.setFont(body_font(0.875))
            score_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            score_label.setMinimumWidth(score_label.fontMetrics().horizontalAdvance(self.tr("0.5 of 1 points")))
            row_layout.addWidget(button, 1)
            row_layout.addWidget(badge)
            row_layout.addWidget(score_label)
            self.walk_box.addWidget(row)
            self.walk_rows.append(row)
            self.walk_buttons.append(button)
