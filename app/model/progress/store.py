"""The store: opening, configuring and migrating the file, its checks and backups; the tables come from their owners."""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType

from app.model.progress import migrations
from app.model.progress.backups import BACKUP_INTERVAL, file_stamp, free_name, list_backups, prune_backups
from app.model.progress.base import (
    BUSY_TIMEOUT_MS,
    DamagedProgressError,
    ProgressError,
    explain,
    is_damage,
    utc_now,
)
from app.model.progress.imports import ImportsTable
from app.model.progress.outbox import OutboxTable
from app.model.progress.profiles import ProfilesTable
from app.model.progress.quizzes import QuizTables
from app.model.progress.reflections import ReflectionsTable
from app.model.progress.reviews import ReviewsTable
from app.model.progress.settings import SettingsTable
from app.model.progress.summaries import SummaryReads
from app.model.progress.visits import VisitsTable


def _unreadable(path: Path) -> bool:
    """Tell whether something exists at ``path`` that is not a regular file we can read."""
    if not path.exists():
        return False
    if not path.is_file():
        return True
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError:
        return True
    return False


class ProgressStore(
    ProfilesTable,
    VisitsTable,
    QuizTables,
    ReflectionsTable,
    SettingsTable,
    ReviewsTable,
    OutboxTable,
    ImportsTable,
    SummaryReads,
):
    """The SQLite file that holds every profile's progress.

    Open it with ``ProgressStore.open(path)``; use it as a context manager or call ``close()``.
    Every failure of SQLite or the file system surfaces as ``ProgressError`` with a message for
    people, never as a raw ``sqlite3`` exception.
    """

    @classmethod
    def open(cls, path: Path | str) -> ProgressStore:
        """Open (creating if needed) the progress file at ``path`` and bring its schema up to date.

        Raises DamagedProgressError for a damaged or unreadable file (``open_with_recovery``
        recovers from it) and ProgressError for every other failure. Takes no backups.
        """
        path = Path(path)
        if _unreadable(path):
            raise DamagedProgressError(
                f"The progress file {path} could not be opened: it cannot be read.", "could not be read"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except (OSError, sqlite3.Error) as error:
            raise ProgressError(f"The progress file {path} could not be opened: {explain(error)}.") from error
        try:
            cls._configure(connection)
            if not cls._passes_quick_check(connection):
                raise DamagedProgressError(
                    f"The progress file {path} could not be opened: {explain(sqlite3.DatabaseError('malformed'))}.",
                    "is damaged",
                )
            cls._migrate(connection)
        except (OSError, sqlite3.Error) as error:
            connection.close()
            message = f"The progress file {path} could not be opened: {explain(error)}."
            if is_damage(error):
                raise DamagedProgressError(message, "is damaged") from error
            raise ProgressError(message) from error
        except ProgressError:
            connection.close()
            raise
        return cls(connection, path)

    @staticmethod
    def _passes_quick_check(db: sqlite3.Connection) -> bool:
        """Run ``PRAGMA quick_check``; False when it finds damage or raises for it."""
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                return False
            raise
        return [tuple(row) for row in rows] == [("ok",)]

    @staticmethod
    def _configure(db: sqlite3.Connection) -> None:
        """Set the durability and safety pragmas every connection needs."""
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")  # pragmas take no parameters
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch to WAL journaling (got {mode})")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Apply every migration the file lacks, each in the same write transaction as its version."""
        # BEGIN IMMEDIATE also proves the file is writable before the learner does any work.
        db.execute("BEGIN IMMEDIATE")
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > migrations.SCHEMA_VERSION:
                raise ProgressError(
                    "The progress file was written by a newer version of Unspun "
                    f"(schema {version}, this version reads up to {migrations.SCHEMA_VERSION}). Update Unspun to open it."
                )
            for number in range(version + 1, migrations.SCHEMA_VERSION + 1):
                migrations.MIGRATIONS[number - 1](db)
                db.execute(f"PRAGMA user_version = {int(number)}")  # pragmas take no parameters
            db.execute("COMMIT")
        except BaseException:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise

    def schema_version(self) -> int:
        """Return the file's schema version (``PRAGMA user_version``)."""
        return int(self._query_one("PRAGMA user_version")[0])

    def quick_check(self) -> bool:
        """Run SQLite's quick integrity check; False when the file is damaged."""
        try:
            return self._passes_quick_check(self._db)
        except sqlite3.Error:
            # Some damage makes the check itself raise instead of reporting rows.
            return False

    def integrity_check(self) -> bool:
        """Run SQLite's full integrity check (slower than quick_check); False when damaged."""
        try:
            rows = self._db.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.Error:
            return False
        return [tuple(row) for row in rows] == [("ok",)]

    def backup(self, destination: Path | str) -> None:
        """Write a consistent copy of the whole file to ``destination`` (a plain copy can miss WAL commits).

        The copy is switched out of WAL mode, so that it is one self-contained file.
        """
        try:
            target = sqlite3.connect(destination, isolation_level=None)
            try:
                self._db.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
        except (OSError, sqlite3.Error) as error:
            raise ProgressError(
                f"Progress could not be backed up to {destination}: {explain(error)}."
            ) from error

    def make_backup(self, now: datetime | None = None) -> Path:
        """Take one automatic backup into ``backups_dir`` now, prune old ones, and return its path."""
        if self.backups_dir is None:
            raise ProgressError("This progress store has no backup folder.")
        moment = now or utc_now()
        folder = self.backups_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = free_name(folder, f"progress-{file_stamp(moment)}", ".sqlite3")
            # Written under another name first, so that a crash never leaves half a backup that looks whole.
            partial = folder / f".{target.name}.{os.getpid()}.partial"
            self.backup(partial)
            os.replace(partial, target)
        except OSError as error:
            raise ProgressError(f"Progress could not be backed up to {folder}: {explain(error)}.") from error
        self._dirty = False
        self.backup_error = None
        prune_backups(folder, moment)
        return target

    def backup_if_due(self, now: datetime | None = None) -> Path | None:
        """Take an automatic backup if the newest is older than ``BACKUP_INTERVAL`` and there is progress to keep.

        Never raises: a failure is kept in ``backup_error``. Returns the new backup, if any.
        """
        if self.backups_dir is None:
            return None
        moment = now or utc_now()
        backups = list_backups(self.backups_dir)
        if backups and moment - backups[0].taken_at < BACKUP_INTERVAL:
            return None
        try:
            if self._query_one("SELECT 1 FROM profiles LIMIT 1") is None:
                return None  # nothing recorded yet, nothing worth a backup
            return self.make_backup(moment)
        except ProgressError as error:
            self.backup_error = str(error)
            return None

    def close(self) -> None:
        """Back up what changed since the last backup (when backups are on), then close the file."""
        if self._closed:
            return
        if self.backups_dir is not None and self._dirty:
            try:
                self.make_backup()
            except ProgressError as error:
                self.backup_error = str(error)
        with suppress(sqlite3.Error):
            self._db.close()
        self._closed = True

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # ------------------------------------------------------------ statements
