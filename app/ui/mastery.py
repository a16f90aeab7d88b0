"""Profiles, the dashboard, Review and results, wired into the main window as a few named states.

``MasteryWiring`` builds the two screens ("dashboard" and "review"), the top bar's Dashboard and
Review (n) buttons, the profile menu, and the File and Go menu actions; the window calls it from a
handful of lines. It reads the window's packs, store and profile when it needs them, so that
loading packs or switching learner needs no extra bookkeeping.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QHBoxLayout, QMenu

from app.model.progress import ProgressError
from app.ui.profiles import ProfileMenuButton

if TYPE_CHECKING:
    from PySide6.QtWidgets import QToolButton

    from app.model.progress import RecoveryReport
    from app.ui.dashboard import DashboardView
    from app.ui.main_window import MainWindow
    from app.ui.review import ReviewView

DASHBOARD_STATE, REVIEW_STATE = "dashboard", "review"

#: how often the top bar recounts the reviews due: items fall due as time passes, with no event
REVIEW_RECOUNT_MS = 60_000


class ReviewRecountTimer(QObject):
    """Calls ``recount`` every minute and whenever ``window`` becomes the active window."""

    def __init__(self, window: QObject, recount: Callable[[], None]) -> None:
        super().__init__(window)
        self._recount = recount
        self.timer = QTimer(self)
        self.timer.setInterval(REVIEW_RECOUNT_MS)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.timer.start()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self._recount()
        return False

    def _on_timer_timeout(self) -> None:
        """Recount: something may have fallen due since the last count."""
        self._recount()
LESSON_STATE, LIBRARY_STATE = "lesson", "library"


class MasteryWiring:
    """The mastery screens and controls of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        #: When review schedules are read and written; None means now (tests move it forward).
        self.clock: Callable[[], datetime | None] = lambda: None
        # The screens are built when first needed: their imports (fsrs, the question widgets) would
        # otherwise delay the window's first paint.
        self._dashboard: DashboardView | None = None
        self._review: ReviewView | None = None
        self.profile_button = ProfileMenuButton(window.store, window.profile_id)
        self.profile_button.profile_requested.connect(self.switch_profile)
        self._state = ""
        window.state_changed.connect(self._on_window_state_changed)

    # ------------------------------------------------------------ building (called by the window)

    def add_nav_buttons(self, layout: QHBoxLayout) -> None:
        """Add Dashboard and Review (n) to the top bar, after Home."""
        window = self.window
        self.dashboard_button: QToolButton = window._nav_button(
            QCoreApplication.translate("MasteryWiring", "Dashboard"),
            QCoreApplication.translate("MasteryWiring", "Your progress: scores, techniques, time and before-and-after (Ctrl+D)"),
        )
        self.dashboard_button.clicked.connect(self.show_dashboard)
        self.review_button: QToolButton = window._nav_button(
            QCoreApplication.translate("MasteryWiring", "Review"), QCoreApplication.translate("MasteryWiring", "Practise the questions due again (Ctrl+R)")
        )
        self.review_button.clicked.connect(self.show_review)
        layout.addWidget(self.dashboard_button)
        layout.addWidget(self.review_button)

    def add_screens(self) -> None:
        """Recount reviews after quizzes; the dashboard and Review join the stack when first shown."""
        self.window.player.completion_changed.connect(self.refresh_review_count)
        self.recount_timer = ReviewRecountTimer(self.window, self.refresh_review_count)

    @property
    def dashboard(self) -> DashboardView:
        """Return the dashboard screen, building it and adding it to the window's states on first use."""
        if self._dashboard is None:
            from app.ui.dashboard import DashboardView

            window = self.window
            self._dashboard = DashboardView(window.store, window.profile_id)
            self._dashboard.clock = lambda: self.clock()  # one due count: the top bar's moment
            self._dashboard.continue_requested.connect(window.continue_learning)
            self._dashboard.review_requested.connect(self.show_review)
            self._dashboard.home_requested.connect(window.show_library)
            window.stack.addWidget(self._dashboard)
            window.screens[DASHBOARD_STATE] = self._dashboard
        return self._dashboard

    @property
    def review(self) -> ReviewView:
        """Return the Review screen, building it and adding it to the window's states on first use."""
        if self._review is None:
            from app.ui.review import ReviewView

            window = self.window
            self._review = ReviewView(window.store, window.profile_id, clock=lambda: self.clock())
            self._review.reviewed.connect(self.refresh_review_count)
            self._review.home_requested.connect(self.show_home)
            window.stack.addWidget(self._review)
            window.screens[REVIEW_STATE] = self._review
        return self._review

    def add_file_actions(self, menu: QMenu) -> None:
        """Add Export results… and Import results… to the File menu."""
        window = self.window
        self.export_action = window._action(QCoreApplication.translate("MasteryWiring", "&Export results…"), ["Ctrl+E"], lambda: self.export_results())
        self.export_action.setStatusTip(QCoreApplication.translate("MasteryWiring", "Save your results for a teacher, as xAPI statements or a spreadsheet"))
        self.import_action = window._action(QCoreApplication.translate("MasteryWiring", "Import &results…"), [], lambda: self.import_results())
        self.import_action.setStatusTip(QCoreApplication.translate("MasteryWiring", "Merge results exported from Unspun, on this computer or another"))
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)

    def add_go_actions(self, menu: QMenu) -> None:
        """Add Dashboard and Review to the Go menu."""
        window = self.window
        self.dashboard_action = window._action(QCoreApplication.translate("MasteryWiring", "&Dashboard"), ["Ctrl+D"], self.show_dashboard)
        self.review_action = window._action(QCoreApplication.translate("MasteryWiring", "&Review"), ["Ctrl+R"], self.show_review)
        menu.addSeparator()
        menu.addAction(self.dashboard_action)
        menu.addAction(self.review_action)

    # ------------------------------------------------------------ states

    def learner_started(self) -> bool:
        """Tell whether the learner has started anything in the loaded packs (without building the dashboard)."""
        from app.model.dashboard import dashboard_data, learner_started

        if self._dashboard is not None:
            self._dashboard.set_profile(self.window.profile_id)
            self._dashboard.set_packs(self.window.packs)
            return self._dashboard.started()
        try:
            return learner_started(dashboard_data(self.window.store, self.window.profile_id, self.window.packs))
        except ProgressError:
            return False

    def show_home(self) -> None:
        """Show the dashboard when the learner has started something in the loaded packs, else Home."""
        if self.learner_started():
            self.show_dashboard()
        else:
            self.window.show_library()

    def show_dashboard(self) -> None:
        """Show the learner's progress."""
        self.dashboard.set_profile(self.window.profile_id)
        self.dashboard.set_packs(self.window.packs)
        self.dashboard.refresh()
        self.window.library.clear_selection()
        self.window._move_to_state(DASHBOARD_STATE)
        if self.dashboard.continue_button is not None:
            self.dashboard.continue_button.setFocus()

    def show_review(self) -> None:
        """Show the questions due for review."""
        self.review.set_profile(self.window.profile_id)
        self.review.set_packs(self.window.packs)
        self.review.home_text = (
            QCoreApplication.translate("MasteryWiring", "Back to the dashboard") if self.learner_started() else QCoreApplication.translate("MasteryWiring", "Back to the lessons")
        )
        self.review.refresh()
        self.window.library.clear_selection()
        self.window._move_to_state(REVIEW_STATE)

    def refresh_review_count(self) -> None:
        """Show how many questions are due in the top bar and the Go menu."""
        # counted from the model, as the dashboard counts (review.due_count): building the Review
        # screen (question widgets, fsrs) only to count would cost the first paint of the library
        from app.model import review

        try:
            count = review.due_count(
                self.window.store, self.window.profile_id, self.clock(), packs=self.window.packs
            )
        except ProgressError:
            count = 0
        if hasattr(self, "review_button"):
            self.review_button.setText(QCoreApplication.translate("MasteryWiring", "Review ({count})").format(count=count) if count else QCoreApplication.translate("MasteryWiring", "Review"))
            self.review_button.setAccessibleName(
                (QCoreApplication.translate("MasteryWiring", "Review, 1 question due") if count == 1 else QCoreApplication.translate("MasteryWiring", "Review, {count} questions due").format(count=count)) if count else QCoreApplication.translate("MasteryWiring", "Review, nothing due")
            )
        if hasattr(self, "review_action"):
            self.review_action.setText(QCoreApplication.translate("MasteryWiring", "&Review ({count})").format(count=count) if count else QCoreApplication.translate("MasteryWiring", "&Review"))

    def finish_session(self) -> None:
        """Record the time on the step open in the lesson being left."""
        session = self.window.session
        if session is not None:
            with contextlib.suppress(ProgressError):  # lost seconds are not worth interrupting the learner
                session.finish()

    def _on_window_state_changed(self, state: str) -> None:
        """Mark the current screen's button, close the lesson's clock on leaving it, and recount reviews."""
        if self._state == LESSON_STATE and state != LESSON_STATE:
            self.finish_session()
        self._state = state
        if hasattr(self, "dashboard_button"):
            self.dashboard_button.setChecked(state == DASHBOARD_STATE)
            self.review_button.setChecked(state == REVIEW_STATE)
        self.refresh_review_count()

    # ------------------------------------------------------------ profiles

    def switch_profile(self, profile_id: int) -> None:
        """Make ``profile_id`` the learner: record it as last used, and redraw every screen for them."""
        window = self.window
        if window.state == LESSON_STATE:
            self.finish_session()
        try:
            window.store.touch_profile(profile_id)
        except ProgressError as error:
            from app.ui.results_dialogs import show_progress_error

            show_progress_error(window, error)
        window.session = None
        window.profile_id = profile_id
        self.profile_button.set_profile(profile_id)
        from app.ui.language_menu import follow_profile_language

        follow_profile_language(window)  # the next start speaks this learner's language
        window.library.refresh_states()
        window.home.refresh()
        window._show_continue_target()
        self._state = ""  # the lesson was closed above: do not close it twice
        self.show_home()

    # ------------------------------------------------------------ results

    def show_recovery(self, report: RecoveryReport | None) -> None:
        """Tell the learner that their progress file was restored from a backup or started afresh."""
        if report is not None:
            from app.ui.results_dialogs import show_recovery

            show_recovery(self.window, report)

    def export_results(self, path: str | None = None) -> int | None:
        """Export the learner's results (asking where, unless ``path`` is given)."""
        from app.ui.results_dialogs import export_results

        window = self.window
        return export_results(window, window.store, window.profile_id, window.packs, path)

    def import_results(self, path: str | None = None) -> object:
        """Import a results file (asking which, unless ``path`` is given) and redraw what it changed."""
        from app.ui.results_dialogs import import_results

        summary = import_results(self.window, self.window.store, path)
        if summary is not None:
            self.profile_button.rebuild_menu()
            self.window.library.refresh_states()
            self.window.home.refresh()
            if self.window.state == DASHBOARD_STATE:
                self.show_dashboard()
            self.refresh_review_count()
        return summary
