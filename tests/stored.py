"""Read what a progress store holds straight from its file, as a test's independent witness.

The app reaches its tables only through the store's methods; a test that checks what was
stored reads the file itself with a separate read-only connection (WAL lets it see every commit).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from app.model.progress import ProgressStore


def stored_rows(
    where: ProgressStore | Path, sql: str, parameters: tuple[Any, ...] = ()
) -> list[tuple[Any, ...]]:
    """Run a read-only query on the progress file of ``where`` and return every row as a tuple."""
    path = where.path if isinstance(where, ProgressStore) else Path(where)
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
        return [tuple(row) for row in db.execute(sql, parameters).fetchall()]
