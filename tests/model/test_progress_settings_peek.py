"""Reading the window's settings from the progress file before the store is opened."""

from __future__ import annotations

from pathlib import Path

from app.model.progress import ProgressStore
from app.model.progress.settings import peek_settings


def test_peek_reads_what_the_store_wrote(tmp_path: Path) -> None:
    """Settings written through ProgressStore come back from the peek, unknown keys left out."""
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path) as store:
        store.set_setting("window/geometry", "AdnQywADAAA=")
        store.set_setting("view/zoom", 1.2)
    found = peek_settings(path, ["window/geometry", "view/zoom", "never/set"])
    assert found == {"window/geometry": "AdnQywADAAA=", "view/zoom": 1.2}


def test_peek_answers_nothing_for_a_missing_or_foreign_file(tmp_path: Path) -> None:
    """A missing file, or one that is not SQLite, gives no settings and no exception."""
    assert peek_settings(tmp_path / "absent.sqlite3", ["window/geometry"]) == {}
    junk = tmp_path / "progress.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    assert peek_settings(junk, ["window/geometry"]) == {}


def test_peek_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """Peeking opens read-only: the store's file is byte for byte unchanged."""
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path) as store:
        store.set_setting("window/geometry", "abc")
    before = path.read_bytes()
    assert peek_settings(path, ["window/geometry"]) == {"window/geometry": "abc"}
    assert path.read_bytes() == before
