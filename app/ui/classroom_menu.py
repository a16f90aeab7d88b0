"""The File menu's classroom actions: Class report…, Join a class… and Send results to an LRS….

Kept apart from ``class_report.py`` so that building the menus does not import the class report
(its model, charts and tables) before the first paint: each action imports what it opens when it
is triggered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction

#: The LRS sender is set up this long after the main window is built, off the startup path.
LRS_START_DELAY_MS = 3000


def _install_lrs_sync(window: Any) -> None:
    """Set up the LRS sender (imported only now: it brings urllib and keyring)."""
    from app.ui.lrs_settings import install_lrs_sync

    install_lrs_sync(window)


def _open_lrs_settings(window: Any) -> None:
    """Show the LRS settings dialog."""
    from app.ui.lrs_settings import open_lrs_settings

    open_lrs_settings(window)


def classroom_actions(window: Any) -> list[QAction]:
    """Make File menu actions for the classroom: Class report… and Send results to an LRS…"""
    report_action = QAction(QCoreApplication.translate("ClassroomMenu", "&Class report…"), window)
    report_action.setStatusTip(QCoreApplication.translate("ClassroomMenu", "Open many learners' results files and see what the class found hard"))
    report_action.triggered.connect(lambda: _open_class_report(window))
    window.class_report_action = report_action
    window.lrs_sync = None
    # The sender is set up after the first paint; it sends nothing until a teacher turns sending on.
    QTimer.singleShot(LRS_START_DELAY_MS, window, lambda: _install_lrs_sync(window))
    # A machine-wide class file (IT's roll-out) is joined then too, once per profile.
    QTimer.singleShot(LRS_START_DELAY_MS, window, lambda: _apply_site_class(window))
    lrs_action = QAction(QCoreApplication.translate("ClassroomMenu", "Send results to an &LRS…"), window)
    lrs_action.setStatusTip(QCoreApplication.translate("ClassroomMenu", "Send results to a Learning Record Store"))
    lrs_action.triggered.connect(lambda: _open_lrs_settings(window))
    window.lrs_settings_action = lrs_action
    join_action = QAction(QCoreApplication.translate("ClassroomMenu", "&Join a class…"), window)
    join_action.setStatusTip(
        QCoreApplication.translate("ClassroomMenu", "Open the class file your teacher handed out and set this profile up for the class")
    )
    join_action.triggered.connect(lambda: _open_join_class(window))
    window.join_class_action = join_action
    return [report_action, join_action, lrs_action]


def _open_join_class(window: Any) -> None:
    """Ask for a class file and show the join dialog (imported only now)."""
    from app.ui.join_class import open_join_class

    open_join_class(window)


def _apply_site_class(window: Any) -> None:
    """Join the machine-wide class file's class, if IT put one on this computer."""
    from app.ui.join_class import apply_site_class_at_start

    apply_site_class_at_start(window)


def _open_class_report(window: Any) -> None:
    """Ask for results files and show their class report (the report's module is imported now)."""
    from app.ui.class_report import open_class_report

    open_class_report(window)
