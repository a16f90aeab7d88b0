"""Reads that span several owners' tables: what a profile holds, when a lesson was last touched, a change stamp.

Read-only and kept here, beside the owners, so that no SQL lives outside the store package.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.model.progress.base import StoreBase, read_time
from app.model.progress.records import ProfileHoldings


class SummaryReads(StoreBase):
    """Cross-table reads; owns no table."""

    def _count(self, sql: str, profile_id: int) -> int:
        row = self._query_one(sql, (profile_id,))
        return 0 if row is None else int(row[0])

    def profile_holdings(self, profile_id: int) -> ProfileHoldings:
        """Count what a profile holds: what deleting it would lose."""
        seconds = self._query_one("SELECT total(seconds) FROM study_time WHERE profile_id = ?", (profile_id,))
        return ProfileHoldings(
            attempts=self._count("SELECT count(*) FROM attempts WHERE profile_id = ?", profile_id),
            checks=self._count("SELECT count(*) FROM checks WHERE profile_id = ?", profile_id),
            reflections=self._count(
                "SELECT count(DISTINCT pack_id || '/' || module_id || '/' || lesson_id || '/' || step_key) "
                "FROM reflections WHERE profile_id = ?",
                profile_id,
            ),
            lessons_opened=self._count(
                "SELECT count(DISTINCT pack_id || '/' || module_id || '/' || lesson_id) FROM visits WHERE profile_id = ?",
                profile_id,
            ),
            review_items=self._count("SELECT count(*) FROM review_items WHERE profile_id = ?", profile_id),
            seconds_studied=0.0 if seconds is None else float(seconds[0]),
        )

    def lesson_last_activity(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str
    ) -> datetime | None:
        """Return the last time a learner opened a step of, answered a quiz in or reflected in a lesson."""
        row = self._query_one(
            """SELECT max(at) FROM (
                   SELECT last_opened_at AS at FROM visits
                       WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ?
                   UNION ALL SELECT submitted_at FROM attempts
                       WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ?
                   UNION ALL SELECT saved_at FROM reflections
                       WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ?)""",
            (profile_id, pack_id, module_id, lesson_id) * 3,
        )
        return None if row is None or row[0] is None else read_time(row[0])

    def activity_fingerprint(self) -> tuple[Any, ...]:
        """Sum up what exported statements depend on, so that a sync can skip work when nothing changed."""
        row = self._query_one(
            """SELECT (SELECT max(id) FROM attempts), (SELECT max(id) FROM checks), (SELECT max(id) FROM reflections),
                      (SELECT count(*) FROM completions), (SELECT total(times) FROM visits),
                      (SELECT count(*) FROM profiles)"""
        )
        return tuple(row) if row is not None else ()
