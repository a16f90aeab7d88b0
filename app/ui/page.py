"""What the scrolling screens (home, dashboard, review) are built from: the centred column, labels, cards.

Each of those screens is one calm column in a scroll area, with the same cards in it; building them
here keeps their margins, names and clean-up the same everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import SPACE_L, SPACE_S, SPACE_XL, SPACE_XS, SPACE_XXL


def plain_label(text: str, name: str | None = None, *, wrap: bool = True) -> QLabel:
    """Return a label that shows ``text`` as plain text (pack text is never read as HTML), styled by ``name``."""
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def card_layout(card: QFrame) -> QVBoxLayout:
    """Style ``card`` as a card of the page column and return its vertical layout."""
    card.setObjectName("card")
    card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(SPACE_XL, SPACE_L + SPACE_XS, SPACE_XL, SPACE_L + SPACE_XS)
    layout.setSpacing(SPACE_S)
    return layout


class ContinuePanel(QFrame):
    """The "continue where you left off" card: a kicker, a title and more words, and one button."""

    def __init__(self, kicker: str, title: str, verb: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("continueCard")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACE_XL, SPACE_L, SPACE_XL, SPACE_L)
        layout.setSpacing(SPACE_L)
        #: the column of words; callers add their detail lines under the title
        self.words = QVBoxLayout()
        self.words.setSpacing(SPACE_XS)
        self.words.addWidget(plain_label(kicker, "pageKicker"))
        self.title_label = plain_label(title, "continueTitle")
        self.words.addWidget(self.title_label)
        layout.addLayout(self.words, 1)
        self.button = QPushButton(verb)
        self.button.setObjectName("primaryButton")
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)


class ColumnPageView(QScrollArea):
    """A screen that scrolls one centred column of at most ``max_width``; subclasses fill ``column_layout``."""

    def __init__(
        self, name: str, accessible_name: str, max_width: int, spacing: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        # the scrolling page takes focus: say what it is
        self.setAccessibleName(accessible_name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        page = QWidget()
        page.setObjectName("pageColumn")
        outer = QHBoxLayout(page)
        outer.setContentsMargins(SPACE_XL, SPACE_XXL, SPACE_XL, SPACE_XXL)
        self.column = QWidget()
        self.column.setMaximumWidth(max_width)
        self.column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setContentsMargins(0, 0, 0, 0)
        self.column_layout.setSpacing(spacing)
        outer.addStretch(1)
        outer.addWidget(self.column, 100)
        outer.addStretch(1)
        self.setWidget(page)

    def clear_column(self, keep: QWidget | None = None) -> None:
        """Remove and delete everything in the column except ``keep``."""
        while self.column_layout.count():
            item = self.column_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not keep:
                # off screen and out of the tree now, so nothing paints or finds it before deleteLater runs
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
