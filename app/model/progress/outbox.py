"""The lrs_outbox table: xAPI statements waiting for, or sent to, a Learning Record Store.

Sending, batching and backoff are ``app/model/lrs.py``; this module only keeps the queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.model.progress.base import StoreBase, to_stamp
from app.model.progress.records import OutboxEntry


class OutboxTable(StoreBase):
    """Owns ``lrs_outbox``."""

    def queue_statements(self, statements: Sequence[tuple[str, str]], queued_at: datetime) -> int:
        """Queue (statement id, JSON) pairs not queued before, in order; return how many were added."""
        if not statements:
            return 0
        with self._write() as db:
            before = db.total_changes
            next_seq = int(db.execute("SELECT coalesce(max(seq), 0) FROM lrs_outbox").fetchone()[0]) + 1
            for statement_id, text in statements:
                cursor = db.execute(
                    """INSERT OR IGNORE INTO lrs_outbox (statement_id, seq, statement_json, queued_at)
                       VALUES (?, ?, ?, ?)""",
                    (statement_id, next_seq, text, to_stamp(queued_at)),
                )
                next_seq += cursor.rowcount
            return db.total_changes - before

    def outbox_counts(self) -> dict[str, int]:
        """Count the outbox's statements by status ("queued", "sent", "failed")."""
        return {
            str(status): int(count)
            for status, count in self._query("SELECT status, count(*) FROM lrs_outbox GROUP BY status")
        }

    def queued_count(self) -> int:
        """Count the statements waiting to be sent."""
        row = self._query_one("SELECT count(*) FROM lrs_outbox WHERE status = 'queued'")
        return 0 if row is None else int(row[0])

    def outbox_failures(self, limit: int) -> list[tuple[OutboxEntry, str]]:
        """Return the latest ``limit`` statements the LRS refused, with their reasons, newest first."""
        rows = self._query(
            """SELECT statement_id, statement_json, seq, error FROM lrs_outbox WHERE status = 'failed'
               ORDER BY seq DESC LIMIT ?""",
            (limit,),
        )
        return [(OutboxEntry(row[0], row[1], row[2]), row[3] or "") for row in rows]

    def outbox_status(self, statement_id: str) -> tuple[str, str | None] | None:
        """Return one statement's status and last error, or None when it was never queued."""
        row = self._query_one("SELECT status, error FROM lrs_outbox WHERE statement_id = ?", (statement_id,))
        return None if row is None else (str(row[0]), row[1])

    def queued_after(self, after_seq: int, limit: int) -> list[OutboxEntry]:
        """Return up to ``limit`` queued statements after position ``after_seq``, in queue order."""
        rows = self._query(
            """SELECT statement_id, statement_json, seq FROM lrs_outbox
               WHERE status = 'queued' AND seq > ? ORDER BY seq LIMIT ?""",
            (after_seq, limit),
        )
        return [OutboxEntry(row[0], row[1], row[2]) for row in rows]

    def mark_outbox(
        self, statement_ids: Sequence[str], status: str, reason: str | None, at: datetime
    ) -> None:
        """Record one more try of these statements and their new status ("sent", "failed" or "queued")."""
        stamp = to_stamp(at)
        with self._write() as db:
            db.executemany(
                """UPDATE lrs_outbox SET status = ?, tries = tries + 1, error = ?,
                       sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
                   WHERE statement_id = ?""",
                [(status, reason, status, stamp, statement_id) for statement_id in statement_ids],
            )

    def requeue_failed(self) -> int:
        """Queue the failed statements again, tries reset; return how many."""
        with self._write() as db:
            return db.execute(
                "UPDATE lrs_outbox SET status = 'queued', tries = 0 WHERE status = 'failed'"
            ).rowcount
