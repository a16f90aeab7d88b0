"""The settings table: small UI settings stored as JSON."""

from __future__ import annotations

import json
from typing import Any

from app.model.progress.base import ProgressError, StoreBase


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
