"""Fixtures for UI tests: the application shell's live in app_fixtures.py."""

import pytest

from app.ui import i18n
from tests.ui.app_fixtures import example_window, make_window, no_builtin_pack, shown_problems  # noqa: F401


@pytest.fixture(autouse=True, scope="session")
def interface_language(qapp):
    """Install the interface language as the application does at start (English in tests, with its plurals)."""
    i18n.install(i18n.resolve(None))
    yield
