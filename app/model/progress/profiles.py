"""The profiles table: the learners on this computer."""

from __future__ import annotations

import uuid

from app.model.progress.base import ProgressError, StoreBase, parse_stamp, read_time, to_stamp, utc_now
from app.model.progress.records import Profile

DEFAULT_PROFILE_NAME = "Learner"
MAX_PROFILE_NAME = 200


def _clean_name(name: str) -> str:
    """Return a profile name trimmed, or raise ProgressError when it is empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ProgressError("A profile needs a name.")
    if len(cleaned) > MAX_PROFILE_NAME:
        raise ProgressError(f"A profile name can be at most {MAX_PROFILE_NAME} characters long.")
    return cleaned


class ProfilesTable(StoreBase):
    """Owns ``profiles``."""

    def profiles(self) -> list[Profile]:
        """Return every profile, oldest first."""
        rows = self._query("SELECT id, name, created_at, last_used_at, uuid FROM profiles ORDER BY id")
        return [Profile(row[0], row[1], read_time(row[2]), parse_stamp(row[3]), row[4] or "") for row in rows]

    def profile(self, profile_id: int) -> Profile | None:
        """Find one profile by id."""
        return next((p for p in self.profiles() if p.id == profile_id), None)

    def profile_by_uuid(self, profile_uuid: str) -> Profile | None:
        """Find one profile by its stable UUID."""
        return next((p for p in self.profiles() if p.uuid == profile_uuid), None)

    def create_profile(self, name: str, profile_uuid: str | None = None) -> int:
        """Add a profile (with a new UUID unless one is given, as on import) and return its id."""
        cleaned = _clean_name(name)
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO profiles (name, created_at, uuid) VALUES (?, ?, ?)",
                (cleaned, to_stamp(utc_now()), profile_uuid or str(uuid.uuid4())),
            )
            return int(cursor.lastrowid or 0)

    def rename_profile(self, profile_id: int, name: str) -> None:
        """Give a profile a new name."""
        cleaned = _clean_name(name)
        with self._write() as db:
            db.execute("UPDATE profiles SET name = ? WHERE id = ?", (cleaned, profile_id))

    def delete_profile(self, profile_id: int) -> None:
        """Delete a profile and everything recorded for it."""
        with self._write() as db:
            db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))

    def touch_profile(self, profile_id: int) -> None:
        """Mark a profile as the one used last."""
        with self._write() as db:
            db.execute("UPDATE profiles SET last_used_at = ? WHERE id = ?", (to_stamp(utc_now()), profile_id))

    def ensure_default_profile(self) -> int:
        """Return the profile used last, creating one called "Learner" when there is none."""
        row = self._query_one(
            "SELECT id FROM profiles ORDER BY last_used_at IS NULL, last_used_at DESC, id DESC LIMIT 1"
        )
        if row is not None:
            return int(row[0])
        profile_id = self.create_profile(DEFAULT_PROFILE_NAME)
        self.touch_profile(profile_id)
        return profile_id
