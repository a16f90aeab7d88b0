"""Presentation mode: a lesson on a projector, one step at a time, in large type, driven by keys.

Space, Right and PageDown reveal the next annotation, takeaway or answer, and then go on to the
next step; Left and PageUp take one reveal (or step) back; Home and End jump to the first and
last step; Up and Down scroll; Ctrl+= and Ctrl+- change the type size; Escape leaves.

Nothing is recorded: every step is built with ``StepContext(session=None)``,
and the learner's zoom comes back when the presentation ends.
"""

from __future__ import annotations

import contextlib
import html
import random
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.model import session as session_model
from app.model.answer_key import correct_response
from app.model.schema import Compare, Example, Quiz, Reading, Reflect, Step
from app.ui.annotations import AnnotationNotesPanel
from app.ui.artefact import ArtefactView, NumberBadgeView
from app.ui.lesson_player import kind_label
from app.ui.question_card import QuestionCardView
from app.ui.questions.common import ChoiceListView, TileCheckBox
from app.ui.rich_text import MarkdownView
from app.ui.steps.base import StepContext
from app.ui.steps.example import CalloutPanel, SourcesLineView
from app.ui.steps.quiz import default_title
from app.ui.theme import (
    BODY_PX,
    DARK,
    LIGHT,
    SPACE_L,
    SPACE_M,
    SPACE_S,
    SPACE_XL,
    SPACE_XXL,
    ZOOM_STEP,
    Theme,
    apply_theme,
    current_theme,
    palette,
    scaled,
    set_zoom_quietly,
    stylesheet,
    theme_signals,
    ui_font,
    zoom,
)

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.schema import Lesson, Module
    from app.ui.main_window import MainWindow

#: projectors wash colours out: pure black on white (or white on black), darker secondary text,
#: stronger borders, and highlights laid on thicker
PROJECTOR_LIGHT = replace(
    LIGHT, window="#FFFFFF", surface="#FFFFFF", text="#000000", muted="#363B42", border="#8A9099",
    accent="#1B4C99", highlight_alpha=110,
)
PROJECTOR_DARK = replace(
    DARK, window="#000000", surface="#16181C", text="#FFFFFF", muted="#D0D4DA", border="#646B75",
    accent="#93BBF7", highlight_alpha=130,
)

#: the type size on the wall: body text 32 px on a 1080-line screen, and never under 24 px
PRESENTATION_ZOOM_MAX, PRESENTATION_ZOOM_MIN = 3.0, 1.5
REFERENCE_SCREEN, REFERENCE_ZOOM = QSize(1920, 1080), 2.0
#: the reflection prompt is the whole slide: larger than body text
REFLECT_PROMPT_SCALE = 1.45
#: questions and prompts a notch above body text, so that the back row reads them first
PROMPT_SCALE = 1.2
#: the numbered markers beside notes, drawn at this many pixels before zoom
BADGE_PX = 20
#: widths of the reading column and the quiz card, in body-text ems
READING_COLUMN_EMS, QUIZ_COLUMN_EMS = 34, 42

NEXT_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Return, Qt.Key.Key_Enter)
BACK_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace)
ZOOM_KEYS = frozenset((Qt.Key.Key_Equal, Qt.Key.Key_Plus, Qt.Key.Key_Minus, Qt.Key.Key_0))
HELP_KEYS = (Qt.Key.Key_F1, Qt.Key.Key_Question)
PRESENTATION_KEYS = frozenset(
    (*NEXT_KEYS, *BACK_KEYS, *HELP_KEYS, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Down,
     Qt.Key.Key_Escape)
)
#: the keys of a presentation, as the help card lists them (F1 or ?)
PRESENTATION_KEY_HELP = (
    ("Space, Right, Page Down, Enter", "Show the next part, then the next step"),
    ("Left, Page Up, Backspace", "Go back a step"),
    ("Home, End", "First step, last step"),
    ("Up, Down", "Scroll the step"),
    ("Ctrl+=, Ctrl+−, Ctrl+0", "Larger type, smaller type, type to fit the screen"),
    ("F1 or ?", "Show or hide these keys"),
    ("Esc", "Stop presenting; the lesson stays open at this step"),
)


def projector_theme(theme: Theme | None = None) -> Theme:
    """Return the projector version of ``theme`` (default: the active one)."""
    return PROJECTOR_DARK if (theme or current_theme()).dark else PROJECTOR_LIGHT


def presentation_zoom(screen: QSize) -> float:
    """Scale type with the screen, so that it looks as large on the wall at 720 lines as at 1080."""
    factor = REFERENCE_ZOOM * min(
        screen.width() / REFERENCE_SCREEN.width(), screen.height() / REFERENCE_SCREEN.height()
    )
    return round(min(PRESENTATION_ZOOM_MAX, max(PRESENTATION_ZOOM_MIN, factor)), 2)


def make_unfocusable(widget: QWidget) -> None:
    """Keep the keyboard on the presentation: no control inside ``widget`` takes the focus."""
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for child in widget.findChildren(QWidget):
        child.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def enlarge_markers(widget: QWidget) -> None:
    """Draw the numbered note markers and the choice indicators inside ``widget`` at the presentation's size.

    They are painted at fixed pixel sizes made for a desk, which vanish on a wall.
    """
    for badge in widget.findChildren(NumberBadgeView):
        badge.setFixedSize(scaled(BADGE_PX) + 4, scaled(BADGE_PX) + 4)
    for box in widget.findChildren(TileCheckBox):
        box.BOX = scaled(TileCheckBox.BOX)
        if box.maximumHeight() < box.BOX + 2:  # the row pins it to one line of text
            box.setFixedHeight(box.BOX + 2)
        box.updateGeometry()
    side = scaled(14)
    radio = (
        f"QFrame#choiceRow QRadioButton::indicator {{ width: {side}px; height: {side}px;"
        f" border-radius: {side // 2 + 2}px; }}"
    )
    for view in widget.findChildren(ChoiceListView):
        if radio not in view.styleSheet():
            view.setStyleSheet(view.styleSheet() + radio)


def presentation_style(theme: Theme) -> str:
    """Return the presentation's style sheet: the application's, in projector colours, plus its own."""
    return stylesheet(theme) + f"""
        QWidget#presentation, QWidget#presentationPage {{ background: {theme.window}; }}
        QScrollArea#presentationScroll {{ background: {theme.window}; border: none; }}
        QLabel#slideKicker {{ color: {theme.muted}; background: transparent; letter-spacing: 2px; }}
        QLabel#slideTitle {{ color: {theme.text}; background: transparent; }}
        QLabel#slideNote {{ color: {theme.muted}; background: transparent; }}
        QWidget#presentationFooter {{ background: {theme.window}; border-top: 1px solid {theme.border}; }}
        QLabel#presentationFooterText {{ color: {theme.muted}; background: transparent; }}
        QLabel#presentationKeys {{
            color: {theme.text}; background: {theme.surface}; border: 1px solid {theme.border};
            border-radius: {scaled(12)}px; padding: {scaled(24)}px;
        }}
        QLabel#sideHeading {{ color: {theme.muted}; font-size: {scaled(13)}px; font-weight: 700; }}
        QScrollBar:vertical {{ background: transparent; width: {scaled(6)}px; margin: 0px; }}
        QScrollBar::handle:vertical {{ background: {theme.border}; border-radius: {scaled(3)}px; }}
        QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
        QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
    """


# ------------------------------------------------------------------ slides


class SlideView(QWidget):
    """One step as the class sees it; ``revealed`` of ``reveal_total()`` reveals are shown."""

    def __init__(self, step: Step, context: StepContext, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.context = context
        self.theme = theme
        self.revealed = 0
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(scaled(SPACE_M))

    def add_heading(self, title: str | None, layout: QVBoxLayout | None = None) -> None:
        """Put the step kind in small capitals, and the title large, at the top of ``layout``."""
        target = layout if layout is not None else self.layout_
        kicker = QLabel(kind_label(self.step.kind).upper(), self)
        kicker.setObjectName("slideKicker")
        kicker.setFont(_bold(ui_font(12)))
        target.addWidget(kicker)
        if title:
            heading = QLabel(title, self)
            heading.setObjectName("slideTitle")
            heading.setTextFormat(Qt.TextFormat.PlainText)
            heading.setWordWrap(True)
            heading.setFont(_bold(ui_font(25)))
            heading.setAccessibleName(title)
            target.addWidget(heading)
            self.title_label = heading

    def reveal_total(self) -> int:
        """Return how many times Space reveals something before moving on."""
        return 0

    def set_revealed(self, count: int) -> None:
        """Show the first ``count`` reveals (clamped to what there is)."""
        self.revealed = max(0, min(count, self.reveal_total()))
        self.show_revealed()

    def show_revealed(self) -> None:
        """Bring the screen in line with ``revealed``."""

    def revealed_widget(self) -> QWidget | None:
        """Return the widget revealed last, to scroll to."""
        return None

    def status_text(self) -> str:
        """Describe where the teacher is within the step, for the footer."""
        return ""


def _bold(font: QFont) -> QFont:
    font.setWeight(QFont.Weight.Bold)
    return font


def _markdown(
    pack: Pack,
    text: str,
    name: str,
    parent: QWidget,
    scale: float = 1.0,
    *,
    references: bool = False,
    glossary_links: bool = False,
) -> MarkdownView:
    view = MarkdownView(pack, parent, references=references, glossary_links=glossary_links)
    view.setStyleSheet("QTextBrowser { background: transparent; border: none; padding: 0px; }")
    view.setAccessibleName(name)
    if scale != 1.0:
        view.set_text_scale(scale)  # while still empty, so that the text renders once
    view.set_markdown(text)
    return view


def _column(width_ems: int) -> tuple[QHBoxLayout, QVBoxLayout]:
    """Return a row that centres a column of at most ``width_ems`` body-text ems, and the column."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    holder = QWidget()
    holder.setMaximumWidth(scaled(BODY_PX) * width_ems)
    holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(scaled(SPACE_M))
    row.addStretch(1)
    row.addWidget(holder, 100)
    row.addStretch(1)
    return row, column


class ReadingSlideView(SlideView):
    """A reading in a wide, large column; Up and Down scroll it."""

    def __init__(self, step: Step, context: StepContext, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(step, context, theme, parent)
        reading = step.content
        assert isinstance(reading, Reading)
        row, column = _column(READING_COLUMN_EMS)
        self.add_heading(reading.title, column)
        column.addSpacing(scaled(SPACE_S))
        self.body = _markdown(
            context.pack, reading.body, reading.title or "Reading", self, references=True, glossary_links=True
        )
        column.addWidget(self.body)
        column.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)


class ReflectSlideView(SlideView):
    """The reflection prompt, larger still, for the class to think and talk about."""

    def __init__(self, step: Step, context: StepContext, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(step, context, theme, parent)
        reflect = step.content
        assert isinstance(reflect, Reflect)
        row, column = _column(READING_COLUMN_EMS)
        self.add_heading(None, column)
        column.addSpacing(scaled(SPACE_L))
        self.prompt = _markdown(context.pack, reflect.prompt, "Reflection prompt", self, REFLECT_PROMPT_SCALE)
        column.addWidget(self.prompt)
        self.layout_.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(2)


class ExampleSlideView(SlideView):
    """The artefact on the left and its notes on the right, revealed one at a time."""

    def __init__(self, step: Step, context: StepContext, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(step, context, theme, parent)
        example = step.content
        assert isinstance(example, Example)
        pack = context.pack
        row = QHBoxLayout()
        row.setSpacing(scaled(SPACE_XXL))
        left = QVBoxLayout()
        left.setSpacing(scaled(SPACE_M))
        self.add_heading(example.title or "Example", left)
        if example.task and example.task.strip():
            left.addWidget(CalloutPanel(pack, "Task", example.task, theme, self))
        self.artefact_view = ArtefactView(example, pack, annotations_visible=False, theme=theme, parent=self)
        left.addWidget(self.artefact_view)
        if example.sources:
            left.addWidget(SourcesLineView(pack, list(example.sources), theme, self))
        left.addStretch(1)
        row.addLayout(left, 3)

        right = QVBoxLayout()
        right.setSpacing(scaled(SPACE_S))
        right.addSpacing(scaled(SPACE_XL))
        self.notes_panel = AnnotationNotesPanel(
            self.artefact_view.marks, pack, revealed=False, heading="Notes", theme=theme, parent=self
        )
        total = len(self.artefact_view.marks)
        self.notes_panel.placeholder.setText(
            f"{total} note{'s' if total != 1 else ''} to reveal, one at a time."
        )
        right.addWidget(self.notes_panel)
        right.addStretch(1)
        row.addLayout(right, 2)
        self.layout_.addLayout(row)
        self.show_revealed()

    def reveal_total(self) -> int:
        """Return the number of annotations."""
        return len(self.artefact_view.marks)

    def show_revealed(self) -> None:
        """Draw the first ``revealed`` annotations and their notes; emphasise the newest."""
        self.artefact_view.show_annotations_up_to(self.revealed)
        self.notes_panel.show_notes_up_to(self.revealed)
        newest = self.artefact_view.marks[self.revealed - 1].index if self.revealed else None
        self.artefact_view.select_annotation(newest)
        self.notes_panel.select_annotation(newest)

    def visible_notes(self) -> int:
        """Return how many numbered notes are on screen."""
        return self.notes_panel.shown_note_count()

    def revealed_widget(self) -> QWidget | None:
        """Return the newest note."""
        return self.notes_panel.notes[self.revealed - 1] if self.revealed else None

    def status_text(self) -> str:
        """Say how many notes are shown."""
        return f"Note {self.revealed} of {self.reveal_total()}" if self.revealed else "Notes hidden"


class CompareSlideView(SlideView):
    """The artefacts side by side; their annotations one at a time, then the takeaway."""

    def __init__(self, step: Step, context: StepContext, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(step, context, theme, parent)
        compare = step.content
        assert isinstance(compare, Compare)
        pack = context.pack
        self.add_heading(compare.title or "Compare")
        self.question = _markdown(pack, compare.question, "Question", self, PROMPT_SCALE)
        self.layout_.addWidget(self.question)
        self.layout_.addSpacing(scaled(SPACE_S))
        grid = QGridLayout()
        grid.setHorizontalSpacing(scaled(SPACE_XXL))
        grid.setVerticalSpacing(scaled(SPACE_XL))
        self.artefact_views: list[ArtefactView] = []
        self.notes_panels: list[AnnotationNotesPanel | None] = []
        for position, artefact in enumerate(compare.examples):
            cell = QVBoxLayout()
            cell.setSpacing(scaled(SPACE_M))
            view = ArtefactView(artefact, pack, annotations_visible=False, theme=theme, parent=self)
            cell.addWidget(view)
            panel = None
            if view.marks:
                panel = AnnotationNotesPanel(view.marks, pack, revealed=False, heading=None, theme=theme, parent=self)
                panel.placeholder.hide()
                cell.addWidget(panel)
            cell.addStretch(1)
            self.artefact_views.append(view)
            self.notes_panels.append(panel)
            grid.addLayout(cell, position // 2, position % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.layout_.addLayout(grid)
        self.takeaway: CalloutPanel | None = None
        if compare.takeaway and compare.takeaway.strip():
            self.takeaway = CalloutPanel(pack, "Takeaway", compare.takeaway, theme, self)
            self.layout_.addWidget(self.takeaway)
        self.layout_.addStretch(1)
        self.show_revealed()

    def annotation_total(self) -> int:
        """Return the number of annotations over all the artefacts."""
        return sum(len(view.marks) for view in self.artefact_views)

    def reveal_total(self) -> int:
        """Return the annotations, and one more for the takeaway when there is one."""
        return self.annotation_total() + (1 if self.takeaway is not None else 0)

    def show_revealed(self) -> None:
        """Draw the annotations revealed so far, artefact by artefact, then the takeaway."""
        left = self.revealed
        newest: tuple[int, int] | None = None
        for position, (view, panel) in enumerate(zip(self.artefact_views, self.notes_panels, strict=True)):
            count = min(left, len(view.marks))
            left -= count
            view.show_annotations_up_to(count)
            view.select_annotation(None)
            if panel is not None:
                panel.show_notes_up_to(count)
                panel.select_annotation(None)
            if count:
                newest = (position, count - 1)
        if newest is not None and self.revealed <= self.annotation_total():
            view = self.artefact_views[newest[0]]
            view.select_annotation(view.marks[newest[1]].index)
            panel = self.notes_panels[newest[0]]
            if panel is not None:
                panel.select_annotation(view.marks[newest[1]].index)
        if self.takeaway is not None:
            self.takeaway.setVisible(self.takeaway_shown())

    def takeaway_shown(self) -> bool:
        """Tell whether the takeaway has been revealed."""
        return self.takeaway is not None and self.revealed > self.annotation_total()

    def visible_notes(self) -> int:
        """Return how many numbered notes are on screen."""
        return sum(panel.shown_note_count() for panel in self.notes_panels if panel is not None)

    def revealed_widget(self) -> QWidget | None:
        """Return the takeaway once shown, else the newest note."""
        if self.takeaway_shown():
            return self.takeaway
        left = self.revealed
        for panel in self.notes_panels:
            if panel is None:
                continue
            if left <= len(panel.notes):
                return panel.notes[left - 1] if left else None
            left -= len(panel.notes)
        return None

    def status_text(self) -> str:
        """Say how far the reveals have gone."""
        if self.takeaway_shown():
            return "Takeaway shown"
        total = self.annotation_total()
        if total and self.revealed:
            return f"Note {self.revealed} of {total}"
        if total:
            return "Notes hidden"
        return "Takeaway hidden" if self.takeaway is not None else ""


class QuizSlideView(SlideView):
    """One question at a time; its answer only when the teacher asks for it.

    Reveal 2q shows question q unanswered, and 2q + 1 the same question with the right answer
    marked and explained.
    """

    def __init__(self, step: Step, context: StepContext, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(step, context, theme, parent)
        quiz = step.content
        assert isinstance(quiz, Quiz)
        self.quiz = quiz
        row, self.column = _column(QUIZ_COLUMN_EMS)
        self.add_heading(quiz.title or default_title(quiz), self.column)
        self.column.addSpacing(scaled(SPACE_S))
        self._card_position = self.column.count()
        self.column.addStretch(1)  # spare height goes below the card while its text wraps
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        # one display order per question, the same before and after its answer is shown
        self._orders = {
            question.id: session_model.display_order(question, random.Random(question.id))
            for question in quiz.questions
        }
        self._cards: dict[tuple[int, bool], QuestionCardView] = {}
        self.card: QuestionCardView | None = None
        self.show_revealed()

    def reveal_total(self) -> int:
        """Return the last position: the answer to the last question."""
        return 2 * len(self.quiz.questions) - 1

    def question_index(self) -> int:
        """Return the position of the question on screen."""
        return self.revealed // 2

    def answer_shown(self) -> bool:
        """Tell whether the right answer to the question on screen is shown."""
        return self.revealed % 2 == 1

    def show_revealed(self) -> None:
        """Show the current question, with its answer when the teacher asked for it."""
        key = (self.question_index(), self.answer_shown())
        card = self._cards.get(key)
        if card is None:
            card = self._build_card(*key)
            self._cards[key] = card
        if self.card is not None and self.card is not card:
            self.column.removeWidget(self.card)
            self.card.hide()
        if self.column.indexOf(card) < 0:
            self.column.insertWidget(self._card_position, card)
        card.show()
        self.card = card

    def _build_card(self, position: int, answer_shown: bool) -> QuestionCardView:
        question = self.quiz.questions[position]
        card = QuestionCardView(
            question,
            self.context,
            self._orders[question.id],
            self,
            heading=f"Question {position + 1} of {len(self.quiz.questions)}",
            checkable=False,
            hints=False,
        )
        card.prompt.set_text_scale(PROMPT_SCALE)
        if answer_shown:
            response = correct_response(question)
            card.set_response(response)
            card.show_result(session_model.score(question, response))
            card.finish()
            # the marks on each part and the explanation say it all; "Correct, 1 of 1 points" would not fit
            card.status.hide()
            card.score_label.hide()
        enlarge_markers(card)
        make_unfocusable(card)
        return card

    def revealed_widget(self) -> QWidget | None:
        """Return the explanation once the answer is shown."""
        if self.card is not None and self.answer_shown():
            return self.card.explanation_panel
        return None

    def status_text(self) -> str:
        """Say which question is on screen and whether its answer is shown."""
        text = f"Question {self.question_index() + 1} of {len(self.quiz.questions)}"
        return text + (" · answer shown" if self.answer_shown() else "")


class FallbackSlideView(SlideView):
    """Stands in for a step kind that has no slide."""

    def __init__(self, step: Step, context: StepContext, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(step, context, theme, parent)
        self.add_heading(None)
        note = QLabel(f"This step cannot be presented ({step.kind}).", self)
        note.setObjectName("slideNote")
        note.setWordWrap(True)
        self.layout_.addWidget(note)
        self.layout_.addStretch(1)


SLIDE_VIEWS: dict[str, type[SlideView]] = {
    "reading": ReadingSlideView,
    "example": ExampleSlideView,
    "compare": CompareSlideView,
    "quiz": QuizSlideView,
    "reflect": ReflectSlideView,
}


# ------------------------------------------------------------------ the presentation


class PresentationView(QWidget):
    """A lesson full screen for a class: large type, projector colours, keys only, nothing recorded."""

    #: the step shown changed
    step_changed = Signal(int)
    #: the presentation started (True) or ended (False)
    presenting_changed = Signal(bool)

    def __init__(self, pack: Pack, module: Module, lesson: Lesson, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(f"Unspun - presenting {lesson.title}")
        self.setAccessibleName(f"Presentation of {lesson.title}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pack, self.module, self.lesson = pack, module, lesson
        self.context = StepContext(pack, module, lesson, session=None)
        self.theme = projector_theme()
        self.previous_zoom: float | None = None
        self._built_zoom = 0.0
        self._theme_changed = False
        self.current_index = -1
        self._slides: dict[int, SlideView] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("presentationScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.page = QWidget()
        self.page.setObjectName("presentationPage")
        self.page_layout = QVBoxLayout(self.page)
        self.scroll_area.setWidget(self.page)
        layout.addWidget(self.scroll_area, 1)

        self.footer = QWidget(self)
        self.footer.setObjectName("presentationFooter")
        self.footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        footer_layout = QHBoxLayout(self.footer)
        self.footer_label = QLabel(self.footer)
        self.footer_label.setTextFormat(Qt.TextFormat.PlainText)  # the lesson's title is text, never HTML
        self.footer_label.setObjectName("presentationFooterText")
        self.status_label = QLabel(self.footer)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setObjectName("presentationFooterText")
        footer_layout.addWidget(self.footer_label, 1)
        footer_layout.addWidget(self.status_label)
        layout.addWidget(self.footer)
        self.setToolTip(
            "Space or Right: reveal or go on · Left: back · Home/End: first/last step · "
            "Up/Down: scroll · F1 or ?: keys · Esc: leave"
        )
        # the keys, on a card over the slide (F1 or ?); hidden until asked for
        self.keys_card = QLabel(self)
        self.keys_card.setObjectName("presentationKeys")
        self.keys_card.setTextFormat(Qt.TextFormat.RichText)
        self.keys_card.setText(
            "<table cellspacing='0' cellpadding='6'><tr><td colspan='2'><b>Keys</b></td></tr>"
            + "".join(
                f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
                for keys, what in PRESENTATION_KEY_HELP
            )
            + "</table>"
        )
        self.keys_card.hide()

    # ---------------------------------------------------------------- starting and leaving

    @property
    def presenting(self) -> bool:
        """Tell whether a presentation is running."""
        return self.previous_zoom is not None

    def learner_zoom(self) -> float:
        """Return the zoom to remember for the learner: the one from before the presentation."""
        return self.previous_zoom if self.previous_zoom is not None else zoom()

    def start(self, step_index: int = 0, *, full_screen: bool = True, screen_size: QSize | None = None) -> None:
        """Take over the screen at step ``step_index``: projector colours and type for ``screen_size``."""
        if self.presenting:
            return
        screen = self.screen() if self.screen() is not None else QGuiApplication.primaryScreen()
        if screen_size is None:
            screen_size = screen.size() if screen is not None else REFERENCE_SCREEN
        self.previous_zoom = zoom()
        self._theme_changed = False
        signals = theme_signals()
        signals.theme_changed.connect(self._on_theme_changed)
        signals.zoom_changed.connect(self._on_theme_zoom_changed)
        # quietly: only the slides, built from now on, are large; nothing else restyles or records it
        set_zoom_quietly(presentation_zoom(screen_size))
        self._restyle()
        self.open_step(max(0, min(step_index, len(self.lesson.steps) - 1)))
        if full_screen:
            self.showFullScreen()
        else:
            self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.presenting_changed.emit(True)

    def leave(self) -> None:
        """End the presentation: the slides go, the learner's zoom comes back, the window closes."""
        if not self.presenting:
            return
        previous = self.learner_zoom()
        self.previous_zoom = None
        signals = theme_signals()
        signals.theme_changed.disconnect(self._on_theme_changed)
        signals.zoom_changed.disconnect(self._on_theme_zoom_changed)
        self._drop_slides()
        set_zoom_quietly(previous)
        if self._theme_changed:
            # the other screens followed the new scheme at the presentation's size: redo them at theirs
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app)
        self.hide()
        self.presenting_changed.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Leave properly when the window is closed some other way than Escape."""
        self.leave()
        super().closeEvent(event)

    def set_type_zoom(self, factor: float) -> None:
        """Draw the slides at ``factor`` (Ctrl+= and Ctrl+-), keeping the step and its reveals."""
        if self.presenting and set_zoom_quietly(factor) != self._built_zoom:
            self._rebuild()

    def _restyle(self) -> None:
        self._built_zoom = zoom()
        self.setPalette(palette(self.theme))
        self.setStyleSheet(presentation_style(self.theme))
        side, top = scaled(SPACE_XXL + SPACE_XL), scaled(SPACE_XXL + SPACE_S)
        self.page_layout.setContentsMargins(side, top, side, top)
        footer_layout = self.footer.layout()
        assert footer_layout is not None  # the footer is built with its layout
        footer_layout.setContentsMargins(side, scaled(SPACE_S), side, scaled(SPACE_S))
        footer_font = ui_font(10)
        self.footer_label.setFont(footer_font)
        self.status_label.setFont(footer_font)

    # ---------------------------------------------------------------- moving

    def slide(self) -> SlideView | None:
        """Return the slide on screen."""
        return self._slides.get(self.current_index)

    def open_step(self, index: int, revealed: int = 0) -> None:
        """Show step ``index`` with ``revealed`` reveals (-1: all of them)."""
        if not 0 <= index < len(self.lesson.steps):
            return
        previous = self.slide()
        slide = self._slides.get(index)
        if slide is None:
            slide = self._build_slide(index)
            self._slides[index] = slide
        if previous is not None and previous is not slide:
            self.page_layout.removeWidget(previous)
            previous.hide()
        if self.page_layout.indexOf(slide) < 0:
            self.page_layout.addWidget(slide)
        self.current_index = index
        slide.set_revealed(slide.reveal_total() if revealed < 0 else revealed)
        slide.show()
        self.scroll_area.verticalScrollBar().setValue(0)
        self._update_footer()
        self.step_changed.emit(index)

    def go_next(self) -> None:
        """Reveal the next thing on this step, or open the next step."""
        slide = self.slide()
        if slide is None:
            return
        if slide.revealed < slide.reveal_total():
            slide.set_revealed(slide.revealed + 1)
            self._after_reveal(slide)
        elif self.current_index < len(self.lesson.steps) - 1:
            self.open_step(self.current_index + 1)
        else:
            self.status_label.setText("End of the lesson · Esc to leave")

    def go_back(self) -> None:
        """Take back the last reveal, or open the previous step with everything revealed."""
        slide = self.slide()
        if slide is None:
            return
        if slide.revealed > 0:
            slide.set_revealed(slide.revealed - 1)
            self._after_reveal(slide)
        elif self.current_index > 0:
            self.open_step(self.current_index - 1, revealed=-1)

    def go_first(self) -> None:
        """Open the first step."""
        self.open_step(0)

    def go_last(self) -> None:
        """Open the last step."""
        self.open_step(len(self.lesson.steps) - 1)

    def scroll_by(self, lines: int) -> None:
        """Scroll by ``lines`` lines of body text (negative: up)."""
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(bar.value() + lines * round(scaled(BODY_PX) * 1.5))

    def _after_reveal(self, slide: SlideView) -> None:
        widget = slide.revealed_widget()
        if widget is not None:
            self.scroll_area.ensureWidgetVisible(widget, 0, scaled(SPACE_XL))
            # the revealed part grows the page only once laid out: bring it into view again then
            QTimer.singleShot(0, self, lambda: self._show_revealed(widget))
        self._update_footer()

    def _show_revealed(self, widget: QWidget) -> None:
        with contextlib.suppress(RuntimeError):  # the slide was dropped meanwhile
            if widget.isVisible():
                self.scroll_area.ensureWidgetVisible(widget, 0, scaled(SPACE_XL))

    def toggle_keys(self) -> None:
        """Show or hide the card of keys (F1 or ?)."""
        if self.keys_card.isVisible():
            self.keys_card.hide()
            return
        self.keys_card.setFont(ui_font(11))
        self.keys_card.setWordWrap(True)
        self.keys_card.adjustSize()
        room = round(self.width() * 0.85)
        if self.keys_card.width() > room:
            self.keys_card.setFixedWidth(room)
            self.keys_card.setFixedHeight(self.keys_card.heightForWidth(room))
        self.keys_card.move(
            max(0, (self.width() - self.keys_card.width()) // 2),
            max(0, (self.height() - self.keys_card.height()) // 2),
        )
        self.keys_card.raise_()
        self.keys_card.show()

    def _update_footer(self) -> None:
        slide = self.slide()
        self.footer_label.setText(
            f"{self.lesson.title} · step {self.current_index + 1} of {len(self.lesson.steps)} · F1: keys"
        )
        self.status_label.setText(slide.status_text() if slide is not None else "")

    # ---------------------------------------------------------------- slides

    def _build_slide(self, index: int) -> SlideView:
        step = self.lesson.steps[index]
        view_type = SLIDE_VIEWS.get(step.kind, FallbackSlideView)
        slide = view_type(step, self.context, self.theme, self.page)
        enlarge_markers(slide)
        make_unfocusable(slide)
        return slide

    def _drop_slides(self) -> None:
        # hidden and detached first: deleteLater waits for the event loop
        for slide in self._slides.values():
            self.page_layout.removeWidget(slide)
            slide.hide()
            slide.setParent(None)
            slide.deleteLater()
        self._slides.clear()

    def _rebuild(self) -> None:
        """Build the slides again (new type size or colours), keeping the step and its reveals."""
        slide = self.slide()
        revealed = slide.revealed if slide is not None else 0
        self._drop_slides()
        self.theme = projector_theme()
        self._restyle()
        if self.current_index >= 0:
            index, self.current_index = self.current_index, -1
            self.open_step(index, revealed)

    # ---------------------------------------------------------------- keys

    def event(self, event: QEvent) -> bool:
        """Claim the presentation's keys before any shortcut of the main window (PgUp, PgDown) can."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            plain = modifiers == Qt.KeyboardModifier.NoModifier
            control = modifiers == Qt.KeyboardModifier.ControlModifier
            if (plain and event.key() in PRESENTATION_KEYS) or (control and event.key() in ZOOM_KEYS):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Drive the presentation from the keyboard (a presenter remote sends the same keys)."""
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if control and key in (Qt.Key.Key_Equal, Qt.Key.Key_Plus):
            self.set_type_zoom(zoom() + ZOOM_STEP)
        elif control and key == Qt.Key.Key_Minus:
            self.set_type_zoom(zoom() - ZOOM_STEP)
        elif control and key == Qt.Key.Key_0:
            self.set_type_zoom(presentation_zoom(self.size()))
        elif key in NEXT_KEYS:
            self.go_next()
        elif key in BACK_KEYS:
            self.go_back()
        elif key == Qt.Key.Key_Home:
            self.go_first()
        elif key == Qt.Key.Key_End:
            self.go_last()
        elif key == Qt.Key.Key_Down:
            self.scroll_by(3)
        elif key == Qt.Key.Key_Up:
            self.scroll_by(-3)
        elif key in HELP_KEYS:
            self.toggle_keys()
        elif key == Qt.Key.Key_Escape and self.keys_card.isVisible():
            self.keys_card.hide()
        elif key == Qt.Key.Key_Escape:
            self.leave()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _on_theme_zoom_changed(self, factor: float) -> None:
        # the learner zoomed the main window (on another screen): that is their zoom from now on
        self.previous_zoom = factor
        set_zoom_quietly(self._built_zoom)
        self._rebuild()

    def _on_theme_changed(self, _theme: object) -> None:
        self._theme_changed = True
        if self.presenting and projector_theme() != self.theme:
            self._rebuild()


# ------------------------------------------------------------------ from the main window


def lesson_choices(packs: list[Pack]) -> list[tuple[str, Pack, Module, Lesson]]:
    """List every lesson of ``packs`` as ("Pack › Module › Lesson", pack, module, lesson)."""
    return [
        (f"{pack.title} › {module.title} › {lesson.title}", pack, module, lesson)
        for pack in packs
        for module in pack.modules
        for lesson in module.lessons
    ]


def present_lesson(window: MainWindow) -> PresentationView | None:
    """Present the lesson open in ``window`` from its step, or one the teacher picks from a list."""
    if window.presentation is not None and window.presentation.presenting:
        return window.presentation
    player = window.player
    from_player = window.state == "lesson"
    if window.state == "lesson" and player.pack and player.module and player.lesson:
        pack, module, lesson, index = player.pack, player.module, player.lesson, max(0, player.current_index)
    else:
        choices = lesson_choices(window.packs)
        if not choices:
            return None
        label, ok = QInputDialog.getItem(
            window, "Present lesson", "Lesson to present:", [choice[0] for choice in choices], 0, False
        )
        if not ok:
            return None
        _label, pack, module, lesson = next(choice for choice in choices if choice[0] == label)
        index = 0
    view = PresentationView(pack, module, lesson, window)
    window.presentation = view

    def on_presenting_changed(presenting: bool) -> None:
        if not presenting:
            window.presentation = None
            view.deleteLater()
            # back in the lesson at the step the class ended on, not the one presenting began at
            if from_player and view.current_index >= 0:
                window.open_lesson(pack, module, lesson, view.current_index)
            window.activateWindow()
            window.raise_()

    view.presenting_changed.connect(on_presenting_changed)
    _place_on_projector(view, window)
    view.start(index)
    return view


def _place_on_projector(view: QWidget, window: QWidget) -> None:
    """Put the presentation on a second screen when there is one: the projector, most often."""
    here = window.screen()
    others = [screen for screen in QGuiApplication.screens() if screen is not here]
    if here is not None and others:
        view.setGeometry(others[0].geometry())
