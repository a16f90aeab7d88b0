"""Starting the app: a quiet loading window first, at its saved size, then the full window and packs."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel

from app.ui import app as app_module
from app.ui.main_window import LOADING_TEXT, MainWindow
from tests.conftest import EXAMPLE_PACK


@pytest.fixture
def started(qtbot, no_builtin_pack: None, shown_problems: list[list[str]]) -> Iterator[list[MainWindow]]:
    """Collect windows made by start(); close them and put sys.excepthook back afterwards."""
    hook = sys.excepthook
    windows: list[MainWindow] = []
    yield windows
    for window in windows:
        window.close()
        if window.built:
            window.store.close()
    sys.excepthook = hook


def test_start_shows_a_loading_window_then_builds_and_loads(qtbot, started) -> None:
    """start() shows the window saying "Loading lessons…" before its store and screens exist."""
    window = app_module.start([str(EXAMPLE_PACK)])
    qtbot.addWidget(window)
    started.append(window)
    assert window.isVisible() and not window.built
    assert [label.text() for label in window.centralWidget().findChildren(QLabel)] == [LOADING_TEXT]
    qtbot.waitUntil(lambda: window.built and bool(window.packs), timeout=10000)
    assert [pack.id for pack in window.packs] == ["example-miracle-tea"]
    assert window.library.isVisibleTo(window)


def test_loading_window_opens_at_the_saved_size(qtbot, started, make_window) -> None:
    """The loading window already has the size the last window was closed at."""
    first = make_window(str(EXAMPLE_PACK))
    first.resize(790, 650)  # within the offscreen screen (800x800)
    first.show()
    first.close()
    window = app_module.start([str(EXAMPLE_PACK)])
    qtbot.addWidget(window)
    started.append(window)
    assert not window.built
    assert (window.width(), window.height()) == (790, 650)
    qtbot.waitUntil(lambda: window.built and bool(window.packs), timeout=10000)
