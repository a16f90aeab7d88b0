"""The learner's progress in SQLite: profiles, visits, quiz attempts, reflections, UI settings.

SQLite in WAL mode with ``synchronous=FULL`` survives a killed process without losing an
acknowledged commit, where rewriting a JSON file does not (see ``guides/security.md``). The
connection runs with ``isolation_level=None`` and explicit ``BEGIN IMMEDIATE``/``COMMIT``, so that
Python's implicit transactions never leave a row uncommitted, and every write has returned only
once it is on disk. Every statement is parameterized: pack ids, titles and learner text are
stored verbatim, whatever they hold.

The schema version is ``PRAGMA user_version``. ``MIGRATIONS`` holds one function per version,
applied in order inside one transaction each; a later version adds one function to the list.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from app.model import answers
from app.model.session import QuestionResult, QuizResult

DEFAULT_PROFILE_NAME = "Learner"
#: How long a write waits for another process's lock before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 5000
MAX_PROFILE_NAME = 200


class ProgressError(Exception):
    """The progress file could not be opened, read or written; the message says why, for people."""


@dataclass(frozen=True, slots=True)
class Profile:
    """One learner on this computer."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True, slots=True)
class Position:
    """Where a learner last was: the step they last opened, and when."""

    pack_id: str
    module_id: str
    lesson_id: str
    step_key: str
    at: datetime


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


#: Migration n (1-based) brings a database from user_version n - 1 to n.
MIGRATIONS: tuple[Migration, ...] = (_migration_1,)
SCHEMA_VERSION = len(MIGRATIONS)


# ---------------------------------------------------------------- helpers


def _now() -> datetime:
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    """Format a time for storage: ISO 8601 in UTC, always with microseconds, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _parse_stamp(text: str | None) -> datetime | None:
    """Read a stored time back, or None when there is none."""
    return None if text is None else datetime.fromisoformat(text)


def _explain(error: BaseException) -> str:
    """Say in plain words why SQLite or the file system failed."""
    message = str(error).lower()
    if isinstance(error, PermissionError) or "readonly" in message or "read-only" in message:
        return "the folder or file is read-only"
    if "locked" in message or "busy" in message:
        return "another copy of Unspun is using it; close it and try again"
    if "full" in message or "no space" in message:
        return "the disk is full"
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return "the file is damaged or is not an Unspun progress file"
    if "unable to open" in message or isinstance(error, FileNotFoundError | NotADirectoryError):
        return "the folder does not exist or cannot be written to"
    return str(error) or type(error).__name__


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

    # ------------------------------------------------------------ opening and closing

    @classmethod
    def open(cls, path: Path | str) -> ProgressStore:
        """Open (creating if needed) the progress file at ``path`` and bring its schema up to date."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except (OSError, sqlite3.Error) as error:
            raise ProgressError(
                f"The progress file {path} could not be opened: {_explain(error)}."
            ) from error
        try:
            cls._configure(connection)
            cls._migrate(connection)
        except (OSError, sqlite3.Error) as error:
            connection.close()
            # Backups and recovery of a damaged file hook in here (a later issue).
            raise ProgressError(
                f"The progress file {path} could not be opened: {_explain(error)}."
            ) from error
        except ProgressError:
            connection.close()
            raise
        return cls(connection, path)

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
            rows = self._db.execute("PRAGMA quick_check").fetchall()
        except sqlite3.DatabaseError:
            # Some damage makes the check itself raise instead of reporting rows.
            return False
        return [tuple(row) for row in rows] == [("ok",)]

    def backup(self, destination: Path | str) -> None:
        """Write a consistent copy of the whole file to ``destination`` (a plain copy can miss WAL commits)."""
        try:
            target = sqlite3.connect(destination)
            try:
                self._db.backup(target)
            finally:
                target.close()
        except (OSError, sqlite3.Error) as error:
            raise ProgressError(
                f"Progress could not be backed up to {destination}: {_explain(error)}."
            ) from error

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        with suppress(sqlite3.Error):
            self._db.close()

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
            raise ProgressError(f"Progress could not be saved: {_explain(error)}.") from error
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as error:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise ProgressError(f"Progress could not be saved: {_explain(error)}.") from error
            raise

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
        rows = self._query("SELECT id, name, created_at, last_used_at FROM profiles ORDER BY id")
        return [Profile(row[0], row[1], datetime.fromisoformat(row[2]), _parse_stamp(row[3])) for row in rows]

    def profile(self, profile_id: int) -> Profile | None:
        """Find one profile by id."""
        return next((p for p in self.profiles() if p.id == profile_id), None)

    def create_profile(self, name: str) -> int:
        """Add a profile and return its id."""
        cleaned = _clean_name(name)
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO profiles (name, created_at) VALUES (?, ?)", (cleaned, _stamp(_now()))
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
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> None:
        """Record that a learner opened a step, and make it their last position."""
        now = _stamp(_now())
        with self._write() as db:
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
    ) -> int:
        """Record one quiz attempt with every answer, in one transaction; return the attempt's id."""
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
                    str(uuid.uuid4()),
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
        return attempt_id

    def attempts(
        self, profile_id: int, pack_id: str, module_id: str, lesson_id: str, step_key: str
    ) -> list[QuizResult]:
        """Return a learner's attempts at one quiz, oldest first, with their answers."""
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
                """INSERT INTO reflections (profile_id, pack_id, module_id, lesson_id, step_key, text, saved_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (profile_id, pack_id, module_id, lesson_id, step_key, text, _stamp(_now())),
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
