"""The lesson player: one step at a time, a step indicator, Back and Next."""

from __future__ import annotations

import html
import sys
import traceback
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.ui.focus import controls_in_reading_order, focus_first_control
from app.ui.rich_text import is_scroll_key
from app.ui.theme import (
    SPACE_L,
    SPACE_M,
    SPACE_S,
    SPACE_XL,
    SPACE_XXL,
    Theme,
    current_theme,
    scaled,
    theme_signals,
)

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.schema import Lesson, Module, Step
    from app.model.session import LessonSession
    from app.ui.steps.base import StepContext

#: the content column's width range: about 65-75 characters of 16 px body text
COLUMN_MIN_WIDTH, COLUMN_MAX_WIDTH = 360, 720
SIDE_PANEL_WIDTH = 260

KIND_LABELS = {
    "reading": QT_TRANSLATE_NOOP("LessonPlayer", "Reading"),
    "example": QT_TRANSLATE_NOOP("LessonPlayer", "Example"),
    "compare": QT_TRANSLATE_NOOP("LessonPlayer", "Compare"),
    "quiz": QT_TRANSLATE_NOOP("LessonPlayer", "Quiz"),
    "reflect": QT_TRANSLATE_NOOP("LessonPlayer", "Reflect"),
}
STATUS_WORDS = {
    "done": QT_TRANSLATE_NOOP("StepDotButton", "done"),
    "current": QT_TRANSLATE_NOOP("StepDotButton", "current"),
    "todo": QT_TRANSLATE_NOOP("StepDotButton", "not opened yet"),
}


def kind_label(kind: str) -> str:
    """Name a step kind in the interface language (an unknown kind by its own name)."""
    if kind in KIND_LABELS:
        return QCoreApplication.translate("LessonPlayer", KIND_LABELS[kind])
    return kind.title()

#: how long after a step is painted the player does its idle work (build the next step, delete old views)
IDLE_DELAY_MS = 150

#: layout passes a step switch runs before its first paint
SETTLE_PASSES = 4

#: step dots drawn once per look (status, number, focus, size, pixel ratio, theme, font)
_DOT_PIXMAPS: dict[tuple[object, ...], QPixmap] = {}


def following_lesson(pack: Pack, module: Module, lesson: Lesson) -> tuple[Module, Lesson] | None:
    """Return the lesson after ``lesson`` in reading order (crossing into the next module)."""
    order = [(m, le) for m in pack.modules for le in m.lessons]
    ids = [(m.id, le.id) for m, le in order]
    position = ids.index((module.id, lesson.id)) if (module.id, lesson.id) in ids else -1
    return order[position + 1] if 0 <= position < len(order) - 1 else None


class StepScrollArea(QScrollArea):
    """The step's scrolling column. The scroll keys a focused text passes on (PageDown, Space, arrows)
    end here and scroll the step; they never change the step, which only Back, Next and Alt+arrows do."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and is_scroll_key(event):
            shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            page = QAbstractSlider.SliderAction.SliderPageStepSub if shift else QAbstractSlider.SliderAction.SliderPageStepAdd
            self.verticalScrollBar().triggerAction(page)
            event.accept()
            return
        super().keyPressEvent(event)


class PreparedLesson(NamedTuple):
    """The first step of the following lesson, built while the learner reads the last step of this one."""

    lesson: Lesson
    session: LessonSession
    view: QWidget
    side_panel: QWidget | None


def step_title(step: Step) -> str:
    """Name a step for tooltips: its kind and, where it has one, its title."""
    kind = kind_label(step.kind)
    title = getattr(step.content, "title", None)
    return QCoreApplication.translate("LessonPlayer", "{kind}: {title}").format(kind=kind, title=title) if title else kind


class StepDotButton(QAbstractButton):
    """One step of the indicator: a numbered circle, ticked once done, filled when current."""

    def __init__(self, number: int, total: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.total = total
        self.title = title
        self.status = "todo"
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_status("todo")

    def set_status(self, status: str) -> None:
        """Show the step as "done", "current" or "todo" and say so to assistive technology."""
        self.status = status
        word = self.tr(STATUS_WORDS[status])
        self.setAccessibleName(
            self.tr("Step {number} of {total}, {status}").format(number=self.number, total=self.total, status=word)
        )
        self.setToolTip(
            self.tr("Step {number} of {total}: {title} ({status})").format(
                number=self.number, total=self.total, title=self.title, status=word
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        side = scaled(26)
        return QSize(side, side)

    def paintEvent(self, _event: QPaintEvent) -> None:
        # Antialiased circles are slow to draw and every switch repaints every dot: draw each look once.
        theme = current_theme()
        ratio = self.devicePixelRatioF()
        key = (self.status, self.number, self.hasFocus(), self.width(), self.height(), ratio, theme,
               self.font().key())
        pixmap = _DOT_PIXMAPS.get(key)
        if pixmap is None:
            if len(_DOT_PIXMAPS) > 512:
                _DOT_PIXMAPS.clear()
            pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            self._draw(pixmap, theme)
            _DOT_PIXMAPS[key] = pixmap
        painter = QPainter(self)
        painter.drawPixmap(0, 0, pixmap)
        painter.end()

    def _draw(self, device: QPixmap, theme: Theme) -> None:
        """Draw the dot as it looks now onto ``device``."""
        painter = QPainter(device)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        box = QRectF((self.width() - side) / 2 + 2, (self.height() - side) / 2 + 2, side - 4, side - 4)
        accent = QColor(theme.accent)
        if self.hasFocus():
            painter.setPen(QPen(accent, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(box.adjusted(-1, -1, 1, 1))
            box = box.adjusted(3, 3, -3, -3)
        font = QFont(self.font())
        font.setPixelSize(max(9, round(box.height() * 0.5)))
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        if self.status == "current":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            painter.drawEllipse(box)
            painter.setPen(QColor(theme.window if theme.dark else "#FFFFFF"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(self.number))
        elif self.status == "done":
            soft = QColor(accent)
            soft.setAlpha(40)
            painter.setPen(QPen(accent, 1.5))
            painter.setBrush(soft)
            painter.drawEllipse(box)
            painter.setPen(QPen(accent, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            c, r = box.center(), box.width() / 2
            painter.drawPolyline([QPointF(c.x() - r * 0.42, c.y() + r * 0.02),
                                  QPointF(c.x() - r * 0.1, c.y() + r * 0.32),
                                  QPointF(c.x() + r * 0.45, c.y() - r * 0.3)])
        else:
            painter.setPen(QPen(QColor(theme.border).darker(115 if not theme.dark else 70), 1.5))
            painter.setBrush(QColor(theme.surface))
            painter.drawEllipse(box)
            painter.setPen(QColor(theme.muted))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(self.number))
        painter.end()


class StepIndicatorView(QWidget):
    """A row of step dots joined by a line; clicking a dot asks to open that step.

    The row is one tab stop (the current step's dot); the arrow keys, Home and End move between
    dots, and Space or Return opens the focused one.
    """

    step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dots: list[StepDotButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(SPACE_M)
        self.setAccessibleName(self.tr("Steps"))

    def set_steps(self, titles: list[str]) -> None:
        """Make one dot per step."""
        for dot in self.dots:  # hide at once: deleteLater waits for the event loop
            self._layout.removeWidget(dot)
            dot.hide()
            dot.setParent(None)
            dot.deleteLater()
        self.dots = []
        for number, title in enumerate(titles, start=1):
            dot = StepDotButton(number, len(titles), title, self)
            dot.clicked.connect(lambda _=False, i=number - 1: self.step_requested.emit(i))
            dot.installEventFilter(self)
            self._layout.addWidget(dot)
            self.dots.append(dot)
        self.updateGeometry()
        self.update()

    def set_statuses(self, current: int, done: set[int]) -> None:
        """Mark the current step and the ones already opened."""
        for index, dot in enumerate(self.dots):
            dot.set_status("current" if index == current else "done" if index in done else "todo")
        if 0 <= current < len(self.dots):
            self._make_tab_stop(self.dots[current])

    def _make_tab_stop(self, chosen: StepDotButton) -> None:
        """Let Tab reach ``chosen`` only; the other dots take the focus from a click or an arrow key."""
        for dot in self.dots:
            dot.setFocusPolicy(Qt.FocusPolicy.StrongFocus if dot is chosen else Qt.FocusPolicy.ClickFocus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or watched not in self.dots:
            return False
        assert isinstance(watched, StepDotButton)
        key, position = event.key(), self.dots.index(watched)  # type: ignore[attr-defined]
        moves = {Qt.Key.Key_Left: position - 1, Qt.Key.Key_Up: position - 1, Qt.Key.Key_Right: position + 1,
                 Qt.Key.Key_Down: position + 1, Qt.Key.Key_Home: 0, Qt.Key.Key_End: len(self.dots) - 1}
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            watched.click()
            return True
        if key not in moves or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:  # type: ignore[attr-defined]
            return False  # Alt+Left and friends stay the window's shortcuts
        target = self.dots[max(0, min(moves[key], len(self.dots) - 1))]
        self._make_tab_stop(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def paintEvent(self, _event: QPaintEvent) -> None:
        if len(self.dots) < 2:
            return
        painter = QPainter(self)
        painter.setPen(QPen(QColor(current_theme().border), 2))
        first, last = self.dots[0].geometry().center(), self.dots[-1].geometry().center()
        painter.drawLine(first.x(), first.y(), last.x(), last.y())
        painter.end()


class StepFallbackView(QWidget):
    """Stands in, honestly, for a step that has no widget (yet) or failed to build."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACE_XL, 0, SPACE_XL)
        label = QLabel(message)
        label.setObjectName("fallbackStep")
        label.setWordWrap(True)
        layout.addWidget(label)
        self.message = message

    def side_panel(self) -> QWidget | None:
        """Return no side panel."""
        return None


class AfterPaintHook(QObject):
    """Calls ``receiver``'s ``action`` once, a moment after ``widget`` was first painted.

    The moment (IDLE_DELAY_MS) lets layouts that fit text to the width finish their passes and
    paint first; then the learner is reading, and the action's work goes unnoticed.
    """

    def __init__(self, widget: QWidget, receiver: QObject, action: Callable[[], None]) -> None:
        super().__init__(widget)
        self._receiver = receiver
        self._action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(IDLE_DELAY_MS, self._receiver, self._action)  # not called if the receiver is gone
            self.deleteLater()
        return False


class LessonPlayerView(QWidget):
    """Plays one lesson: shows a step, moves between steps and records each one opened.

    ``session`` may be None (the render command): then nothing is recorded and "done" means
    opened in this view.
    """

    step_changed = Signal(int)
    completion_changed = Signal()
    module_requested = Signal()  # the module in the breadcrumb was clicked
    next_lesson_requested = Signal()  # Next on the last step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.pack: Pack | None = None
        self.module: Module | None = None
        self.lesson: Lesson | None = None
        self.session: LessonSession | None = None
        self.current_index = -1
        self._views: dict[int, QWidget] = {}
        # Each shown view's controls in reading order: walking its layouts is the dearest part of a
        # switch after painting, and the set of controls only changes when the step says so
        # (``controls_changed``), so a revisit reuses the walk.
        self._reading_order: dict[QWidget, list[QWidget]] = {}
        self._side_panels: dict[int, QWidget | None] = {}
        #: views of the lesson played before, hidden; deleted once the new lesson has been painted
        self._retired: list[QWidget] = []
        self._prepared: PreparedLesson | None = None
        self._done: set[int] = set()
        self._next_lesson_title: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        header = QWidget()
        header.setObjectName("playerHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(SPACE_XL, SPACE_L, SPACE_XL, SPACE_L)
        header_layout.setSpacing(SPACE_M)
        top = QHBoxLayout()
        top.setSpacing(SPACE_S)
        # a button, not a link in a label: a label's keyboard link keeps Shift+Tab inside it
        self.module_link = QPushButton()
        self.module_link.setObjectName("breadcrumbLink")
        self.module_link.setFlat(True)
        self.module_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.module_link.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.module_link.setToolTip(self.tr("Show this module on the home screen"))
        self.module_link.clicked.connect(self._on_module_link_clicked)
        top.addWidget(self.module_link, 0, Qt.AlignmentFlag.AlignTop)
        self.breadcrumb = QLabel()
        self.breadcrumb.setObjectName("breadcrumb")
        self.breadcrumb.setWordWrap(True)
        self.breadcrumb.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(self.breadcrumb, 1, Qt.AlignmentFlag.AlignTop)
        self.step_count_label = QLabel()
        self.step_count_label.setObjectName("stepCount")
        top.addWidget(self.step_count_label, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header_layout.addLayout(top)
        self.indicator = StepIndicatorView()
        self.indicator.step_requested.connect(self._on_indicator_step_requested)
        indicator_row = QHBoxLayout()
        indicator_row.addWidget(self.indicator)
        indicator_row.addStretch(1)
        header_layout.addLayout(indicator_row)
        layout.addWidget(header)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        layout.addWidget(self.splitter, 1)

        self.scroll_area = StepScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setAccessibleName(self.tr("Step content"))
        page = QWidget()
        page.setObjectName("pageColumn")
        page_layout = QHBoxLayout(page)
        page_layout.setContentsMargins(SPACE_XL, SPACE_XL, SPACE_XL, SPACE_XXL)
        self.column = QWidget()
        self.column.setMinimumWidth(COLUMN_MIN_WIDTH)
        self.column.setMaximumWidth(COLUMN_MAX_WIDTH)
        self.column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.column_layout = QVBoxLayout(self.column)
        self.column_layout.setContentsMargins(0, 0, 0, 0)
        self.column_layout.setSpacing(SPACE_S)
        self.kind_label = QLabel()
        self.kind_label.setObjectName("pageKicker")
        self.column_layout.addWidget(self.kind_label)
        self._view_slot = QVBoxLayout()
        self._view_slot.setContentsMargins(0, 0, 0, 0)
        self.column_layout.addLayout(self._view_slot)
        self.column_layout.addSpacing(SPACE_XXL)

        footer = QWidget()
        footer.setObjectName("playerFooter")
        footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        footer_layout = QHBoxLayout(footer)
        footer_layout.setContentsMargins(0, SPACE_L, 0, 0)
        footer_layout.setSpacing(SPACE_M)
        self.back_button = QPushButton(self.tr("‹  Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.setToolTip(self.tr("Previous step (Alt+Left)"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(self.tr("Next  ›"))
        self.next_button.setObjectName("primaryButton")
        self.next_button.setAccessibleName(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Next step (Alt+Right)"))
        self.next_button.clicked.connect(self.go_next)
        footer_layout.addWidget(self.back_button)
        footer_layout.addStretch(1)
        footer_layout.addWidget(self.next_button)
        self.column_layout.addWidget(footer)
        self.column_layout.addStretch(1)
        page_layout.addStretch(1)
        page_layout.addWidget(self.column, 100)
        page_layout.addStretch(1)
        self.scroll_area.setWidget(page)
        self.splitter.addWidget(self.scroll_area)

        self.side_scroll = QScrollArea()
        self.side_scroll.setObjectName("sidePanel")
        self.side_scroll.setWidgetResizable(True)
        self.side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_scroll.setMinimumWidth(220)
        side_page = QWidget()
        side_page.setObjectName("sidePanel")
        side_page.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._side_layout = QVBoxLayout(side_page)
        self._side_layout.setContentsMargins(SPACE_L, SPACE_XL, SPACE_L, SPACE_XL)
        self._side_layout.addStretch(1)
        self.side_scroll.setWidget(side_page)
        self.splitter.addWidget(self.side_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([700, SIDE_PANEL_WIDTH])
        self.side_scroll.hide()

        theme_signals().theme_changed.connect(self._on_theme_changed)

    # ---------------------------------------------------------------- the lesson

    @property
    def step_count(self) -> int:
        return len(self.lesson.steps) if self.lesson is not None else 0

    def set_lesson(
        self,
        pack: Pack,
        module: Module,
        lesson: Lesson,
        session: LessonSession | None,
        step_index: int = 0,
        next_lesson_title: str | None = None,
    ) -> None:
        """Play ``lesson`` from step ``step_index``; views of the previous lesson are dropped."""
        prepared, self._prepared = self._prepared, None
        self._drop_views()
        if prepared is not None and session is not None and prepared.session is session:
            self._views[0], self._side_panels[0] = prepared.view, prepared.side_panel
        elif prepared is not None:
            self._retire(prepared.view, prepared.side_panel)
        self.pack, self.module, self.lesson, self.session = pack, module, lesson, session
        self._next_lesson_title = next_lesson_title
        self.current_index = -1
        if session is not None:
            visited = session.store.visited_steps(session.profile_id, pack.id, module.id, lesson.id)
            self._done = {i for i in range(len(lesson.steps)) if session.step_key(i) in visited}
        else:
            self._done = set()
        self.module_link.setText(module.title.replace("&", "&&"))  # a lone & would mark a mnemonic
        self.module_link.setAccessibleName(module.title)
        self.breadcrumb.setText(f"›&nbsp;&nbsp;<b>{html.escape(lesson.title)}</b>")
        self.breadcrumb.setAccessibleName(lesson.title)
        self.indicator.set_steps([step_title(step) for step in lesson.steps])
        for before, dot in pairwise([self.module_link, *self.indicator.dots]):
            QWidget.setTabOrder(before, dot)  # the dots are made last: put them under the breadcrumb
        self.open_step(max(0, min(step_index, len(lesson.steps) - 1)))

    def open_step(self, index: int) -> None:
        """Show step ``index`` and record that the learner opened it."""
        if self.lesson is None or not 0 <= index < self.step_count:
            return
        if self.current_index >= 0 and self.current_index != index:
            self._done.add(self.current_index)
        previous = self._views.get(self.current_index)
        if previous is not None and self.current_index != index:
            self._view_slot.removeWidget(previous)
            previous.hide()
        old_side = self._side_panels.get(self.current_index)
        if old_side is not None and self.current_index != index:
            self._side_layout.removeWidget(old_side)
            old_side.hide()

        self.current_index = index
        if self.session is not None:
            self.session.open_step(index)
        view = self._view(index)
        if self._view_slot.indexOf(view) < 0:
            self._view_slot.addWidget(view)
        view.show()
        self._chain_tab_order(view)
        side = self._side_panels.get(index)
        if side is not None:
            if self._side_layout.indexOf(side) < 0:
                self._side_layout.insertWidget(0, side)
            side.show()
        self.side_scroll.setVisible(side is not None)
        if side is not None:  # the scroll area takes the focus: name it after what it holds
            self.side_scroll.setAccessibleName(side.accessibleName() or self.tr("Side panel"))

        step = self.lesson.steps[index]
        self.kind_label.setText(kind_label(step.kind).upper())
        self.step_count_label.setText(self.tr("Step {number} of {total}").format(number=index + 1, total=self.step_count))
        self.indicator.set_statuses(index, self._done)
        self.back_button.setEnabled(index > 0)
        last = index == self.step_count - 1
        if not last:
            text, name, tip = self.tr("Next  ›"), self.tr("Next"), self.tr("Next step (Alt+Right)")
        elif self._next_lesson_title:
            text, name = self.tr("Next lesson  ›"), self.tr("Next lesson")
            tip = self.tr("Go on to “{lesson}” (Alt+Right)").format(lesson=self._next_lesson_title)
        else:
            text, name, tip = self.tr("Finish"), self.tr("Finish"), self.tr("Back to the overview (Alt+Right)")
        self.next_button.setText(text)
        self.next_button.setAccessibleName(name)
        self.next_button.setToolTip(tip)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.side_scroll.verticalScrollBar().setValue(0)
        # While the learner reads this step, build the next one and let go of the last lesson's views.
        AfterPaintHook(view, self, self._on_step_painted)
        self.step_changed.emit(index)
        self._settle_layout()
        if self.isVisible():  # else the window calls focus_step() once the player is on screen
            self.focus_step()

    def _controls_of(self, view: QWidget) -> list[QWidget]:
        """Return ``view``'s controls in reading order, walked once until the step adds controls."""
        controls = self._reading_order.get(view)
        if controls is None:
            controls = self._reading_order[view] = controls_in_reading_order(view)
        return controls

    def _chain_tab_order(self, view: QWidget) -> None:
        """Tab: breadcrumb, the dot row, the step's controls in reading order, Back and Next.

        Controls disabled or hidden for now (Check, Mark selection, Try again) are in the chain too;
        Tab passes over them until they can be used.
        """
        if self.indicator.dots and view is self.current_view():
            chain = [self.indicator.dots[-1], *self._controls_of(view), self.back_button, self.next_button]
            for before, after in pairwise(chain):
                QWidget.setTabOrder(before, after)

    def _on_step_controls_changed(self) -> None:
        """A step built new controls (a quiz's retry): put them in the Tab chain."""
        self._reading_order.clear()  # which step changed does not matter: walking again is cheap
        view = self.current_view()
        if view is not None:
            self._chain_tab_order(view)

    def focus_step(self) -> None:
        """Put the keyboard focus in the step shown: its first control, else its scrolling column.

        Hiding the step that had the focus would otherwise hand it to the next widget in the chain,
        which wraps round to the top bar, where one Space would leave the lesson.
        """
        view = self.current_view()
        if view is None:
            return
        if not focus_first_control(view, self._controls_of(view)):
            self.scroll_area.setFocus(Qt.FocusReason.OtherFocusReason)

    def _settle_layout(self) -> None:
        """Lay the step out now, so that it is painted once, as it will stay.

        Text fitted to the width takes a few passes (a width, then heights, then the scroll bar);
        left to the event loop each pass would be painted, a whole window each time.
        """
        for _ in range(SETTLE_PASSES):
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            QApplication.sendPostedEvents(None, QEvent.Type.MetaCall)

    def go_next(self) -> None:
        """Open the next step; on the last one, ask for the next lesson."""
        if self.lesson is None:
            return
        if self.current_index < self.step_count - 1:
            self.open_step(self.current_index + 1)
        else:
            self._done.add(self.current_index)
            self.indicator.set_statuses(self.current_index, self._done)
            self.next_lesson_requested.emit()

    def submit_step(self) -> None:
        """Ctrl+Return: let the step shown check, submit or save (a step without such an action ignores it)."""
        view = self.current_view()
        submit = getattr(view, "submit_step", None)
        if submit is not None:
            submit()

    def flush_drafts(self) -> None:
        """Keep every step's work still waiting to be kept (the window closes, or the learner leaves)."""
        for view in self._views.values():
            flush = getattr(view, "flush_draft", None)
            if flush is not None:
                flush()

    def go_back(self) -> None:
        """Open the previous step."""
        if self.current_index > 0:
            self.open_step(self.current_index - 1)

    def current_view(self) -> QWidget | None:
        """Return the widget of the step shown."""
        return self._views.get(self.current_index)

    def current_side_panel(self) -> QWidget | None:
        """Return the side panel of the step shown, if it has one."""
        return self._side_panels.get(self.current_index)

    # ---------------------------------------------------------------- building steps

    def prepared_session(
        self, pack: Pack, module: Module, lesson: Lesson, store: object, profile_id: int
    ) -> LessonSession | None:
        """Return the session ``lesson``'s first step was built with ahead of time, if it fits; else None.

        Pass it to ``set_lesson`` to show that step at once.
        """
        prepared = self._prepared
        if prepared is None or prepared.lesson is not lesson:
            return None
        session = prepared.session
        if session.pack is not pack or session.module is not module or session.store is not store:
            return None
        return session if session.profile_id == profile_id else None

    def _view(self, index: int) -> QWidget:
        """Return the view of step ``index``, building it (and its side panel) the first time."""
        view = self._views.get(index)
        if view is None:
            view, self._side_panels[index] = self._build_view(index)
            self._views[index] = view
        return view

    def _on_step_painted(self) -> None:
        """Once a step is on screen: delete the previous lesson's views and build what comes next.

        That is the next step, or on the last step the first step of the following lesson.
        """
        self._dispose_retired()
        if self.lesson is None or not self.isVisible():  # closed meanwhile: the store may be closed too
            return
        following = self.current_index + 1
        if following < self.step_count:
            if following not in self._views:
                self._view(following).ensurePolished()  # hidden, outside the layout, styles resolved
        elif self.current_index == self.step_count - 1:
            self._prepare_following_lesson()

    def _prepare_following_lesson(self) -> None:
        """Build the following lesson's first step, with the session that will play it."""
        if self.session is None or self.pack is None or self.module is None or self.lesson is None:
            return
        following = following_lesson(self.pack, self.module, self.lesson)
        if following is None or (self._prepared is not None and self._prepared.lesson is following[1]):
            return
        from app.model.session import LessonSession
        from app.ui.steps.base import StepContext

        module, lesson = following
        session = LessonSession(self.pack, module, lesson, self.session.store, self.session.profile_id)
        view, side_panel = self._build_view(0, StepContext(self.pack, module, lesson, session))
        view.ensurePolished()
        if self._prepared is not None:
            self._retire(self._prepared.view, self._prepared.side_panel)
        self._prepared = PreparedLesson(lesson, session, view, side_panel)

    def _build_view(self, index: int, context: StepContext | None = None) -> tuple[QWidget, QWidget | None]:
        """Build the registered widget for step ``index`` (of ``context``'s lesson, default the one
        played), or an honest stand-in, and its side panel; both stay hidden."""
        from app.ui import steps as _steps  # noqa: F401  (registers every step view)
        from app.ui.steps.base import STEP_VIEWS, StepContext, create_step_view

        if context is None:
            assert self.lesson is not None and self.pack is not None and self.module is not None
            context = StepContext(self.pack, self.module, self.lesson, self.session)
        step = context.lesson.steps[index]
        if step.kind not in STEP_VIEWS:
            return StepFallbackView(self.tr("This step kind cannot be shown yet ({kind}).").format(kind=step.kind), self.column), None
        try:
            view: QWidget = create_step_view(step, index, context, self.column)
        except Exception as error:  # a broken step widget must not take the whole app down
            traceback.print_exc(file=sys.stderr)
            return StepFallbackView(self.tr("This step could not be shown: {error}").format(error=error), self.column), None
        side_panel = getattr(view, "side_panel", lambda: None)()
        if side_panel is not None:  # in the side column from the start, so that showing it restyles nothing
            side_panel.setParent(self.side_scroll.widget())
            side_panel.hide()
        completion = getattr(view, "completion_changed", None)
        if completion is not None:
            completion.connect(self.completion_changed)
        controls_changed = getattr(view, "controls_changed", None)
        if controls_changed is not None:
            controls_changed.connect(self._on_step_controls_changed)
        return view, side_panel

    def _drop_views(self) -> None:
        """Take every built step view and side panel off the screen; they are deleted after the next paint."""
        # Hidden at once, so nothing of the old lesson is painted; detaching and deleting a whole
        # lesson's widgets is slow, so it waits until the new lesson is on screen.
        self._dispose_retired()  # any left from a lesson that was never painted
        for index, view in self._views.items():
            self._retire(view, self._side_panels.get(index))
        self._views.clear()
        self._side_panels.clear()
        self._reading_order.clear()

    def _retire(self, view: QWidget, side_panel: QWidget | None) -> None:
        """Take a step's view and side panel off the screen, to be deleted after the next paint."""
        for widget, layout in ((view, self._view_slot), (side_panel, self._side_layout)):
            if widget is not None:
                layout.removeWidget(widget)
                widget.hide()
                self._retired.append(widget)

    def _dispose_retired(self) -> None:
        """Detach and delete the views of lessons played before."""
        retired, self._retired = self._retired, []
        for widget in retired:
            widget.setParent(None)
            widget.deleteLater()

    # ---------------------------------------------------------------- slots

    def _on_indicator_step_requested(self, index: int) -> None:
        """Open the step whose dot was clicked."""
        self.open_step(index)

    def _on_module_link_clicked(self) -> None:
        """Ask to show the module on the home screen."""
        self.module_requested.emit()

    def _on_theme_changed(self, _theme: object) -> None:
        """Repaint the hand-drawn parts in the new colours."""
        self.indicator.update()
        for dot in self.indicator.dots:
            dot.update()

