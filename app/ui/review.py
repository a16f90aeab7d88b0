"""The Review screen: questions the learner missed, back when fsrs says they are due.

The due items of every loaded pack are shown one at a time on the same ``QuestionCardView`` the
quizzes use, in a fresh display order. Check scores the answer, records it with
``review.record_review`` (which reschedules the item) and offers the next question. Nothing due
gives a calm empty state that says when the next question comes back.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from app.model import review
from app.model.attempts import QuestionResult
from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.progress import ProgressError
from app.model.session import display_order
from app.ui.charts import short_date
from app.ui.page import ColumnPageView, plain_label
from app.ui.question_card import QuestionCardView
from app.ui.steps.base import StepContext
from app.ui.theme import SPACE_L, SPACE_M, SPACE_S, SPACE_XS

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.progress import ProgressStore

NOTHING_DUE_TEXT = QT_TRANSLATE_NOOP("ReviewView", "Nothing to review today — questions you miss come back here.")
COLUMN_MAX_WIDTH = 760

#: Returns the moment to schedule at; None means now (tests pass a fixed time).
Clock = Callable[[], datetime | None]


def due_review_items(
    store: ProgressStore, profile_id: int, packs: Sequence[Pack], now: datetime | None = None
) -> list[review.ReviewItem]:
    """Return the items due now whose question is in a loaded pack (the ones the screen can show)."""
    return review.due_items(store, profile_id, now, packs=packs)


class ReviewView(ColumnPageView):
    """Walks through the due items one question at a time and records each review."""

    #: a review was recorded (the window redraws the due count)
    reviewed = Signal()
    #: the learner asked to go back to the dashboard or home
    home_requested = Signal()

    def __init__(
        self,
        store: ProgressStore,
        profile_id: int,
        clock: Clock | None = None,
        parent: QWidget | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__("reviewScreen", QCoreApplication.translate("ReviewView", "Review"), COLUMN_MAX_WIDTH, SPACE_M, parent)
        self.store = store
        self.profile_id = profile_id
        self.packs: list[Pack] = []
        self.clock: Clock = clock or (lambda: None)
        self.rng = rng or random.Random()
        self.queue: list[review.ReviewItem] = []
        self.position = 0
        self.right = 0
        self.card: QuestionCardView | None = None
        self.next_button: QPushButton | None = None
        self.message: QLabel | None = None
        #: the words of the button that leaves Review (the window says where it leads)
        self.home_text = self.tr("Back to the dashboard")

    # ------------------------------------------------------------ data

    def set_profile(self, profile_id: int) -> None:
        """Review the items of ``profile_id`` from the next refresh on."""
        self.profile_id = profile_id

    def set_packs(self, packs: Sequence[Pack]) -> None:
        """Find questions in ``packs``."""
        self.packs = list(packs)

    def due_count(self) -> int:
        """Count the items due now that the screen can show."""
        try:
            return review.due_count(self.store, self.profile_id, self.clock(), packs=self.packs)
        except ProgressError:
            return 0

    def refresh(self) -> None:
        """Gather the items due now and show the first (or the empty state)."""
        self.position = 0
        self.right = 0
        try:
            self.queue = due_review_items(self.store, self.profile_id, self.packs, self.clock())
        except ProgressError as error:
            self.queue = []
            self._rebuild()
            self._show_message(str(error))
            return
        self._rebuild()

    # ------------------------------------------------------------ showing

    def _clear(self) -> None:
        self.clear_column()
        self.card = None
        self.next_button = None
        self.message = None

    def _header(self, subtitle: str) -> None:
        self.column_layout.addWidget(plain_label(self.tr("REVIEW"), "pageKicker"))
        self.column_layout.addWidget(plain_label(self.tr("Questions to practise again"), "pageTitle"))
        if subtitle:
            self.subtitle = plain_label(subtitle, "pageIntro")
            self.column_layout.addWidget(self.subtitle)
        self.column_layout.addSpacing(SPACE_S)

    def _rebuild(self) -> None:
        """Show the question at ``position``, the summary after the last, or the empty state."""
        self._clear()
        # An item whose question left its pack since the queue was read is skipped.
        while self.position < len(self.queue) and review.find_question(self.packs, self.queue[self.position]) is None:
            self.position += 1
        if not self.queue:
            self._show_empty()
        elif self.position >= len(self.queue):
            self._show_summary()
        else:
            self._show_question()
        self.column_layout.addStretch(1)

    def _show_empty(self) -> None:
        self._header("")
        self.empty_label = plain_label(self.tr(NOTHING_DUE_TEXT), "pageIntro")
        self.column_layout.addWidget(self.empty_label)
        upcoming = self._next_due()
        if upcoming is not None:
            self.column_layout.addWidget(plain_label(
                self.tr("The next question comes back on {date}.").format(date=short_date(upcoming)), "cardMeta"
            ))
        self._add_home_button(self.home_text)

    def _next_due(self) -> datetime | None:
        try:
            items = review.items(self.store, self.profile_id)
        except ProgressError:
            return None
        later = [item for item in items if review.find_question(self.packs, item) is not None]
        return later[0].due if later else None

    def _show_question(self) -> None:
        entry = self.queue[self.position]
        target = review.find_question(self.packs, entry)
        assert target is not None  # _rebuild skips items whose question is gone
        total = len(self.queue)
        if self.position == 0:
            if total == 1:
                self._header(self.tr("1 question is due. Answer it again; if you get it right, it comes back later."))
            else:
                self._header(
                    self.tr(
                        "%n questions are due. Answer each one again; the ones you get right come back later.", "", total
                    )
                )
        else:
            self._header(self.tr("{left} of {total} left in this review.").format(left=total - self.position, total=total))
        if len(self.packs) > 1:
            source = self.tr("From “{lesson}” · {module} · {pack}").format(
                lesson=target.lesson.title, module=target.module.title, pack=target.pack.title
            )
        else:
            source = self.tr("From “{lesson}” · {module}").format(lesson=target.lesson.title, module=target.module.title)
        self.source_label = plain_label(source, "cardMeta")
        self.column_layout.addWidget(self.source_label)
        context = StepContext(target.pack, target.module, target.lesson, None)
        self.card = QuestionCardView(
            target.question,
            context,
            display_order(target.question, self.rng),
            self.column,
            heading=self.tr("Question {number} of {total}").format(number=self.position + 1, total=total),
        )
        self.card.checked.connect(self._on_card_checked)
        self.column_layout.addWidget(self.card)

        row = QHBoxLayout()
        row.setSpacing(SPACE_S)
        self.message = plain_label("", "cardMeta")
        self.message.hide()
        row.addWidget(self.message, 1)
        last = self.position == total - 1
        self.next_button = QPushButton(self.tr("Finish review") if last else self.tr("Next question  ›"))
        self.next_button.setObjectName("primaryButton")
        self.next_button.setAccessibleName(self.tr("Finish review") if last else self.tr("Next question"))
        self.next_button.clicked.connect(self.go_next)
        self.next_button.hide()
        row.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)
        holder = QWidget()
        row.setContentsMargins(0, SPACE_XS, 0, 0)
        holder.setLayout(row)
        self.column_layout.addWidget(holder)
        self.card.view.setFocus()

    def _show_summary(self) -> None:
        total = len(self.queue)
        self._header("")
        self.summary_label = plain_label(
            self.tr(
                "Review done: {right} of %n question(s) right. The ones you missed come back sooner; "
                "the ones you got right, later.",
                "",
                total,
            ).format(right=self.right),
            "pageIntro",
        )
        self.column_layout.addWidget(self.summary_label)
        self._add_home_button(self.home_text)

    def _add_home_button(self, text: str) -> None:
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.clicked.connect(self.home_requested)
        row = QHBoxLayout()
        row.setContentsMargins(0, SPACE_L, 0, 0)
        row.addWidget(button)
        row.addStretch(1)
        holder = QWidget()
        holder.setLayout(row)
        self.column_layout.addWidget(holder)
        self.home_button = button
        button.setFocus()

    def _show_message(self, text: str) -> None:
        label = plain_label(text, "pageIntro")
        self.column_layout.insertWidget(max(0, self.column_layout.count() - 1), label)

    # ------------------------------------------------------------ answering

    def current_item(self) -> review.ReviewItem | None:
        """Return the item on screen, if any."""
        return self.queue[self.position] if 0 <= self.position < len(self.queue) else None

    def _on_card_checked(self, result: QuestionResult) -> None:
        """Record the review, freeze the card and offer the next question."""
        entry = self.current_item()
        if entry is None or self.card is None:
            return
        self.card.finish()
        if result.fraction >= 1.0:
            self.right += 1
        try:
            review.record_review(self.store, self.profile_id, entry, result.fraction, self.clock())
        except (ProgressError, ValueError) as error:
            if self.message is not None:
                self.message.setText(self.tr("This answer could not be saved: {error}").format(error=error))
                self.message.show()
        else:
            self.reviewed.emit()
        if self.next_button is not None:
            self.next_button.show()
            self.next_button.setFocus()

    def go_next(self) -> None:
        """Show the next due question, or the summary after the last."""
        self.position += 1
        self._rebuild()
