"""The spotting question: the learner marks spans of a text, then sees which targets they found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.model.answers import Response
from app.model.marks import (
    SPOT_FOUND_RULE,
    Span,
    add_mark,
    clean_marks,
    python_index,
    snap_to_words,
    utf16_offsets,
)
from app.model.schema import Question, Spot
from app.model.scoring import Mark, spot_marks, spot_target_spans
from app.ui.questions.base import QuestionView, register_question_view
from app.ui.questions.common import (
    FeedbackBadgeView,
    body_font,
    make_button,
    mark_color,
    note_view,
    question_style,
)
from app.ui.theme import SPACE_M, SPACE_S, SPACE_XS, current_theme

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.ui.steps.base import StepContext

class SpotTextView(QTextEdit):
    """The read-only text, selectable by mouse and keyboard, sized to its content."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setTabChangesFocus(True)
        self.setFont(body_font(1.0625))
        self.setPlainText(text)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(SPACE_M)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)

    def _fit_height(self, *_: object) -> None:
        self.document().setTextWidth(self.viewport().width())
        self.setFixedHeight(round(self.document().size().height()) + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event: object) -> None:
        """Fit the height to the text at the new width."""
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_height()


class SpotMarkRowView(QFrame):
    """One learner's mark: the quoted span and a Remove button."""

    def __init__(self, quote: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quote = QLabel(f"“{quote}”", self)
        self.quote.setObjectName("choiceText")
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setWordWrap(True)
        self.quote.setFont(body_font(0.9375))
        self.remove_button = make_button(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove mark: {quote}").format(quote=quote))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_M)
        layout.addWidget(self.quote, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)


class SpotOutcomeRowView(QFrame):
    """One line of feedback: a badge (found, missed, stray), the quote and any note."""

    def __init__(self, mark: Mark, word: str, quote: str, note: str | None, view: SpotQuestionView) -> None:
        super().__init__(view)
        self.badge = FeedbackBadgeView(self)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.badge.show_mark(mark, word)
        self.badge.setMinimumWidth(96)
        self.quote = QLabel(f"“{quote}”", self)
        self.quote.setObjectName("choiceText")
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setWordWrap(True)
        self.quote.setFont(body_font(0.9375))
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(SPACE_M)
        layout.setVerticalSpacing(SPACE_XS)
        layout.addWidget(self.badge, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.quote, 0, 1)
        layout.setColumnStretch(1, 1)
        self.note = None
        if note and note.strip():
            self.note = note_view(view.context.pack, note, self)
            layout.addWidget(self.note, 1, 1)


@register_question_view("spot")
class SpotQuestionView(QuestionView):
    """The text to mark; the response lists the marked (start, end) offsets of the text."""

    question: Spot

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        self.setStyleSheet(question_style())
        self.text = self.question.text
        self._offsets = utf16_offsets(self.text)
        self.spans: list[Span] = []
        self._read_only = False

        self.text_view = SpotTextView(self.text, self)
        self.text_view.setObjectName("spotText")
        self.text_view.setAccessibleName(self.tr("Text to mark"))
        self.text_view.selectionChanged.connect(self._on_text_view_selection_changed)
        self.mark_button = make_button(self.tr("Mark selection"), self)
        self.mark_button.setToolTip(self.tr("Mark the selected words (Ctrl+M)"))
        self.mark_button.setEnabled(False)
        self.mark_button.clicked.connect(self.mark_selection)
        self.shortcut = QShortcut(QKeySequence("Ctrl+M"), self.text_view, self.mark_selection)
        self.shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.tip = QLabel(self.tr("Select words with the mouse, or with Shift and the arrow keys."), self)
        self.tip.setObjectName("muted")
        self.tip.setWordWrap(True)
        self.tip.setToolTip(
            self.tr("A mark takes in whole words. {rule}").format(rule=QCoreApplication.translate("Marks", SPOT_FOUND_RULE))
        )
        self.tip.setFont(body_font(0.875))
        actions = QHBoxLayout()
        actions.setSpacing(SPACE_M)
        actions.addWidget(self.mark_button)
        actions.addWidget(self.tip, 1)

        self.marks_heading = QLabel(self.tr("Your marks"), self)
        self.marks_heading.setObjectName("muted")
        self.marks_heading.setFont(body_font(0.875, QFont.Weight.DemiBold))
        self.marks_box = QVBoxLayout()
        self.marks_box.setSpacing(SPACE_XS)
        self.empty_label = QLabel(self.tr("No marks yet."), self)
        self.empty_label.setObjectName("muted")
        self.empty_label.setFont(body_font(0.9375))
        self.mark_rows: list[SpotMarkRowView] = []

        self.outcome_box = QVBoxLayout()
        self.outcome_box.setSpacing(SPACE_S)
        self.outcome_rows: list[SpotOutcomeRowView] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_S)
        layout.addWidget(self.text_view)
        layout.addLayout(actions)
        layout.addSpacing(SPACE_XS)
        layout.addWidget(self.marks_heading)
        layout.addWidget(self.empty_label)
        layout.addLayout(self.marks_box)
        layout.addLayout(self.outcome_box)
        self._refresh_marks()

    # ------------------------------------------------------------ offsets

    def _to_qt(self, index: int) -> int:
        return self._offsets[max(0, min(index, len(self.text)))]

    def _to_python(self, position: int) -> int:
        return python_index(self._offsets, position)

    # ------------------------------------------------------------ marking

    def mark_selection(self) -> None:
        """Add the selected words as a mark, grown to whole words (marks.snap_to_words)."""
        cursor = self.text_view.textCursor()
        if self._read_only or not cursor.hasSelection():
            return
        snapped = snap_to_words(
            self.text, self._to_python(cursor.selectionStart()), self._to_python(cursor.selectionEnd())
        )
        if snapped is None:
            return
        self.spans = add_mark(self.spans, snapped)
        # Mark selection is disabled once nothing is selected: its focus goes back to the text, not down the chain
        had_focus = self.mark_button.hasFocus()
        cursor.clearSelection()
        self.text_view.setTextCursor(cursor)
        self._refresh_marks()
        if had_focus:
            self.text_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.response_changed.emit()

    def select_span(self, start: int, end: int) -> None:
        """Select characters ``start`` to ``end`` of the text, as a learner would."""
        cursor = self.text_view.textCursor()
        cursor.setPosition(self._to_qt(start))
        cursor.setPosition(self._to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text_view.setTextCursor(cursor)

    def remove_mark(self, span: Span) -> None:
        """Remove one of the learner's marks."""
        if self._read_only or span not in self.spans:
            return
        self.spans.remove(span)
        self._refresh_marks()
        self.response_changed.emit()

    def _refresh_marks(self) -> None:
        # a Remove button that goes while focused would hand the focus down the chain: the next one takes it
        focused = QApplication.focusWidget()
        lost = next(
            (n for n, row in enumerate(self.mark_rows) if focused is not None and row.isAncestorOf(focused)), None
        )
        for row in self.mark_rows:
            self.marks_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.mark_rows = []
        for span in self.spans:
            row = SpotMarkRowView(self.text[span[0] : span[1]], self)
            row.remove_button.clicked.connect(lambda _=False, span=span: self.remove_mark(span))
            row.remove_button.setVisible(not self._read_only)
            self.marks_box.addWidget(row)
            self.mark_rows.append(row)
        self.empty_label.setVisible(not self.spans)
        self._paint_marks()
        self.controls_changed.emit()  # new Remove buttons join the Tab chain
        if lost is not None:
            target = self.mark_rows[min(lost, len(self.mark_rows) - 1)].remove_button if self.mark_rows else None
            (target or self.text_view).setFocus(Qt.FocusReason.OtherFocusReason)

    def _paint_marks(self) -> None:
        theme = current_theme()
        color = QColor(theme.accent)
        color.setAlpha(theme.highlight_alpha)
        selections = []
        for start, end in self.spans:
            selections.append(self._extra_selection(start, end, color, QColor(theme.accent)))
        self.text_view.setExtraSelections(selections)

    def _extra_selection(
        self,
        start: int,
        end: int,
        background: QColor,
        underline: QColor,
        style: QTextCharFormat.UnderlineStyle = QTextCharFormat.UnderlineStyle.SingleUnderline,
    ) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text_view.document())
        cursor.setPosition(self._to_qt(start))
        cursor.setPosition(self._to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        char_format = QTextCharFormat()
        char_format.setBackground(background)
        char_format.setUnderlineStyle(style)
        char_format.setUnderlineColor(underline)
        selection.format = char_format
        return selection

    def _on_text_view_selection_changed(self) -> None:
        self.mark_button.setEnabled(not self._read_only and self.text_view.textCursor().hasSelection())

    # ------------------------------------------------------------ QuestionView

    def response(self) -> Response:
        """Return the marked spans as (start, end) offsets, or None when nothing is marked."""
        return list(self.spans) or None

    def set_response(self, response: Response) -> None:
        """Show the marks in ``response``."""
        self.spans = clean_marks(self.text, response)
        self._refresh_marks()
        self.response_changed.emit()

    def show_feedback(self, result: QuestionResult) -> None:
        """List found and missed targets (with notes) and stray marks, and colour them in the text."""
        self.clear_feedback()
        found, stray = spot_marks(self.question, result.response)
        selections = result.response if isinstance(result.response, list) else []
        spans = spot_target_spans(self.question)
        theme = current_theme()
        painted = []
        for index, (target, span) in enumerate(zip(self.question.targets, spans, strict=True)):
            if span is None:
                continue
            is_found = index in found
            mark = Mark.RIGHT if is_found else Mark.MISSED
            self._add_outcome(
                mark, self.tr("Found") if is_found else self.tr("Missed"), self.text[span[0] : span[1]], target.note
            )
            color = QColor(mark_color(mark, theme))
            background = QColor(color)
            background.setAlpha(theme.highlight_alpha if is_found else theme.highlight_alpha // 2)
            style = (
                QTextCharFormat.UnderlineStyle.SingleUnderline
                if is_found
                else QTextCharFormat.UnderlineStyle.DashUnderline
            )
            painted.append(self._extra_selection(span[0], span[1], background, color, style))
        for index in stray:
            start, end = selections[index]  # type: ignore[misc]
            self._add_outcome(Mark.WRONG, self.tr("Stray"), self.text[start:end], None)
            color = QColor(theme.wrong)
            background = QColor(color)
            background.setAlpha(theme.highlight_alpha // 2)
            painted.append(
                self._extra_selection(
                    start, end, background, color, QTextCharFormat.UnderlineStyle.WaveUnderline
                )
            )
        self.text_view.setExtraSelections(painted)
        self.marks_heading.hide()
        self.empty_label.hide()
        for row in self.mark_rows:
            row.hide()

    def _add_outcome(self, mark: Mark, word: str, quote: str, note: str | None) -> None:
        row = SpotOutcomeRowView(mark, word, quote, note, self)
        self.outcome_box.addWidget(row)
        self.outcome_rows.append(row)

    def clear_feedback(self) -> None:
        """Remove the found, missed and stray list and show the learner's marks again."""
        for row in self.outcome_rows:
            self.outcome_box.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.outcome_rows = []
        self.marks_heading.show()
        for mark_row in self.mark_rows:
            mark_row.show()
        self.empty_label.setVisible(not self.spans)
        self._paint_marks()

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) adding and removing marks."""
        self._read_only = read_only
        self.mark_button.setVisible(not read_only)
        self.tip.setVisible(not read_only)
        for row in self.mark_rows:
            row.remove_button.setVisible(not read_only)
