"""The main window: a named state machine over the screens (home and lesson)."""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# Qt (the namespace) and the progress store are imported where they are used: importing Qt
# builds all of its enums (about 25 ms), and the loading window, shown first, needs neither.
from PySide6.QtCore import QByteArray, QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# Startup: nothing heavy at module level. The window is shown (loading) before the screens and the
# model are imported; build() imports them after the first paint (docs/performance.md).
from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.ui.theme import (
    SPACE_L,
    SPACE_S,
    SPACE_XS,
    ZOOM_STEP,
    apply_theme,
    set_theme_choice,
    set_zoom,
    theme_choice,
    theme_signals,
    zoom,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
    from PySide6.QtWidgets import QMenu

    from app.model.lesson_state import LessonStanding, LessonState
    from app.model.pack import Pack
    from app.model.problems import LoadResult
    from app.model.progress import ProgressStore
    from app.model.schema import Lesson, Module
    from app.model.session import LessonSession
    from app.ui.presentation import PresentationView
    from app.ui.shortcuts_dialog import ShortcutRow

APP_NAME = "Unspun"
LOADING_TEXT = QT_TRANSLATE_NOOP("MainWindow", "Loading lessons…")
LIBRARY_STATE, LESSON_STATE = "library", "lesson"
LIBRARY_PANEL_WIDTH = 260


def _lesson_session(
    pack: Pack, module: Module, lesson: Lesson, store: ProgressStore, profile_id: int
) -> LessonSession:
    """Start a learner's session in ``lesson`` (the model is imported once the window is shown)."""
    from app.model.session import LessonSession

    return LessonSession(pack, module, lesson, store, profile_id)


def _centred(label: QLabel, name: str) -> QWidget:
    """Return a page with ``label`` (named ``name`` for the style sheet) in its middle, set without Qt's enums."""
    label.setObjectName(name)
    page = QWidget()
    rows = QVBoxLayout(page)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(label)
    row.addStretch(1)
    rows.addStretch(1)
    rows.addLayout(row)
    rows.addStretch(1)
    return page


def _encode(data: QByteArray) -> str:
    return base64.b64encode(bytes(data.data())).decode("ascii")


def _decode(text: object) -> QByteArray | None:
    if not isinstance(text, str):
        return None
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except ValueError:
        return None


class MainWindow(QMainWindow):
    """Moves between named states ("library" and "lesson") over a stack of screens.

    ``store`` may be None only while loading (``packs`` None): start() shows the window before
    it opens the store, with the geometry read ahead (``saved_geometry``), and calls
    attach_store() before build().
    """

    state_changed = Signal(str)
    zoom_changed = Signal(float)
    store: ProgressStore
    profile_id: int

    def __init__(
        self,
        store: ProgressStore | None,
        profile_id: int,
        packs: Sequence[Pack] | None = (),
        icon: QIcon | None = None,
        parent: QWidget | None = None,
        *,
        saved_geometry: object = None,
    ) -> None:
        super().__init__(parent)
        if store is not None:
            self.attach_store(store, profile_id)
        self.packs: list[Pack] = list(packs or ())
        self.icon = icon if icon is not None else QIcon()
        self.state = ""
        self.session: LessonSession | None = None
        self.presentation: PresentationView | None = None  # set while a lesson is presented
        self.pending_problems: list[tuple[str, LoadResult]] = []
        self.data_dir: Path | None = None  # where installed packs go; set by the application
        self.setWindowTitle(APP_NAME)
        if not self.icon.isNull():
            self.setWindowIcon(self.icon)
        self.setMinimumSize(QSize(760, 520))
        # before the window is shown, so that it opens where it was left
        self._restore_geometry(store.get_setting("window/geometry") if store is not None else saved_geometry)
        self.built = False
        self._packs_pending = packs is None
        if packs is None:  # start() shows the window loading, and calls build() after its first paint
            self.setCentralWidget(_centred(QLabel(self.tr(LOADING_TEXT)), "muted"))
        else:
            self.build()

    def attach_store(self, store: ProgressStore, profile_id: int) -> None:
        """Record progress in ``store`` for the learner ``profile_id`` (before build())."""
        self.store = store
        self.profile_id = profile_id

    def build(self) -> None:
        """Build the top bar, menus, library and screens (once; set_packs builds them if need be)."""
        if self.built:
            return
        self.built = True
        from PySide6.QtCore import Qt

        from app.ui.home import HomeView
        from app.ui.lesson_player import LessonPlayerView
        from app.ui.library import LibraryPanel
        from app.ui.live_reload import LiveReloader
        from app.ui.mastery import MasteryWiring
        from app.ui.pack_library import PackInstaller
        from app.ui.problems_panel import ProblemsPanel

        self.mastery = MasteryWiring(self)  # profiles, dashboard, review and results

        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self._build_top_bar())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.library = LibraryPanel(self._lesson_standing)
        self.library.setMinimumWidth(200)
        self.library.lesson_requested.connect(self._on_library_lesson_requested)
        self.library.module_requested.connect(self._on_library_module_requested)
        self.library.continue_requested.connect(self.continue_learning)
        self.splitter.addWidget(self.library)

        self.stack = QStackedWidget()
        self.home = HomeView(self._lesson_state)
        self.home.lesson_requested.connect(self._on_library_lesson_requested)
        self.home.continue_requested.connect(self.continue_learning)
        self.player = LessonPlayerView()
        self.player.step_changed.connect(self._on_player_step_changed)
        self.player.completion_changed.connect(self._on_player_completion_changed)
        self.player.next_lesson_requested.connect(self._on_player_next_lesson_requested)
        self.player.module_requested.connect(self._on_player_module_requested)
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.player)
        self.screens = {LIBRARY_STATE: self.home, LESSON_STATE: self.player}
        self.mastery.add_screens()
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([LIBRARY_PANEL_WIDTH, 900])
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.problems_panel = ProblemsPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_panel)
        self.problems_panel.hide()
        # warnings alone do not open the panel: a count in the status bar does, when clicked
        self.problems_button = QPushButton(self)
        self.problems_button.setObjectName("problemsCount")
        self.problems_button.setFlat(True)
        self.problems_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.problems_button.clicked.connect(self.show_problems_panel)
        self.statusBar().addPermanentWidget(self.problems_button)
        self.problems_button.hide()
        self.problems_panel.reports_changed.connect(self._update_problems_button)
        self.problems_panel.visibilityChanged.connect(lambda _visible: self._update_problems_button())
        self.pack_installer = PackInstaller(self)
        self.live_reload = LiveReloader(self)

        self._build_menus()
        theme_signals().zoom_changed.connect(self._on_theme_zoom_changed)
        theme_signals().theme_changed.connect(self._on_theme_changed)
        self._following_theme = True

        self._restore_window_settings()
        if self._packs_pending:  # the packs are still loading (start() shows the window first)
            self.library.show_loading()
            self._move_to_state(LIBRARY_STATE)
        else:
            self.set_packs(self.packs)

    def set_packs(self, packs: Sequence[Pack]) -> None:
        """Show ``packs`` in the library and on the home screen."""
        self.build()
        self._packs_pending = False
        self.packs = list(packs)
        self.library.set_packs(self.packs)
        self.home.set_packs(self.packs)
        self._show_continue_target()
        self.mastery.show_home()

    # ---------------------------------------------------------------- building

    def _build_top_bar(self) -> QWidget:
        from PySide6.QtCore import Qt

        bar = QWidget()
        bar.setObjectName("topBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(SPACE_L, SPACE_S, SPACE_L, SPACE_S)
        layout.setSpacing(SPACE_XS)
        from app.ui.panel_toggle import PanelToggleButton

        # a switch for the side panel, not a page: set apart at the edge, its icon shows on or off
        self.library_button = PanelToggleButton(self.tr("Library panel"), self.tr("Show or hide the library (Ctrl+L)"))
        self.library_button.setChecked(True)
        self.library_button.toggled.connect(self._on_library_button_toggled)
        layout.addWidget(self.library_button)
        layout.addSpacing(SPACE_S)
        if not self.icon.isNull():
            mark = QLabel()
            mark.setPixmap(self.icon.pixmap(22, 22))
            mark.setContentsMargins(0, 0, SPACE_S, 0)
            layout.addWidget(mark)
        brand = QLabel(APP_NAME)
        brand.setObjectName("brand")
        layout.addWidget(brand)
        self.home_button = self._nav_button(self.tr("Home"), self.tr("Show the overview of your packs (Alt+Home)"))
        self.home_button.clicked.connect(self.show_library)
        layout.addWidget(self.home_button)
        self.mastery.add_nav_buttons(layout)
        layout.addStretch(1)
        layout.addWidget(self.mastery.profile_button)
        return bar

    def _nav_button(self, text: str, tip: str) -> QToolButton:
        from PySide6.QtCore import Qt

        button = QToolButton()
        button.setObjectName("navButton")
        button.setText(text)
        button.setAccessibleName(text)
        button.setToolTip(tip)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def _action(
        self, text: str, shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str], slot: object, tip: str = ""
    ) -> QAction:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([s if isinstance(s, QKeySequence) else QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_menus(self) -> None:
        from PySide6.QtGui import QKeySequence  # with QAction, imported after the first paint

        from app.ui.classroom_menu import classroom_actions
        from app.ui.handout_actions import HandoutActions

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.open_pack_action = self._action(
            self.tr("&Open pack…"), [QKeySequence.StandardKey.Open], self.open_pack_dialog
        )
        self.quit_action = self._action(self.tr("&Quit"), ["Ctrl+Q"], self.close)
        file_menu.addAction(self.open_pack_action)
        self.install_pack_action = self._action(self.tr("&Install pack…"), ["Ctrl+I"], self.pack_installer.install_dialog)
        self.remove_pack_action = self._action(self.tr("&Remove installed pack…"), [], self.pack_installer.remove_dialog)
        file_menu.addAction(self.install_pack_action)
        file_menu.addAction(self.remove_pack_action)
        self.mastery.add_file_actions(file_menu)
        self.handouts = HandoutActions(self)
        self.handouts.add_file_actions(file_menu)
        file_menu.addSeparator()
        file_menu.addActions(classroom_actions(self))  # class report; sending results to an LRS
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        view_menu = bar.addMenu(self.tr("&View"))
        self.zoom_in_action = self._action(self.tr("Zoom &in"), ["Ctrl+=", "Ctrl++"], self.zoom_in)
        self.zoom_out_action = self._action(self.tr("Zoom &out"), ["Ctrl+-"], self.zoom_out)
        self.reset_zoom_action = self._action(self.tr("&Reset zoom"), ["Ctrl+0"], self.reset_zoom)
        self.library_action = self._action(
            self.tr("Show &library panel"), ["Ctrl+L"], self._on_library_action_triggered
        )
        self.library_action.setCheckable(True)
        self.library_action.setChecked(True)
        for action in (self.zoom_in_action, self.zoom_out_action, self.reset_zoom_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        self._add_theme_menu(view_menu)
        view_menu.addAction(self.library_action)
        from app.ui.language_menu import LanguageMenu

        view_menu.addSeparator()
        self.language_menu = LanguageMenu(self)
        view_menu.addMenu(self.language_menu)
        self.present_action = self._action(
            self.tr("&Present lesson"), ["F5"], self.present_lesson,
            self.tr("Show the lesson full screen for a class; nothing is recorded"),
        )
        view_menu.addSeparator()
        view_menu.addAction(self.present_action)
        self.problems_action = self.problems_panel.toggleViewAction()
        self.problems_action.setText(self.tr("&Problems panel"))
        self.problems_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.addAction(self.problems_action)
        view_menu.addAction(self.problems_action)

        go_menu = bar.addMenu(self.tr("&Go"))
        self.home_action = self._action(self.tr("&Home"), ["Alt+Home"], self.show_library)
        # Only these change steps: PageUp, PageDown, Space and the arrows scroll the step instead.
        self.back_action = self._action(self.tr("&Back"), ["Alt+Left"], self.go_back)
        self.next_action = self._action(self.tr("&Next"), ["Alt+Right"], self.go_next)
        # no shortcut: Ctrl+Return means "submit" to most people (it once reloaded the quiz here)
        self.continue_action = self._action(self.tr("&Continue"), [], self.continue_learning)
        for action in (self.home_action, self.back_action, self.next_action, self.continue_action):
            go_menu.addAction(action)
        go_menu.addSeparator()
        self.submit_action = self._action(
            self.tr("Check or &submit"), ["Ctrl+Return", "Ctrl+Enter"], self.submit_step,
            self.tr("Check the question you are on, or submit the quiz"),
        )
        go_menu.addAction(self.submit_action)
        self.mastery.add_go_actions(go_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), ["Ctrl+/"], self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        self.authoring_guide_action = self._action(
            self.tr("&Writing lesson packs"), [], lambda: self.show_guide("authoring.md"),
            self.tr("How to write a pack of your own, step by step"),
        )
        self.format_guide_action = self._action(
            self.tr("Pack &format reference"), [], lambda: self.show_guide("pack-format.md"),
            self.tr("Every file and field of a lesson pack"),
        )
        self.teaching_guide_action = self._action(
            self.tr("&Teaching guide"), [], lambda: self.show_guide("teaching-guide.md"),
            self.tr("How to run each module with a class: aims, timing, discussion, rubrics, the before-and-after check"),
        )
        help_menu.addAction(self.teaching_guide_action)
        help_menu.addAction(self.authoring_guide_action)
        help_menu.addAction(self.format_guide_action)
        help_menu.addSeparator()
        self.about_action = self._action(self.tr("&About Unspun"), [], self.show_about)
        help_menu.addAction(self.about_action)

    # ---------------------------------------------------------------- states

    def _move_to_state(self, state: str) -> None:
        """Switch the centre to the screen of ``state`` and update title, buttons and actions."""
        self.state = state
        self.stack.setCurrentWidget(self.screens[state])
        in_lesson = state == LESSON_STATE and self.player.lesson is not None
        self.setWindowTitle(
            self.tr("{app} - {lesson}").format(app=APP_NAME, lesson=self.player.lesson.title)
            if in_lesson and self.player.lesson else APP_NAME
        )
        self.home_button.setChecked(state == LIBRARY_STATE)
        self.back_action.setEnabled(in_lesson)
        self.next_action.setEnabled(in_lesson)
        self.submit_action.setEnabled(in_lesson)
        self.state_changed.emit(state)

    def show_library(self) -> None:
        """Show the home screen: where to continue, and every pack's modules."""
        self.home.refresh()
        self._show_continue_target()
        self.library.clear_selection()
        self._move_to_state(LIBRARY_STATE)

    def open_lesson(self, pack: Pack, module: Module, lesson: Lesson, step_index: int | None = None) -> None:
        """Play ``lesson`` from ``step_index`` (default: where the learner left it, else the start)."""
        if step_index is None:
            step_index = self._resume_index(pack, module, lesson)
        if self._playing(pack, module, lesson):
            # the lesson is still in the player (Home, then back): show its steps as they were left
            self.player.open_step(step_index)
            self.library.select_lesson(pack, module, lesson)
            self._move_to_state(LESSON_STATE)
            self.player.focus_step()
            return
        # the player may have built the lesson's first step already, with the session to play it
        self.session = self.player.prepared_session(
            pack, module, lesson, self.store, self.profile_id
        ) or _lesson_session(pack, module, lesson, self.store, self.profile_id)
        self.player.set_lesson(
            pack, module, lesson, self.session, step_index, self._next_lesson_title(pack, module, lesson)
        )
        self.library.select_lesson(pack, module, lesson)
        self._move_to_state(LESSON_STATE)
        self.player.focus_step()  # not the top bar: the learner reads on from the step

    def _playing(self, pack: Pack, module: Module, lesson: Lesson) -> bool:
        """Tell whether the player holds ``lesson``, recorded for the current learner in the current store."""
        session = self.session
        return (
            session is not None
            and self.player.session is session
            and self.player.pack is pack
            and self.player.module is module
            and self.player.lesson is lesson
            and session.store is self.store
            and session.profile_id == self.profile_id
        )

    def continue_learning(self) -> None:
        """Return to the step opened last; with no history, start the first lesson.

        On the step opened last it does nothing: continuing never reloads (and so never clears) a step.
        """
        target = self.continue_target()
        if target is not None:
            pack, module, lesson, index = target
            if self.state == LESSON_STATE and self._playing(pack, module, lesson) \
                    and self.player.current_index == index:
                self.player.focus_step()
                return
            self.open_lesson(pack, module, lesson, index)
        elif self.packs:
            pack = self.packs[0]
            module = pack.modules[0]
            self.open_lesson(pack, module, module.lessons[0], 0)
        else:
            self.show_library()

    def go_next(self) -> None:
        """Open the next step of the lesson that is open."""
        if self.state == LESSON_STATE:
            self.player.go_next()

    def go_back(self) -> None:
        """Open the previous step of the lesson that is open."""
        if self.state == LESSON_STATE:
            self.player.go_back()

    # ---------------------------------------------------------------- packs

    def add_pack(self, pack: Pack) -> None:
        """Add ``pack`` to the library, replacing a loaded pack with the same id."""
        for index, existing in enumerate(self.packs):
            if existing.id == pack.id:
                self.packs[index] = pack
                break
        else:
            self.packs.append(pack)
        if self.state == LESSON_STATE and self.player.pack is not None and self.player.pack.id == pack.id:
            self.show_library()
        self.library.set_packs(self.packs)
        self.home.set_packs(self.packs)
        self._show_continue_target()

    def open_pack_dialog(self) -> None:
        """Ask for a pack (its pack.yaml or a .zip) and open it where it lies."""
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open pack"), str(Path.home()), self.tr("Lesson packs (pack.yaml *.zip);;All files (*)")
        )
        if path:
            self.open_pack_path(path)

    def open_pack_path(self, path: str) -> Pack | None:
        """Load the pack at ``path``; show it, or show its problems. Return the pack when it loaded."""
        from app.model.loader import load_pack

        result = load_pack(path)
        self.show_problems(path, result)
        self.live_reload.watch(path, result.pack)  # a broken pack too: fixing it opens it
        if not result.ok or result.pack is None:
            return None
        self.add_pack(result.pack)
        self.show_library()
        # show where it went: selected in the library, its first module on the home screen, and a word
        self.library.select_pack(result.pack.id)
        module = result.pack.modules[0]
        self.home.show_module(result.pack, module)
        self.statusBar().showMessage(f"Opened “{result.pack.title}”: it is selected in the library.", 8000)
        return result.pack

    def show_problems(self, path: str, result: LoadResult) -> None:
        """List the problems of the pack at ``path`` in the Problems panel, or clear them when it has none.

        The panel opens by itself only for errors (the pack cannot play); warnings are listed and
        counted in the status bar, where a click opens the panel.
        """
        if result.problems:
            self.problems_panel.show_report(
                path,
                result,
                result.pack.source if result.pack is not None else None,
                reveal=bool(result.errors),
            )
        else:
            self.problems_panel.clear_report(path)

    def show_problems_panel(self) -> None:
        """Open the Problems panel (the status bar's count was clicked)."""
        self.problems_panel.show()
        self.problems_panel.raise_()

    def _update_problems_button(self) -> None:
        """Count the listed problems in the status bar while the panel is closed."""
        errors, warnings = self.problems_panel.counts()
        if errors:
            text = self.tr("%n error(s)", "", errors)
        elif warnings:
            text = self.tr("%n warning(s)", "", warnings)
        else:
            text = ""
        self.problems_button.setText(self.tr("⚠ {count}").format(count=text) if text else "")
        self.problems_button.setToolTip(self.tr("Problems found in packs, for their authors: click to see them"))
        self.problems_button.setAccessibleName(text)
        self.problems_button.setVisible(bool(text) and self.problems_panel.isHidden())

    def show_pending_problems(self) -> None:
        """List the problems of the packs that failed, or warned, while starting."""
        pending, self.pending_problems = self.pending_problems, []
        for path, result in pending:
            self.show_problems(path, result)

    def submit_step(self) -> None:
        """Ctrl+Return: check the question in focus, or submit the quiz (save a reflection) shown."""
        if self.state == LESSON_STATE:
            self.player.submit_step()

    def shortcut_groups(self) -> list[tuple[str, list[ShortcutRow]]]:
        """Return the whole keyboard map, grouped: the menus' shortcuts and the keys inside a step."""
        from app.ui.shortcuts_dialog import ShortcutRow, action_row

        def rows(*actions: QAction) -> list[ShortcutRow]:
            return [action_row(action) for action in actions]

        mastery = self.mastery
        groups = [
            (self.tr("Moving around"), [
                *rows(self.home_action, self.back_action, self.next_action),
                action_row(mastery.review_action, self.tr("Review questions due")),
                action_row(mastery.dashboard_action, self.tr("Dashboard")),
                action_row(self.library_action, self.tr("Show or hide the library panel")),
                ShortcutRow(self.tr("Next or previous control, in reading order"), self.tr("Tab or Shift+Tab")),
                ShortcutRow(self.tr("Move along the step dots; Return opens one"), self.tr("Left, Right, Home, End")),
            ]),
            (self.tr("Answering"), [
                action_row(self.submit_action, self.tr("Check the question, or submit the quiz")),
                ShortcutRow(self.tr("Press the focused button"), self.tr("Return or Space")),
                ShortcutRow(self.tr("Check a short answer"), self.tr("Return")),
                ShortcutRow(self.tr("Choose an answer, move an item, change a rating"), self.tr("Arrow keys, Space")),
                ShortcutRow(self.tr("Select words to mark"), self.tr("Shift+arrow keys")),
                ShortcutRow(self.tr("Mark the selected words"), self.tr("Ctrl+M")),
            ]),
            (self.tr("Reading"), [
                ShortcutRow(self.tr("Scroll down or up a screen"), self.tr("PgDown or PgUp, Space or Shift+Space")),
                ShortcutRow(self.tr("Scroll a little"), self.tr("Down or Up")),
            ]),
            (self.tr("View"), [
                *rows(self.zoom_in_action, self.zoom_out_action, self.reset_zoom_action),
                *rows(self.present_action, self.problems_action),
                ShortcutRow(self.tr("Presenting: show the next item or step"), self.tr("Space or Right")),
                ShortcutRow(self.tr("Presenting: go back one item"), self.tr("Left")),
                ShortcutRow(self.tr("Presenting: leave"), self.tr("Escape")),
            ]),
        ]
        listed = {row.what for _title, group in groups for row in group}
        others = [  # any other menu action with a key (exports, say): the map never misses one
            action_row(action)
            for action in self.actions()
            if action.shortcuts() and action not in (self.shortcuts_action, self.quit_action)
            and action_row(action).what not in listed
        ]
        groups.append((self.tr("File and help"), [*others, *rows(self.shortcuts_action, self.quit_action)]))
        return groups

    def show_shortcuts(self) -> None:
        """Show the keyboard map (Help > Keyboard shortcuts)."""
        from app.ui.shortcuts_dialog import KeyboardShortcutsDialog

        KeyboardShortcutsDialog(self.shortcut_groups(), self).exec()

    def show_guide(self, file_name: str) -> None:
        """Show a guide that ships with the app: for teachers or pack authors (app/resources.py GUIDES)."""
        from app.ui.guide_dialog import GuideDialog

        GuideDialog(file_name, self).exec()

    def show_about(self) -> None:
        """Show the version and the licences of the libraries used."""
        from app.ui.about_dialog import AboutDialog

        AboutDialog(self.icon, self).exec()

    def present_lesson(self) -> None:
        """Show the open lesson, or one picked from a list, full screen for a class (F5)."""
        from app.ui.presentation import present_lesson

        present_lesson(self)

    # ---------------------------------------------------------------- zoom

    def zoom_in(self) -> None:
        """Make text larger."""
        set_zoom(zoom() + ZOOM_STEP)

    def zoom_out(self) -> None:
        """Make text smaller."""
        set_zoom(zoom() - ZOOM_STEP)

    def reset_zoom(self) -> None:
        """Show text at its normal size."""
        set_zoom(1.0)

    def _on_theme_zoom_changed(self, factor: float) -> None:
        """Restyle at the new text size, tell Markdown views and listeners, and remember it."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app)
        self.library.tree.doItemsLayout()
        self._save_setting("view/zoom", factor)
        self.zoom_changed.emit(factor)

    def _on_theme_changed(self, _theme: object) -> None:
        """Redraw what is painted by hand (state icons) in the new colours."""
        self.library.refresh_states()

    # ---------------------------------------------------------------- progress lookups

    def _lesson_state(self, pack: Pack, module: Module, lesson: Lesson) -> LessonState:
        from app.model.session import lesson_state

        return lesson_state(self.store, self.profile_id, pack, module, lesson)

    def _lesson_standing(self, pack: Pack, module: Module, lesson: Lesson) -> LessonStanding:
        from app.model.session import lesson_standing

        return lesson_standing(self.store, self.profile_id, pack, module, lesson)

    def continue_target(self) -> tuple[Pack, Module, Lesson, int] | None:
        """Find the pack, module, lesson and step index opened last, if they still exist."""
        position = self.store.last_position(self.profile_id)
        if position is None:
            return None
        pack = next((p for p in self.packs if p.id == position.pack_id), None)
        if pack is None:
            return None
        module = pack.module(position.module_id)
        lesson = pack.lesson(position.module_id, position.lesson_id)
        if module is None or lesson is None:
            return None
        from app.model.schema import step_key

        keys = [step_key(step, i) for i, step in enumerate(lesson.steps)]
        index = keys.index(position.step_key) if position.step_key in keys else 0
        return pack, module, lesson, index

    def _resume_index(self, pack: Pack, module: Module, lesson: Lesson) -> int:
        target = self.continue_target()
        if (
            target is not None
            and target[0].id == pack.id
            and target[1].id == module.id
            and target[2].id == lesson.id
        ):
            return target[3]
        return 0

    def _next_lesson_title(self, pack: Pack, module: Module, lesson: Lesson) -> str | None:
        following = self._following_lesson(pack, module, lesson)
        return following[1].title if following else None

    @staticmethod
    def _following_lesson(pack: Pack, module: Module, lesson: Lesson) -> tuple[Module, Lesson] | None:
        """Return the lesson after ``lesson`` in reading order (crossing into the next module)."""
        from app.ui.lesson_player import following_lesson

        return following_lesson(pack, module, lesson)

    def _show_continue_target(self) -> None:
        target = self.continue_target()
        if target is None:
            self.library.set_continue_target(None)
            self.home.set_continue(None)
            self.continue_action.setText(self.tr("&Start learning") if self.packs else self.tr("&Continue"))
            self.continue_action.setEnabled(bool(self.packs))
            return
        _pack, module, lesson, index = target
        self.library.set_continue_target(
            self.tr("{lesson}, step {step} of {steps}").format(lesson=lesson.title, step=index + 1, steps=len(lesson.steps))
        )
        self.home.set_continue(
            lesson.title,
            self.tr("{module} · step {step} of {steps}").format(module=module.title, step=index + 1, steps=len(lesson.steps)),
        )
        self.continue_action.setText(self.tr("&Continue"))
        self.continue_action.setEnabled(True)

    # ---------------------------------------------------------------- slots

    def _on_library_lesson_requested(self, pack: Pack, module: Module, lesson: Lesson) -> None:
        """Open the lesson picked in the library or on a module card."""
        self.open_lesson(pack, module, lesson)

    def _on_library_module_requested(self, pack: Pack, module: Module) -> None:
        """Show the module's card on the home screen."""
        self.show_library()
        self.home.show_module(pack, module)

    def _on_player_step_changed(self, _index: int) -> None:
        """Redraw the open lesson's state: opening a step may start or complete it."""
        self._refresh_open_lesson()

    def _on_player_completion_changed(self) -> None:
        """Redraw the open lesson's state after a submitted quiz or a saved reflection."""
        self._refresh_open_lesson()

    def _on_player_next_lesson_requested(self) -> None:
        """Go on to the following lesson, or back home after the last one."""
        pack, module, lesson = self.player.pack, self.player.module, self.player.lesson
        if pack is None or module is None or lesson is None:
            return
        following = self._following_lesson(pack, module, lesson)
        if following is None:
            self.show_library()
        else:
            self.open_lesson(pack, following[0], following[1], 0)

    def _on_player_module_requested(self) -> None:
        """Show the open lesson's module on the home screen."""
        if self.player.pack is not None and self.player.module is not None:
            self._on_library_module_requested(self.player.pack, self.player.module)

    def _on_library_button_toggled(self, shown: bool) -> None:
        """Show or hide the library panel."""
        self.set_library_visible(shown)

    def _on_library_action_triggered(self) -> None:
        """Show or hide the library panel from the View menu."""
        self.set_library_visible(self.library_action.isChecked())

    def set_library_visible(self, shown: bool) -> None:
        """Show or hide the library panel, keeping the menu and the top bar in step."""
        self.library.setVisible(shown)
        for control in (self.library_button, self.library_action):
            control.blockSignals(True)
            control.setChecked(shown)
            control.blockSignals(False)

    def _refresh_open_lesson(self) -> None:
        if self.player.pack is not None and self.player.module is not None and self.player.lesson is not None:
            self.library.refresh_lesson(self.player.pack, self.player.module, self.player.lesson)
        self._show_continue_target()

    # ---------------------------------------------------------------- remembering the window

    def _save_setting(self, key: str, value: object) -> None:
        from app.model.progress import ProgressError

        with contextlib.suppress(ProgressError):  # a lost window size is not worth interrupting the learner
            self.store.set_setting(key, value)

    def save_window_settings(self) -> None:
        """Remember size, position, splitters, the library panel and the zoom."""
        self._save_setting("window/geometry", _encode(self.saveGeometry()))
        self._save_setting("window/main_splitter", _encode(self.splitter.saveState()))
        self._save_setting("window/player_splitter", _encode(self.player.splitter.saveState()))
        self._save_setting("window/library_visible", self.library.isVisibleTo(self))
        self._save_setting("view/zoom", self.presentation.learner_zoom() if self.presentation else zoom())

    def _restore_geometry(self, saved: object) -> None:
        geometry = _decode(saved)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)

    def _add_theme_menu(self, view_menu: QMenu) -> None:
        """View > Theme: follow the system, light or dark, remembered between runs."""
        from PySide6.QtGui import QAction, QActionGroup

        menu = view_menu.addMenu(self.tr("&Theme"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for choice, text in (
            ("system", self.tr("Follow the &system")), ("light", self.tr("&Light")), ("dark", self.tr("&Dark"))
        ):
            action = QAction(text, self)
            action.setCheckable(True)
            action.setChecked(choice == theme_choice())
            action.triggered.connect(lambda _checked=False, choice=choice: self.choose_theme(choice))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[choice] = action

    def choose_theme(self, choice: str) -> None:
        """Switch to the theme ``choice`` (system, light or dark) now, and remember it."""
        chosen = set_theme_choice(choice)
        if hasattr(self, "theme_actions"):
            self.theme_actions[chosen].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app)
        self._save_setting("view/theme", chosen)

    def _restore_window_settings(self) -> None:
        main_splitter = _decode(self.store.get_setting("window/main_splitter"))
        if main_splitter is not None:
            self.splitter.restoreState(main_splitter)
        player_splitter = _decode(self.store.get_setting("window/player_splitter"))
        if player_splitter is not None:
            self.player.splitter.restoreState(player_splitter)
        self.set_library_visible(bool(self.store.get_setting("window/library_visible", True)))
        if self.store.get_setting("view/theme", "system") != theme_choice():
            self.choose_theme(str(self.store.get_setting("view/theme", "system")))
        saved_zoom = self.store.get_setting("view/zoom", 1.0)
        set_zoom(float(saved_zoom) if isinstance(saved_zoom, (int, float)) else 1.0)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember the window before it closes, and stop following theme changes."""
        if not self.built:  # closed while loading: nothing was changed
            super().closeEvent(event)
            return
        self.player.flush_drafts()  # an answer typed a moment ago is kept before anything else
        self.save_window_settings()
        self.mastery.finish_session()
        if self._following_theme:
            self._following_theme = False
            theme_signals().zoom_changed.disconnect(self._on_theme_zoom_changed)
            theme_signals().theme_changed.disconnect(self._on_theme_changed)
        super().closeEvent(event)
