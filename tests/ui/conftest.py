"""Fixtures for UI tests: the application shell's live in app_fixtures.py."""

from tests.ui.app_fixtures import example_window, make_window, no_builtin_pack, shown_problems  # noqa: F401
