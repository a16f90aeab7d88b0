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

from app.model.progress.backups import (
    BACKUP_FOLDER,
    BACKUP_INTERVAL,
    KEEP_DAILY_DAYS,
    KEEP_NEWEST,
    BackupFile,
    backups_to_keep,
    check_backup,
    list_backups,
    prune_backups,
)
from app.model.progress.base import (
    BUSY_TIMEOUT_MS,
    DamagedProgressError,
    ProgressError,
    to_stamp,
)
from app.model.progress.migrations import MIGRATIONS, SCHEMA_VERSION
from app.model.progress.profiles import DEFAULT_PROFILE_NAME, MAX_PROFILE_NAME
from app.model.progress.records import (
    AttemptSummary,
    CheckedAnswer,
    OutboxEntry,
    Position,
    Profile,
    ProfileHoldings,
    RecoveryAction,
    RecoveryReport,
    StoredAnswer,
    StoredAttempt,
    StoredReflection,
    StoredReviewItem,
)
from app.model.progress.recovery import open_with_recovery
from app.model.progress.store import ProgressStore
from app.model.progress.visits import MAX_STEP_SECONDS

__all__ = [
    "BACKUP_FOLDER",
    "BACKUP_INTERVAL",
    "BUSY_TIMEOUT_MS",
    "DEFAULT_PROFILE_NAME",
    "KEEP_DAILY_DAYS",
    "KEEP_NEWEST",
    "MAX_PROFILE_NAME",
    "MAX_STEP_SECONDS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AttemptSummary",
    "BackupFile",
    "CheckedAnswer",
    "DamagedProgressError",
    "OutboxEntry",
    "Position",
    "Profile",
    "ProfileHoldings",
    "ProgressError",
    "ProgressStore",
    "RecoveryAction",
    "RecoveryReport",
    "StoredAnswer",
    "StoredAttempt",
    "StoredReflection",
    "StoredReviewItem",
    "backups_to_keep",
    "check_backup",
    "list_backups",
    "open_with_recovery",
    "prune_backups",
    "to_stamp",
]
