"""The home screen: where to continue, then each pack with its modules as cards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.model.lesson_state import LessonState
from app.ui.library import EMPTY_LIBRARY_TEXT, language_name, module_words
from app.ui.page import ColumnPageView, ContinuePanel, card_layout, plain_label
from app.ui.theme import SPACE_L, SPACE_M, SPACE_S, SPACE_XL, SPACE_XS

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.schema import Lesson, Module

#: the widest the column of the home screen grows
COLUMN_MAX_WIDTH = 760

StateLookup = Callable[["Pack", "Module", "Lesson"], LessonState]


def _markdown(pack: Pack, text: str) -> QWidget:
    """Render a pack's Markdown safely (the shared MarkdownView), or as plain text if unavailable."""
    try:
        from app.ui.rich_text import MarkdownView
    except ImportError:  # the safe view is not there: plain text never loads anything
        return plain_label(text, "pageIntro")
    view = MarkdownView(pack)
    view.set_markdown(text)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setAccessibleName(QCoreApplication.translate("Home", "Description"))
    return view


def next_lesson_to_study(module: Module, state_of: Callable[[Lesson], LessonState]) -> Lesson:
    """Pick the first lesson of ``module`` that is not done, or the first when all are."""
    return next((lesson for lesson in module.lessons if not state_of(lesson).done), module.lessons[0])


class ModuleCardView(QFrame):
    """One module: title, minutes, completion, objectives and a Start or Continue button."""

    def __init__(self, pack: Pack, module: Module, state_of: StateLookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.module = module
        self._state_of = state_of
        layout = card_layout(self)

        layout.addWidget(plain_label(module.title, "cardTitle"))
        lessons = len(module.lessons)
        count = self.tr("%n lesson(s)", "", lessons)
        if minutes := module.minutes:
            count = self.tr("%n min · {lessons}", "", minutes).format(lessons=count)
        layout.addWidget(plain_label(count, "cardMeta"))
        if module.summary:
            layout.addSpacing(SPACE_XS)
            layout.addWidget(_markdown(pack, module.summary))
        if module.objectives:
            layout.addSpacing(SPACE_XS)
            layout.addWidget(plain_label(self.tr("YOU WILL BE ABLE TO"), "pageKicker"))
            objectives = "\n".join(f"•  {objective}" for objective in module.objectives)
            layout.addWidget(plain_label(objectives, "objectives"))
        layout.addSpacing(SPACE_S)

        row = QHBoxLayout()
        row.setSpacing(SPACE_M)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedWidth(160)
        self.progress_label = plain_label("", "cardMeta", wrap=False)
        self.open_button = QPushButton(self.tr("Start"))
        self.open_button.setObjectName("primaryButton")
        row.addWidget(self.progress_bar, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.progress_label, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        """Show the module's completion and name the button after what it will do."""
        states = [self._state_of(self.pack, self.module, lesson) for lesson in self.module.lessons]
        done = sum(state.done for state in states)
        total = len(states)
        self.progress_bar.setValue(round(100 * done / total) if total else 0)
        words = module_words(states)
        self.progress_bar.setAccessibleName(self.tr("{module}: {progress}").format(module=self.module.title, progress=words))
        self.progress_label.setText(words)
        module, lesson = self.module.title, self.next_lesson().title
        if done == total:
            self.open_button.setText(self.tr("Open again"))
            self.open_button.setAccessibleName(self.tr("Open again: {module}").format(module=module))
            self.open_button.setToolTip(self.tr("Open “{lesson}” again").format(lesson=lesson))
        elif any(state != LessonState.NOT_STARTED for state in states):
            self.open_button.setText(self.tr("Continue"))
            self.open_button.setAccessibleName(self.tr("Continue: {module}").format(module=module))
            self.open_button.setToolTip(self.tr("Continue “{lesson}”").format(lesson=lesson))
        else:
            self.open_button.setText(self.tr("Start"))
            self.open_button.setAccessibleName(self.tr("Start: {module}").format(module=module))
            self.open_button.setToolTip(self.tr("Start “{lesson}”").format(lesson=lesson))

    def next_lesson(self) -> Lesson:
        """Return the lesson the button opens."""
        return next_lesson_to_study(self.module, lambda lesson: self._state_of(self.pack, self.module, lesson))


class HomeView(ColumnPageView):
    """The centre of the window when no lesson is open."""

    lesson_requested = Signal(object, object, object)  # Pack, Module, Lesson
    continue_requested = Signal()

    def __init__(self, state_of: StateLookup, parent: QWidget | None = None) -> None:
        super().__init__("homeScreen", QCoreApplication.translate("HomeView", "Home"), COLUMN_MAX_WIDTH, SPACE_L, parent)
        self._state_of = state_of
        self._packs: list[Pack] = []
        self.cards: list[ModuleCardView] = []
        self._continue_text: str | None = None

        self.continue_card = ContinuePanel(self.tr("PICK UP WHERE YOU LEFT OFF"), "", self.tr("Continue"))
        self.continue_title = self.continue_card.title_label
        self.continue_detail = plain_label("", "cardMeta")
        self.continue_card.words.addWidget(self.continue_detail)
        self.continue_button = self.continue_card.button
        self.continue_button.setAccessibleName(self.tr("Continue where you left off"))
        self.continue_button.clicked.connect(self.continue_requested)

    def set_packs(self, packs: Sequence[Pack]) -> None:
        """Show ``packs``: their titles, descriptions and module cards."""
        self._packs = list(packs)
        self.cards.clear()
        self.clear_column(keep=self.continue_card)
        self.column_layout.addWidget(self.continue_card)
        self.continue_card.setVisible(self._continue_text is not None)
        if not self._packs:
            self.column_layout.addWidget(plain_label(self.tr("Welcome to Unspun"), "pageTitle"))
            self.column_layout.addWidget(plain_label(QCoreApplication.translate("Library", EMPTY_LIBRARY_TEXT), "pageIntro"))
        for number, pack in enumerate(self._packs):
            if number:
                self.column_layout.addSpacing(SPACE_XL)
            self.column_layout.addWidget(plain_label(
                    self.tr("LESSON PACK · {language}").format(language=language_name(pack.manifest.language)), "pageKicker"
                ))
            self.column_layout.addWidget(plain_label(pack.title, "pageTitle"))
            if pack.manifest.description:
                self.column_layout.addWidget(_markdown(pack, pack.manifest.description))
            for module in pack.modules:
                card = ModuleCardView(pack, module, self._state_of)
                card.open_button.clicked.connect(lambda _=False, c=card: self._on_card_open_clicked(c))
                self.cards.append(card)
                self.column_layout.addWidget(card)
        self.column_layout.addStretch(1)

    def refresh(self) -> None:
        """Redraw every card's completion."""
        for card in self.cards:
            card.refresh()

    def set_continue(self, title: str | None, detail: str = "") -> None:
        """Offer to continue ``title`` (the lesson last open), or hide the offer when None."""
        self._continue_text = title
        self.continue_card.setVisible(title is not None)
        if title is not None:
            self.continue_title.setText(title)
            self.continue_detail.setText(detail)
            self.continue_button.setToolTip(self.tr("Continue “{lesson}”").format(lesson=title))

    def show_module(self, pack: Pack, module: Module) -> None:
        """Scroll to the card of ``module``."""
        card = next((c for c in self.cards if c.pack.id == pack.id and c.module.id == module.id), None)
        if card is not None:
            QTimer.singleShot(0, lambda: self.ensureWidgetVisible(card, 0, SPACE_XL))
            card.open_button.setFocus()

    def _on_card_open_clicked(self, card: ModuleCardView) -> None:
        """Open the module's next lesson."""
        self.lesson_requested.emit(card.pack, card.module, card.next_lesson())
