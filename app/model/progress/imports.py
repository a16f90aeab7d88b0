"""What imported results files brought: the completions and imported_statements tables.

Imported attempts, checks and reflections go to their own tables through their owners; this
module keeps lessons another computer reported completed, and the ledger of every statement id
ever imported, so that importing a file twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from app.model.progress.base import StoreBase, read_time, to_stamp


class ImportsTable(StoreBase):
    """Owns ``completions`` and ``imported_statements``."""

    def record_completion(
        self,
        profile_id: int,
        pack_id: str,
        module_id: str,
        lesson_id: str,
        completed_at: datetime,
        statement_id: str,
    ) -> None:
        """Record that a lesson was completed elsewhere (once per statement id)."""
        with self._write() as db:
            db.execute(
                """INSERT OR IGNORE INTO completions
                       (statement_id, profile_id, pack_id, module_id, lesson_id, completed_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (statement_id, profile_id, pack_id, module_id, lesson_id, to_stamp(completed_at)),
            )

    def imported_completions(self, profile_id: int) -> list[tuple[str, str, str, datetime]]:
        """Return (pack, module, lesson, completed at) for each lesson a learner completed elsewhere."""
        return [
            (row[0], row[1], row[2], read_time(row[3]))
            for row in self._query(
                "SELECT pack_id, module_id, lesson_id, completed_at FROM completions WHERE profile_id = ?",
                (profile_id,),
            )
        ]

    def note_imported(self, statements: Sequence[tuple[str, int]], at: datetime) -> None:
        """Add (statement id, profile id) pairs to the ledger of imported statements."""
        if not statements:
            return
        with self._write() as db:
            db.executemany(
                "INSERT OR IGNORE INTO imported_statements (statement_id, profile_id, imported_at) VALUES (?, ?, ?)",
                [(statement_id, profile_id, to_stamp(at)) for statement_id, profile_id in statements],
            )

    def known_statement_ids(self) -> set[str]:
        """Return every statement id the store holds, imported or its own."""
        known: set[str] = set()
        for sql in (
            "SELECT statement_id FROM imported_statements",
            "SELECT statement_id FROM attempts",
            "SELECT statement_id FROM checks",
            "SELECT statement_id FROM reflections WHERE statement_id IS NOT NULL",
            "SELECT statement_id FROM completions",
        ):
            known.update(str(row[0]) for row in self._query(sql))
        return known
