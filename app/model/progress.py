"""The learner's progress in SQLite: profiles, visits, quiz attempts, reflections, UI settings.

SQLite in WAL mode with ``synchronous=FULL`` survives a killed process without losing an
acknowledged commit, where rewriting a JSON file does not (see ``guides/security.md``). The
connection runs with ``isolation_level=None`` and explicit ``BEGIN IMMEDIATE``/``COMMIT``, so that
Python's implicit transactions never leave a row uncommitted, and every write has returned only
once it is on disk. Every statement is parameterized: pack ids, titles and learner text are
stored verbatim, whatever they hold.

The schema version is ``PRAGMA user_version``. ``MIGRATIONS`` holds one function per version,
applied in order inside one transaction each; a later version adds one function to the list.

Durability beyond a single commit:

- **Backups.** ``open_with_recovery`` gives a store that keeps rotating backups in
  ``DATA/backups/progress-YYYYmmdd-HHMMSS.sqlite3`` (UTC), written with ``Connection.backup()``
  (never a file copy, which can miss commits still in the WAL): one at opening when the newest is
  older than ``BACKUP_INTERVAL``, and one at closing when something was written since the last.
  ``prune_backups`` then keeps the ``KEEP_NEWEST`` newest, plus the newest of each of the last
  ``KEEP_DAILY_DAYS`` days, and deletes the rest.
- **Recovery.** A file SQLite calls damaged (``quick_check`` not ok, ``SQLITE_CORRUPT``,
  ``SQLITE_NOTADB``) or that cannot be read at all is renamed ``<name>.corrupt-<UTC stamp>`` with
  its ``-wal``/``-shm``; the newest backup that passes ``quick_check`` is restored, or a fresh file
  is started. ``RecoveryReport.message`` tells the learner what happened, in plain words.
- **Two instances.** Both may run on one data folder. Every write is a short ``BEGIN IMMEDIATE``
  transaction and waits up to ``BUSY_TIMEOUT_MS`` for the other's, so writes serialise and none
  is lost; each instance reads the other's commits on its next query.
- **Errors.** A full disk, a read-only folder or a lock held too long raise ``ProgressError``
  with a plain message; a failed write is rolled back and everything committed before stays.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from app.model import answers

if TYPE_CHECKING:  # imported where results are built: the window opens the store before it is shown
    from app.model.session import QuestionResult, QuizResult

DEFAULT_PROFILE_NAME = "Learner"
#: How long a write waits for another process's lock before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 5000
MAX_PROFILE_NAME = 200
#: One step visit counts at most this long, so that a window left open overnight does not count.
MAX_STEP_SECONDS = 3600.0

BACKUP_FOLDER = "backups"
#: A new automatic backup is taken at opening only when the newest is older than this.
BACKUP_INTERVAL = timedelta(minutes=30)
#: Pruning keeps this many newest backups ...
KEEP_NEWEST = 10
#: ... and, besides, the newest backup of each of this many last days.
KEEP_DAILY_DAYS = 7
_BACKUP_NAME = re.compile(r"^progress-(\d{8}-\d{6})(?:-(\d+))?\.sqlite3$")
_STAMP_FORMAT = "%Y%m%d-%H%M%S"


class ProgressError(Exception):
    """The progress file could not be opened, read or written; the message says why, for people."""


class DamagedProgressError(ProgressError):
    """The progress file is damaged or unreadable; ``open_with_recovery`` moves it aside.

    ``problem`` completes "Your progress file ...": "is damaged" or "could not be read".
    """

    def __init__(self, message: str, problem: str) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Profile:
    """One learner on this computer."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    #: A stable identity across computers (the xAPI actor's account name).
    uuid: str = ""


@dataclass(frozen=True, slots=True)
class Position:
    """Where a learner last was: the step they last opened, and when."""

    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    at: datetime


class RecoveryAction(StrEnum):
    """What opening did about a damaged progress file."""

    RESTORED = "restored"
    FRESH_START = "fresh start"


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    """What ``open_with_recovery`` did about a damaged or unreadable file, for the learner to read.

    ``kept_aside`` is where the old file now is (None if it could not be kept); ``restored_from``
    and ``backup_taken_at`` name the backup restored; ``rejected_backups`` failed their check.
    """

    action: RecoveryAction
    problem: str
    kept_aside: Path | None
    restored_from: Path | None = None
    backup_taken_at: datetime | None = None
    rejected_backups: tuple[Path, ...] = ()

    @property
    def message(self) -> str:
        """Say in plain words what happened to the learner's progress."""
        lines = [f"Your progress file {self.problem}."]
        if self.kept_aside is not None:
            lines.append(f"The old file has been kept aside as {self.kept_aside.name}.")
        if self.action is RecoveryAction.RESTORED and self.backup_taken_at is not None:
            taken = self.backup_taken_at.astimezone().strftime("%d %B %Y at %H:%M")
            lines.append(
                f"Your progress was restored from the backup taken on {taken}. "
                "Anything you did after that time is not in it."
            )
        else:
            lines.append("No usable backup was found, so Unspun has started a fresh progress file.")
        return " ".join(lines)


@dataclass(frozen=True, slots=True)
class CheckedAnswer:
    """One practice check, committed when the learner checked it."""

    id: int
    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    question_type: str
    result: QuestionResult
    checked_at: datetime
    statement_id: str


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One automatic backup: its file and when it was taken (UTC, from its name)."""

    path: Path
    taken_at: datetime


# ---------------------------------------------------------------- schema and migrations

Migration = Callable[[sqlite3.Connection], None]


def _migration_1(db: sqlite3.Connection) -> None:
    """Create the first schema: profiles, visits, attempts, answers, reflections, positions, settings."""
    statements = [
        """CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_used_at TEXT
        )""",
        """CREATE TABLE visits (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            first_opened_at TEXT NOT NULL,
            last_opened_at TEXT NOT NULL,
            times INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (profile_id, pack_id, module_id, lesson_id, step_key)
        ) WITHOUT ROWID""",
        """CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            measure TEXT CHECK (measure IN ('pre', 'post')),
            started_at TEXT,
            submitted_at TEXT NOT NULL,
            score REAL NOT NULL,
            points_earned REAL NOT NULL,
            points_possible REAL NOT NULL,
            pass_mark REAL NOT NULL,
            passed INTEGER NOT NULL,
            discernment REAL,
            statement_id TEXT NOT NULL UNIQUE
        )""",
        "CREATE INDEX attempts_by_step ON attempts (profile_id, pack_id, module_id, lesson_id, step_key, id)",
        """CREATE TABLE answers (
            attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            question_type TEXT NOT NULL,
            response_json TEXT NOT NULL,
            fraction REAL NOT NULL,
            points REAL NOT NULL,
            points_possible REAL NOT NULL,
            tries INTEGER,
            PRIMARY KEY (attempt_id, question_id)
        )""",
        """CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            text TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )""",
        "CREATE INDEX reflections_by_step ON reflections (profile_id, pack_id, module_id, lesson_id, step_key, id)",
        """CREATE TABLE positions (
            profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL)",
    ]
    for statement in statements:
        db.execute(statement)


def _migration_2(db: sqlite3.Connection) -> None:
    """Add profile UUIDs, practice checks, study time, per-question stats, review items and import ledgers."""
    db.execute("ALTER TABLE profiles ADD COLUMN uuid TEXT")
    for (profile_id,) in db.execute("SELECT id FROM profiles").fetchall():
        db.execute("UPDATE profiles SET uuid = ? WHERE id = ?", (str(uuid.uuid4()), profile_id))
    db.execute("ALTER TABLE reflections ADD COLUMN statement_id TEXT")
    for (reflection_id,) in db.execute("SELECT id FROM reflections").fetchall():
        db.execute("UPDATE reflections SET statement_id = ? WHERE id = ?", (str(uuid.uuid4()), reflection_id))
    statements = [
        "CREATE UNIQUE INDEX profiles_by_uuid ON profiles (uuid)",
        "CREATE UNIQUE INDEX reflections_by_statement ON reflections (statement_id)",
        # A practice check: one answer committed the moment the learner checks it.
        """CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            question_id TEXT NOT NULL,
            question_type TEXT NOT NULL,
            response_json TEXT NOT NULL,
            fraction REAL NOT NULL,
            points REAL NOT NULL,
            points_possible REAL NOT NULL,
            tries INTEGER,
            checked_at TEXT NOT NULL,
            statement_id TEXT NOT NULL UNIQUE
        )""",
        "CREATE INDEX checks_by_profile ON checks (profile_id, checked_at)",
        """CREATE TABLE study_time (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            seconds REAL NOT NULL,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX study_time_by_profile ON study_time (profile_id, pack_id, seconds)",
        # Kept up to date with every recorded attempt, so the dashboard never scans all answers.
        """CREATE TABLE question_stats (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            answered INTEGER NOT NULL,
            first_try_sum REAL NOT NULL,
            PRIMARY KEY (profile_id, pack_id, module_id, question_id)
        ) WITHOUT ROWID""",
        """INSERT INTO question_stats (profile_id, pack_id, module_id, question_id, answered, first_try_sum)
           SELECT attempts.profile_id, attempts.pack_id, attempts.module_id, answers.question_id, count(*),
                  sum(CASE WHEN coalesce(answers.tries, 1) <= 1 THEN answers.fraction ELSE 0 END)
           FROM answers JOIN attempts ON attempts.id = answers.attempt_id
           GROUP BY 1, 2, 3, 4""",
        "CREATE INDEX attempts_by_time ON attempts (profile_id, submitted_at)",
        "CREATE INDEX attempts_passed ON attempts (profile_id, pack_id, module_id, lesson_id, step_key, passed)",
        # Lessons another computer reported completed (imported results).
        """CREATE TABLE completions (
            statement_id TEXT PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            completed_at TEXT NOT NULL
        )""",
        "CREATE INDEX completions_by_profile ON completions (profile_id, pack_id)",
        # Every statement id ever imported, so that importing a file again adds nothing.
        """CREATE TABLE imported_statements (
            statement_id TEXT PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            imported_at TEXT NOT NULL
        )""",
        """CREATE TABLE review_items (
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            lesson_id TEXT NOT NULL,
            step_key TEXT NOT NULL,
            question_type TEXT NOT NULL,
            card_json TEXT NOT NULL,
            due TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (profile_id, pack_id, module_id, question_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX review_items_due ON review_items (profile_id, due)",
        """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            pack_id TEXT NOT NULL,
            module_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('lesson', 'review')),
            fraction REAL NOT NULL,
            rating INTEGER NOT NULL,
            reviewed_at TEXT NOT NULL
        )""",
        "CREATE INDEX reviews_by_item ON reviews (profile_id, pack_id, module_id, question_id, id)",
    ]
    for statement in statements:
        db.execute(statement)


def _migration_3(db: sqlite3.Connection) -> None:
    """Add the outbox of xAPI statements waiting for, or sent to, a Learning Record Store (``lrs.py``)."""
    # Keyed by statement id, so a statement is queued once and its row (and status) outlives restarts.
    db.execute(
        """CREATE TABLE lrs_outbox (
            statement_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE,
            statement_json TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
            queued_at TEXT NOT NULL,
            tries INTEGER NOT NULL DEFAULT 0,
            sent_at TEXT,
            error TEXT
        )"""
    )
    db.execute("CREATE INDEX lrs_outbox_waiting ON lrs_outbox (status, seq)")


#: Migration n (1-based) brings a database from user_version n - 1 to n.
MIGRATIONS: tuple[Migration, ...] = (_migration_1, _migration_2, _migration_3)
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------- helpers


def _now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def to_stamp(moment: datetime) -> str:
    """Format a time for storage: ISO 8601 in UTC, always with microseconds, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


_stamp = to_stamp


def _parse_stamp(text: str | None) -> datetime | None:
    """Read a stored time back, or None when there is none."""
    return None if text is None else datetime.fromisoformat(text)


def _explain(error: BaseException) -> str:
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


def first_try_fraction(fraction: float, tries: int | None) -> float:
    """Score an answer as a first try: one that needed retries counts 0, since the first try missed."""
    return fraction if (tries or 1) <= 1 else 0.0


def _dump_response(response: answers.Response) -> str:
    """Serialize a response for storage; something that is not JSON is stored as unanswered."""
    try:
        return json.dumps(answers.to_json(response), ensure_ascii=False)
    except (TypeError, ValueError):
        return "null"


def _load_response(question_type: str, text: str) -> answers.Response:
    """Restore a stored response; one that cannot be read back counts as unanswered."""
    try:
        return answers.from_json(question_type, json.loads(text))
    except (TypeError, ValueError, AttributeError):
        return None


def _clean_name(name: str) -> str:
    """Return a profile name trimmed, or raise ProgressError when it is empty or too long."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ProgressError("A profile needs a name.")
    if len(cleaned) > MAX_PROFILE_NAME:
        raise ProgressError(f"A profile name can be at most {MAX_PROFILE_NAME} characters long.")
    return cleaned


# ---------------------------------------------------------------- backups and recovery


def _is_damage(error: BaseException) -> bool:
    """Tell whether SQLite reports the file itself as damaged or not a database (not locked, full, ...)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return True
    message = str(error).lower()
    return "malformed" in message or "not a database" in message


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


def _file_stamp(moment: datetime) -> str:
    """Format a time for a file name: UTC, to the second."""
    return moment.astimezone(UTC).strftime(_STAMP_FORMAT)


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    """Return ``folder/stem+suffix``, or with ``-2``, ``-3``... added to the stem when that exists."""
    candidate = folder / f"{stem}{suffix}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{suffix}"
    return candidate


def list_backups(folder: Path | str) -> list[BackupFile]:
    """Return the automatic backups in ``folder``, newest first (other files are ignored)."""
    folder = Path(folder)
    found: list[tuple[datetime, int, Path]] = []
    with suppress(OSError):
        for entry in folder.iterdir():
            match = _BACKUP_NAME.match(entry.name)
            if match is None or not entry.is_file():
                continue
            taken = datetime.strptime(match.group(1), _STAMP_FORMAT).replace(tzinfo=UTC)
            found.append((taken, int(match.group(2) or 1), entry))
    found.sort(reverse=True)
    return [BackupFile(path, taken) for taken, _, path in found]


def backups_to_keep(backups: list[BackupFile], now: datetime) -> set[Path]:
    """Choose the backups the rotation keeps: the newest ``KEEP_NEWEST`` and one a day for ``KEEP_DAILY_DAYS`` days."""
    newest_first = sorted(backups, key=lambda backup: backup.taken_at, reverse=True)
    keep = {backup.path for backup in newest_first[:KEEP_NEWEST]}
    first_day = (now - timedelta(days=KEEP_DAILY_DAYS - 1)).date()
    days_seen: set[object] = set()
    for backup in newest_first:
        day = backup.taken_at.date()
        if first_day <= day <= now.date() and day not in days_seen:
            days_seen.add(day)
            keep.add(backup.path)
    return keep


def prune_backups(folder: Path | str, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the rotation no longer keeps; return those deleted."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now or _now())
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with suppress(FileNotFoundError):  # another instance may prune at the same moment
                backup.path.unlink()
            removed.append(backup.path)
    return removed


def check_backup(path: Path) -> bool:
    """Tell whether a backup file is a healthy progress file this version can read."""
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        return [tuple(row) for row in rows] == [("ok",)] and 1 <= version <= SCHEMA_VERSION
    except sqlite3.Error:
        return False
    finally:
        db.close()


def _move_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged file (and its -wal, -shm, -journal) to ``<name>.corrupt-<stamp>``; return the new path."""
    target = _free_name(path.parent, f"{path.name}.corrupt-{_file_stamp(now)}", "")
    os.replace(path, target)
    for companion in ("-wal", "-shm", "-journal"):
        source = path.with_name(path.name + companion)
        if source.exists():
            os.replace(source, target.with_name(target.name + companion))
    return target


def _restore(backup: Path, path: Path) -> None:
    """Copy a backup into ``path`` page by page with SQLite's backup API."""
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def open_with_recovery(
    path: Path | str, backups_dir: Path | str | None = None, now: datetime | None = None
) -> tuple[ProgressStore, RecoveryReport | None]:
    """Open the progress file with automatic backups, recovering a damaged one; say what was done.

    ``backups_dir`` defaults to ``backups`` beside the file. When the file is damaged or
    unreadable it is moved aside and the newest healthy backup restored (or a fresh file
    started); the returned ``RecoveryReport`` (also ``store.recovery``) says so, and is None when
    the file opened normally. Raises ProgressError when even that fails (read-only folder, full
    disk, a file from a newer Unspun).
    """
    path = Path(path)
    folder = Path(backups_dir) if backups_dir is not None else path.parent / BACKUP_FOLDER
    moment = now or _now()
    report: RecoveryReport | None = None
    try:
        store = ProgressStore.open(path)
    except DamagedProgressError as damage:
        store, report = _recover(path, folder, damage.problem, moment)
    store.backups_dir = folder
    store.recovery = report
    store.backup_if_due(moment)
    return store, report


def _recover(path: Path, folder: Path, problem: str, now: datetime) -> tuple[ProgressStore, RecoveryReport]:
    """Move a damaged file aside and restore the newest healthy backup, or start afresh."""
    try:
        kept_aside = _move_aside(path, now)
    except OSError as error:
        raise ProgressError(
            f"The progress file {path} {problem}, and it could not be moved aside: {_explain(error)}."
        ) from error
    rejected: list[Path] = []
    for backup in list_backups(folder):
        if not check_backup(backup.path):
            rejected.append(backup.path)
            continue
        try:
            _restore(backup.path, path)
            store = ProgressStore.open(path)
        except (OSError, sqlite3.Error, ProgressError):
            rejected.append(backup.path)
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                with suppress(OSError):
                    leftover.unlink()
            continue
        return store, RecoveryReport(
            RecoveryAction.RESTORED, problem, kept_aside, backup.path, backup.taken_at, tuple(rejected)
        )
    store = ProgressStore.open(path)
    return store, RecoveryReport(RecoveryAction.FRESH_START, problem, kept_aside, None, None, tuple(rejected))


# ---------------------------------------------------------------- the store


class ProgressStore:
    """The SQLite file that holds every profile's progress.

    Open it with ``ProgressStore.open(path)``; use it as a context manager or call ``close()``.
    Every failure of SQLite or the file system surfaces as ``ProgressError`` with a message for
    people, never as a raw ``sqlite3`` exception.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        #: Where automatic backups go; None (the default of ``open``) takes none.
        self.backups_dir: Path | None = None
        #: What opening did about a damaged file (set by ``open_with_recovery``), else None.
        self.recovery: RecoveryReport | None = None
        #: Why the last automatic backup failed, if it did (a backup never interrupts the learner).
        self.backup_error: str | None = None
        self._dirty = False
        self._closed = False

    # ------------------------------------------------------------ opening and closing

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
            raise ProgressError(
                f"The progress file {path} could not be opened: {_explain(error)}."
            ) from error
        try:
            cls._configure(connection)
            if not cls._passes_quick_check(connection):
                raise DamagedProgressError(
                    f"The progress file {path} could not be opened: {_explain(sqlite3.DatabaseError('malformed'))}.",
                    "is damaged",
                )
            cls._migrate(connection)
        except (OSError, sqlite3.Error) as error:
            connection.close()
            message = f"The progress file {path} could not be opened: {_explain(error)}."
            if _is_damage(error):
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
            if _is_damage(error):
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
            if version > SCHEMA_VERSION:
                raise ProgressError(
                    "The progress file was written by a newer version of Unspun "
                    f"(schema {version}, this version reads up to {SCHEMA_VERSION}). Update Unspun to open it."
                )
            for number in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[number - 1](db)
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
                f"Progress could not be backed up to {destination}: {_explain(error)}."
            ) from error

    def make_backup(self, now: datetime | None = None) -> Path:
        """Take one automatic backup into ``backups_dir`` now, prune old ones, and return its path."""
        if self.backups_dir is None:
            raise ProgressError("This progress store has no backup folder.")
        moment = now or _now()
        folder = self.backups_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = _free_name(folder, f"progress-{_file_stamp(moment)}", ".sqlite3")
            # Written under another name first, so that a crash never leaves half a backup that looks whole.
            partial = folder / f".{target.name}.{os.getpid()}.partial"
            self.backup(partial)
            os.replace(partial, target)
        except OSError as error:
            raise ProgressError(f"Progress could not be backed up to {folder}: {_explain(error)}.") from error
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
        moment = now or _now()
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

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction, committed to disk before the block's caller goes on."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise ProgressError(
                f"Progress could not be saved: {_explain(error)}. Everything saved before is kept."
            ) from error
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as error:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise ProgressError(
                    f"Progress could not be saved: {_explain(error)}. Everything saved before is kept."
                ) from error
            raise
        self._dirty = True

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """Open one write transaction for the model modules that keep their own tables (review, results).

        The block gets the connection; it commits when the block ends, rolls back if it raises,
        and turns SQLite failures into ProgressError.
        """
        return self._write()

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """Run a parameterized read for the model modules that keep their own tables; return every row."""
        return self._query(sql, parameters)

    def _query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[Any]:
        """Run a read and return every row, wrapping SQLite failures in ProgressError."""
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise ProgressError(f"Progress could not be read: {_explain(error)}.") from error

    def _query_one(self, sql: str, parameters: tuple[Any, ...] = ()) -> Any:
        """Run a read and return its first row, or None."""
        rows = self._query(sql, parameters)
        return rows[0] if rows else None

    # ------------------------------------------------------------ profiles

    def profiles(self) -> list[Profile]:
        """Return every profile, oldest first."""
        rows = self._query("SELECT id, name, created_at, last_used_at, uuid FROM profiles ORDER BY id")
        return [
            Profile(row[0], row[1], datetime.fromisoformat(row[2]), _parse_stamp(row[3]), row[4] or "")
            for row in rows
        ]

    def profile(self, profile_id: int) -> Profile | None:
        """Find one profile by id."""
        return next((p for p in self.profiles() if p.id == profile_id), None)

    def profile_by_uuid(self, profile_uuid: str) -> Profile | None:
        """Find one profile by its stable UUID."""
        return next((p for p in self.profiles() if p.uuid == profile_uuid), None)

    def create_profile(self, name: str, profile_uuid: str | None = None) -> int:
        """Add a profile (with a new UUID unless one is given, as on import) and return its id."""
        cleaned = _clean_name(name)
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO profiles (name, created_at, uuid) VALUES (?, ?, ?)",
                (cleaned, _stamp(_now()), profile_uuid or str(uuid.uuid4())),
            )
            return int(cursor.lastrowid or 0)

    def rename_profile(self, profile_id: int, name: str) -> None:
        """Give a profile a new name."""
        cleaned = _clean_name(name)
        with self._write() as db:
            db.execute("UPDATE profiles SET name = ? WHERE id = ?", (cleaned, profile_id))

    def delete_profile(self, profile_id: int) -> None:
        """Delete a profile and everything recorded for it."""
        with self._write() as db:
            db.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))

    def touch_profile(self, profile_id: int) -> None:
        """Mark a profile as the one used last."""
        with self._write() as db:
            db.execute("UPDATE profiles SET last_used_at = ? WHERE id = ?", (_stamp(_now()), profile_id))

    def ensure_default_profile(self) -> int:
        """Return the profile used last, creating one called "Learner" when there is none."""
        row = self._query_one(
            "SELECT id FROM profiles ORDER BY last_used_at IS NULL, last_used_at DESC, id DESC LIMIT 1"
        )
        if row is not None:
            return int(row[0])
        profile_id = self.create_profile(DEFAULT_PROFILE_NAME)
        self.touch_profile(profile_id)
        return profile_id

    # ------------------------------------------------------------ visits and positions

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
        now = _stamp(_now())
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
        return Position(row[0], row[1], row[2], row[3], datetime.fromisoformat(row[4]))

    # ------------------------------------------------------------ quiz attempts

    def record_attempt(
        self,
        profile_id: int,
        pack_id: str,
        module_id: str,
        lesson_id: str,
        step_key: str,
        result: QuizResult,
        question_types: dict[str, str],
        measure: str | None,
        tries: dict[str, int] | None = None,
        statement_id: str | None = None,
    ) -> int:
        """Record one quiz attempt with every answer, in one transaction; return the attempt's id.

        ``statement_id`` names the attempt in exported results; it is made up unless given (import).
        """
        tries = tries or {}
        submitted = result.submitted_at or _now()
        started = None if result.started_at is None else _stamp(result.started_at)
        with self._write() as db:
            cursor = db.execute(
                """INSERT INTO attempts (profile_id, pack_id, module_id, lesson_id, step_key, measure,
                       started_at, submitted_at, score, points_earned, points_possible, pass_mark, passed,
                       discernment, statement_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    profile_id,
                    pack_id,
                    module_id,
                    lesson_id,
                    step_key,
                    measure,
                    started,
                    _stamp(submitted),
                    result.score,
                    result.points_earned,
                    result.points_possible,
                    result.pass_mark,
                    int(result.passed),
                    result.discernment,
                    statement_id or str(uuid.uuid4()),
                ),
            )
            attempt_id = int(cursor.lastrowid or 0)
            db.executemany(
                """INSERT INTO answers (attempt_id, position, question_id, question_type, response_json,
                       fraction, points, points_possible, tries)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (
                        attempt_id,
                        position,
                        answer.question_id,
                        question_types.get(answer.question_id, ""),
                        _dump_response(answer.response),
                        answer.fraction,
                        answer.points_earned,
                        answer.points_possible,
                        tries.get(answer.question_id, answer.tries),
                    )
                    for position, answer in enumerate(result.results)
                ],
            )
            db.executemany(
                """INSERT INTO question_stats (profile_id, pack_id, module_id, question_id, answered, first_try_sum)
                   VALUES (?, ?, ?, ?, 1, ?)
                   ON CONFLICT (profile_id, pack_id, module_id, question_id) DO UPDATE SET
                       answered = answered + 1, first_try_sum = first_try_sum + excluded.first_try_sum""",
                [
                    (
                        profile_id,
                        pack_id,
                        module_id,
                        answer.question_id,
                        first_try_fraction(answer.fraction, tries.get(answer.question_id, answer.tries)),
                    )
                    for answer in result.results
                ],
            )
        return attempt_id

    def attempt_statement_id(self, attempt_id: int) -> str | None:
        """Return the statement id that names an attempt in exported results."""
        row = self._query_one("SELECT statement_id FROM attempts WHERE id = ?", (attempt_id,))
        return None if row is None else str(row[0])

    def first_attempt(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> QuizResult | None:
        """Return a learner's first attempt at one quiz with its answers, reading nothing else."""
        row = self._query_one(
            """SELECT id FROM attempts
               WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?
               ORDER BY id LIMIT 1""",
            (profile_id, pack_id, module_id, lesson_id, step_key),
        )
        return None if row is None else self.attempt(int(row[0]))

    def attempt(self, attempt_id: int) -> QuizResult | None:
        """Return one attempt by id with its answers, or None."""
        from app.model.session import QuestionResult, QuizResult

        row = self._query_one(
            "SELECT pass_mark, discernment, started_at, submitted_at FROM attempts WHERE id = ?",
            (attempt_id,),
        )
        if row is None:
            return None
        answer_rows = self._query(
            """SELECT question_id, question_type, response_json, fraction, points, points_possible, tries
               FROM answers WHERE attempt_id = ? ORDER BY position""",
            (attempt_id,),
        )
        results = tuple(
            QuestionResult(qid, _load_response(kind, response), fraction, points, possible, tried, kind)
            for qid, kind, response, fraction, points, possible, tried in answer_rows
        )
        return QuizResult(results, row[0], row[1], attempt_id, _parse_stamp(row[2]), _parse_stamp(row[3]))

    # ------------------------------------------------------------ single answers and time

    def record_answer(
        self,
        profile_id: int,
        pack_id: str,
        module_id: str,
        lesson_id: str,
        step_key: str,
        result: QuestionResult,
        question_type: str,
        checked_at: datetime | None = None,
        statement_id: str | None = None,
    ) -> int:
        """Commit one checked answer (practice mode) the moment it is given; return its id."""
        with self._write() as db:
            cursor = db.execute(
                """INSERT INTO checks (profile_id, pack_id, module_id, lesson_id, step_key, question_id,
                       question_type, response_json, fraction, points, points_possible, tries, checked_at,
                       statement_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    profile_id,
                    pack_id,
                    module_id,
                    lesson_id,
                    step_key,
                    result.question_id,
                    question_type,
                    _dump_response(result.response),
                    result.fraction,
                    result.points_earned,
                    result.points_possible,
                    result.tries,
                    _stamp(checked_at or _now()),
                    statement_id or str(uuid.uuid4()),
                ),
            )
            return int(cursor.lastrowid or 0)

    def checks(self, profile_id: int, pack_id: str | None = None) -> list[CheckedAnswer]:
        """Return a learner's practice checks, oldest first, in one pack or all."""
        from app.model.session import QuestionResult

        rows = self._query(
            """SELECT id, pack_id, module_id, lesson_id, step_key, question_id, question_type, response_json,
                      fraction, points, points_possible, tries, checked_at, statement_id
               FROM checks WHERE profile_id = ? AND (? IS NULL OR pack_id = ?) ORDER BY id""",
            (profile_id, pack_id, pack_id),
        )
        return [
            CheckedAnswer(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[6],
                QuestionResult(
                    row[5], _load_response(row[6], row[7]), row[8], row[9], row[10], row[11], row[6]
                ),
                datetime.fromisoformat(row[12]),
                row[13],
            )
            for row in rows
        ]

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
            (*where, min(seconds, MAX_STEP_SECONDS), _stamp(_now())),
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

    def attempts(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> list[QuizResult]:
        """Return a learner's attempts at one quiz, oldest first, with their answers."""
        from app.model.session import QuestionResult, QuizResult

        where = (profile_id, pack_id, module_id, lesson_id, step_key)
        attempt_rows = self._query(
            """SELECT id, pass_mark, discernment, started_at, submitted_at FROM attempts
               WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?
               ORDER BY id""",
            where,
        )
        if not attempt_rows:
            return []
        answer_rows = self._query(
            """SELECT attempt_id, question_id, question_type, response_json, fraction, points,
                      points_possible, tries
               FROM answers WHERE attempt_id IN (
                   SELECT id FROM attempts
                   WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?)
               ORDER BY attempt_id, position""",
            where,
        )
        by_attempt: dict[int, list[QuestionResult]] = {}
        for (
            attempt_id,
            question_id,
            question_type,
            response_json,
            fraction,
            points,
            possible,
            tried,
        ) in answer_rows:
            by_attempt.setdefault(attempt_id, []).append(
                QuestionResult(
                    question_id,
                    _load_response(question_type, response_json),
                    fraction,
                    points,
                    possible,
                    tried,
                    question_type,
                )
            )
        return [
            QuizResult(
                tuple(by_attempt.get(attempt_id, [])),
                pass_mark,
                discernment,
                attempt_id,
                _parse_stamp(started_at),
                _parse_stamp(submitted_at),
            )
            for attempt_id, pass_mark, discernment, started_at, submitted_at in attempt_rows
        ]

    # ------------------------------------------------------------ reflections

    def save_reflection(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str, text: str
    ) -> None:
        """Save a learner's reflection; earlier versions are kept as its history."""
        if text == self.reflection(profile_id, pack_id, module_id, lesson_id, step_key):
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
                    _stamp(_now()),
                    str(uuid.uuid4()),
                ),
            )

    def reflection_history(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> list[tuple[datetime, str]]:
        """Return every saved version of a reflection as (saved at, text), oldest first."""
        rows = self._query(
            """SELECT saved_at, text FROM reflections
               WHERE profile_id = ? AND pack_id = ? AND module_id = ? AND lesson_id = ? AND step_key = ?
               ORDER BY id""",
            (profile_id, pack_id, module_id, lesson_id, step_key),
        )
        return [(datetime.fromisoformat(row[0]), row[1]) for row in rows]

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

    # ------------------------------------------------------------ settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return a stored UI setting, or ``default`` when it is unset or unreadable."""
        row = self._query_one("SELECT value_json FROM settings WHERE key = ?", (key,))
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except ValueError:
            return default

    def set_setting(self, key: str, value: Any) -> None:
        """Store a small UI setting as JSON (raises ProgressError for a value JSON cannot hold)."""
        try:
            encoded = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError) as error:
            raise ProgressError(f"The setting {key!r} cannot be stored: {error}.") from error
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value_json) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
                (key, encoded),
            )
