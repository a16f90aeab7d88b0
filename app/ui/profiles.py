"""Profiles in the top bar: a menu to switch learner, and to create, rename or delete one.

Each profile keeps its own progress in the store. The menu asks the window to switch through
``profile_requested``; the window then redraws everything for that learner. Dialogs are module
functions (``ask_text`` from ``app.ui.dialogs``, ``confirm_delete``, ``show_profile_error``) so that
tests can replace them.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import (
    QMenu,
    QToolButton,
    QWidget,
)

from app.model.i18n_marks import QT_TRANSLATE_NOOP
from app.model.progress import MAX_PROFILE_NAME, ProgressError
from app.ui.charts import duration_text
from app.ui.dialogs import ask_text, ask_yes_no, warn
from app.ui.icons import drawn_icon
from app.ui.theme import current_theme, scaled, text_on, theme_signals, ui_font

if TYPE_CHECKING:
    from app.model.progress import Profile, ProgressStore


# ---------------------------------------------------------------- dialogs (tests replace these)


def confirm_delete(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask before deleting a profile; Cancel is the default. Return True to delete."""
    return ask_yes_no(parent, title, text, QCoreApplication.translate("Profiles", "Delete profile"), destructive=True)


def show_profile_error(parent: QWidget | None, text: str) -> None:
    """Say why a profile could not be changed."""
    warn(parent, QCoreApplication.translate("Profiles", "Profile not changed"), text)


# ---------------------------------------------------------------- what a profile holds


def avatar_icon(name: str, size: int = 22) -> QIcon:
    """Draw a round avatar with the profile's initial, in the theme's accent colour."""
    accent = QColor(current_theme().accent)
    initial = next((char for char in name if char.isalnum()), "?").upper()

    def draw(painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawEllipse(QRectF(0, 0, size, size))
        font = ui_font(size * 0.55)
        font.setPixelSize(round(size * 0.55))
        font.setWeight(QFont.Weight.Bold)
        painter.setFont(font)
        painter.setPen(text_on(accent))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initial)

    return drawn_icon(size, draw)


def profile_losses(store: ProgressStore, profile_id: int) -> list[str]:
    """List what deleting a profile loses, in words ("3 quiz attempts", "1 h 5 min of study")."""
    held = store.profile_holdings(profile_id)
    # pyside6-lupdate takes no plural forms from QCoreApplication.translate: one sentence for one, one for more
    counts = (
        (held.attempts, QT_TRANSLATE_NOOP("Profiles", "1 quiz attempt"), QT_TRANSLATE_NOOP("Profiles", "{count} quiz attempts")),
        (held.checks, QT_TRANSLATE_NOOP("Profiles", "1 checked answer"), QT_TRANSLATE_NOOP("Profiles", "{count} checked answers")),
        (held.reflections, QT_TRANSLATE_NOOP("Profiles", "1 reflection"), QT_TRANSLATE_NOOP("Profiles", "{count} reflections")),
        (held.lessons_opened, QT_TRANSLATE_NOOP("Profiles", "1 lesson opened"), QT_TRANSLATE_NOOP("Profiles", "{count} lessons opened")),
        (held.review_items, QT_TRANSLATE_NOOP("Profiles", "1 question in review"), QT_TRANSLATE_NOOP("Profiles", "{count} questions in review")),
    )
    lines = [
        QCoreApplication.translate("Profiles", one if number == 1 else many).format(count=number)
        for number, one, many in counts
        if number
    ]
    if held.seconds_studied >= 60:
        lines.append(
            QCoreApplication.translate("Profiles", "{duration} of study time").format(
                duration=duration_text(held.seconds_studied)
            )
        )
    return lines


def delete_question(store: ProgressStore, profile: Profile) -> str:
    """Write the confirmation text for deleting ``profile``: whose progress, and exactly what goes."""
    losses = profile_losses(store, profile.id)
    if losses:
        held = "\n".join(f"•  {line}" for line in losses)
        paragraphs = [
            QCoreApplication.translate(
                "Profiles", "This deletes everything recorded for {name} on this computer:"
            ).format(name=profile.name),
            held,
        ]
    else:
        paragraphs = [
            QCoreApplication.translate("Profiles", "{name} has no progress recorded yet.").format(name=profile.name)
        ]
    paragraphs.append(
        QCoreApplication.translate(
            "Profiles", "It cannot be undone. To keep a copy for a teacher, choose File › Export results… first."
        )
    )
    # the paragraphs are whole sentences; the list between them is the profile's own counts
    return "\n\n".join(paragraphs)


# ---------------------------------------------------------------- the menu button


class ProfileMenuButton(QToolButton):
    """The learner's name in the top bar; its menu switches, creates, renames and deletes profiles."""

    #: switch to this profile (after picking, creating, or deleting the current one)
    profile_requested = Signal(int)
    #: a profile was created, renamed or deleted (names elsewhere may need redrawing)
    profiles_changed = Signal()

    def __init__(self, store: ProgressStore, profile_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.profile_id = profile_id
        self.setObjectName("profileButton")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.profile_menu = QMenu(self)
        self.profile_menu.setObjectName("profileMenu")
        self.profile_menu.aboutToShow.connect(self._on_profile_menu_about_to_show)
        self.setMenu(self.profile_menu)
        self.switch_group = QActionGroup(self)
        self.switch_group.setExclusive(True)
        self.set_profile(profile_id)
        self._restyle()
        theme_signals().theme_changed.connect(self._on_theme_changed)
        theme_signals().zoom_changed.connect(self._on_theme_zoom_changed)

    def _restyle(self) -> None:
        """Style the button like the top bar's other entries, with the avatar in the theme's colours."""
        theme = current_theme()
        self.setStyleSheet(
            f"""
            QToolButton#profileButton {{
                background: transparent; border: 1px solid {theme.border}; border-radius: 16px;
                padding: 3px 12px 3px 4px; color: {theme.text}; font-weight: 600;
            }}
            QToolButton#profileButton:hover {{ background: {theme.window}; }}
            QToolButton#profileButton:focus {{ border: 2px solid {theme.accent}; padding: 2px 11px 2px 3px; }}
            QToolButton#profileButton::menu-indicator {{ image: none; width: 0px; }}
            """
        )
        size = scaled(22)
        self.setIconSize(QSize(size, size))
        self.setIcon(avatar_icon(self.profile_name, size))  # the name read last: the store may be closed

    def _on_theme_changed(self, _theme: object) -> None:
        """Redraw the avatar and the border in the new colours."""
        self._restyle()

    def _on_theme_zoom_changed(self, _factor: float) -> None:
        """Take the new text size into the avatar."""
        self._restyle()

    def current(self) -> Profile | None:
        """Return the profile shown."""
        return self.store.profile(self.profile_id)

    def set_profile(self, profile_id: int) -> None:
        """Show ``profile_id`` as the current learner."""
        self.profile_id = profile_id
        profile = self.current()
        name = profile.name if profile else self.tr("No profile")
        self.profile_name = name
        shown = name if len(name) <= 24 else name[:23] + "…"
        self.setText(self.tr("{name}  ▾").format(name=shown))
        self.setAccessibleName(self.tr("Profile: {name}").format(name=name))
        self.setToolTip(self.tr("Learning as {name}: switch, add, rename or delete profiles").format(name=name))
        self.setIcon(avatar_icon(name, self.iconSize().width()))
        self.rebuild_menu()

    # ------------------------------------------------------------ the menu

    def rebuild_menu(self) -> None:
        """Fill the menu: every profile to switch to, then New, Rename and Delete."""
        menu = self.profile_menu
        menu.clear()
        for action in self.switch_group.actions():
            self.switch_group.removeAction(action)
        try:
            profiles = self.store.profiles()
        except ProgressError as error:
            menu.addAction(str(error)).setEnabled(False)
            return
        heading = menu.addAction(self.tr("Learning as"))
        heading.setEnabled(False)
        for profile in profiles:
            action = QAction(profile.name, menu)
            action.setCheckable(True)
            action.setChecked(profile.id == self.profile_id)
            action.setData(profile.id)
            action.setStatusTip(self.tr("Switch to {name}").format(name=profile.name))
            action.triggered.connect(lambda _checked=False, pid=profile.id: self.switch_to(pid))
            self.switch_group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        self.new_action = menu.addAction(self.tr("New profile…"), self.create_profile)
        current = self.current()
        rename_text = self.tr("Rename “{name}”…").format(name=current.name) if current else self.tr("Rename…")
        self.rename_action = menu.addAction(rename_text, self.rename_current)
        self.rename_action.setEnabled(current is not None)
        self.school_action = menu.addAction(self.tr("School identity…"), self.edit_school_identity)
        self.school_action.setStatusTip(self.tr("Say who you are at school, so your results reach your school account"))
        self.school_action.setEnabled(current is not None)
        self.delete_menu = menu.addMenu(self.tr("Delete profile"))
        for profile in profiles:
            self.delete_menu.addAction(
                self.tr("{name}…").format(name=profile.name), partial(self.delete_profile, profile.id)
            ).setData(profile.id)

    def switch_actions(self) -> list[QAction]:
        """Return the menu's switch actions, one per profile, in menu order."""
        return list(self.switch_group.actions())

    def _on_profile_menu_about_to_show(self) -> None:
        """Read the profiles again: another window may have changed them."""
        self.rebuild_menu()

    # ------------------------------------------------------------ actions

    def switch_to(self, profile_id: int) -> None:
        """Ask the window to switch to ``profile_id`` (nothing when it is already current)."""
        if profile_id != self.profile_id:
            self.profile_requested.emit(profile_id)
        else:
            self.rebuild_menu()

    def _valid_name(self, name: str, keep_id: int | None = None) -> str | None:
        """Return the trimmed name, or None after saying why it cannot be used."""
        cleaned = " ".join(name.split())
        if not cleaned:
            show_profile_error(self.window(), self.tr("A profile needs a name."))
            return None
        if len(cleaned) > MAX_PROFILE_NAME:
            show_profile_error(
                self.window(),
                self.tr("A profile name can be at most {count} characters long.").format(count=MAX_PROFILE_NAME),
            )
            return None
        taken = {p.name.casefold() for p in self.store.profiles() if p.id != keep_id}
        if cleaned.casefold() in taken:
            show_profile_error(self.window(), self.tr("There is already a profile called {name}.").format(name=cleaned))
            return None
        return cleaned

    def create_profile(self) -> int | None:
        """Ask for a name, add the profile and switch to it; return its id (None if cancelled)."""
        name = ask_text(self.window(), self.tr("New profile"), self.tr("Name of the new learner:"))
        if name is None:
            return None
        cleaned = self._valid_name(name)
        if cleaned is None:
            return None
        try:
            profile_id = self.store.create_profile(cleaned)
        except ProgressError as error:
            show_profile_error(self.window(), str(error))
            return None
        self.profiles_changed.emit()
        self.profile_requested.emit(profile_id)
        return profile_id

    def rename_current(self) -> None:
        """Ask for a new name for the current profile and save it."""
        current = self.current()
        if current is None:
            return
        name = ask_text(
            self.window(), self.tr("Rename profile"), self.tr("New name for {name}:").format(name=current.name), current.name
        )
        if name is None:
            return
        cleaned = self._valid_name(name, keep_id=current.id)
        if cleaned is None or cleaned == current.name:
            return
        try:
            self.store.rename_profile(current.id, cleaned)
        except ProgressError as error:
            show_profile_error(self.window(), str(error))
            return
        self.set_profile(current.id)
        self.profiles_changed.emit()

    def edit_school_identity(self) -> None:
        """Show the school identity dialog for the current profile."""
        current = self.current()
        if current is None:
            return
        from app.ui.school_identity import open_school_identity

        open_school_identity(self.store, current, self.window())

    def delete_profile(self, profile_id: int) -> bool:
        """Ask for confirmation, naming what is lost, then delete; return True when deleted.

        Deleting the current profile switches to the one used most recently, or to a new
        "Learner" when none is left.
        """
        profile = self.store.profile(profile_id)
        if profile is None:
            return False
        if not confirm_delete(self.window(), self.tr("Delete {name}?").format(name=profile.name), delete_question(self.store, profile)):
            return False
        try:
            self.store.delete_profile(profile_id)
            following = self.store.ensure_default_profile() if profile_id == self.profile_id else None
        except ProgressError as error:
            show_profile_error(self.window(), str(error))
            return False
        self.profiles_changed.emit()
        if following is not None:
            self.profile_requested.emit(following)
        else:
            self.rebuild_menu()
        return True
