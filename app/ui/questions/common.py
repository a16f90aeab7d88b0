"""Pieces shared by the question widgets: feedback badges, choice rows, fonts and styles.

Feedback always pairs a colour with an icon and a word (ui.md, "Feedback"), so that nothing is
told by colour alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.model.answers import Response
from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.scoring import Mark, choice_marks
from app.ui.questions.base import QuestionView
from app.ui.rich_text import MarkdownView
from app.ui.theme import (
    BODY_PX,
    SPACE_M,
    SPACE_S,
    SPACE_XL,
    SPACE_XS,
    Theme,
    current_theme,
    set_style_property,
    zoom,
)

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.model.pack import Pack
    from app.model.schema import Multiple, Question, Single
    from app.ui.steps.base import StepContext

#: the icon and the word of each feedback mark
MARK_ICONS = {Mark.RIGHT: "✓", Mark.WRONG: "✗", Mark.MISSED: "○", Mark.NEUTRAL: ""}
MARK_WORDS = {
    Mark.RIGHT: QT_TRANSLATE_NOOP("FeedbackBadgeView", "Correct"),
    Mark.WRONG: QT_TRANSLATE_NOOP("FeedbackBadgeView", "Wrong"),
    Mark.MISSED: QT_TRANSLATE_NOOP("FeedbackBadgeView", "Missed"),
    Mark.NEUTRAL: "",
}


def mark_of(right: bool) -> Mark:
    """Turn a right/wrong flag into a mark."""
    return Mark.RIGHT if right else Mark.WRONG


def mark_color(mark: Mark, theme: Theme | None = None) -> str:
    """Return the theme colour that goes with ``mark``."""
    theme = theme or current_theme()
    return {Mark.RIGHT: theme.correct, Mark.WRONG: theme.wrong, Mark.MISSED: theme.partial}.get(
        mark, theme.muted
    )


def body_font(scale: float = 1.0, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """Return the body font at the current text zoom, scaled by ``scale``."""
    font = QFont()
    font.setPixelSize(round(BODY_PX * zoom() * scale))
    font.setWeight(weight)
    return font


def wrapping_policy() -> QSizePolicy:
    """Return a size policy for wrapped labels that keeps height-for-width (a plain one drops it)."""
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    return policy


def markdown_view(pack: Pack | None, text: str, parent: QWidget | None = None) -> MarkdownView:
    """Build a self-sizing Markdown view showing ``text``."""
    view = MarkdownView(pack, parent)
    view.set_markdown(text)
    return view


class NoteMarkdownView(MarkdownView):
    """Markdown set a little smaller and in the muted colour: per-choice feedback and notes."""

    def refresh(self) -> None:
        """Render, then mute the colour and shrink the text slightly."""
        super().refresh()
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        char_format = QTextCharFormat()
        char_format.setForeground(QColor(current_theme().muted))
        cursor.mergeCharFormat(char_format)


def note_view(pack: Pack | None, text: str, parent: QWidget | None = None) -> NoteMarkdownView:
    """Build a muted, self-sizing Markdown view showing ``text``."""
    view = NoteMarkdownView(pack, parent)
    view.set_markdown(text)
    return view


class FeedbackBadgeView(QLabel):
    """An icon and a word in the mark's colour, such as "✓ Correct"; empty until shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mark: Mark | None = None
        self.word = ""
        self.setFont(body_font(0.875, QFont.Weight.DemiBold))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.hide()

    def show_mark(self, mark: Mark, word: str | None = None) -> None:
        """Show ``mark`` with its icon and ``word`` (its usual word when None)."""
        self.mark = mark
        self.word = word if word is not None else self.tr(MARK_WORDS[mark]) if MARK_WORDS[mark] else ""
        icon = MARK_ICONS[mark]
        self.setText(f"{icon} {self.word}".strip())
        self.setAccessibleName(self.word)
        self.setStyleSheet(f"color: {mark_color(mark)}; background: transparent;")
        self.setVisible(bool(self.text()))

    def clear_mark(self) -> None:
        """Hide the badge."""
        self.mark = None
        self.word = ""
        self.setText("")
        self.setAccessibleName("")
        self.hide()


class TileCheckBox(QCheckBox):
    """A check box drawn to match the tiles' radio rings, whatever the style sheet."""

    BOX = 16

    def sizeHint(self) -> QSize:
        """Take just the box."""
        return QSize(self.BOX + 2, self.BOX + 2)

    def minimumSizeHint(self) -> QSize:
        """Take just the box."""
        return self.sizeHint()

    def hitButton(self, pos: QPoint) -> bool:
        """Count a click anywhere on the widget."""
        return self.rect().contains(pos)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw a rounded box, filled with a tick when checked."""
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(1, (self.height() - self.BOX) / 2, self.BOX, self.BOX)
        checked = self.isChecked()
        edge = QColor(theme.accent if checked else theme.muted)
        if not self.isEnabled():
            edge = QColor(theme.muted if checked else theme.border)
        painter.setPen(QPen(edge, 2))
        painter.setBrush(edge if checked else QColor(theme.surface))
        painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 3, 3)
        if checked:
            painter.setPen(
                QPen(
                    QColor(theme.surface),
                    2,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin,
                )
            )
            x, y = box.left(), box.top()
            painter.drawPolyline(
                [QPointF(x + 4, y + 8.5), QPointF(x + 7, y + 11.5), QPointF(x + 12.5, y + 5)]
            )
        painter.end()


class ChoiceRowView(QFrame):
    """One choice as a tile: a radio button or check box, its wrapped text, a badge and feedback.

    The button carries no text of its own (a button's text cannot wrap); a click anywhere on the
    tile works the button, and the button's accessible name is the choice text.
    """

    def __init__(
        self, button: QAbstractButton, text: str, pack: Pack | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("choiceRow")
        self.button = button
        self.text = text
        self._interactive = True
        button.setAccessibleName(text)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.installEventFilter(self)
        self.label = QLabel(text, self)
        self.label.setObjectName("choiceText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setFont(body_font())
        self.label.setSizePolicy(wrapping_policy())
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # as tall as one line of text, so that the indicator sits centred on the first line
        button.setFixedHeight(QFontMetrics(self.label.font()).height())
        self.badge = FeedbackBadgeView(self)
        self.feedback = NoteMarkdownView(pack, self)
        self.feedback.setObjectName("choiceFeedback")
        self.feedback.hide()
        layout = QGridLayout(self)
        layout.setContentsMargins(SPACE_M, SPACE_S + 2, SPACE_M, SPACE_S + 2)
        layout.setHorizontalSpacing(SPACE_M)
        layout.setVerticalSpacing(SPACE_XS)
        layout.addWidget(button, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 0, 1)
        layout.addWidget(self.badge, 0, 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.feedback, 1, 1, 1, 2)
        layout.setColumnStretch(1, 1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        button.toggled.connect(self._on_button_toggled)
        self._set_property("selected", False)

    def set_interactive(self, interactive: bool) -> None:
        """Allow or stop changes through this row."""
        self._interactive = interactive
        self.button.setEnabled(interactive)
        cursor = Qt.CursorShape.PointingHandCursor if interactive else Qt.CursorShape.ArrowCursor
        self.setCursor(cursor)

    def show_mark(self, mark: Mark, feedback: str | None) -> None:
        """Mark the row and show the choice's feedback Markdown, if any."""
        if mark is Mark.NEUTRAL:
            self.badge.clear_mark()
        else:
            self.badge.show_mark(mark)
        self._set_property("mark", "" if mark is Mark.NEUTRAL else mark.value)
        if feedback and feedback.strip():
            self.feedback.set_markdown(feedback)
            self.feedback.show()
        else:
            self.feedback.hide()

    def clear_mark(self) -> None:
        """Remove the mark and the feedback."""
        self.badge.clear_mark()
        self.feedback.hide()
        self._set_property("mark", "")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Work the button when the learner clicks anywhere on the tile."""
        if (
            self._interactive
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self.button.click()
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            return
        super().mouseReleaseEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Show the tile as focused while its button has the keyboard focus."""
        if watched is self.button and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._set_property("focused", event.type() == QEvent.Type.FocusIn)
        return False

    def _on_button_toggled(self, checked: bool) -> None:
        self._set_property("selected", checked)

    def _set_property(self, name: str, value: object) -> None:
        set_style_property(self, name, value)


def button_style(theme: Theme | None = None) -> str:
    """Return the style of primary and secondary push buttons (scoped by object names)."""
    theme = theme or current_theme()
    return f"""
        QPushButton#primaryButton {{
            background: {theme.accent}; color: {theme.surface}; border: 1px solid {theme.accent};
            border-radius: 6px; padding: 6px 18px;
        }}
        QPushButton#primaryButton:focus {{ border: 2px solid {theme.text}; }}
        QPushButton#primaryButton:disabled {{
            background: {theme.border}; border-color: {theme.border}; color: {theme.muted};
        }}
        QPushButton#secondaryButton {{
            background: transparent; color: {theme.text}; border: 1px solid {theme.border};
            border-radius: 6px; padding: 6px 14px;
        }}
        QPushButton#secondaryButton:hover {{ border-color: {theme.accent}; }}
        QPushButton#secondaryButton:focus {{ border: 2px solid {theme.accent}; }}
        QPushButton#secondaryButton:disabled {{ color: {theme.muted}; }}
    """


def make_button(text: str, parent: QWidget, primary: bool = False) -> QPushButton:
    """Build a push button styled as primary or secondary, named for assistive technology."""
    button = QPushButton(text, parent)
    button.setObjectName("primaryButton" if primary else "secondaryButton")
    button.setAccessibleName(text.replace("&", ""))
    button.setFont(body_font(0.9375, QFont.Weight.DemiBold if primary else QFont.Weight.Normal))
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setMinimumHeight(34)
    return button


def question_style(theme: Theme | None = None) -> str:
    """Return the style sheet shared by the question widgets (scoped by object names)."""
    theme = theme or current_theme()
    return f"""
        QFrame#choiceRow {{
            background: {theme.surface}; border: 1px solid {theme.border}; border-radius: 6px;
        }}
        QFrame#choiceRow[selected="true"] {{ border: 1px solid {theme.accent}; }}
        QFrame#choiceRow[focused="true"] {{ border: 2px solid {theme.accent}; }}
        QFrame#choiceRow[mark="right"] {{ border: 1px solid {theme.correct}; }}
        QFrame#choiceRow[mark="wrong"] {{ border: 1px solid {theme.wrong}; }}
        QFrame#choiceRow[mark="missed"] {{ border: 1px dashed {theme.partial}; }}
        QTextEdit#spotText {{
            background: {theme.surface}; color: {theme.text}; border: 1px solid {theme.border};
            border-radius: 6px;
        }}
        QTextEdit#spotText:focus {{ border: 1px solid {theme.accent}; }}
        QFrame#choiceRow QRadioButton::indicator {{
            width: 14px; height: 14px; border-radius: 9px; border: 2px solid {theme.muted};
            background: {theme.surface};
        }}
        QFrame#choiceRow QRadioButton::indicator:checked {{
            border-color: {theme.accent};
            background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
                stop: 0 {theme.accent}, stop: 0.55 {theme.accent}, stop: 0.65 {theme.surface},
                stop: 1 {theme.surface});
        }}
        QFrame#choiceRow QRadioButton::indicator:disabled {{ border-color: {theme.border}; }}
        QFrame#choiceRow QRadioButton::indicator:checked:disabled {{ border-color: {theme.muted}; }}
        QFrame#choiceRow QComboBox::drop-down {{
            subcontrol-origin: padding; subcontrol-position: center right; width: 24px; border: none;
        }}
        QLabel#choiceText {{ color: {theme.text}; background: transparent; }}
        QLabel#muted {{ color: {theme.muted}; background: transparent; }}
    """ + button_style(theme)


class ChoiceListView(QuestionView):
    """Choices as a column of tiles, with radio buttons (``exclusive``) or check boxes.

    Subclasses call ``_add_choices`` with (key, text) pairs in the order to show; a key is what
    the response holds for that choice (a written index, or True/False).
    """

    exclusive = True

    def _add_choices(self, entries: list[tuple[object, str]]) -> None:
        """Build one tile per (key, text) entry, top to bottom."""
        self.setStyleSheet(question_style())
        self.rows: dict[object, ChoiceRowView] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(self.exclusive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_S)
        for key, text in entries:
            button: QAbstractButton = QRadioButton(self) if self.exclusive else TileCheckBox(self)
            row = ChoiceRowView(button, text, self.context.pack, self)
            self.group.addButton(button)
            self.rows[key] = row
            layout.addWidget(row)
        self.group.buttonToggled.connect(self._on_group_button_toggled)

    def _checked_keys(self) -> list[object]:
        """Return the keys of the checked choices, in display order."""
        return [key for key, row in self.rows.items() if row.button.isChecked()]

    def _set_checked_keys(self, keys: set[object]) -> None:
        """Check exactly the choices whose keys are in ``keys``."""
        self.group.blockSignals(True)
        exclusive = self.group.exclusive()
        self.group.setExclusive(False)  # an exclusive group refuses to uncheck its last button
        for key, row in self.rows.items():
            row.button.setChecked(key in keys)
        self.group.setExclusive(exclusive)
        self.group.blockSignals(False)
        self.response_changed.emit()

    def _show_marks(self, marks: dict[object, Mark], feedback: dict[object, str | None]) -> None:
        """Mark each tile and show feedback under the picked and the missed choices."""
        for key, row in self.rows.items():
            mark = marks.get(key, Mark.NEUTRAL)
            row.show_mark(mark, feedback.get(key) if mark is not Mark.NEUTRAL else None)

    def clear_feedback(self) -> None:
        """Remove every tile's mark and feedback."""
        for row in self.rows.values():
            row.clear_mark()

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) changing the picked choices."""
        for row in self.rows.values():
            row.set_interactive(not read_only)

    def _on_group_button_toggled(self, _button: QAbstractButton, _checked: bool) -> None:
        self.response_changed.emit()


class PackChoicesView(ChoiceListView):
    """The choices the pack writes (single and multiple choice), keyed by their written index."""

    question: Single | Multiple

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        self._add_choices([(index, self.question.choices[index].text) for index in display_order])

    def _show_choice_marks(self, result: QuestionResult) -> dict[int, Mark]:
        """Mark each choice as scoring does, show the feedback the pack gives it, and return the marks."""
        marks = dict(enumerate(choice_marks(self.question, result.response)))
        feedback = {index: choice.feedback for index, choice in enumerate(self.question.choices)}
        self._show_marks(marks, feedback)  # type: ignore[arg-type]
        return marks


class ChoiceComboBox(QComboBox):
    """A combo box that draws its own chevron, so that it shows under any style sheet."""

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the box, then a chevron at its right edge."""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = current_theme()
        color = QColor(theme.text if self.isEnabled() else theme.muted)
        painter.setPen(
            QPen(color, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        )
        x = self.width() - SPACE_M - 5
        y = self.height() / 2
        painter.drawPolyline([QPointF(x - 4, y - 2), QPointF(x, y + 2), QPointF(x + 4, y - 2)])
        painter.end()


class PairingRowView(QFrame):
    """One thing to place (a left, an item) with a combo box of options, a badge and a correction."""

    def __init__(
        self,
        text: str,
        options: list[tuple[int, str]],
        pack: Pack | None,
        parent: QWidget | None = None,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("choiceRow")
        self.label = QLabel(text, self)
        self.label.setObjectName("choiceText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setFont(body_font())
        self.label.setSizePolicy(wrapping_policy())
        self.combo = ChoiceComboBox(self)
        self.combo.setFont(body_font(0.9375))
        self.combo.setAccessibleName(text)
        self.combo.setPlaceholderText(placeholder or self.tr("Choose…"))
        for key, option in options:
            self.combo.addItem(option, key)
        self.combo.setCurrentIndex(-1)
        # a closed drop-down may cut a long option: its tooltip holds the whole of it
        self.combo.currentTextChanged.connect(self.combo.setToolTip)
        self.combo.setMinimumHeight(32)
        # a share of the row, not the width of the longest option, so that long texts never squeeze
        # the label; the open list is as wide as its longest option
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(10)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        widest = max((self.combo.fontMetrics().horizontalAdvance(option) for _, option in options), default=0)
        self.combo.view().setMinimumWidth(widest + SPACE_XL + SPACE_M)
        self.badge = FeedbackBadgeView(self)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # wide enough for either word, so that the combo boxes of all rows line up
        self.badge.setMinimumWidth(QFontMetrics(self.badge.font()).horizontalAdvance(self.tr("✓ Correct")) + SPACE_XS)
        self.correction = QLabel(self)
        self.correction.setObjectName("muted")
        self.correction.setTextFormat(Qt.TextFormat.PlainText)
        self.correction.setWordWrap(True)
        self.correction.setFont(body_font(0.875))
        self.correction.hide()
        layout = QGridLayout(self)
        layout.setContentsMargins(SPACE_M, SPACE_S, SPACE_M, SPACE_S)
        layout.setHorizontalSpacing(SPACE_M)
        layout.setVerticalSpacing(SPACE_XS)
        layout.addWidget(self.label, 0, 0)
        layout.addWidget(self.combo, 0, 1)
        layout.addWidget(self.badge, 0, 2)
        layout.addWidget(self.correction, 1, 0, 1, 3)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

    def chosen(self) -> int | None:
        """Return the key of the chosen option, or None."""
        data = self.combo.currentData()
        return None if data is None else int(data)

    def choose(self, key: int | None) -> None:
        """Choose the option with ``key`` (nothing when None)."""
        self.combo.setCurrentIndex(-1 if key is None else self.combo.findData(key))

    def show_mark(self, right: bool, correction: str | None) -> None:
        """Mark the row right or wrong, and show what was right beside a wrong one."""
        self.badge.show_mark(mark_of(right))
        set_style_property(self, "mark", "right" if right else "wrong")
        if not right and correction:
            self.correction.setText(correction)
            self.correction.show()
        else:
            self.correction.hide()

    def clear_mark(self) -> None:
        """Remove the mark and the correction."""
        self.badge.clear_mark()
        self.correction.hide()
        set_style_property(self, "mark", "")


class PairingQuestionView(QuestionView):
    """Rows of things to place, each with a combo box; the response maps row keys to option keys."""

    def _add_rows(
        self, rows: list[tuple[int, str]], options: list[tuple[int, str]], placeholder: str = ""
    ) -> None:
        """Build one row per (key, text), each offering ``options`` as (key, text) in a drop-down."""
        self.setStyleSheet(question_style())
        self.rows: dict[int, PairingRowView] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_S)
        for key, text in rows:
            row = PairingRowView(text, options, self.context.pack, self, placeholder)
            row.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)
            self.rows[key] = row
            layout.addWidget(row)

    def response(self) -> Response:
        """Return {row key: chosen option key} for the rows answered, or None when none is."""
        chosen = {key: row.chosen() for key, row in self.rows.items()}
        answered = {key: value for key, value in chosen.items() if value is not None}
        return answered or None

    def set_response(self, response: Response) -> None:
        """Choose the options ``response`` gives; rows it leaves out are cleared."""
        mapping = response if isinstance(response, dict) else {}
        for key, row in self.rows.items():
            row.choose(mapping.get(key))

    def clear_feedback(self) -> None:
        """Remove every row's mark."""
        for row in self.rows.values():
            row.clear_mark()

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) choosing."""
        for row in self.rows.values():
            row.combo.setEnabled(not read_only)

    def _on_combo_current_index_changed(self, _index: int) -> None:
        self.response_changed.emit()
