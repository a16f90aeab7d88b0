"""The store: opening, configuring and migrating the file, its checks and backups; the tables come from their owners."""

from __future__ import annotations

import functools
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
from app.model.progress.drafts import DraftsTable
from app.model.progress.imports import ImportsTable
from app.model.progress.outbox import OutboxTable
from app.model.progress.profiles import ProfilesTable
from app.model.progress.quizzes import QuizTables
from app.model.progress.reflections import ReflectionsTable
from app.model.progress.reviews import ReviewsTable
from app.model.progress.settings import SettingsTable
from app.model.progress.summaries import SummaryReads
from app.model.progress.visits import VisitsTable

#: A schema version this far beyond ours cannot come from a newer Unspun (one migration a release).
IMPLAUSIBLE_VERSION_JUMP = 50


def _lenient_text(data: bytes) -> str:
    """Decode a stored text value, replacing bytes that damage made invalid UTF-8."""
    return data.decode("utf-8", "replace")


def _schema(db: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """Return the file's tables and indexes as (type, name, SQL) triples."""
    rows = db.execute(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite%'"
    ).fetchall()
    return {(str(kind), str(name), str(sql)) for kind, name, sql in rows}


@functools.cache
def _expected_schema() -> frozenset[tuple[str, str, str]]:
    """Return the schema the migrations write, built once in memory (upgrades write the very same text)."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in migrations.MIGRATIONS:
            migration(db)
        return frozenset(_schema(db))
    finally:
        db.close()


def _schema_clash(error: BaseException) -> bool:
    """Tell whether a migration met tables that already exist: the file's schema version was damaged."""
    message = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and (
        "already exists" in message or "duplicate column" in message
    )


def _empty(path: Path) -> bool:
    """Tell whether the file at ``path`` exists and holds no bytes."""
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


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
    DraftsTable,
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

        Raises DamagedProgressError for a damaged, empty or unreadable file (``open_with_recovery``
        recovers from it) and ProgressError for every other failure. Takes no backups.
        """
        path = Path(path)
        if _unreadable(path):
            raise DamagedProgressError(
                f"The progress file {path} could not be opened: it cannot be read.", "could not be read"
            )
        if _empty(path):
            # SQLite would open an empty file as a new database: all progress silently gone.
            raise DamagedProgressError(f"The progress file {path} is empty.", "was empty")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except (OSError, sqlite3.Error) as error:
            raise ProgressError(f"The progress file {path} could not be opened: {explain(error)}.") from error
        # Damaged bytes inside a text value must read as damaged text, not stop the app.
        connection.text_factory = _lenient_text
        try:
            cls._configure(connection)
            if not cls._passes_integrity_check(connection):
                raise DamagedProgressError(
                    f"The progress file {path} could not be opened: {explain(sqlite3.DatabaseError('malformed'))}.",
                    "is damaged",
                )
            cls._migrate(connection)
            if not _expected_schema() <= _schema(connection):  # other tables may be there; ours must be intact
                # Damage inside the schema's own text (a column renamed by one flipped byte) passes
                # every structural check, then fails every read that names the column.
                raise sqlite3.DatabaseError("malformed: the schema is not the one Unspun writes")
            store = cls(connection, path)
            store._check_readable()
        except (OSError, sqlite3.Error) as error:
            connection.close()
            message = f"The progress file {path} could not be opened: {explain(error)}."
            if is_damage(error) or _schema_clash(error):
                raise DamagedProgressError(message, "is damaged") from error
            raise ProgressError(message) from error
        except ProgressError as error:
            connection.close()
            cause = error.__cause__
            if cause is not None and (not isinstance(cause, OSError | sqlite3.Error) or is_damage(cause)):
                raise DamagedProgressError(str(error), "is damaged") from error
            raise
        except Exception as error:
            # Anything else (UnicodeDecodeError, a time or number that no longer parses, a schema
            # version no migration list holds) means the bytes are not what Unspun wrote.
            connection.close()
            raise DamagedProgressError(
                f"The progress file {path} could not be opened: it is damaged ({type(error).__name__}).",
                "is damaged",
            ) from error
        return store

    def _check_readable(self) -> None:
        """Read what every screen reads first (profiles, their times), so damage the checks miss shows now."""
        for profile in self.profiles():
            self.last_position(profile.id)

    @staticmethod
    def _passes_integrity_check(db: sqlite3.Connection) -> bool:
        """Run the full ``PRAGMA integrity_check``; False when it finds damage or raises for it.

        ``quick_check`` misses damage (an index that no longer matches its table, say) that
        later reads trip over or, worse, answer wrongly, so opening pays for the full check.
        """
        try:
            rows = db.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as error:
            if is_damage(error):
                return False
            raise
        return [tuple(row) for row in rows] == [("ok",)]

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
            if version < 0:
                raise sqlite3.DatabaseError(f"malformed: schema version {version}")
            if version > migrations.SCHEMA_VERSION + IMPLAUSIBLE_VERSION_JUMP:
                # Versions grow by one a release: a leap like this is a damaged header, not the future.
                raise sqlite3.DatabaseError(f"malformed: schema version {version}")
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
            return self._passes_integrity_check(self._db)
        except sqlite3.Error:
            return False

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
        if not self.keep_all_backups:
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
