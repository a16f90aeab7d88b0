"""Shared test setup: Qt runs offscreen, and the data folder never touches the user's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PACK = ROOT / "tests" / "fixtures" / "example-pack"  # a copy of shared/spec/example-pack
BUILTIN_PACK = ROOT / "lessons"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point UNSPUN_DATA_DIR at a fresh temporary folder for every test."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("UNSPUN_DATA_DIR", str(data))
    return data


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    """The temporary data folder of this test."""
    return _isolated_data_dir
