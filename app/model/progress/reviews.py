"""Spaced review's tables: review_items (one fsrs card per question) and reviews (every rating applied).

The scheduling itself is ``app/model/review.py``; this module only keeps its rows. Cards are
stored as the JSON fsrs writes, so that opening the store does not import fsrs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from app.model.progress.base import StoreBase, read_time, to_stamp
from app.model.progress.records import StoredReviewItem

_COLUMNS = "profile_id, pack_id, module_id, question_id, lesson_id, step_key, question_type, card_json, created_at, due"


def _item(row: Sequence[Any]) -> StoredReviewItem:
    """Build a StoredReviewItem from a row of ``_COLUMNS``."""
    return StoredReviewItem(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        row[7],
        read_time(row[8]),
        read_time(row[9]),
    )


class ReviewsTable(StoreBase):
    """Owns ``review_items`` and ``reviews``."""

    def review_item(
        self, profile_id: int, pack_id: str, module_id: str, question_id: str
    ) -> StoredReviewItem | None:
        """Return one question's review item, or None when it has none."""
        row = self._query_one(
            f"""SELECT {_COLUMNS} FROM review_items
                WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND question_id = ?""",
            (profile_id, pack_id, module_id, question_id),
        )
        return None if row is None else _item(row)

    def review_items(self, profile_id: int, due_by: datetime | None = None) -> list[StoredReviewItem]:
        """Return a learner's review items (only those due by ``due_by``, if given), soonest due first."""
        if due_by is None:
            rows = self._query(
                f"SELECT {_COLUMNS} FROM review_items WHERE profile_id = ? ORDER BY due", (profile_id,)
            )
        else:
            rows = self._query(
                f"SELECT {_COLUMNS} FROM review_items WHERE profile_id = ? AND due <= ? ORDER BY due",
                (profile_id, to_stamp(due_by)),
            )
        return [_item(row) for row in rows]

    def due_review_count(self, profile_id: int, due_by: datetime) -> int:
        """Count a learner's review items due by ``due_by``."""
        row = self._query_one(
            "SELECT count(*) FROM review_items WHERE profile_id = ? AND due <= ?",
            (profile_id, to_stamp(due_by)),
        )
        return 0 if row is None else int(row[0])

    def save_review(
        self, item: StoredReviewItem, source: str, fraction: float, rating: int, at: datetime
    ) -> None:
        """Insert or update an item's row with its new card, and log the rating that moved it."""
        with self._write() as db:
            db.execute(
                f"""INSERT INTO review_items ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (profile_id, pack_id, module_id, question_id) DO UPDATE SET
                        lesson_id = excluded.lesson_id, step_key = excluded.step_key,
                        question_type = excluded.question_type, card_json = excluded.card_json,
                        due = excluded.due""",
                (
                    item.profile_id,
                    item.pack_id,
                    item.module_id,
                    item.question_id,
                    item.lesson_id,
                    item.step_key,
                    item.question_type,
                    item.card_json,
                    to_stamp(item.created_at),
                    to_stamp(item.due),
                ),
            )
            db.execute(
                """INSERT INTO reviews
                       (profile_id, pack_id, module_id, question_id, source, fraction, rating, reviewed_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    item.profile_id,
                    item.pack_id,
                    item.module_id,
                    item.question_id,
                    source,
                    fraction,
                    int(rating),
                    to_stamp(at),
                ),
            )
