"""View > Language: the interface language of the learner's profile (system default, English, 简体中文)."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from app.model.progress import ProgressError
from app.ui import i18n
from app.ui.dialogs import inform, warn

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


class LanguageMenu(QMenu):
    """One checkable action per choice; a new choice is kept for the profile and used from the next start."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setTitle(self.tr("&Language"))
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.choices: dict[str, QAction] = {}
        system_name = i18n.NATIVE_NAMES[i18n.system_language()]
        labels = {
            i18n.SYSTEM: self.tr("System default (%1)").replace("%1", system_name),
            **i18n.NATIVE_NAMES,
        }
        for choice, label in labels.items():
            action = QAction(label, self)
            action.setCheckable(True)
            action.setData(choice)
            action.triggered.connect(lambda _checked=False, c=choice: self.choose(c))
            self.group.addAction(action)
            self.addAction(action)
            self.choices[choice] = action
        self.aboutToShow.connect(self.show_choice)
        self.show_choice()

    def stored_choice(self) -> str:
        """Return the profile's stored choice (system when none, or when it cannot be read)."""
        window = self.window_
        try:
            value = window.store.get_setting(i18n.profile_key(window.profile_id), i18n.SYSTEM)
        except (ProgressError, AttributeError):
            return i18n.SYSTEM
        return value if value in self.choices else i18n.SYSTEM

    def show_choice(self) -> None:
        """Check the action of the profile's stored choice."""
        self.choices[self.stored_choice()].setChecked(True)

    def choose(self, choice: str) -> None:
        """Keep ``choice`` for the profile (and for the next start); say when it takes effect."""
        window = self.window_
        try:
            window.store.set_setting(i18n.profile_key(window.profile_id), choice)
            window.store.set_setting(i18n.GLOBAL_KEY, choice)
        except ProgressError as error:
            warn(window, self.tr("Language"), str(error))
            return
        if i18n.resolve(choice, environment=False) != i18n.current_language():
            inform(
                window,
                self.tr("Language"),
                self.tr("Unspun will use this language the next time it starts."),
            )


def follow_profile_language(window: MainWindow) -> None:
    """Make the next start use the language of the profile now in use (after a profile switch)."""
    with contextlib.suppress(ProgressError):
        choice = window.store.get_setting(i18n.profile_key(window.profile_id), i18n.SYSTEM)
        window.store.set_setting(i18n.GLOBAL_KEY, choice)
