"""The reflections table: every saved version of a learner's written reflection."""

from __future__ import annotations

import uuid
from datetime import datetime

from app.model.progress.base import StoreBase, read_time, to_stamp, utc_now
from app.model.progress.records import StoredReflection


class ReflectionsTable(StoreBase):
    """Owns ``reflections``."""

    def save_reflection(
        self,
        profile_id: int,
        pack_id: str,
        module_id: str,
        lesson_id: str,
        step_key: str,
        text: str,
        *,
        saved_at: datetime | None = None,
        statement_id: str | None = None,
    ) -> None:
        """Save a learner's reflection; earlier versions are kept as its history.

        ``statement_id`` names the version in exported results; it is made up unless given
        (import, which also gives ``saved_at`` and keeps every version it brings, even a repeat).
        """
        if statement_id is None and text == self.reflection(
            profile_id, pack_id, module_id, lesson_id, step_key
        ):
            return
        with self._write() as db:
            db.execute(
                """INSERT INTO reflections
                       (profile_id, pack_id, module_id, lesson_id, step_key, text, saved_at, statement_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    profile_id,
                    pack_id,
                    module_id,
                    lesson_id,
                    step_key,
                    text,
                    to_stamp(saved_at or utc_now()),
                    statement_id or str(uuid.uuid4()),
                ),
            )

    def reflection(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> str | None:
        """Return the latest saved reflection, or None when there is none."""
        row = self._query_one(
            """SELECT text FROM reflections
               WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?
               ORDER BY id DESC LIMIT 1""",
            (profile_id, pack_id, module_id, lesson_id, step_key),
        )
        return None if row is None else str(row[0])

    def reflections(self, profile_id: int) -> list[StoredReflection]:
        """Return every saved version of every reflection of a learner, oldest first (for export)."""
        rows = self._query(
            """SELECT pack_id, module_id, lesson_id, step_key, text, saved_at, statement_id FROM reflections
               WHERE profile_id = ? ORDER BY id""",
            (profile_id,),
        )
        return [
            StoredReflection(row[0], row[1], row[2], row[3], row[4], read_time(row[5]), row[6])
            for row in rows
        ]
