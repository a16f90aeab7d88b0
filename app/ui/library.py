"""The library panel: packs, then modules, then lessons, each lesson with its state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.lesson_state import LessonStanding, LessonState
from app.model.text import percent_text
from app.ui.icons import drawn_icon
from app.ui.item_views import WrappingTreeView, paint_row_panel
from app.ui.theme import SPACE_L, SPACE_M, SPACE_S, SPACE_XS, Theme, current_theme, scaled

if TYPE_CHECKING:
    from app.model.pack import Pack
    from app.model.schema import Lesson, Module

#: what an item stands for: ("pack", pack_id), ("module", pack_id, module_id) or
#: ("lesson", pack_id, module_id, lesson_id)
KEY_ROLE = Qt.ItemDataRole.UserRole
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1
META_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3
#: a lesson's state in words under its title ("Passed", "Done · not passed (17%)"), and its Mark colour name
STATE_TEXT_ROLE = Qt.ItemDataRole.UserRole + 4
STATE_TONE_ROLE = Qt.ItemDataRole.UserRole + 5
#: a module's bar colour: "passed" (every lesson passed), "not passed" (one done but not passed) or ""
BAR_TONE_ROLE = Qt.ItemDataRole.UserRole + 6

ICON_SIZE = 16
EMPTY_LIBRARY_TEXT = QT_TRANSLATE_NOOP("Library", "No packs installed yet - File > Open pack...")
LOADING_TEXT = QT_TRANSLATE_NOOP("Library", "Loading lessons…")

StandingLookup = Callable[["Pack", "Module", "Lesson"], LessonStanding]


def language_name(tag: str) -> str:
    """Name a pack's language in that language ("English", "简体中文"), so that its readers know it."""
    name = QLocale(tag.replace("-", "_")).nativeLanguageName()
    if QLocale(tag.replace("-", "_")).language() == QLocale.Language.English:
        return "English"  # "American English" would claim a variety the pack did not state
    return name or tag


def standing_words(standing: LessonStanding) -> str:
    """Say a lesson's state in words, so that done and passed differ in more than an icon's fill."""
    state = standing.state
    if state is LessonState.PASSED:
        return QCoreApplication.translate("Library", "Passed")
    if state is LessonState.COMPLETED:
        if standing.unpassed_best is None:
            return QCoreApplication.translate("Library", "Done · not passed")
        return QCoreApplication.translate("Library", "Done · not passed ({percent})").format(
            percent=percent_text(standing.unpassed_best)
        )
    if state is LessonState.IN_PROGRESS:
        return QCoreApplication.translate("Library", "In progress")
    return QCoreApplication.translate("Library", "Not started")


def module_words(states: Sequence[LessonState]) -> str:
    """Sum a module's lessons up in words: "All 3 passed", or "3 of 3 done · 1 not passed"."""
    total = len(states)
    done = sum(state.done for state in states)
    passed = sum(state is LessonState.PASSED for state in states)
    if total and passed == total:
        if total == 1:
            return QCoreApplication.translate("Library", "Passed")
        return QCoreApplication.translate("Library", "All {count} passed").format(count=total)
    if done > passed:
        return QCoreApplication.translate("Library", "{done} of {total} done · {failed} not passed").format(
            done=done, total=total, failed=done - passed
        )
    return QCoreApplication.translate("Library", "{done} of {total} done").format(done=done, total=total)


def state_icon(state: LessonState, theme: Theme, size: int = 16) -> QIcon:
    """Draw the icon of a lesson state; shapes differ so that colour is never the only signal."""

    def draw(painter: QPainter) -> None:
        box = QRectF(1.5, 1.5, size - 3, size - 3)
        accent, done = QColor(theme.accent), QColor(theme.correct)
        if state == LessonState.NOT_STARTED:
            painter.setPen(QPen(QColor(theme.muted), 1.5))
            painter.drawEllipse(box)
        elif state == LessonState.IN_PROGRESS:
            painter.setPen(QPen(accent, 1.5))
            painter.drawEllipse(box)
            half = QPainterPath()
            half.moveTo(box.center())
            half.arcTo(box.adjusted(2, 2, -2, -2), 90, 180)
            half.closeSubpath()
            painter.fillPath(half, accent)
        elif state == LessonState.COMPLETED:  # a ring with a tick: every step done, not yet passed
            painter.setPen(QPen(accent, 1.5))
            painter.drawEllipse(box)
            _draw_tick(painter, size, accent)
        else:  # passed: a filled disc with a tick
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(done)
            painter.drawEllipse(box)
            _draw_tick(painter, size, QColor(theme.surface))

    return drawn_icon(size, draw)


def _draw_tick(painter: QPainter, size: int, color: QColor) -> None:
    scale = size / 16
    painter.setPen(QPen(color, 1.8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPolyline([QPointF(4.8 * scale, 8.3 * scale), QPointF(7 * scale, 10.5 * scale),
                          QPointF(11.2 * scale, 5.8 * scale)])


class LibraryTreeDelegate(QStyledItemDelegate):
    """Draw module rows as title, "15 min - 1 of 3 done" and a thin completion bar."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Give module rows room for their second line and bar."""
        size = super().sizeHint(option, index)
        key = index.data(KEY_ROLE)
        if key and key[0] == "module":
            return QSize(size.width(), option.fontMetrics.height() * 2 + SPACE_L + SPACE_M + SPACE_S)
        if key and key[0] == "lesson":
            text_rect = self._wrapped_text_rect(option, index, self._text_width(option, index))
            height = max(text_rect.height(), ICON_SIZE) + SPACE_M
            if index.data(STATE_TEXT_ROLE):
                height += QFontMetrics(self._state_font(option)).height()
            return QSize(size.width(), height)
        return QSize(size.width(), size.height() + SPACE_M)

    @staticmethod
    def _text_width(option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
        """Return the width left for a lesson's title, after indentation and its icon."""
        view = option.widget
        if not isinstance(view, QTreeWidget):
            return max(80, option.rect.width() - ICON_SIZE - SPACE_S)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return max(80, view.viewport().width() - depth * view.indentation() - ICON_SIZE - SPACE_M - SPACE_S)

    @staticmethod
    def _wrapped_text_rect(option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex,
                           width: int) -> QRect:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        return option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        """Paint a module row by hand; other rows as usual."""
        key = index.data(KEY_ROLE)
        if key and key[0] == "lesson":
            self._paint_lesson(painter, option, index)
            return
        if not key or key[0] != "module":
            super().paint(painter, option, index)
            return
        theme = current_theme()
        paint_row_panel(self, painter, option, index)
        rect = option.rect.adjusted(SPACE_XS, SPACE_S, -SPACE_S, -SPACE_S)
        painter.save()
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        title_metrics = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(QColor(theme.text))
        title = title_metrics.elidedText(str(index.data(Qt.ItemDataRole.DisplayRole)), Qt.TextElideMode.ElideRight,
                                         rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, title)
        meta_font = QFont(option.font)
        if option.font.pixelSize() > 0:
            meta_font.setPixelSize(max(9, round(option.font.pixelSize() * 0.86)))
        else:
            meta_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.86))
        meta_metrics = QFontMetrics(meta_font)
        painter.setFont(meta_font)
        painter.setPen(QColor(theme.muted))
        meta_top = rect.top() + title_metrics.height() + SPACE_XS
        # the words take the row's width (they say more than the bar), the bar runs under them
        meta_rect = rect.adjusted(0, meta_top - rect.top(), 0, 0)
        painter.drawText(meta_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         meta_metrics.elidedText(str(index.data(META_ROLE) or ""), Qt.TextElideMode.ElideRight,
                                                 meta_rect.width()))
        metrics = meta_metrics
        progress = float(index.data(PROGRESS_ROLE) or 0.0)
        bar = QRectF(rect.left(), meta_top + metrics.height() + SPACE_XS, min(rect.width(), 160), 4)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.border))
        painter.drawRoundedRect(bar, 2, 2)
        if progress > 0:
            tone = index.data(BAR_TONE_ROLE)
            color = theme.correct if tone == "passed" else theme.partial if tone == "not passed" else theme.accent
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), max(4.0, bar.width() * progress), bar.height()),
                                    2, 2)
        painter.restore()


    def _paint_lesson(self, painter: QPainter, option: QStyleOptionViewItem,
                      index: QModelIndex | QPersistentModelIndex) -> None:
        """Paint a lesson row: its state icon, then its title wrapped over as many lines as it needs."""
        paint_row_panel(self, painter, option, index)
        rect = option.rect.adjusted(SPACE_XS, SPACE_M // 2, -SPACE_S, -SPACE_M // 2)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        line = option.fontMetrics.height()
        if isinstance(icon, QIcon):
            icon.paint(painter, QRect(rect.left(), rect.top() + (line - ICON_SIZE) // 2, ICON_SIZE, ICON_SIZE))
        text_rect = rect.adjusted(ICON_SIZE + SPACE_S, 0, 0, 0)
        theme = current_theme()
        painter.save()
        painter.setFont(option.font)
        painter.setPen(QColor(theme.text))
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
        drawn = painter.boundingRect(text_rect, flags, title)
        painter.drawText(text_rect, flags, title)
        words = str(index.data(STATE_TEXT_ROLE) or "")
        if words:
            # the state in words under the title: done and passed differ in more than an icon's fill
            tone = index.data(STATE_TONE_ROLE)
            font = self._state_font(option)
            painter.setFont(font)
            painter.setPen(QColor(theme.correct if tone == "passed" else theme.partial if tone == "not passed"
                                  else theme.muted))
            state_rect = QRect(text_rect.left(), drawn.bottom() + 1, text_rect.width(), QFontMetrics(font).height())
            painter.drawText(state_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                             QFontMetrics(font).elidedText(words, Qt.TextElideMode.ElideRight, state_rect.width()))
        painter.restore()

    @staticmethod
    def _state_font(option: QStyleOptionViewItem) -> QFont:
        """Return the smaller font of a lesson's state line."""
        font = QFont(option.font)
        if option.font.pixelSize() > 0:
            font.setPixelSize(max(9, round(option.font.pixelSize() * 0.82)))
        else:
            font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.82))
        return font


class LibraryPanel(QWidget):
    """The left panel: a Continue action and the tree of packs, modules and lessons."""

    lesson_requested = Signal(object, object, object)  # Pack, Module, Lesson
    module_requested = Signal(object, object)  # Pack, Module (show it on the home screen)
    continue_requested = Signal()

    def __init__(self, standing_of: StandingLookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._standing_of = standing_of
        self._states: dict[tuple[str, str, str], LessonState] = {}
        self._packs: list[Pack] = []
        self._items: dict[tuple[str, ...], QTreeWidgetItem] = {}
        # What each row was last drawn with: a step switch redraws the open lesson's row, and
        # setting an item's data again, even unchanged, makes the wrapping tree lay out its rows anew.
        self._drawn: dict[tuple[str, ...], tuple[object, ...]] = {}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_M, SPACE_L, SPACE_S, SPACE_M)
        layout.setSpacing(SPACE_M)
        heading = QLabel(self.tr("LIBRARY"))
        heading.setObjectName("sectionLabel")
        heading.setContentsMargins(SPACE_XS, 0, 0, 0)
        layout.addWidget(heading)

        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setObjectName("primaryButton")
        self.continue_button.setAccessibleName(self.tr("Continue"))
        self.continue_button.clicked.connect(self.continue_requested)
        layout.addWidget(self.continue_button)

        self.tree = WrappingTreeView()
        self.tree.setObjectName("libraryTree")
        self.tree.setAccessibleName(self.tr("Library"))
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(scaled(12))
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setItemDelegate(LibraryTreeDelegate(self.tree))
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemClicked.connect(self._on_tree_item_activated)
        layout.addWidget(self.tree, 1)

        self._empty_text = QCoreApplication.translate("Library", EMPTY_LIBRARY_TEXT)
        self.empty_label = QLabel(QCoreApplication.translate("Library", EMPTY_LIBRARY_TEXT))
        self.empty_label.setObjectName("emptyLibrary")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        layout.addStretch(0)

    # ---------------------------------------------------------------- contents

    def set_packs(self, packs: Sequence[Pack]) -> None:
        """Show ``packs`` (in order) with every lesson's current state."""
        self._packs = list(packs)
        self.tree.clear()
        self._items.clear()
        self._drawn.clear()
        theme = current_theme()
        pack_font = QFont(self.font())
        pack_font.setWeight(QFont.Weight.Bold)
        for pack in self._packs:
            pack_item = QTreeWidgetItem([pack.title])
            pack_item.setData(0, KEY_ROLE, ("pack", pack.id))
            pack_item.setFont(0, pack_font)
            language = language_name(pack.manifest.language)
            pack_item.setToolTip(0, self.tr("{title} (in {language})").format(title=pack.title, language=language))
            pack_item.setData(
                0,
                Qt.ItemDataRole.AccessibleTextRole,
                self.tr("Pack: {title}, in {language}").format(title=pack.title, language=language),
            )
            self.tree.addTopLevelItem(pack_item)
            self._items[("pack", pack.id)] = pack_item
            for module in pack.modules:
                module_item = QTreeWidgetItem([module.title])
                module_item.setData(0, KEY_ROLE, ("module", pack.id, module.id))
                pack_item.addChild(module_item)
                self._items[("module", pack.id, module.id)] = module_item
                for lesson in module.lessons:
                    lesson_item = QTreeWidgetItem([lesson.title])
                    lesson_item.setData(0, KEY_ROLE, ("lesson", pack.id, module.id, lesson.id))
                    module_item.addChild(lesson_item)
                    self._items[("lesson", pack.id, module.id, lesson.id)] = lesson_item
                    self._show_lesson_state(pack, module, lesson, theme)
                self._show_module_progress(pack, module)
                module_item.setExpanded(True)
            pack_item.setExpanded(True)
        self.empty_label.setText(self._empty_text)
        has_packs = bool(self._packs)
        self.tree.setVisible(has_packs)
        self.empty_label.setVisible(not has_packs)
        self.continue_button.setVisible(has_packs)

    def show_empty_reason(self, text: str) -> None:
        """Say why the library is empty (the built-in pack is missing), in place of the usual hint."""
        self._empty_text = text
        self.empty_label.setText(text)

    def show_loading(self) -> None:
        """Say that packs are being loaded (the window is shown before they are)."""
        self.tree.hide()
        self.continue_button.hide()
        self.empty_label.setText(QCoreApplication.translate("Library", LOADING_TEXT))
        self.empty_label.show()

    def refresh_states(self) -> None:
        """Redraw every lesson's state and every module's completion from the store."""
        theme = current_theme()
        for pack in self._packs:
            for module in pack.modules:
                for lesson in module.lessons:
                    self._show_lesson_state(pack, module, lesson, theme)
                self._show_module_progress(pack, module)

    def refresh_lesson(self, pack: Pack, module: Module, lesson: Lesson) -> None:
        """Redraw one lesson's state and its module's completion."""
        self._show_lesson_state(pack, module, lesson, current_theme())
        self._show_module_progress(pack, module)

    def select_lesson(self, pack: Pack, module: Module, lesson: Lesson) -> None:
        """Highlight the lesson that is open, without opening anything."""
        item = self._items.get(("lesson", pack.id, module.id, lesson.id))
        if item is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(item)

    def select_pack(self, pack_id: str) -> None:
        """Select a pack's row and bring it into view (a pack just opened), without opening anything."""
        item = self._items.get(("pack", pack_id))
        if item is None:
            return
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self.tree.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtTop)

    def clear_selection(self) -> None:
        """Highlight nothing (the home screen is showing)."""
        self.tree.clearSelection()

    def lesson_item(self, pack_id: str, module_id: str, lesson_id: str) -> QTreeWidgetItem | None:
        """Return the tree item of a lesson (tests and tools read its state from it)."""
        return self._items.get(("lesson", pack_id, module_id, lesson_id))

    def module_item(self, pack_id: str, module_id: str) -> QTreeWidgetItem | None:
        """Return the tree item of a module."""
        return self._items.get(("module", pack_id, module_id))

    def set_continue_target(self, description: str | None) -> None:
        """Say where Continue leads, or offer Start when nothing was opened yet."""
        if description:
            self.continue_button.setText(self.tr("Continue"))
            self.continue_button.setToolTip(self.tr("Continue: {target}").format(target=description))
        else:
            self.continue_button.setText(self.tr("Start learning"))
            self.continue_button.setToolTip(self.tr("Open the first lesson"))
        self.continue_button.setAccessibleName(self.continue_button.text())

    # ---------------------------------------------------------------- drawing

    def _show_lesson_state(self, pack: Pack, module: Module, lesson: Lesson, theme: Theme) -> None:
        item = self._items.get(("lesson", pack.id, module.id, lesson.id))
        if item is None:
            return
        standing = self._standing_of(pack, module, lesson)
        state = standing.state
        self._states[(pack.id, module.id, lesson.id)] = state
        words = standing_words(standing)
        if not self._changed(("lesson", pack.id, module.id, lesson.id), (state, words, theme)):
            return
        item.setData(0, STATE_ROLE, state.value)
        item.setData(0, STATE_TEXT_ROLE, "" if state is LessonState.NOT_STARTED else words)
        tone = {LessonState.PASSED: "passed", LessonState.COMPLETED: "not passed"}.get(state, "")
        item.setData(0, STATE_TONE_ROLE, tone)
        item.setIcon(0, state_icon(state, theme))
        item.setToolTip(0, self.tr("{lesson} ({state})").format(lesson=lesson.title, state=words))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, self.tr("{lesson}, {state}").format(lesson=lesson.title, state=words))

    def _changed(self, key: tuple[str, ...], drawing: tuple[object, ...]) -> bool:
        """Tell whether row ``key`` would be drawn differently from last time, and note the new drawing."""
        if self._drawn.get(key) == drawing:
            return False
        self._drawn[key] = drawing
        return True

    def _show_module_progress(self, pack: Pack, module: Module) -> None:
        item = self._items.get(("module", pack.id, module.id))
        if item is None:
            return
        states = [
            self._states.get((pack.id, module.id, lesson.id), LessonState.NOT_STARTED) for lesson in module.lessons
        ]
        total = len(states)
        progress = sum(state.done for state in states) / total if total else 0.0
        # the minutes help before starting; once lessons are done, the words about them need the room
        minutes = module.minutes
        if minutes and not progress:
            meta = self.tr("%n min · {progress}", "", minutes).format(progress=module_words(states))
        else:
            meta = module_words(states)
        if total and all(state is LessonState.PASSED for state in states):
            bar_tone = "passed"
        elif any(state is LessonState.COMPLETED for state in states):
            bar_tone = "not passed"  # never a green bar while a quiz is not passed
        else:
            bar_tone = ""
        if not self._changed(("module", pack.id, module.id), (progress, bar_tone, meta)):
            return
        item.setData(0, PROGRESS_ROLE, progress)
        item.setData(0, BAR_TONE_ROLE, bar_tone)
        item.setData(0, META_ROLE, meta)
        item.setToolTip(0, self.tr("{module}: {progress}").format(module=module.title, progress=meta))
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole, self.tr("Module: {module}, {progress}").format(module=module.title, progress=meta))

    # ---------------------------------------------------------------- slots

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        """Open a lesson, or show a module on the home screen."""
        key = item.data(0, KEY_ROLE)
        if not key:
            return
        pack = next((p for p in self._packs if p.id == key[1]), None)
        if pack is None:
            return
        if key[0] == "lesson":
            module = pack.module(key[2])
            lesson = pack.lesson(key[2], key[3])
            if module is not None and lesson is not None:
                self.lesson_requested.emit(pack, module, lesson)
        elif key[0] == "module":
            module = pack.module(key[2])
            if module is not None:
                self.module_requested.emit(pack, module)
