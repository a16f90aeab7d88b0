"""Focusable parts of the home screen and of quiz panels have names for assistive technology."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.main_window import MainWindow
from app.ui.question_card import CalmPanelView


def test_home_screen_is_named(example_window: MainWindow) -> None:
    """The home screen scrolls and so takes focus; it is called "Home"."""
    home = example_window.home
    assert home.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert home.accessibleName() == "Home"


def test_a_quiz_note_panel_body_is_named_by_its_title(example_window: MainWindow) -> None:
    """The before-and-after note's text takes focus for its links, and carries the panel's title as its name."""
    pack = example_window.packs[-1]
    module = pack.modules[0]
    lesson = next(lesson for lesson in module.lessons if lesson.id == "before")
    example_window.open_lesson(pack, module, lesson, 0)
    shown = example_window.player.findChildren(CalmPanelView)
    panels = [panel for panel in shown if panel.isVisibleTo(example_window)]
    assert panels, "the pre-test shows its note"
    for panel in panels:
        assert panel.body.accessibleName() == panel.title.text()
