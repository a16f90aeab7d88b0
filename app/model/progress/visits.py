"""Where learners have been: the visits, positions and study_time tables."""

from __future__ import annotations

import math
import sqlite3

from app.model.progress.base import StoreBase, read_time, to_stamp, utc_now
from app.model.progress.records import Position

#: One step visit counts at most this long, so that a window left open overnight does not count.
MAX_STEP_SECONDS = 3600.0


class VisitsTable(StoreBase):
    """Owns ``visits``, ``positions`` and ``study_time``."""

    def record_visit(
        self,
        profile_id: int,
        pack_id: str,
        module_id: str,
        lesson_id: str,
        step_key: str,
        *,
        left_step_key: str | None = None,
        left_seconds: float = 0.0,
    ) -> None:
        """Record that a learner opened a step, and make it their last position.

        ``left_step_key`` and ``left_seconds`` add the time spent on the step of the same lesson
        the learner just left, in the same commit (one fsync per step switch).
        """
        now = to_stamp(utc_now())
        with self._write() as db:
            if left_step_key is not None:
                self._insert_time(
                    db, (profile_id, pack_id, module_id, lesson_id, left_step_key), left_seconds
                )
            db.execute(
                """INSERT INTO visits
                       (profile_id, pack_id, module_id, lesson_id, step_key, first_opened_at, last_opened_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (profile_id, pack_id, module_id, lesson_id, step_key)
                   DO UPDATE SET last_opened_at = excluded.last_opened_at, times = times + 1""",
                (profile_id, pack_id, module_id, lesson_id, step_key, now, now),
            )
            db.execute(
                """INSERT INTO positions (profile_id, pack_id, module_id, lesson_id, step_key, at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (profile_id) DO UPDATE SET pack_id = excluded.pack_id,
                       module_id = excluded.module_id, lesson_id = excluded.lesson_id,
                       step_key = excluded.step_key, at = excluded.at""",
                (profile_id, pack_id, module_id, lesson_id, step_key, now),
            )

    def visited_steps(self, profile_id: int, pack_id: str, module_id: str, lesson_id: str) -> set[str]:
        """Return the keys of the steps a learner has opened in one lesson."""
        rows = self._query(
            "SELECT step_key FROM visits WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ?",
            (profile_id, pack_id, module_id, lesson_id),
        )
        return {row[0] for row in rows}

    def last_position(self, profile_id: int) -> Position | None:
        """Return the step a learner opened last, or None."""
        row = self._query_one(
            "SELECT pack_id, module_id, lesson_id, step_key, at FROM positions WHERE profile_id = ?",
            (profile_id,),
        )
        if row is None:
            return None
        return Position(row[0], row[1], row[2], row[3], read_time(row[4]))

    def record_time(
        self,
        profile_id: int,
        pack_id: str,
        module_id: str,
        lesson_id: str,
        step_key: str,
        seconds: float,
    ) -> None:
        """Add time spent on one step visit (capped at ``MAX_STEP_SECONDS``; nothing for none)."""
        if not math.isfinite(seconds) or seconds <= 0:
            return
        with self._write() as db:
            self._insert_time(db, (profile_id, pack_id, module_id, lesson_id, step_key), seconds)

    @staticmethod
    def _insert_time(db: sqlite3.Connection, where: tuple[int, str, str, str, str], seconds: float) -> None:
        """Insert one study-time row inside the caller's transaction, skipping nonsense and capping it."""
        if not math.isfinite(seconds) or seconds <= 0:
            return
        db.execute(
            """INSERT INTO study_time (profile_id, pack_id, module_id, lesson_id, step_key, seconds, recorded_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (*where, min(seconds, MAX_STEP_SECONDS), to_stamp(utc_now())),
        )

    def time_studied(self, profile_id: int, pack_id: str | None = None) -> float:
        """Return the seconds a learner has spent on steps, in one pack or all."""
        if pack_id is None:
            row = self._query_one("SELECT total(seconds) FROM study_time WHERE profile_id = ?", (profile_id,))
        else:
            row = self._query_one(
                "SELECT total(seconds) FROM study_time WHERE profile_id = ? AND pack_id = ?",
                (profile_id, pack_id),
            )
        return float(row[0]) if row is not None else 0.0

    def visited_in_pack(self, profile_id: int, pack_id: str) -> dict[tuple[str, str], set[str]]:
        """Return the keys of the steps a learner has opened in one pack, by (module id, lesson id)."""
        visited: dict[tuple[str, str], set[str]] = {}
        for module_id, lesson_id, key in self._query(
            "SELECT module_id, lesson_id, step_key FROM visits WHERE profile_id = ? AND pack_id = ?",
            (profile_id, pack_id),
        ):
            visited.setdefault((module_id, lesson_id), set()).add(key)
        return visited
