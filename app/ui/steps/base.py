"""The contract every step widget follows, and the registry that picks one per step kind."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from app.model import drafts
from app.model.progress import ProgressError
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

    # ------------------------------------------------------------ work in progress

    def kept_draft(self, kind: type[drafts.D]) -> drafts.D | None:
        """Return the learner's work in progress on this step, as kept; None without a session or a draft."""
        session = self.context.session
        if session is None:
            return None
        try:
            return session.draft(self.index, kind)
        except ProgressError:  # unreadable progress: the step opens fresh rather than not at all
            return None

    def keep_draft(self, draft: drafts.Draft) -> None:
        """Keep ``draft`` as this step's work in progress (nothing is kept without a session)."""
        session = self.context.session
        if session is None:
            return
        try:
            session.save_draft(self.index, draft)
        except ProgressError as error:  # a full disk: say so where it does not interrupt the typing
            window = self.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(
                    QCoreApplication.translate("StepView", "Your work on this step could not be kept: {error}").format(
                        error=error
                    ),
                    10000,
                )

    def discard_draft(self) -> None:
        """Forget this step's draft: what it kept is recorded now."""
        session = self.context.session
        if session is not None:
            with contextlib.suppress(ProgressError):  # a stale draft is dropped when it no longer fits
                session.discard_draft(self.index)

    def flush_draft(self) -> None:
        """Keep any change not kept yet, now (the step is left or the window closes). By default all is kept."""

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the step (another step, Home, quitting) keeps what is pending."""
        self.flush_draft()
        super().hideEvent(event)

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
