"""The settings table: small UI settings stored as JSON, and a peek at them before the store opens.

The window is shown before the progress store is opened (importing the store, checking and
migrating the file take longer than showing a bare window), yet it must open at the size and
place it was left: ``peek_settings`` reads the table read-only, and answers nothing for a
missing, new, locked or damaged file (the store, opened right after, deals with those).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.model.identity import ClassMembership, SchoolIdentity
from app.model.progress.base import ProgressError, StoreBase

#: settings keys of what belongs to one profile: f"{PROFILE_PREFIX}{uuid}.{name}"
PROFILE_PREFIX = "profile."


def peek_settings(path: Path, keys: Sequence[str]) -> dict[str, Any]:
    """Return the settings among ``keys`` stored in the progress file at ``path`` (missing ones left out)."""
    if not keys or not path.is_file():
        return {}
    marks = ", ".join("?" for _ in keys)
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        ) as db:
            rows = db.execute(
                f"SELECT key, value_json FROM settings WHERE key IN ({marks})", list(keys)
            ).fetchall()
    except sqlite3.Error:  # no settings table yet, a lock held too long, damage: the store will tell
        return {}
    found: dict[str, Any] = {}
    for key, value in rows:
        with contextlib.suppress(ValueError, TypeError):
            found[key] = json.loads(value)
    return found


class SettingsTable(StoreBase):
    """Owns ``settings``."""

    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return a stored UI setting, or ``default`` when it is unset or unreadable."""
        row = self._query_one("SELECT value_json FROM settings WHERE key = ?", (key,))
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a small UI setting as JSON (raises ProgressError for a value JSON cannot hold)."""
        try:
            encoded = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError) as error:
            raise ProgressError(f"The setting {key!r} cannot be stored: {error}.") from error
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value_json) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
                (key, encoded),
            )

    # A profile's school identity and class live here, keyed by the profile's UUID, rather than in
    # new columns of ``profiles``: both are small, optional, and read only when statements are built.

    def school_identity(self, profile_uuid: str) -> SchoolIdentity | None:
        """Return the school identity the learner gave this profile, if any."""
        return SchoolIdentity.from_json(self.get_setting(f"{PROFILE_PREFIX}{profile_uuid}.school"))

    def set_school_identity(self, profile_uuid: str, identity: SchoolIdentity | None) -> None:
        """Store (or with None, forget) a profile's school identity."""
        self.set_setting(f"{PROFILE_PREFIX}{profile_uuid}.school", None if identity is None else identity.to_json())

    def class_membership(self, profile_uuid: str) -> ClassMembership | None:
        """Return the class this profile joined, if any."""
        return ClassMembership.from_json(self.get_setting(f"{PROFILE_PREFIX}{profile_uuid}.class"))

    def set_class_membership(self, profile_uuid: str, membership: ClassMembership | None) -> None:
        """Store (or with None, leave) the class this profile joined."""
        self.set_setting(f"{PROFILE_PREFIX}{profile_uuid}.class", None if membership is None else membership.to_json())
