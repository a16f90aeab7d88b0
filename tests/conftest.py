"""Shared test setup: Qt runs offscreen, the data folder never touches the user's; the example pack."""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.model.loader import load_pack
from app.model.pack import Pack
from app.model.progress import ProgressStore
from app.model.session import LessonSession

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("UNSPUN_LANGUAGE", "en")  # tests read English text whatever the machine's language

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PACK = ROOT / "tests" / "fixtures" / "example-pack"  # a copy of shared/spec/example-pack
BUILTIN_PACK = ROOT / "lessons"

#: the right response to every question of the example pack's "check" quiz, written out by hand
EXAMPLE_CHECK_ANSWERS: dict[str, Any] = {
    "q-single": 0,
    "q-multiple": [0, 1],
    "q-tf": False,
    "q-short": "Testimonial",
    "q-order": [0, 1, 2, 3],
    "q-match": {0: 0, 1: 1},
    "q-spot": [(0, 13), (52, 70)],
    "q-categorize": {0: 0, 1: 1},
}


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point UNSPUN_DATA_DIR at a fresh temporary folder for every test."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("UNSPUN_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def _qt_cleanup() -> Iterator[None]:
    """After each test, close leftover top-level windows and carry out pending deletions.

    pytest-qt schedules ``deleteLater()`` for the widgets a test registers, but no event loop runs
    between tests to carry it out; live widgets then pile up (thousands over a run) and every new
    window re-styles all of them. Flushing the DeferredDelete events here keeps each test's Qt state
    small. PySide6 is looked up, never imported, so model tests stay Qt-free.
    """
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    core = sys.modules.get("PySide6.QtCore")
    if widgets is None or core is None:
        return
    app = widgets.QApplication.instance()
    if app is None:
        return
    for widget in widgets.QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
        widget.deleteLater()
    core.QCoreApplication.sendPostedEvents(None, core.QEvent.Type.DeferredDelete)
    core.QCoreApplication.processEvents()
    core.QCoreApplication.sendPostedEvents(None, core.QEvent.Type.DeferredDelete)


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    """The temporary data folder of this test."""
    return _isolated_data_dir


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The example pack, loaded once per test module (a Pack is frozen, so the module's tests can share it)."""
    result = load_pack(EXAMPLE_PACK)
    assert result.pack is not None, result.problems
    return result.pack


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    """A new progress store in the test's temporary folder, closed at the end."""
    with ProgressStore.open(tmp_path / "progress.sqlite3") as opened:
        yield opened


@pytest.fixture
def profile(store: ProgressStore) -> int:
    """The default profile of ``store``."""
    return store.ensure_default_profile()


def lesson_session(pack: Pack, store: ProgressStore, profile: int, lesson_id: str, seed: int = 3) -> LessonSession:
    """Open the lesson ``lesson_id`` of the pack's first module for ``profile``, shuffled by ``seed``."""
    module = pack.modules[0]
    lesson = next(item for item in module.lessons if item.id == lesson_id)
    return LessonSession(pack, module, lesson, store, profile, random.Random(seed))
