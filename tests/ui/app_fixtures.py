"""Fixtures shared by the tests of the application shell (window, library, lesson player)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from app.ui import app as app_module
from app.ui.about_dialog import AboutDialog
from app.ui.main_window import MainWindow
from app.ui.problems_panel import ProblemsPanel
from app.ui.theme import set_zoom
from tests.conftest import EXAMPLE_PACK


@pytest.fixture
def shown_problems(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record the lines of every pack report the Problems panel shows (and keep About from blocking)."""
    shown: list[list[str]] = []
    show_report = ProblemsPanel.show_report

    def recording_show_report(panel: ProblemsPanel, path: str, *args: object, **kwargs: object) -> None:
        show_report(panel, path, *args, **kwargs)  # type: ignore[arg-type]
        shown.append(list(panel.reports[path].lines))

    monkeypatch.setattr(ProblemsPanel, "show_report", recording_show_report)
    monkeypatch.setattr(AboutDialog, "exec", lambda dialog: 0)
    return shown


@pytest.fixture
def no_builtin_pack(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave the built-in pack out, so that tests see only the packs they name."""
    monkeypatch.setattr(app_module, "BUILTIN_PACK", None)


@pytest.fixture
def make_window(
    qtbot, no_builtin_pack: None, shown_problems: list[list[str]]
) -> Iterator[Callable[..., MainWindow]]:
    """Build main windows from command-line arguments; each is closed (and so saved) at the end."""
    built: list[MainWindow] = []

    def make(*argv: str) -> MainWindow:
        window = app_module.build_main_window(list(argv))
        qtbot.addWidget(window)
        built.append(window)
        return window

    yield make
    for window in built:
        window.close()
        window.store.close()
    set_zoom(1.0)


@pytest.fixture
def example_window(make_window: Callable[..., MainWindow]) -> MainWindow:
    """A main window with only the example pack loaded, shown at 1024x700."""
    window = make_window(str(EXAMPLE_PACK))
    window.resize(1024, 700)
    window.show()
    return window
