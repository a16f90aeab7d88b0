"""The contract every step widget follows, and the registry that picks one per step kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.model.schema import Lesson, Module, Step
from app.ui.return_keys import click_focused_button

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.session import LessonSession


@dataclass(frozen=True, slots=True)
class StepContext:
    """What a step widget may use. ``session`` is None where nothing is recorded
    (presentation mode, the render command's previews)."""

    pack: Pack
    module: Module
    lesson: Lesson
    session: LessonSession | None = None
    presentation: bool = False


class StepView(QWidget):
    """One step on screen. Subclasses build themselves from ``step`` in ``__init__``."""

    #: the learner did something that may change the lesson's completion (submitted, saved)
    completion_changed = Signal()
    #: the step built new controls (a quiz's fresh attempt): the Tab chain must take them in
    controls_changed = Signal()

    def __init__(self, step: Step, index: int, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.index = index
        self.context = context

    def side_panel(self) -> QWidget | None:
        """Return a widget for the side column (notes, sources, glossary), or None."""
        return None

    def submit_step(self) -> None:
        """Ctrl+Return: do the step's "I'm done" action (check, submit, save); by default nothing."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Let Return press the focused button, as Space does."""
        if not click_focused_button(event, self):
            super().keyPressEvent(event)


def step_title(text: str, parent: QWidget | None = None) -> QLabel:
    """Return the heading a step opens with, named for screen readers by its own words."""
    title = QLabel(text, parent)
    title.setTextFormat(Qt.TextFormat.PlainText)  # a pack's title is text, never HTML
    title.setObjectName("stepTitle")
    title.setWordWrap(True)
    title.setAccessibleName(text)
    return title


StepViewType = TypeVar("StepViewType", bound=type[StepView])
STEP_VIEWS: dict[str, type[StepView]] = {}


def register_step_view(kind: str) -> Callable[[StepViewType], StepViewType]:
    """Register a StepView subclass as the widget for ``kind``."""

    def register(view: StepViewType) -> StepViewType:
        STEP_VIEWS[kind] = view
        return view

    return register


def create_step_view(step: Step, index: int, context: StepContext, parent: QWidget | None = None) -> StepView:
    """Build the registered widget for ``step``'s kind."""
    from app.ui import steps as _steps  # noqa: F401  (importing the package registers every view)

    return STEP_VIEWS[step.kind](step, index, context, parent)
