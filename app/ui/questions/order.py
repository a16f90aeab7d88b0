"""The ordering question: a list the learner reorders by dragging or with keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.model.answers import Response
from app.model.schema import Order, Question
from app.model.scoring import Mark, order_marks, order_pairs
from app.ui.questions.base import QuestionView, register_question_view
from app.ui.questions.common import (
    MARK_ICONS,
    body_font,
    make_button,
    mark_color,
    question_style,
)
from app.ui.theme import SPACE_M, SPACE_S, SPACE_XS, current_theme

if TYPE_CHECKING:
    from app.model.attempts import QuestionResult
    from app.ui.steps.base import StepContext

#: item data: the item's written index, and its feedback as (Mark, word)
INDEX_ROLE = Qt.ItemDataRole.UserRole
FEEDBACK_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_WIDTH = 28
ROW_PADDING = SPACE_S + 2
#: half the gap between two tiles, above and below each
TILE_GAP = SPACE_XS


def pairs_text(right: int, total: int) -> str:
    """Say how an order answer scored, with the rule: "5 of 6 pairs in the right order ..."."""
    if total == 1:
        if right:
            return QCoreApplication.translate(
                "OrderQuestion",
                "The pair is in the right order. Each pair of items in the right order earns its share of the points.",
            )
        return QCoreApplication.translate(
            "OrderQuestion",
            "The pair is in the wrong order. Each pair of items in the right order earns its share of the points.",
        )
    return QCoreApplication.translate(
        "OrderQuestion",
        "{right} of {total} pairs are in the right order. "
        "Each pair of items in the right order earns its share of the points.",
    ).format(right=right, total=total)


def ordinal_position(position: int) -> str:
    """Name a 1-based position for feedback ("belongs at 2")."""
    return QLocale().toString(position)


class OrderItemDelegate(QStyledItemDelegate):
    """Draws each item as a tile: its position number, wrapped text, and any feedback mark."""

    def _badge_text(self, index: QModelIndex | QPersistentModelIndex) -> str:
        feedback = index.data(FEEDBACK_ROLE)
        if not feedback:
            return ""
        mark, word = feedback
        return f"{MARK_ICONS[mark]} {word}"

    def _text_rect(self, rect: QRect, badge_width: int) -> QRect:
        left = rect.left() + SPACE_M + NUMBER_WIDTH
        right = rect.right() - SPACE_M - (badge_width + SPACE_M if badge_width else 0)
        return QRect(left, rect.top() + ROW_PADDING, max(40, right - left), rect.height() - 2 * ROW_PADDING)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Size the tile to its wrapped text."""
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QListWidget) else 0
        width = width if width > 100 else 560
        badge_width = QFontMetrics(body_font(0.875, QFont.Weight.DemiBold)).horizontalAdvance(
            self._badge_text(index)
        )
        text_rect = self._text_rect(QRect(0, 0, width, 10_000), badge_width)
        metrics = QFontMetrics(body_font())
        bound = metrics.boundingRect(text_rect, Qt.TextFlag.TextWordWrap, str(index.data()))
        return QSize(width, max(bound.height(), metrics.height()) + 2 * ROW_PADDING + 2 * TILE_GAP)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Draw the tile."""
        theme = current_theme()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(1, TILE_GAP, -1, -TILE_GAP)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        feedback = index.data(FEEDBACK_ROLE)
        border = QColor(theme.accent if selected else theme.border)
        if feedback:
            border = QColor(mark_color(feedback[0], theme))
        painter.setPen(QPen(border, 2 if selected and focused else 1))
        painter.setBrush(QColor(theme.surface))
        painter.drawRoundedRect(rect, 6, 6)
        badge = self._badge_text(index)
        badge_font = body_font(0.875, QFont.Weight.DemiBold)
        badge_width = QFontMetrics(badge_font).horizontalAdvance(badge)
        number_rect = QRect(
            rect.left() + SPACE_M, rect.top() + ROW_PADDING, NUMBER_WIDTH, QFontMetrics(body_font()).height()
        )
        painter.setFont(body_font(0.875, QFont.Weight.DemiBold))
        painter.setPen(QColor(theme.muted))
        painter.drawText(
            number_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{index.row() + 1}."
        )
        painter.setFont(body_font())
        painter.setPen(QColor(theme.text))
        text_rect = self._text_rect(rect, badge_width)
        painter.drawText(
            text_rect, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter, str(index.data())
        )
        if badge:
            painter.setFont(badge_font)
            painter.setPen(QColor(mark_color(feedback[0], theme)))
            badge_rect = QRect(
                rect.right() - SPACE_M - badge_width - SPACE_XS,
                rect.top(),
                badge_width + SPACE_XS,
                rect.height(),
            )
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, badge)
        painter.restore()


class OrderListView(QListWidget):
    """The reorderable list, sized to show every item without scrolling."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(OrderItemDelegate(self))
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSpacing(0)  # the tiles keep their own gap, so that they align with the rest of the card
        self.setWordWrap(True)
        self.setStyleSheet("QListWidget { background: transparent; outline: none; }")

    def fit_height(self) -> None:
        """Grow or shrink to show every item."""
        height = sum(self.sizeHintForRow(row) for row in range(self.count()))
        self.setFixedHeight(height + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event: object) -> None:
        """Lay the wrapped items out again at the new width."""
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.doItemsLayout()
        self.fit_height()


@register_question_view("order")
class OrderQuestionView(QuestionView):
    """The items in display order; the response lists written indices in the learner's order."""

    question: Order

    def __init__(
        self,
        question: Question,
        context: StepContext,
        display_order: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, context, display_order, parent)
        self.setStyleSheet(question_style())
        self.list = OrderListView(self)
        self.list.setAccessibleName(self.tr("Items to put in order"))
        for index in display_order:
            item = QListWidgetItem(self.question.items[index])
            item.setData(INDEX_ROLE, index)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.model().rowsMoved.connect(self._on_list_rows_moved)
        self.up_button = make_button(self.tr("Move up"), self)
        self.up_button.setToolTip(self.tr("Move the selected item up (Alt+Up)"))
        self.down_button = make_button(self.tr("Move down"), self)
        self.down_button.setToolTip(self.tr("Move the selected item down (Alt+Down)"))
        self.up_button.clicked.connect(self.move_up)
        self.down_button.clicked.connect(self.move_down)
        self.shortcuts = [
            QShortcut(
                QKeySequence("Alt+Up"), self.list, self.move_up, context=Qt.ShortcutContext.WidgetShortcut
            ),
            QShortcut(
                QKeySequence("Alt+Down"), self.list, self.move_down, context=Qt.ShortcutContext.WidgetShortcut
            ),
        ]
        tip = QLabel(self.tr("Drag items, or select one and press Alt+Up or Alt+Down."), self)
        tip.setObjectName("muted")
        tip.setFont(body_font(0.875))
        tip.setWordWrap(True)
        self.tip = tip
        self.move_row = QWidget(self)
        buttons = QHBoxLayout(self.move_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(SPACE_S)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addSpacing(SPACE_S)
        buttons.addWidget(tip, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE_S)
        layout.addWidget(self.list)
        layout.addWidget(self.move_row)
        self.pairs_label = QLabel(self)
        self.pairs_label.setObjectName("muted")
        self.pairs_label.setFont(body_font(0.875))
        self.pairs_label.setWordWrap(True)
        self.pairs_label.hide()
        layout.addWidget(self.pairs_label)
        self.list.fit_height()

    # ------------------------------------------------------------ moving

    def move_up(self) -> None:
        """Move the selected item one place up."""
        self._move_current(-1)

    def move_down(self) -> None:
        """Move the selected item one place down."""
        self._move_current(1)

    def _move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if self._read_only or row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self._after_reorder()

    def _after_reorder(self) -> None:
        self._arranged = True
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._accessible_text(row))
        self.list.viewport().update()
        self.response_changed.emit()

    def _accessible_text(self, row: int) -> str:
        item = self.list.item(row)
        text = f"{row + 1}. {item.text()}"
        feedback = item.data(FEEDBACK_ROLE)
        return f"{text}, {feedback[1]}" if feedback else text

    def _on_list_rows_moved(self, *_: object) -> None:
        self._after_reorder()

    # ------------------------------------------------------------ QuestionView

    _read_only = False
    #: the learner has moved an item (or an answer was restored): the shuffled order shown first
    #: is not an answer, so that leaving the question alone cannot earn pairs by chance
    _arranged = False

    def shown_order(self) -> list[int]:
        """Return the written indices of the items as they stand, top to bottom, answer or not."""
        return [int(self.list.item(row).data(INDEX_ROLE)) for row in range(self.list.count())]

    def response(self) -> Response:
        """Return the written indices of the items, top to bottom; None until the learner moves one."""
        if not self._arranged:
            return None
        return [int(self.list.item(row).data(INDEX_ROLE)) for row in range(self.list.count())]

    def set_response(self, response: Response) -> None:
        """Show the items in the order ``response`` gives (written indices); None leaves them unanswered."""
        if response is None:
            self._arranged = False
            self.response_changed.emit()
            return
        if not isinstance(response, list) or sorted(response) != list(range(len(self.question.items))):
            return
        items = {
            int(self.list.item(row).data(INDEX_ROLE)): self.list.item(row) for row in range(self.list.count())
        }
        for row in reversed(range(self.list.count())):
            self.list.takeItem(row)
        for index in response:
            if isinstance(index, int):  # always, after the permutation check above
                self.list.addItem(items[index])
        self._after_reorder()

    def show_feedback(self, result: QuestionResult) -> None:
        """Mark each position right, or wrong with the position the item belongs at."""
        marks = order_marks(self.question, result.response)
        for row in range(self.list.count()):
            item = self.list.item(row)
            right = row < len(marks) and marks[row]
            written = int(item.data(INDEX_ROLE))
            word = self.tr("Correct") if right else self.tr("Wrong: belongs at {position}").format(
                position=ordinal_position(written + 1)
            )
            item.setData(FEEDBACK_ROLE, (Mark.RIGHT if right else Mark.WRONG, word))
        right_pairs, pairs = order_pairs(self.question, result.response)
        self.pairs_label.setText(pairs_text(right_pairs, pairs))
        self.pairs_label.setVisible(result.response is not None)
        self._relayout()

    def clear_feedback(self) -> None:
        """Remove every mark."""
        self.pairs_label.hide()
        for row in range(self.list.count()):
            self.list.item(row).setData(FEEDBACK_ROLE, None)
        self._relayout()

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or allow again) reordering, by drag and by keys."""
        self._read_only = read_only
        mode = (
            QAbstractItemView.DragDropMode.NoDragDrop
            if read_only
            else QAbstractItemView.DragDropMode.InternalMove
        )
        self.list.setDragDropMode(mode)
        self.move_row.setVisible(not read_only)

    def _relayout(self) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setData(Qt.ItemDataRole.AccessibleTextRole, self._accessible_text(row))
        self.list.doItemsLayout()
        self.list.fit_height()
        self.list.viewport().update()
