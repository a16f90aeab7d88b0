"""The drafts table: one step's work in progress per learner (answers not yet submitted, marks).

The store keeps the draft as the JSON ``app/model/drafts.py`` writes and reads; it knows nothing
of what is inside. A draft is replaced as a whole each time the learner changes something.
"""

from __future__ import annotations

from app.model.progress.base import StoreBase, to_stamp, utc_now


class DraftsTable(StoreBase):
    """Owns ``drafts``."""

    def save_draft(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str, draft_json: str
    ) -> None:
        """Keep ``draft_json`` as the step's draft, replacing the one before."""
        with self._write() as db:
            db.execute(
                """INSERT INTO drafts (profile_id, pack_id, module_id, lesson_id, step_key, draft_json, saved_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (profile_id, pack_id, module_id, lesson_id, step_key)
                   DO UPDATE SET draft_json = excluded.draft_json, saved_at = excluded.saved_at""",
                (profile_id, pack_id, module_id, lesson_id, step_key, draft_json, to_stamp(utc_now())),
            )

    def draft(self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str) -> str | None:
        """Return the step's draft as stored, or None when there is none."""
        row = self._query_one(
            """SELECT draft_json FROM drafts
               WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?""",
            (profile_id, pack_id, module_id, lesson_id, step_key),
        )
        return None if row is None else str(row[0])

    def delete_draft(self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str) -> None:
        """Forget the step's draft (its work was recorded, or the learner started afresh)."""
        with self._write() as db:
            db.execute(
                """DELETE FROM drafts
                   WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?""",
                (profile_id, pack_id, module_id, lesson_id, step_key),
            )
