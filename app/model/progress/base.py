"""What every part of the store shares: its errors, time stamps, and the connection with its read and write helpers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.model.progress.records import RecoveryReport

#: How long a write waits for another process's lock before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 5000


class ProgressError(Exception):
    """The progress file could not be opened, read or written; the message says why, for people."""


class DamagedProgressError(ProgressError):
    """The progress file is damaged or unreadable; ``open_with_recovery`` moves it aside.

    ``problem`` completes "Your progress file ...": "is damaged" or "could not be read".
    """

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


def utc_now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def to_stamp(moment: datetime) -> str:
    """Format a time for storage: ISO 8601 in UTC, always with microseconds, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


#: What a stored time that damage made unreadable reads as: plainly wrong, never a crash.
UNREADABLE_TIME = datetime(1970, 1, 1, tzinfo=UTC)


def read_time(text: object) -> datetime:
    """Read a stored time back (always aware, in UTC); one damage made unreadable reads as ``UNREADABLE_TIME``."""
    if not isinstance(text, str):
        return UNREADABLE_TIME
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return UNREADABLE_TIME
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def parse_stamp(text: str | None) -> datetime | None:
    """Read a stored time back, or None when there is none."""
    return None if text is None else read_time(text)


def explain(error: BaseException) -> str:
    """Say in plain words why SQLite or the file system failed."""
    message = str(error).lower()
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    errno = getattr(error, "errno", None)
    if code == sqlite3.SQLITE_FULL or errno == 28 or "full" in message or "no space" in message:  # 28: ENOSPC
        return "the disk is full; free some space and try again"
    if (
        code == sqlite3.SQLITE_READONLY
        or errno == 30  # EROFS
        or isinstance(error, PermissionError)
        or "readonly" in message
        or "read-only" in message
    ):
        return "the folder or file is read-only"
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in message or "busy" in message:
        return "another copy of Unspun kept it busy for too long; try again"
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return "the file is damaged or is not an Unspun progress file"
    if isinstance(error, FileExistsError | NotADirectoryError):  # mkdir or open met a file on the way
        return f"{error.filename or 'the data folder'} is a file, not a folder"
    if "unable to open" in message or isinstance(error, FileNotFoundError):
        return "the folder does not exist or cannot be written to"
    return str(error) or type(error).__name__


def is_damage(error: BaseException) -> bool:
    """Tell whether SQLite reports the file itself as damaged or not a database (not locked, full, ...)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return True
    message = str(error).lower()
    # "unsupported file format": a damaged header's format numbers (SQLITE_ERROR, not SQLITE_CORRUPT).
    return any(sign in message for sign in ("malformed", "not a database", "unsupported file format", "encrypted"))


class StoreBase:
    """The open connection and the helpers through which every table owner reads and writes."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        #: Where automatic backups go; None (the default of ``open``) takes none.
        self.backups_dir: Path | None = None
        #: What opening did about a damaged file (set by ``open_with_recovery``), else None.
        self.recovery: RecoveryReport | None = None
        #: Why the last automatic backup failed, if it did (a backup never interrupts the learner).
        self.backup_error: str | None = None
        #: True while this store may not be the learner's real progress (started afresh after
        #: damage, or new beside existing backups): its backups then never prune the older ones.
        self.keep_all_backups = False
        self._dirty = False
        #: How many write blocks are open: writes inside another share its transaction.
        self._depth = 0
        self._closed = False

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction, committed to disk before the block's caller goes on.

        Inside ``batch()`` (or another write) the block joins the open transaction instead.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self._db
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise ProgressError(
                f"Progress could not be saved: {explain(error)}. Everything saved before is kept."
            ) from error
        self._depth = 1
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as error:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise ProgressError(
                    f"Progress could not be saved: {explain(error)}. Everything saved before is kept."
                ) from error
            raise
        finally:
            self._depth = 0
        self._dirty = True

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group the store's writes in a block into one transaction: all of them are kept, or none.

        Reads inside the block see the block's own writes; a ProgressError (or any exception)
        rolls every write of the block back.
        """
        with self._write():
            yield

    def _query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """Run a read and return every row, wrapping SQLite failures in ProgressError."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise ProgressError(f"Progress could not be read: {explain(error)}.") from error

    def _query_one(self, sql: str, parameters: tuple[Any, ...] = ()) -> Any:
        """Run a read and return its first row, or None."""
        rows = self._query(sql, parameters)
        return rows[0] if rows else None
