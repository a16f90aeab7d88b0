"""Read a few UI settings from the progress file without opening the store.

The window is shown before the progress store is opened (importing the store, checking and
migrating the file take longer than showing a bare window), yet it must open at the size and
place it was left. This reads the ``settings`` table that ``ProgressStore.set_setting`` writes,
read-only, and answers nothing for a missing, new, locked or damaged file: the store, opened
right after, deals with those.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def peek_settings(path: Path, keys: Sequence[str]) -> dict[str, Any]:
    """Return the settings among ``keys`` stored in the progress file at ``path`` (missing ones left out)."""
    if not keys or not path.is_file():
        return {}
    marks = ", ".join("?" for _ in keys)
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)) as db:
            rows = db.execute(f"SELECT key, value_json FROM settings WHERE key IN ({marks})", list(keys)).fetchall()
    except sqlite3.Error:  # no settings table yet, a lock held too long, damage: the store will tell
        return {}
    found: dict[str, Any] = {}
    for key, value in rows:
        with contextlib.suppress(ValueError, TypeError):
            found[key] = json.loads(value)
    return found
